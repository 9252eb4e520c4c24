import { resolve } from 'node:path';
import PQueue from 'p-queue';
import { Lv2enError } from '../core/errors.js';
import type { Segment } from '../core/segment-record.js';
import { readSourceFile, type SourceDocument } from '../ingest/index.js';
import { findModel, loadModelsConfig } from '../models/config.js';
import { modelFingerprint } from '../models/identity.js';
import { loadModel } from '../models/load.js';
import { MarianTranslator, type Translator } from '../translate/index.js';
import { glossaryFingerprint, loadGlossary, type Glossary } from '../glossary/index.js';
import { checkFormats } from '../write/index.js';
import { TranslationStore, translationStorePath, withTranslationCache, type CachedTranslator, type CacheStats } from '../memory/index.js';
import { REVIEWED_KEY, reviewMemoryOf } from '../review/index.js';
import { openBackend } from '../backends/index.js';
import { loadPipeline, type PipelineDefinition } from './definition.js';
import { jobDirFor, runDocument, type DocumentResult } from './run-document.js';
import type { StageContext } from './stages.js';

export interface TranslateOptions {
  /** Output folder (default: the current folder). */
  outDir?: string;
  /** A model name from models.config.yaml (default: its default). */
  model?: string;
  /** Glossary files or folders; null for none (default: the pipeline's setting). */
  glossary?: string | string[] | null;
  /** Output formats (default: the pipeline's outputs). */
  formats?: string[];
  /** Pipeline definition file (default: pipeline/default.yaml of the package). */
  pipeline?: string;
  modelsConfig?: string;
  /** onnxruntime intra-op threads (default: all cores). */
  threads?: number;
  /** Ignore stored stage results and run every stage. */
  fresh?: boolean;
  /** Return every segment in the results (default). Off, memory stays flat however long the files; counts are in `tally`. */
  collectSegments?: boolean;
  /**
   * The translation memory (SQLite): machine translations are reused across
   * runs and reviewed ones replace them. Default: `translations.sqlite` in the
   * lv2en cache; `false` runs without it.
   */
  memory?: string | false;
  /** Translate in this many child processes on this machine, the threads split between them. */
  workers?: number;
  /** Translate on `lv2en worker` processes behind this Redis queue (redis://[:password@]host:port, rediss:// for TLS). */
  queue?: string;
  /** With `queue`: seconds without a worker for the model before the run stops (default 30). */
  queueTimeout?: number;
  onEvent?: (event: RunEvent) => void;
}

export type RunEvent =
  | { type: 'warning'; document: string; message: string }
  | { type: 'model-loading'; model: string }
  | { type: 'progress'; document: string; done: number; total: number }
  | { type: 'document-done'; result: DocumentResult }
  | ({ type: 'memory' } & CacheStats);

/** A prepared run: configuration read, model and glossary resolved (the model itself loads lazily). */
export interface Run {
  definition: PipelineDefinition;
  formats: string[];
  context: StageContext;
  /** What the translation memory answered and what reached the model; null without a memory. */
  memoryStats(): CacheStats | null;
  /** Closes the translation memory. */
  close(): void;
}

export async function prepareRun(options: TranslateOptions = {}): Promise<Run> {
  const definition = await loadPipeline(options.pipeline);
  const formats = options.formats ?? definition.outputs;
  checkFormats(formats);
  const models = await loadModelsConfig(options.modelsConfig);
  const spec = findModel(models, options.model ?? definition.model);
  const glossary = await resolveGlossary(options.glossary, definition);
  const store = options.memory === false ? null : TranslationStore.open(options.memory ?? translationStorePath());
  const backendOptions = {
    workers: options.workers,
    queue: options.queue,
    queueTimeoutSeconds: options.queueTimeout,
    threads: options.threads,
  };
  const backend = await openBackend(spec, { ...backendOptions, store }).catch((error: unknown) => {
    store?.close();
    throw error;
  });
  let translator: Promise<Translator> | null = null;
  let cached: CachedTranslator | null = null;
  const context: StageContext = {
    translator: () => {
      if (!translator) {
        options.onEvent?.({ type: 'model-loading', model: spec.name });
        const model = backend ? backend.translator() : loadModel(spec, { threads: options.threads }).then((l) => new MarianTranslator(l));
        translator = model.then(async (own) => {
          if (!store) return own;
          cached = await withTranslationCache(own, spec, store);
          return cached;
        });
      }
      return translator;
    },
    reviewMemory: store ? reviewMemoryOf(store) : null,
    // An import of reviewed translations changes it, so the translate stage runs again (from the memory: no model calls).
    reviewRevision: store ? store.revision(REVIEWED_KEY) : 'none',
    modelFingerprint: await modelFingerprint(spec),
    batchTokens: spec.decode.batchTokens,
    glossary: definition.stages.includes('glossary') ? glossary : null,
    glossaryFingerprint: glossary && definition.stages.includes('glossary') ? glossaryFingerprint(glossary) : 'none',
    onProgress: (document, done, total) => options.onEvent?.({ type: 'progress', document, done, total }),
  };
  return {
    definition,
    formats,
    context,
    memoryStats: () => (cached ? { ...(cached as CachedTranslator).stats } : null),
    close: () => {
      store?.close();
      void backend?.close();
    },
  };
}

