import type { MarianDims } from '../hf-files.js';

/** The size of Helsinki-NLP opus-mt models (e.g. opus-mt-bat-en): for benchmarks, never for unit tests. */
export const FULL_DIMS: MarianDims = Object.freeze({
  dModel: 512,
  encoderLayers: 6,
  decoderLayers: 6,
  heads: 8,
  ffnDim: 2048,
  vocabSize: 58101,
  maxPositions: 512,
});

/** Same architecture, tiny: loads and generates in milliseconds. */
export const SMALL_DIMS: MarianDims = Object.freeze({
  dModel: 16,
  encoderLayers: 2,
  decoderLayers: 2,
  heads: 2,
  ffnDim: 32,
  vocabSize: 2000,
  maxPositions: 128,
});
