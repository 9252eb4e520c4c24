import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Lv2enError } from '../core/errors.js';
import { nodeAt, readYamlFile, type YamlFile } from '../core/yaml-file.js';
import { checkFormats, DEFAULT_FORMATS } from '../formats/index.js';
import { STAGES } from '../stages/index.js';

export interface PipelineDefinition {
  path: string;
  /** Stage names, in the order of STAGES. */
  stages: string[];
  outputs: string[];
  /** Undefined: the models config's default. */
  model: string | undefined;
  /** Paths of glossary files or folders; `null` for none; `'default'` for the shipped glossary. */
  glossary: string[] | null | 'default';
  filesInParallel: number;
}

export const DEFAULT_PIPELINE = fileURLToPath(new URL('../../pipeline/default.yaml', import.meta.url));

export async function loadPipeline(path: string = DEFAULT_PIPELINE): Promise<PipelineDefinition> {
  const file: YamlFile = await readYamlFile(path, 'PIPELINE_CONFIG');
  const raw = (file.value ?? {}) as Record<string, unknown>;
  const known = STAGES.map((stage) => stage.name);
  const stages = (raw.stages ?? known) as unknown;
  if (!Array.isArray(stages) || !stages.every((s) => known.includes(s))) {
    file.fail(nodeAt(file, ['stages']), `stages must be a list drawn from ${known.join(', ')}`, 'Fix the stages: list');
  }
  const ordered = known.filter((s) => stages.includes(s));
  if (ordered.join() !== stages.join())
    file.fail(nodeAt(file, ['stages']), `stages must run in the order ${known.join(' → ')}`, 'Reorder the list');
  const missing = STAGES.filter((stage) => stage.required && !stages.includes(stage.name)).map((stage) => stage.name);
  if (missing.length > 0)
    file.fail(nodeAt(file, ['stages']), `stages lacks ${missing.join(', ')}`, 'Add them: a translate job cannot run without them');

  const outputs = (raw.outputs ?? [...DEFAULT_FORMATS]) as unknown;
  if (!Array.isArray(outputs) || outputs.some((o) => typeof o !== 'string'))
    file.fail(nodeAt(file, ['outputs']), 'outputs must be a list of format names', 'e.g. `outputs: [jsonl, tsv, txt]`');
  try {
    checkFormats(outputs);
  } catch (error) {
    if (error instanceof Lv2enError) file.fail(nodeAt(file, ['outputs']), error.message, error.hint);
    throw error;
  }

  const model = raw.model === undefined || raw.model === 'default' ? undefined : String(raw.model);
  const glossary = parseGlossarySetting(raw.glossary, dirname(path));
  const filesInParallel = Number(raw.files_in_parallel ?? 2);
  if (!Number.isInteger(filesInParallel) || filesInParallel < 1)
    file.fail(nodeAt(file, ['files_in_parallel']), 'files_in_parallel must be a whole number ≥ 1', 'e.g. 2');
  return { path, stages: stages as string[], outputs, model, glossary, filesInParallel };
}

function parseGlossarySetting(value: unknown, baseDir: string): PipelineDefinition['glossary'] {
  if (value === undefined || value === 'default') return 'default';
  if (value === 'none' || value === null || value === false) return null;
  const paths = Array.isArray(value) ? value.map(String) : [String(value)];
  return paths.map((p) => resolve(baseDir, p));
}
