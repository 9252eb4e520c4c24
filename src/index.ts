/**
 * lv2en's library API. The CLI is a thin layer over the same functions.
 *
 *   import { translateFile, segment, loadGlossary, findTerms } from 'lv2en';
 */
export { translateFile, translateFiles, translateText, type TranslateOptions, type RunEvent } from './pipeline/translate-files.js';
export type { DocumentResult } from './pipeline/run-document.js';
export { segment } from './segment/index.js';
export { loadGlossary, findTerms } from './glossary/index.js';
export { loadModelsConfig, findModel, type ModelSpec, type ModelsConfig } from './models/config.js';
export { Lv2enError, type ErrorCode } from './core/errors.js';
export type { Segment, SentenceSpan, GlossaryHit, GlossaryStatus, SegmentKind } from './core/segment-record.js';
