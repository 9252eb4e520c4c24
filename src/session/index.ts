import { appendFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, resolve } from 'node:path';
import PQueue from 'p-queue';
import { environmentError } from '../core/environment-errors.js';
import { Lv2enError } from '../core/errors.js';
import type { Segment, SentenceSpan } from '../core/segment-record.js';
import {
  checkGlossary as checkGlossaryFiles,
  type FormHint,
  type Glossary,
  type GlossaryCheckReport,
  loadGlossary,
  type Paradigm,
  paradigm,
} from '../glossary/index.js';
import type { SourceDocument } from '../ingest/index.js';
import { type CachedTranslator, type CacheStats, TranslationStore, translationStorePath, withTranslationCache } from '../memory/index.js';
import { reviewedIn } from '../memory/reviewed.js';
import { findModel, loadModelsConfig, type ModelSpec, type ModelsConfig } from '../models/config.js';
import { modelFilesDigest, modelFingerprint, modelIdentity } from '../models/identity.js';
import { loadModel } from '../models/load.js';
import { loadPipeline, type PipelineDefinition } from '../pipeline/definition.js';
import { type DocumentResult, jobDirFor, type PreparedStages, runDocument } from '../pipeline/run-document.js';
import { type ImportOptions, type ImportReport, importReviewFile } from '../review/import.js';
import { type RebuiltPage, rebuildReviewPages } from '../review/rebuild.js';
import { segment as findSentences } from '../segment/index.js';
import type { IngestInstance, StageServices } from '../stages/index.js';
import { prepareStages } from '../pipeline/prepare.js';
import { openBackend, type RunningWorker, startWorker, type WorkerOptions } from '../backends/index.js';
import { MarianTranslator, type Translator } from '../translate/index.js';
import { checkFormats, documentFormatNamed, type Provenance } from '../formats/index.js';
import { LV2EN_VERSION } from '../core/version.js';
import { BatchingTranslator, type ModelCallReport, runSignal, sharedBatches } from './batching.js';
import { alternativeTranslations, type QueryTranslation } from './query.js';
import { describeReadableFiles, documentFromBytes, documentName, isReadableFile, READABLE_FILE_TYPES } from '../ingest/index.js';
import { TranslatedDocument } from '../stages/write/translated-document.js';
import { decodeSourceText } from '../ingest/decode.js';
import { rebuildLayout } from '../formats/txt.js';
import { jobDocumentOutputs, jobOutputs, jobProvenance, latestResult, type JobFolder, recoverSourceText } from '../review/job-folder.js';
import { openReviewWorkspace, type ReviewWorkspace } from '../review/workspace.js';
import {
  detectDocumentFormat,
  type DocumentFormat,
  documentFormatByName,
  outputFormats,
  PLAIN_TEXT_FORMAT,
  translatedSuffix,
} from '../formats/index.js';

export interface Lv2enOptions {
  /** A model name from models.config.yaml (default: the pipeline's, else the config's default). */
  model?: string;
  /** Another models.config.yaml. */
  modelsConfig?: string;
  /** Glossary files or folders, a glossary loaded before, or null for none (default: the pipeline's setting). */
  glossary?: string | readonly string[] | Glossary | null;
  /** Pipeline definition file (default: pipeline/default.yaml of the package). */
  pipeline?: string;
  /** Output formats (default: the pipeline's outputs). */
  formats?: readonly string[];
  /**
   * The translation memory (SQLite): machine translations are reused across
   * runs and reviewed ones replace them. Default: `translations.sqlite` in the
   * lv2en cache; `false` runs without it.
   */
  memory?: string | false;
  /** onnxruntime intra-op threads (default: all cores; with `workers`, split between them). */
  threads?: number;
  /** Translate in this many child processes on this machine, each loading the model once. */
  workers?: number;
  /** Translate on `lv2en worker` processes behind this Redis queue (redis://[:password@]host:port, rediss:// for TLS). */
  queue?: string;
  /** With `queue`: seconds without a worker for the model before the run stops (default 30). */
  queueTimeout?: number;
  /** Everything the session reports as it works: progress, warnings, the model loading. */
  onEvent?: (event: RunEvent) => void;
}

