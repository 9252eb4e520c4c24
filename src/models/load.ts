import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import {
  AutoModelForSeq2SeqLM,
  AutoTokenizer,
  env,
  LogLevel,
  type PreTrainedModel,
  type PreTrainedTokenizer,
} from '@huggingface/transformers';
import { Lv2enError } from '../core/errors.js';
import type { ModelSpec } from './config.js';
import { cacheRoot, generatedModelDir, hubCacheDir } from './cache.js';
import { filesFor } from './files.js';
import { ensureGeneratedModel } from './generated.js';

export interface LoadedModel {
  spec: ModelSpec;
  tokenizer: PreTrainedTokenizer;
  model: PreTrainedModel;
  /** Where the files were read from: a folder, or a hub id plus the cache folder. */
  location: string;
}

export interface LoadOptions {
  /** onnxruntime intra-op threads; defaults to the machine's cores. */
  threads?: number;
  /** Refuse network access even for hub models (also LV2EN_OFFLINE=1). */
  offline?: boolean;
}

export async function loadModel(spec: ModelSpec, options: LoadOptions = {}): Promise<LoadedModel> {
  const { modelId, location, remote } = await locateModelFiles(spec, options);
  configureLibrary(remote);
  // Spinning intra-op threads steal the cores our scoring graphs and the other file's work need between decoder steps.
  const sessionOptions = {
    intraOpNumThreads: options.threads ?? availableParallelism(),
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  };
  try {
    const tokenizer = await AutoTokenizer.from_pretrained(modelId);
    const model = await AutoModelForSeq2SeqLM.from_pretrained(modelId, { dtype: spec.dtype, session_options: sessionOptions });
    return { spec, tokenizer, model, location };
  } catch (error) {
    throw unavailable(spec, location, error);
  }
}

interface ModelFiles {
  /** What transformers.js is given: an absolute folder, or a hub id. */
  modelId: string;
  location: string;
  remote: boolean;
}

async function locateModelFiles(spec: ModelSpec, options: LoadOptions): Promise<ModelFiles> {
  const { source } = spec;
  switch (source.kind) {
    case 'generated': {
      const dir = generatedModelDir(source.generator);
      await ensureGeneratedModel(source.generator, dir);
      return { modelId: dir, location: dir, remote: false };
    }
    case 'path': {
      if (!(await exists(join(source.path, 'config.json')))) {
        throw new Lv2enError(
          'MODEL_UNAVAILABLE',
          `model "${spec.name}": no model files in ${source.path}`,
          'Convert the model into that folder once (README, "Models"), or point source.path in models.config.yaml at your copy',
        );
      }
      return { modelId: source.path, location: source.path, remote: false };
    }
    case 'hub': {
      const offline = options.offline ?? process.env.LV2EN_OFFLINE === '1';
      return { modelId: source.id, location: `${source.id} (cached in ${hubCacheDir()})`, remote: !offline };
    }
  }
}

/** transformers.js keeps its settings in one global object, so set all of them on every load. */
function configureLibrary(remote: boolean): void {
  env.allowLocalModels = true;
  env.allowRemoteModels = remote;
  env.cacheDir = hubCacheDir();
  env.useFSCache = true;
  // MarianTokenizer warns on every load about features we do not use.
  env.logLevel = LogLevel.ERROR;
}

function unavailable(spec: ModelSpec, location: string, error: unknown): Lv2enError {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  const hint =
    spec.source.kind === 'hub'
      ? `Connect to the network once so it can be fetched into ${cacheRoot()}, or download it elsewhere and point source.path in models.config.yaml at the folder; try --model toy to test the pipeline offline`
      : `Check that the folder holds a transformers.js export (${filesFor(spec.dtype).join(', ')}; decoder_model and decoder_with_past_model may be missing)`;
  return new Lv2enError(
    'MODEL_UNAVAILABLE',
    `model "${spec.name}" could not be loaded from ${location} (${reason})`,
    hint,
    {},
    { cause: error },
  );
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