async function resolveGlossary(option: TranslateOptions['glossary'], definition: PipelineDefinition): Promise<Glossary | null> {
  const setting = option === undefined ? definition.glossary : option === null ? null : Array.isArray(option) ? option : [option];
  if (setting === null) return null;
  return setting === 'default' ? loadGlossary() : loadGlossary(setting.map((p) => resolve(p)));
}

/** Runs one already-read document through a prepared run. */
export async function runPrepared(
  run: Run,
  document: SourceDocument,
  outDir: string | null,
  options: Pick<TranslateOptions, 'fresh' | 'collectSegments'> = {},
): Promise<DocumentResult> {
  const jobDir = outDir && !options.fresh ? jobDirFor(outDir, document.name) : null;
  return runDocument(
    document,
    { stages: run.definition.stages, formats: run.formats, outDir, jobDir, collectSegments: options.collectSegments },
    run.context,
  );
}

/**
 * Translates files into `outDir`. Every input is read and checked before any
 * output is written, so a bad file among many fails the run with nothing written.
 */
export async function translateFiles(paths: readonly string[], options: TranslateOptions = {}): Promise<DocumentResult[]> {
  if (paths.length === 0) throw new Lv2enError('USAGE', 'no input files', 'Name one or more Latvian text files, or - for standard input');
  const run = await prepareRun(options);
  const documents = await Promise.all(paths.map((path) => readSourceFile(path)));
  checkDistinctNames(documents);
  const outDir = options.outDir ?? '.';
  const queue = new PQueue({ concurrency: run.definition.filesInParallel });
  try {
    const results = await Promise.all(
      documents.map((document) =>
        queue.add(async () => {
          if (document.text.trim() === '')
            options.onEvent?.({ type: 'warning', document: document.path, message: 'the file is empty; writing empty outputs' });
          const result = await runPrepared(run, document, outDir, options);
          options.onEvent?.({ type: 'document-done', result });
          return result;
        }),
      ),
    );
    const memory = run.memoryStats();
    if (memory) options.onEvent?.({ type: 'memory', ...memory });
    return results as DocumentResult[];
  } finally {
    run.close();
  }
}

export async function translateFile(path: string, options: TranslateOptions = {}): Promise<DocumentResult> {
  const [result] = await translateFiles([path], options);
  return result!;
}

/** Translates a string in memory: nothing is written. */
export async function translateText(text: string, options: Omit<TranslateOptions, 'outDir' | 'formats'> = {}): Promise<Segment[]> {
  const run = await prepareRun(options);
  const document: SourceDocument = { name: 'text', path: '-', text: text.replace(/\r\n?/g, '\n').normalize('NFC') };
  try {
    return (await runPrepared(run, document, null)).segments;
  } finally {
    run.close();
  }
}

function checkDistinctNames(documents: readonly SourceDocument[]): void {
  const seen = new Map<string, string>();
  for (const document of documents) {
    const other = seen.get(document.name);
    if (other)
      throw new Lv2enError(
        'USAGE',
        `${other} and ${document.path} would both write ${document.name}.*`,
        'Translate them in separate runs with different -o folders, or rename one',
      );
    seen.set(document.name, document.path);
  }
}