export type RunEvent =
  | { type: 'warning'; document: string; message: string }
  | { type: 'model-loading'; model: string }
  | { type: 'progress'; document: string; done: number; total: number }
  | { type: 'document-done'; result: DocumentResult }
  | ({ type: 'memory' } & CacheStats)
  /** A call that reached the model (or the workers): how many requests shared it and what it cost. */
  | ({ type: 'model-call' } & ModelCallReport);

export interface FileRunOptions {
  /** Output folder (default: the current folder). */
  outDir?: string;
  /** Read every file as this format (`text`, `docx`, `html`, …; see inputFormatNames()); default: by extension and content. */
  inputFormat?: string;
  /** CAT-tool XLIFF: translate units whose target is filled in already too (locked ones never). */
  overwriteTargets?: boolean;
  /** Ignore stored stage results and run every stage. */
  fresh?: boolean;
  /** Return every segment in the results (default). Off, memory stays flat however long the files; counts are in `tally`. */
  collectSegments?: boolean;
  /** Stops the run at the next safe point (between model batches): finished documents and batches are kept, nothing is half-written. */
  signal?: AbortSignal;
}

export interface StreamRunOptions {
  /** Where outputs go; null or absent: nothing is written, the segments come back. */
  outDir?: string | null;
  name?: string;
  /** The stream's format (`html`, `md`, …); default: plain UTF-8 text. */
  inputFormat?: string;
  overwriteTargets?: boolean;
  fresh?: boolean;
  signal?: AbortSignal;
}

export interface StreamResult extends DocumentResult {
  /** A document read from the stream and written nowhere (no outDir): the translated document's bytes. */
  translatedDocument?: Buffer;
}

export interface ReviewImportOptions extends ImportOptions {
  /** Read and check only; store nothing. */
  dryRun?: boolean;
}

/** What an import read and what the memory did with it (`stored` is null on a dry run). */
export type ReviewImportReport = ImportReport;

export interface QueryOptions {
  /** Also return this many other translations of the text (the beam's next hypotheses, glossary-checked; plain text only). */
  alternatives?: number;
  /** A document format to read the text as (`html`: its markup kept, the English in place); default plain text. */
  format?: string;
  signal?: AbortSignal;
}

/** A file translated in memory: what a server sends back for an upload. */
export interface TranslatedFile {
  /** The translated file's name: `article.en.txt` for `article.lv.txt`. */
  name: string;
  mediaType: string;
  bytes: Uint8Array;
  segments: Segment[];
}

