/**
 * Test-model generator: writes Marian translation model folders that
 * transformers.js loads exactly like a real export, without downloading weights.
 */
export { generateToyModel, TOY_FIXTURE_NOTE } from './toy/generate-toy.js';
export { TOY_DICTIONARY, TOY_CORRECT_RENDERINGS } from './toy/dictionary.js';
export { TOY_GARBAGE_TEXT } from './toy/vocabulary.js';
export { GENERATOR_VERSION, STAMP_FILE, isGeneratedModelCurrent, readStamp } from './model-folder.js';
export type { GeneratedKind, GeneratedStamp, StampExpectation } from './model-folder.js';
export type { MarianDims } from './hf-files.js';
export { FULL_DIMS, SMALL_DIMS } from './marian/dims.js';
export { generateRandomMarian, RANDOM_MARIAN_FIXTURE_NOTE } from './marian/generate-marian.js';
export type { RandomMarianOptions } from './marian/generate-marian.js';
