import { hashSeed } from './marian/prng.js';
import { TOY_CORRECT_RENDERINGS, TOY_DICTIONARY } from './toy/dictionary.js';

/** Bump when the generator's code changes what it writes. */
const CODE_VERSION = 5;

/**
 * Identifies what the generator writes. The toy dictionary feeds both the toy
 * and the random Marian's vocabulary, so its content is part of the version:
 * editing it regenerates stamped folders without anyone remembering to bump.
 */
export const GENERATOR_VERSION = `${CODE_VERSION}.${hashSeed(CODE_VERSION, JSON.stringify([TOY_DICTIONARY, TOY_CORRECT_RENDERINGS])).toString(16)}`;