/** A long-lived lv2en: configuration, glossary, translation memory and model are each loaded once, on first use. */
export interface Lv2en {
  /** The model this session translates with. */
  readonly model: ModelSpec;
  /** Every model the models config knows. */
  readonly models: readonly ModelSpec[];
  readonly formats: readonly string[];
  /** Translates a string in memory; nothing is written. */
  translateText(text: string, options?: { name?: string }): Promise<Segment[]>;
  /**
   * Translates a short text as a translation service does: the English in
   * the text's layout, its segments, and on request alternatives. Nothing is
   * written. Concurrent calls share model batches, so a server's many small
   * requests are decoded together.
   */
  translateQuery(text: string, options?: QueryOptions): Promise<QueryTranslation>;
  /**
   * Translates an uploaded file (its bytes and name; the name says its
   * format) and gives back the translated file's bytes and name, and its
   * segments. Nothing is written. A format lv2en does not read is a
   * INPUT_NOT_TEXT error naming the ones it does.
   */
  translateUpload(file: { name: string; bytes: Uint8Array }, options?: { signal?: AbortSignal }): Promise<TranslatedFile>;
  /** The kinds of file translateUpload reads. */
  readonly readableFiles: readonly { extension: string; description: string }[];
  /**
   * A live review of a job folder (`<output>/.lv2en/<name>`): saves go to
   * the translation memory at once and get the glossary and QA verdict
   * without a model call; `reexport` rebuilds the outputs. Needs a memory.
   */
  openReview(jobDir: string): Promise<ReviewWorkspace>;
  /** Loads the model now rather than on first use (a server does, before it takes requests). */
  loadModel(): Promise<void>;
  /** Model calls waiting for the model (not counting the one decoding), and their sentences. */
  queueDepth(): { calls: number; sentences: number };
  /** Translates a stream (standard input): UTF-8 text, or a document in `inputFormat`. */
  translateStream(stream: NodeJS.ReadableStream, options?: StreamRunOptions): Promise<StreamResult>;
  translateFile(path: string, options?: FileRunOptions): Promise<DocumentResult>;
  /** Every input is read and checked before any output is written, so a bad file among many writes nothing. */
  translateFiles(paths: readonly string[], options?: FileRunOptions): Promise<DocumentResult[]>;
  /** Stores reviewed translations (review page edits, XLIFF 2 / 1.2, TMX) in the session's translation memory. */
  importReview(files: readonly string[], options?: ReviewImportOptions): Promise<ReviewImportReport[]>;
  /** The review page again from a job folder, an output folder or a .jsonl, without running anything. */
  rebuildReviewPage(path: string, options?: { outDir?: string }): Promise<RebuiltPage[]>;
  /** Lints glossary files (default: the session's) and shows where their terms occur in a text file. */
  checkGlossary(path?: string | readonly string[], textFile?: string): Promise<GlossaryCheckReport>;
  /** The Latvian forms the glossary generates and matches for a lemma. */
  glossaryForms(lemma: string, hint?: FormHint): Paradigm;
  segment(text: string): SentenceSpan[];
  /** What the translation memory answered and what reached the model so far; null without a memory. */
  memoryStats(): CacheStats | null;
  /** Where the translation memory lives; null without one. */
  readonly memoryLocation: string | null;
  /**
   * Serves translation jobs for this session's model from a Redis queue until
   * stopped (`lv2en worker`): the model loads once, as this session loads it.
   */
  serveQueue(options: Omit<WorkerOptions, 'model' | 'modelsConfig' | 'threads' | 'load'>): Promise<RunningWorker>;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function createLv2en(options: Lv2enOptions = {}): Promise<Lv2en> {
  const threads = checkThreads(options.threads);
  const definition = await loadPipeline(options.pipeline);
  const formats = [...(options.formats ?? definition.outputs)];
  checkFormats(formats);
  const modelsConfig: ModelsConfig = await loadModelsConfig(options.modelsConfig);
  const spec = findModel(modelsConfig, options.model ?? definition.model);
  const glossary = definition.stages.includes('glossary') ? await resolveGlossary(options.glossary, definition) : null;
  const emit = (event: RunEvent) => options.onEvent?.(event);
  const memoryLocation = options.memory === false ? null : resolve(options.memory ?? translationStorePath());

  let store: TranslationStore | null = null;
  const openStore = () => {
    if (memoryLocation && !store) {
      try {
        store = TranslationStore.open(memoryLocation);
      } catch (error) {
        throw environmentError(error, memoryLocation) ?? error;
      }
    }
    return store;
  };

  // A pool or a queue connects now, so an unreachable Redis or a wrong password fails before any work.
  const backend = await openBackend(spec, {
    workers: options.workers,
    queue: options.queue,
    queueTimeoutSeconds: options.queueTimeout,
    threads,
    store: options.workers !== undefined || options.queue !== undefined ? openStore() : null,
  });
  // In this process one queue serialises every model call of the session, plain and constrained, whichever
  // file asks (onnxruntime already uses every core); a pool or a queue runs its own number of chunks at once.
  const modelCalls = new PQueue({ concurrency: 1 });
  let translator: Promise<Translator> | null = null;
  let cached: CachedTranslator | null = null;
  let batching: BatchingTranslator | null = null;
  const loadTranslator = (): Promise<Translator> => {
    translator ??= (async () => {
      emit({ type: 'model-loading', model: spec.name });
      const own = backend ? await backend.translator() : serialised(new MarianTranslator(await loadModel(spec, { threads })), modelCalls);
      batching = new BatchingTranslator(own, {
        batchTokens: spec.decode.batchTokens,
        onModelCall: (report) => emit({ type: 'model-call', ...report }),
      });
      const memory = openStore();
      if (!memory) return batching;
      cached = await withTranslationCache(batching, spec, memory);
      return cached;
    })();
    return translator;
  };

  let provenance: Promise<Provenance> | null = null;
  const services = (): StageServices => {
    const memory = openStore();
    return {
      translator: loadTranslator,
      modelFingerprint: fingerprint,
      batchTokens: spec.decode.batchTokens,
      glossary,
      reviewed: memory ? reviewedIn(memory) : null,
      formats,
      provenance: () => (provenance ??= modelProvenance(spec, openStore() ?? undefined)),
    };
  };
  const fingerprint = await modelFingerprint(spec);
  let prepared: { ingest: IngestInstance; stages: PreparedStages } | null = null;
  const pipeline = () => (prepared ??= prepareStages(definition.stages, services()));
  // A job re-exported writes the formats it was written in, whatever this session's are.
  const preparedByFormats = new Map<string, PreparedStages>();
  const pipelineWriting = (jobFormats: readonly string[]): PreparedStages => {
    const key = jobFormats.join(',');
    if (key === formats.join(',')) return pipeline().stages;
    let stages = preparedByFormats.get(key);
    if (!stages) preparedByFormats.set(key, (stages = prepareStages(definition.stages, { ...services(), formats: jobFormats }).stages));
    return stages;
  };

  /** Runs segments through the session's window stages as one document would be; see WorkspaceServices.checker. */
  const reviewChecker = (document: readonly Segment[]) => {
    const passes = pipeline().stages.windows.map((stage) => stage.instance.start());
    for (const pass of passes) pass.learn?.(document);
    return async (base: Segment) => {
      let window: Segment[] = [{ ...base, target: null, glossary: [], flags: [...base.flags] }];
      for (const pass of passes) window = await pass.run(window, () => {});
      return window[0]!;
    };
  };

  /** The job's document through the pipeline again, into its output folder, in the formats it was written in. */
  const rerunJob = async (job: JobFolder) => {
    const provenance = await jobProvenance(job);
    if (provenance && provenance.model !== spec.name)
      throw new Lv2enError(
        'USAGE',
        `${job.document} was translated with model ${provenance.model}; this session translates with ${spec.name}`,
        `Re-export it from a session with model ${provenance.model} (lv2en serve --model ${provenance.model})`,
        { file: job.dir },
      );
    const documents = jobDocumentOutputs(job);
    if (documents.length > 0)
      throw new Lv2enError(
        'USAGE',
        `${job.document} is a document (${basename(documents[0]!)}): re-exporting it needs the original file, which the job folder does not keep`,
        'Translate the document into the same output folder again (the reviewed translations in the memory are used), or export the edits',
        { file: job.dir },
      );
    const text = await recoverSourceText(job, (await latestResult(job)).segments);
    if (text === null)
      throw new Lv2enError(
        'USAGE',
        `cannot rebuild ${job.document}'s input: its ${outputFormats.txt!.suffix} output is missing or was changed since lv2en wrote it`,
        'Translate the input into the same output folder again (lv2en translate <input> -o <folder>), then re-export',
        { file: job.dir },
      );
    const jobFormats = (await jobOutputs(job)).map((output) => output.format);
    const document: SourceDocument = { name: job.document, path: job.dir, text };
    const result = await runDocument(document, pipelineWriting(jobFormats.length > 0 ? jobFormats : formats), {
      outDir: job.outDir,
      jobDir: job.dir,
    });
    emit({ type: 'document-done', result });
    return { outputs: result.outputs, segments: result.segments };
  };

  /** A run for a request: its model calls may share batches with other requests'. */
  const runShared = (document: SourceDocument, signal: AbortSignal | undefined) =>
    sharedBatches.run(true, () =>
      runSignal.run(signal, () => runDocument(document, pipeline().stages, { outDir: null, jobDir: null, signal })),
    );

  const runOne = async (
    document: SourceDocument,
    outDir: string | null,
    run: { fresh?: boolean; collectSegments?: boolean; signal?: AbortSignal },
  ) => {
    if (document.text.trim() === '')
      emit({
        type: 'warning',
        document: document.path,
        message: document.format
          ? 'the document has no text to translate; writing it unchanged'
          : 'the file is empty; writing empty outputs',
      });
    for (const message of document.warnings ?? []) emit({ type: 'warning', document: document.path, message });
    const jobDir = outDir ? jobDirFor(outDir, document.name) : null;
    const job = {
      outDir,
      jobDir,
      reuse: !run.fresh,
      signal: run.signal,
      collectSegments: run.collectSegments,
      onProgress: (done: number, total: number) => emit({ type: 'progress', document: document.name, done, total }),
    };
    const result = await runSignal.run(run.signal, () => runDocument(document, pipeline().stages, job));
    emit({ type: 'document-done', result });
    return result;
  };

  let closed = false;
  const session: Lv2en = {
    model: spec,
    models: [...modelsConfig.models.values()],
    formats,
    get memoryLocation() {
      return memoryLocation;
    },
    readableFiles: READABLE_FILE_TYPES,
    async translateQuery(text, run = {}) {
      if (run.format !== undefined && run.format !== PLAIN_TEXT_FORMAT) {
        // A document format (html): read as that format, translated in place; no alternatives (their tags could not be placed).
        const format = documentFormatNamed(run.format);
        if (format) {
          const document = await documentFromBytes(Buffer.from(text, 'utf8'), `query${format.extensions[0]}`, 'query', format);
          const { segments } = await runShared(document, run.signal);
          return {
            source: document.text,
            translatedText: (await translatedDocument(document, format, segments)).toString('utf8'),
            segments,
            alternatives: [],
          };
        }
      }
      const document = pipeline().ingest.fromText(text, 'query');
      const { segments } = await runShared(document, run.signal);
      const count = run.alternatives ?? 0;
      if (count > 0) await loadTranslator();
      const alternatives =
        count > 0 && batching
          ? await sharedBatches.run(true, () => alternativeTranslations(document.text, segments, count, batching!, glossary))
          : [];
      return { source: document.text, translatedText: rebuildLayout(document.text, segments), segments, alternatives };
    },
    async translateUpload(file, run = {}) {
      if (!isReadableFile(file.name)) {
        const dot = file.name.lastIndexOf('.');
        throw new Lv2enError(
          'INPUT_NOT_TEXT',
          `${dot > 0 ? `${file.name.slice(dot)} files are` : 'a file without an extension is'} not a format lv2en reads`,
          `lv2en reads ${describeReadableFiles()}`,
          { file: file.name },
        );
      }
      const name = documentName(file.name);
      const format = detectDocumentFormat(file.name, file.bytes);
      const document: SourceDocument = format
        ? await documentFromBytes(file.bytes, file.name, name, format)
        : { name, path: file.name, text: decodeSourceText(file.bytes, file.name) };
      const { segments } = await runShared(document, run.signal);
      if (!format)
        return {
          name: name + outputFormats.txt!.suffix,
          mediaType: 'text/plain; charset=utf-8',
          bytes: Buffer.from(rebuildLayout(document.text, segments), 'utf8'),
          segments,
        };
      return {
        name: name + translatedSuffix(format, file.name),
        mediaType: MEDIA_TYPES[format.extensions[0]!] ?? 'application/octet-stream',
        bytes: await translatedDocument(document, format, segments),
        segments,
      };
    },
    async openReview(jobDir) {
      const memory = openStore();
      if (!memory)
        throw new Lv2enError(
          'USAGE',
          'this session has no translation memory',
          'A live review stores every save in the memory: create the session with one (the default)',
        );
      return openReviewWorkspace(jobDir, { reviewed: reviewedIn(memory), checker: reviewChecker, rerun: rerunJob });
    },
    async loadModel() {
      await loadTranslator();
    },
    queueDepth: () => (batching as BatchingTranslator | null)?.waiting() ?? { calls: 0, sentences: 0 },
    async translateText(text, run = {}) {
      const document = pipeline().ingest.fromText(text, run.name);
      return (await runOne(document, null, {})).segments;
    },
    async translateStream(stream, run = {}) {
      const document = await pipeline().ingest.readStream(stream, run.name, {
        format: run.inputFormat,
        overwriteTargets: run.overwriteTargets,
      });
      const outDir = run.outDir ?? null;
      const result = await runOne(document, outDir, { fresh: run.fresh, signal: run.signal, collectSegments: outDir === null });
      const format = outDir === null ? documentFormatByName(document.format) : undefined;
      return format ? { ...result, translatedDocument: await translatedDocument(document, format, result.segments) } : result;
    },
    async translateFile(path, run = {}) {
      const [result] = await session.translateFiles([path], run);
      return result!;
    },
    async translateFiles(paths, run = {}) {
      if (paths.length === 0)
        throw new Lv2enError('USAGE', 'no input files', 'Name one or more Latvian text files, or - for standard input');
      const { ingest } = pipeline();
      if (run.inputFormat !== undefined) documentFormatNamed(run.inputFormat);
      const documents = await Promise.all(
        paths.map((path) => ingest.read(path, { format: run.inputFormat, overwriteTargets: run.overwriteTargets })),
      );
      checkDistinctNames(documents);
      const outDir = run.outDir ?? '.';
      const write = pipeline().stages.write?.instance;
      if (write) checkInputsKept(documents, (document) => write.outputPaths(outDir, document));
      const files = new PQueue({ concurrency: definition.filesInParallel });
      // Settled, not all: on an error or an interruption every document in flight cleans up before the call returns.
      const settled = await Promise.allSettled(documents.map((document) => files.add(() => runOne(document, outDir, run))));
      const failed = settled.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
      const stats = session.memoryStats();
      if (stats) emit({ type: 'memory', ...stats });
      return settled.map((r) => (r as PromiseFulfilledResult<DocumentResult>).value);
    },
    async importReview(files, run = {}) {
      const memory = run.dryRun ? null : openStore();
      if (!run.dryRun && !memory)
        throw new Lv2enError(
          'USAGE',
          'this session has no translation memory',
          'Create the session with a memory (the default) to import reviews',
        );
      const reviewed = memory ? reviewedIn(memory) : null;
      const reports: ReviewImportReport[] = [];
      for (const file of files) reports.push(await importReviewFile(file, reviewed, { all: run.all }));
      return reports;
    },
    rebuildReviewPage: (path, run = {}) => rebuildReviewPages(path, run),
    checkGlossary: (path, textFile) => {
      const paths = path === undefined ? glossaryPaths(options, definition) : [path].flat();
      return checkGlossaryFiles(paths === 'default' || paths === null ? undefined : paths, textFile);
    },
    glossaryForms: (lemma, hint) => paradigm(lemma, hint),
    segment: (text) => findSentences(text),
    serveQueue: (serve) =>
      startWorker({
        ...serve,
        model: spec.name,
        modelsConfig: options.modelsConfig,
        threads,
        load: (model) => {
          emit({ type: 'model-loading', model: model.name });
          return loadModel(model, { threads });
        },
      }),
    memoryStats: () => (cached ? { ...(cached as CachedTranslator).stats } : null),
    async close() {
      if (closed) return;
      closed = true;
      await (batching as BatchingTranslator | null)?.onIdle();
      await modelCalls.onIdle();
      await backend?.close();
      store?.close();
    },
    [Symbol.asyncDispose]: () => session.close(),
  };
  return session;
}

/** Media types of the translated documents, by their file-name ending. */
const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.srt': 'application/x-subrip; charset=utf-8',
  '.vtt': 'text/vtt; charset=utf-8',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.odt': 'application/vnd.oasis.opendocument.text',
  '.fodt': 'application/vnd.oasis.opendocument.text-flat-xml',
};

