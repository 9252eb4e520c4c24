/**
 * Review: the HTML review page, reading reviewed translations back (page
 * edits, XLIFF, TMX) into the translation memory, and the hook the translate
 * stage uses to reuse them.
 */
export { renderReviewPage, reviewPageRenderer } from '../formats/html/index.js';
export { rebuildReviewPages, type RebuiltPage } from './rebuild.js';
export {
  importReviewFile,
  readReviewFile,
  parseReviewFile,
  FORMAT_LABEL,
  type ImportOptions,
  type ImportReport,
  type ReviewFileContents,
  type ReviewFileFormat,
} from './import.js';
export { InMemoryReviewMemory, reviewKey, type ReviewMemory, type ReviewedTranslation, type StoreResult } from './memory.js';
export { applyReviewed } from './reviewed.js';
export {
  openReviewMemory,
  reviewMemoryOf,
  reviewedFingerprint,
  StoreReviewMemory,
  REVIEWED_KEY,
  type ReviewMemoryHandle,
} from './memory-backend.js';
export { EDITS_FORMAT, type EditsFile, type EditedSegment } from '../formats/edits.js';
export { checkWellFormed, type XmlProblem } from '../formats/xml-check.js';
