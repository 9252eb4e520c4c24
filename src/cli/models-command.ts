import type { Command } from 'commander';
import { cacheRoot, loadModelsConfig } from '../index.js';

export function registerModels(program: Command): void {
  const models = program.command('models').description('the translation models lv2en knows');
  models
    .command('list')
    .description('list the models in models.config.yaml, where their files come from and how they decode')
    .option('--config <file>', 'a models config other than the package default (also LV2EN_MODELS_CONFIG)')
    .action(async (flags: { config?: string }) => {
      const config = await loadModelsConfig(flags.config);
      const out: string[] = [`models from ${config.path}; cache: ${cacheRoot()}`];
      for (const spec of config.models.values()) {
        const source =
          spec.source.kind === 'hub'
            ? `hub ${spec.source.id}`
            : spec.source.kind === 'path'
              ? `folder ${spec.source.path}`
              : `generated (${spec.source.generator})`;
        const marks = [spec.name === config.defaultModel ? 'default' : '', spec.fixture ? 'test fixture' : ''].filter(Boolean).join(', ');
        out.push(`${spec.name}${marks ? ` (${marks})` : ''}`);
        out.push(`    ${spec.description}`);
        out.push(`    source: ${source}; dtype ${spec.dtype}; beams ${spec.decode.numBeams}; max new tokens ${spec.decode.maxNewTokens}`);
      }
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