/** A document's translated file in memory, as the write stage builds it on disk. */
async function translatedDocument(document: SourceDocument, format: DocumentFormat, segments: readonly Segment[]): Promise<Buffer> {
  const translated = await TranslatedDocument.open(document, format);
  const chunks: Buffer[] = [];
  try {
    await translated.add(segments);
    await translated.finish(async (chunk) => {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
    });
  } catch (error) {
    await translated.abort();
    throw error;
  }
  return Buffer.concat(chunks);
}

/** The model as the outputs record it: its name, whether it is a fixture, one hash over its files' hashes. */
async function modelProvenance(spec: ModelSpec, store?: TranslationStore): Promise<Provenance> {
  const identity = await modelIdentity(spec, store);
  const { numBeams, maxNewTokens, lengthPenalty, earlyStopping } = spec.decode;
  return {
    model: spec.name,
    fixture: spec.fixture,
    modelFiles: modelFilesDigest(identity),
    lv2en: LV2EN_VERSION,
    decoding: { numBeams, maxNewTokens, lengthPenalty, earlyStopping },
  };
}

/** Model calls one at a time, across every file the session has in flight: onnxruntime already uses every core. */
function serialised(translator: Translator, queue: PQueue): Translator {
  const constrained = translator.translateConstrained?.bind(translator);
  const alternatives = translator.translateAlternatives?.bind(translator);
  const aligned = translator.translateAligned?.bind(translator);
  return {
    get modelName() {
      return translator.modelName;
    },
    get maxInputTokens() {
      return translator.maxInputTokens;
    },
    get rowsPerSentence() {
      return translator.rowsPerSentence;
    },
    countTokens: (text) => translator.countTokens(text),
    translateBatch: (sources) => modelCall(queue, sources.length, () => translator.translateBatch(sources)),
    ...(constrained ? { translateConstrained: (items) => modelCall(queue, items.length, () => constrained(items)) } : {}),
    ...(alternatives
      ? { translateAlternatives: (sources, count) => modelCall(queue, sources.length, () => alternatives(sources, count)) }
      : {}),
    ...(aligned ? { translateAligned: (sources) => modelCall(queue, sources.length, () => aligned(sources)) } : {}),
  };
}

