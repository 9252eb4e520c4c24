import { access, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { availableParallelism } from 'node:os';
import { AutoModelForSeq2SeqLM, AutoTokenizer, env, LogLevel, type PreTrainedTokenizer } from '@huggingface/transformers';
import { Lv2enError } from '../core/errors.js';
import { CrossAttentionModel, DecodingModel, type DecodingModelOptions } from '../decode/index.js';
import type { ExportFiles } from '../decode/prepare.js';
import type { ModelDtype, ModelSpec } from './config.js';
import { cacheRoot, generatedModelDir, hubCacheDir } from './cache.js';
import { filesFor, onnxFile, type OnnxStem } from './files.js';
import { ensureGeneratedModel } from './generated.js';

export interface LoadedModel {
  spec: ModelSpec;
  tokenizer: PreTrainedTokenizer;
  /** config.json with generation_config.json's fields over it (what generation starts from). */
  config: Record<string, unknown>;
  /** The export's ONNX files on disk. */
  files: ExportFiles;
  /** Where the files were read from: a folder, or a hub id plus the cache folder. */
  location: string;
  /** lv2en's decoding sessions over `files`, created on first use (and shared by every translator of this load). */
  decoding(): Promise<DecodingModel>;
  /** The forced pass that returns the decoder's cross-attention (src/decode/attention.ts), opened on first use: only tagged text asks. */
  attention(): Promise<CrossAttentionModel>;
  /** The model's config and a dispose() that releases the decoding sessions (the shape callers of earlier versions used). */
  model: { config: Record<string, unknown>; dispose(): Promise<void> };
}

export interface LoadOptions {
  /** onnxruntime intra-op threads; defaults to the machine's cores. */
  threads?: number;
  /** Refuse network access even for hub models (also LV2EN_OFFLINE=1). */
  offline?: boolean;
  /** Settings of the decoding sessions (threads above win over decoding.session.threads). */
  decoding?: DecodingModelOptions;
}

export async function loadModel(spec: ModelSpec, options: LoadOptions = {}): Promise<LoadedModel> {
  const { modelId, folder, location, remote } = await locateModelFiles(spec, options);
  configureLibrary(remote);
  try {
    const tokenizer = await AutoTokenizer.from_pretrained(modelId);
    if (spec.source.kind === 'hub') await fetchHubFiles(spec, modelId, folder, remote);
    const config = await readModelConfig(folder);
    const files = await exportFilesIn(folder, spec.dtype);
    const decodingOptions: DecodingModelOptions = {
      ...options.decoding,
      session: { ...options.decoding?.session, threads: options.threads ?? options.decoding?.session?.threads ?? availableParallelism() },
      preparedFallbackDir: options.decoding?.preparedFallbackDir ?? join(cacheRoot(), 'prepared'),
    };
    let decoding: Promise<DecodingModel> | null = null;
    const open = () => {
      decoding ??= DecodingModel.load(files, config, decodingOptions);
      return decoding;
    };
    let attention: Promise<CrossAttentionModel> | null = null;
    const openAttention = () => {
      attention ??= open().then((model) => CrossAttentionModel.load(files, model, decodingOptions));
      return attention;
    };
    const dispose = async () => {
      const opened = [attention, decoding];
      attention = null;
      decoding = null;
      for (const model of opened) if (model) await (await model).release();
    };
    return { spec, tokenizer, config, files, location, decoding: open, attention: openAttention, model: { config, dispose } };
  } catch (error) {
    throw unavailable(spec, location, error);
  }
}

interface ModelFiles {
  /** What transformers.js is given: an absolute folder, or a hub id. */
  modelId: string;
  /** The folder holding the files (for a hub model: transformers.js's file cache). */
  folder: string;
  location: string;
  remote: boolean;
}

async function locateModelFiles(spec: ModelSpec, options: LoadOptions): Promise<ModelFiles> {
  const { source } = spec;
  switch (source.kind) {
    case 'generated': {
      const dir = generatedModelDir(source.generator);
      await ensureGeneratedModel(source.generator, dir);
      return { modelId: dir, folder: dir, location: dir, remote: false };
    }
    case 'path': {
      if (!(await exists(join(source.path, 'config.json')))) {
        throw new Lv2enError(
          'MODEL_UNAVAILABLE',
          `model "${spec.name}": no model files in ${source.path}`,
          'Convert the model into that folder once (README, "Models"), or point source.path in models.config.yaml at your copy',
        );
      }
      return { modelId: source.path, folder: source.path, location: source.path, remote: false };
    }
    case 'hub': {
      const offline = options.offline ?? process.env.LV2EN_OFFLINE === '1';
      return {
        modelId: source.id,
        folder: join(hubCacheDir(), source.id),
        location: `${source.id} (cached in ${hubCacheDir()})`,
        remote: !offline,
      };
    }
  }
}

/** config.json with generation_config.json's fields over it. */
export async function readModelConfig(folder: string): Promise<Record<string, unknown>> {
  return { ...(await readJson(join(folder, 'config.json'))), ...(await readJson(join(folder, 'generation_config.json'), {})) };
}

/** The export's ONNX files for `dtype` in `folder`; decoder_model and decoder_with_past_model are optional. */
export async function exportFilesIn(folder: string, dtype: ModelDtype): Promise<ExportFiles> {
  const path = (stem: OnnxStem) => join(folder, onnxFile(stem, dtype));
  const optional = async (stem: OnnxStem) => ((await exists(path(stem))) ? path(stem) : null);
  for (const stem of ['encoder_model', 'decoder_model_merged'] as const) {
    if (!(await exists(path(stem)))) throw new Error(`${onnxFile(stem, dtype)} is missing`);
  }
  return {
    encoder: path('encoder_model'),
    decoder: await optional('decoder_model'),
    decoderWithPast: await optional('decoder_with_past_model'),
    merged: path('decoder_model_merged'),
  };
}

/**
 * A hub model's files in transformers.js's file cache (`<cache>/<id>/<file>`):
 * the library fetches the encoder, the merged decoder and the JSON files (its
 * sessions are released at once: lv2en opens its own); the separate decoders,
 * which the library never asks for, are fetched from the same place into the
 * same cache. An export without them is fine (404): lv2en then takes both out
 * of the merged file.
 */
async function fetchHubFiles(spec: ModelSpec, modelId: string, folder: string, remote: boolean): Promise<void> {
  const libraryFiles = [onnxFile('encoder_model', spec.dtype), onnxFile('decoder_model_merged', spec.dtype), 'config.json'];
  const present = await Promise.all(libraryFiles.map((file) => exists(join(folder, file))));
  if (present.includes(false)) {
    const model = await AutoModelForSeq2SeqLM.from_pretrained(modelId, { dtype: spec.dtype, session_options: { intraOpNumThreads: 1 } });
    await model.dispose();
  }
  if (!remote) return;
  for (const stem of ['decoder_model', 'decoder_with_past_model'] as const) {
    const file = onnxFile(stem, spec.dtype);
    const target = join(folder, file);
    if ((await exists(target)) || (await exists(`${target}.absent`))) continue;
    const url = `${env.remoteHost}${env.remotePathTemplate.replaceAll('{model}', modelId).replaceAll('{revision}', 'main')}${file}`;
    const response = await fetch(url);
    await mkdir(dirname(target), { recursive: true });
    if (response.status === 404) {
      // Remember that the export lacks it, so later loads do not ask again.
      await writeFile(`${target}.absent`, `${url}\n`);
      continue;
    }
    if (!response.ok) throw new Error(`fetching ${url}: HTTP ${response.status}`);
    const temp = `${target}.${process.pid}.part`;
    try {
      await writeFile(temp, new Uint8Array(await response.arrayBuffer()));
      await rename(temp, target);
    } finally {
      await rm(temp, { force: true });
    }
  }
}

async function readJson(path: string, fallback?: Record<string, unknown>): Promise<Record<string, unknown>> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    if (fallback && (error as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw error;
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
