/**
 * lv2en's library API. The CLI is a thin layer over exactly these exports.
 *
 *   import { createLv2en } from 'lv2en';
 *   await using lv2en = await createLv2en({ model: 'toy' });
 *   for (const file of files) await lv2en.translateFile(file, { outDir: 'out' });
 */
import type { Segment } from './core/segment-record.js';
import type { DocumentResult } from './pipeline/run-document.js';
import { createLv2en, type FileRunOptions, type Lv2enOptions } from './session/index.js';

export {
  createLv2en,
  type FileRunOptions,
  type Lv2en,
  type Lv2enOptions,
  type QueryOptions,
  type TranslatedFile,
  type ReviewImportOptions,
  type ReviewImportReport,
  type RunEvent,
  type StreamResult,
  type StreamRunOptions,
} from './session/index.js';
export type { DocumentResult } from './pipeline/run-document.js';
export type { QueryTranslation, AlternativeTranslation } from './session/query.js';
export type { ModelCallKind, ModelCallReport } from './session/batching.js';
export {
  REVIEW_STATES,
  liveOverlay,
  type LiveSegment,
  type ReviewState,
  type ReviewWorkspace,
  type SaveOutcome,
  type SaveRequest,
  type WorkspaceEvent,
} from './review/workspace.js';
export { listJobFolders, type FoundJob } from './review/job-folder.js';
export type { LiveOverlay, LiveFlag } from './formats/html/live.js';
export { detectLanguages, detectLatvian, prepareLanguageDetection, LATVIAN, type DetectedLanguage } from './langid/index.js';
export { describeReadableFiles, READABLE_FILE_TYPES } from './ingest/index.js';
export { RunTally } from './pipeline/tally.js';
export type { Segment, SentenceSpan, GlossaryHit, GlossaryStatus, SegmentKind } from './core/segment-record.js';
export { Lv2enError, ERROR_EXIT_CODES, INTERNAL_ERROR_EXIT, type ErrorCode, type ErrorLocation } from './core/errors.js';
export { environmentError } from './core/environment-errors.js';
export { type Diagnostic, type DiagnosticSeverity, type SourceLocation, formatDiagnostic } from './core/diagnostic.js';
export { positionAt, TextPositions, type TextPosition } from './core/position.js';
export {
  describeFlag,
  flagName,
  flagSeverity,
  needsReview,
  registeredFlags,
  type FlagDefinition,
  type FlagSeverity,
} from './flags/index.js';
export { latvianSrx, segment } from './segment/index.js';
export { readSourceFile as readDocument, readSourceStream as readDocumentStream, type SourceDocument } from './ingest/index.js';
export { loadGlossary, findTerms } from './glossary/index.js';
export type {
  FormHint,
  Glossary,
  GlossaryCheckReport,
  GlossaryEntry,
  GlossaryProblem,
  Paradigm,
  ParadigmCell,
  ParadigmWord,
  TermMatch,
  TermSummary,
} from './glossary/index.js';
export { loadModelsConfig, findModel, type ModelSpec, type ModelsConfig, type DecodeSettings } from './models/config.js';
export { cacheRoot } from './models/cache.js';
export type { CacheStats } from './memory/index.js';
export type { ReviewedTranslation, StoreResult } from './memory/reviewed.js';
export type { ImportOptions, ReviewFileContents, ReviewFileFormat, ImportSkips } from './review/import.js';
export { FORMAT_LABEL } from './review/import.js';
export type { RebuiltPage } from './review/rebuild.js';
export { outputFormatNames, DEFAULT_FORMATS, inputFormatNames } from './formats/index.js';
export { rebuildLayout } from './formats/txt.js';
export { stageNames } from './stages/index.js';
export {
  formatQueueStatus,
  queueStatus,
  startWorker,
  type ModelQueueStatus,
  type QueueStatus,
  type RunningWorker,
  type WorkerEvent,
  type WorkerOptions,
} from './backends/index.js';
export { LV2EN_VERSION } from './core/version.js';

/** One-shot: a session for one call, closed after it. Many files: use `createLv2en` and keep it. */
export type TranslateOptions = Lv2enOptions & FileRunOptions;

const once = async <T>(options: Lv2enOptions, work: (lv2en: Awaited<ReturnType<typeof createLv2en>>) => Promise<T>): Promise<T> => {
  const lv2en = await createLv2en(options);
  try {
    return await work(lv2en);
  } finally {
    await lv2en.close();
  }
};

export const translateFiles = (paths: readonly string[], options: TranslateOptions = {}): Promise<DocumentResult[]> =>
  once(options, (lv2en) => lv2en.translateFiles(paths, options));

export const translateFile = (path: string, options: TranslateOptions = {}): Promise<DocumentResult> =>
  once(options, (lv2en) => lv2en.translateFile(path, options));

export const translateText = (text: string, options: Lv2enOptions = {}): Promise<Segment[]> =>
  once(options, (lv2en) => lv2en.translateText(text));
