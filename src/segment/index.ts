/**
 * Latvian sentence segmentation.
 *
 * - `segment(text)`: sentences and flagged page furniture, with offsets into `text`.
 * - `splitLongSentence(text, countTokens, maxTokens)`: a sentence too long for the
 *   model, split at its best clause boundaries until every part fits.
 *
 * - `latvianSrx()`: the same rules as an SRX 2.0 file for CAT tools.
 *
 * The Latvian knowledge lives in ./rules as data plus small functions.
 */
export type { SentenceSpan } from '../core/segment-record.js';
export { segment } from './segmenter.js';
export { splitLongSentence, type SentencePart } from './long.js';
export { latvianSrx, latvianSrxRules, type SrxRule } from './srx.js';