/**
 * Queues a model call; a stopped run's calls never start, so the batch in
 * flight is the most an interruption throws away. LV2EN_TEST_BATCH_LOG names
 * a file that gets a line (the batch's rows) per call that reaches the model,
 * for the crash tests to count decoding that was redone.
 */
function modelCall<T>(queue: PQueue, rows: number, call: () => Promise<T>): Promise<T> {
  const signal = runSignal.getStore();
  return queue.add(() => {
    signal?.throwIfAborted();
    if (process.env.LV2EN_TEST_BATCH_LOG) appendFileSync(process.env.LV2EN_TEST_BATCH_LOG, `${rows}\n`);
    return call();
  });
}

function checkThreads(threads: number | undefined): number | undefined {
  if (threads === undefined) return undefined;
  if (!Number.isInteger(threads) || threads < 1)
    throw new Lv2enError('USAGE', `threads must be a whole number ≥ 1, not ${String(threads)}`, `e.g. --threads ${availableParallelism()}`);
  return threads;
}

const isGlossary = (value: unknown): value is Glossary =>
  typeof value === 'object' && value !== null && Array.isArray((value as Glossary).entries) && Array.isArray((value as Glossary).files);

async function resolveGlossary(option: Lv2enOptions['glossary'], definition: PipelineDefinition): Promise<Glossary | null> {
  if (isGlossary(option)) return option;
  const paths = glossaryPaths({ glossary: option }, definition);
  if (paths === null) return null;
  return paths === 'default' ? loadGlossary() : loadGlossary(paths);
}

function glossaryPaths(options: Pick<Lv2enOptions, 'glossary'>, definition: PipelineDefinition): string[] | 'default' | null {
  const option = options.glossary;
  if (isGlossary(option)) return option.files;
  const setting = option === undefined ? definition.glossary : option === null ? null : [option].flat();
  if (setting === null || setting === 'default') return setting;
  return setting.map((p) => resolve(p));
}

/** No output may land on an input: `lv2en translate page.html -o .` would write its review page over page.html. */
function checkInputsKept(documents: readonly SourceDocument[], outputsOf: (document: SourceDocument) => string[]): void {
  const inputs = new Map(documents.map((d) => [resolve(d.path), d.path]));
  for (const document of documents) {
    for (const output of outputsOf(document)) {
      const input = inputs.get(resolve(output));
      if (input !== undefined)
        throw new Lv2enError(
          'USAGE',
          `writing ${output} would overwrite the input ${input}`,
          'Write the outputs to another folder, e.g. -o out/',
        );
    }
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
