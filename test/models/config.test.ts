import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findModel, loadModelsConfig } from '../../src/models/config.js';
import { Lv2enError } from '../../src/core/errors.js';

async function configFile(text: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'lv2en-models-')), 'models.config.yaml');
  await writeFile(path, text);
  return path;
}

describe('models.config.yaml', () => {
  it('ships the default, the single-pair model and the toy fixture', async () => {
    const config = await loadModelsConfig();
    expect(config.defaultModel).toBe('opus-mt-bat-en');
    expect(findModel(config, undefined).source).toEqual({ kind: 'hub', id: 'Xenova/opus-mt-bat-en' });
    expect(findModel(config, undefined).dtype).toBe('q8');
    expect(findModel(config, 'opus-mt-lv-en').source.kind).toBe('path');
    const toy = findModel(config, 'toy');
    expect(toy.fixture).toBe(true);
    expect(toy.source).toEqual({ kind: 'generated', generator: 'toy' });
    expect(findModel(config, undefined).fixture).toBe(false);
  });

  it('names the known models when asked for an unknown one', async () => {
    const config = await loadModelsConfig();
    const error = (() => {
      try {
        findModel(config, 'opus-mt-xx');
      } catch (e) {
        return e as Lv2enError;
      }
    })();
    expect(error?.code).toBe('MODEL_UNKNOWN');
    expect(error?.toOneLine()).toMatch(/^unknown model "opus-mt-xx"\. Use one of: opus-mt-bat-en, opus-mt-lv-en, toy/);
  });

  it('reports a bad setting at its line and column', async () => {
    const path = await configFile('default: a\nmodels:\n  a:\n    source: { hub: x/y }\n    decode:\n      num_beams: zero\n');
    const error = await loadModelsConfig(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Lv2enError);
    expect((error as Lv2enError).location).toMatchObject({ file: path, line: 6, column: 18 });
    expect((error as Lv2enError).message).toContain('num_beams');
  });

  it('reports YAML syntax errors with a position', async () => {
    const path = await configFile('models:\n  a: [unclosed\n');
    const error = (await loadModelsConfig(path).catch((e: unknown) => e)) as Lv2enError;
    expect(error.code).toBe('MODEL_CONFIG');
    expect(error.location.line).toBeGreaterThan(0);
  });

  it('resolves relative model folders against the config file', async () => {
    const path = await configFile('models:\n  local:\n    source: { path: ./m }\n');
    const spec = findModel(await loadModelsConfig(path), 'local');
    expect(spec.source).toEqual({ kind: 'path', path: join(path, '..', 'm') });
  });
});
