import { dirname, isAbsolute, resolve } from 'node:path';
import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Lv2enError } from '../core/errors.js';
import { nodeAt, readYamlFile, type YamlFile } from '../core/yaml-file.js';

export type ModelDtype = 'q8' | 'fp32';
export type GeneratedModelKind = 'toy' | 'full';

export type ModelSource =
  | { kind: 'hub'; id: string }
  | { kind: 'path'; path: string }
  | { kind: 'generated'; generator: GeneratedModelKind };

export interface DecodeSettings {
  numBeams: number;
  maxNewTokens: number;
  /** Sentences are grouped into batches of at most this many padded source tokens × beams. */
  batchTokens: number;
  /** α of the beam score sum(log p) / length^α (HF length_penalty, Marian --normalize). */
  lengthPenalty: number;
  /** When a sentence's beam search stops (HF early_stopping: true, false or "never"). */
  earlyStopping: boolean | 'never';
}

export interface ModelSpec {
  name: string;
  description: string;
  source: ModelSource;
  dtype: ModelDtype;
  /** A generated test or benchmark model: never a default, never a fallback. */
  fixture: boolean;
  decode: DecodeSettings;
}

export interface ModelsConfig {
  path: string;
  defaultModel: string;
  models: Map<string, ModelSpec>;
}

export const PACKAGE_MODELS_CONFIG = fileURLToPath(new URL('../../models.config.yaml', import.meta.url));

// batch_tokens 3072: 64 rows (translate/batching.ts MAX_BATCH_ROWS) of sentences up to 48 tokens greedy, or 16 sentences × 4 beams.
const DECODE_DEFAULTS: DecodeSettings = { numBeams: 4, maxNewTokens: 512, batchTokens: 3072, lengthPenalty: 1, earlyStopping: false };
const GENERATORS: readonly GeneratedModelKind[] = ['toy', 'full'];
const DTYPES: readonly ModelDtype[] = ['q8', 'fp32'];

export async function loadModelsConfig(path: string = process.env.LV2EN_MODELS_CONFIG ?? PACKAGE_MODELS_CONFIG): Promise<ModelsConfig> {
  const file: YamlFile = await readYamlFile(path, 'MODEL_CONFIG');
  const root = file.value as Record<string, unknown> | null;
  if (!root || typeof root !== 'object' || !root.models || typeof root.models !== 'object') {
    file.fail(file.document.contents, 'models config needs a `models:` mapping', 'See the comments at the top of models.config.yaml');
  }
  const models = new Map<string, ModelSpec>();
  for (const [name, raw] of Object.entries(root.models as Record<string, unknown>)) {
    models.set(name, parseModel(file, name, raw));
  }
  const defaultModel = typeof root.default === 'string' ? root.default : [...models.keys()][0];
  if (!defaultModel || !models.has(defaultModel)) {
    file.fail(
      nodeAt(file, ['default']),
      `default model "${String(root.default)}" is not defined under models:`,
      'Name one of the models defined below it',
    );
  }
  return { path, defaultModel, models };
}

function parseModel(file: YamlFile, name: string, raw: unknown): ModelSpec {
  const at = (...keys: string[]) => nodeAt(file, ['models', name, ...keys]);
  if (!raw || typeof raw !== 'object') file.fail(at(), `model "${name}" must be a mapping`, 'Give it at least a source:');
  const entry = raw as Record<string, unknown>;
  const dtype = (entry.dtype ?? 'q8') as ModelDtype;
  if (!DTYPES.includes(dtype))
    file.fail(at('dtype'), `model "${name}": dtype "${String(dtype)}" is not supported`, `Use one of: ${DTYPES.join(', ')}`);
  return {
    name,
    description: typeof entry.description === 'string' ? entry.description.trim() : '',
    source: parseSource(file, name, entry.source, at),
    dtype,
    fixture: entry.fixture === true,
    decode: parseDecode(file, name, entry.decode, at),
  };
}

function parseSource(file: YamlFile, name: string, raw: unknown, at: (...keys: string[]) => ReturnType<typeof nodeAt>): ModelSource {
  const source = (raw ?? {}) as Record<string, unknown>;
  const given = ['hub', 'path', 'generated'].filter((key) => typeof source[key] === 'string');
  if (given.length !== 1) {
    file.fail(
      at('source'),
      `model "${name}": source needs exactly one of hub, path or generated`,
      'e.g. `source: { hub: Xenova/opus-mt-bat-en }`',
    );
  }
  if (typeof source.hub === 'string') return { kind: 'hub', id: source.hub };
  if (typeof source.path === 'string') return { kind: 'path', path: resolveConfigPath(file.path, source.path) };
  const generator = source.generated as GeneratedModelKind;
  if (!GENERATORS.includes(generator)) {
    file.fail(at('source', 'generated'), `model "${name}": unknown generator "${generator}"`, `Use one of: ${GENERATORS.join(', ')}`);
  }
  return { kind: 'generated', generator };
}

function parseDecode(file: YamlFile, name: string, raw: unknown, at: (...keys: string[]) => ReturnType<typeof nodeAt>): DecodeSettings {
  const decode = (raw ?? {}) as Record<string, unknown>;
  const positive = (key: string, fallback: number): number => {
    const value = decode[key] ?? fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      file.fail(
        at('decode', key),
        `model "${name}": decode.${key} must be a whole number ≥ 1`,
        `Remove it to use ${fallback}, or give a number`,
      );
    }
    return value;
  };
  const lengthPenalty = decode.length_penalty ?? DECODE_DEFAULTS.lengthPenalty;
  if (typeof lengthPenalty !== 'number' || !Number.isFinite(lengthPenalty)) {
    file.fail(
      at('decode', 'length_penalty'),
      `model "${name}": decode.length_penalty must be a number`,
      `Remove it to use ${DECODE_DEFAULTS.lengthPenalty}, or give e.g. 0.6`,
    );
  }
  const earlyStopping = decode.early_stopping ?? DECODE_DEFAULTS.earlyStopping;
  if (typeof earlyStopping !== 'boolean' && earlyStopping !== 'never') {
    file.fail(
      at('decode', 'early_stopping'),
      `model "${name}": decode.early_stopping must be true, false or never`,
      `Remove it to use ${String(DECODE_DEFAULTS.earlyStopping)}`,
    );
  }
  return {
    numBeams: positive('num_beams', DECODE_DEFAULTS.numBeams),
    maxNewTokens: positive('max_new_tokens', DECODE_DEFAULTS.maxNewTokens),
    batchTokens: positive('batch_tokens', DECODE_DEFAULTS.batchTokens),
    lengthPenalty,
    earlyStopping,
  };
}

function resolveConfigPath(configPath: string, path: string): string {
  if (path === '~' || path.startsWith('~/')) return resolve(homedir(), path.slice(2));
  return isAbsolute(path) ? path : resolve(dirname(configPath), path);
}

export function findModel(config: ModelsConfig, name: string | undefined): ModelSpec {
  const wanted = name ?? config.defaultModel;
  const spec = config.models.get(wanted);
  if (!spec) {
    const known = [...config.models.keys()].join(', ');
    throw new Lv2enError('MODEL_UNKNOWN', `unknown model "${wanted}"`, `Use one of: ${known} (\`lv2en models list\` describes them)`);
  }
  return spec;
}
