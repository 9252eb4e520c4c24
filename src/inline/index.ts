/**
 * Inline codes of documents on the Segment record: a block's tags split over
 * its sentences and joined back, word alignment from the model's attention,
 * and the placement of each tag on the translation.
 */
export { alignmentFits, remapAlignment, type TokenAttention, wordAlignmentFromTokens } from './alignment.js';
export { TAG_PLACEMENT_FLAG } from './flags.js';
export { type Anchor, type Placement, type PlacementInput, placeTags } from './place.js';
export { keepCodeSpacing } from './spacing.js';
export { joinSentences, nestingProblem, type PlacedSentence, shiftTags, tagShape, tagsOverSentences } from './tags.js';
export { words } from './words.js';
