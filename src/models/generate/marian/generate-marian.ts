import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { generationConfig, marianConfig, tokenizerConfig, tokenizerJson, type MarianDims } from '../hf-files.js';
import { GENERATOR_VERSION, writeJson, writeModelFolderAtomically, type GeneratedKind } from '../model-folder.js';
import { writeOnnxModel } from '../../../onnx/write-model.js';
import { onnxFile, type OnnxStem } from '../../files.js';
import { FULL_DIMS, SMALL_DIMS } from './dims.js';
import { marianDecoderGraph } from './decoder-graph.js';
import { marianEncoderGraph } from './encoder-graph.js';
import { buildMarianVocabulary } from './vocabulary.js';
import { randomMarianWeights } from './weights.js';

export interface RandomMarianOptions {
  dims?: MarianDims;
  seed?: number;
}

export const RANDOM_MARIAN_FIXTURE_NOTE = 'random-weight MarianMT for tests and benchmarks, not a translator';
const DEFAULT_SEED = 1;

function kindOf(dims: MarianDims): GeneratedKind {
  const same = (a: MarianDims, b: MarianDims) => (Object.keys(a) as (keyof MarianDims)[]).every((k) => a[k] === b[k]);
  if (same(dims, FULL_DIMS)) return 'full';
  if (same(dims, SMALL_DIMS)) return 'small';
  return 'random-marian';
}

function checkDims(dims: MarianDims): void {
  if (dims.dModel % dims.heads !== 0) throw new Error(`d_model ${dims.dModel} is not divisible by ${dims.heads} heads`);
  if (dims.encoderLayers < 1 || dims.decoderLayers < 1) throw new Error('a Marian model needs at least one encoder and one decoder layer');
}

/**
 * Writes a MarianMT with seeded random weights in the transformers.js layout:
 * real architecture and real compute cost, meaningless output. The q8 files are
 * a dynamic int8 quantization of every matrix product (DynamicQuantizeLinear +
 * MatMulInteger) and of the embedding, as onnxruntime's quantize_dynamic makes.
 */
export async function generateRandomMarian(dir: string, options: RandomMarianOptions = {}): Promise<void> {
  const dims = options.dims ?? SMALL_DIMS;
  const seed = options.seed ?? DEFAULT_SEED;
  checkDims(dims);
  const stamp = { kind: kindOf(dims), generatorVersion: GENERATOR_VERSION, dims, seed };
  await writeModelFolderAtomically(dir, stamp, async (out) => {
    const vocabulary = buildMarianVocabulary(dims.vocabSize, seed);
    await writeJson(join(out, 'config.json'), marianConfig(dims, vocabulary, RANDOM_MARIAN_FIXTURE_NOTE));
    await writeJson(join(out, 'generation_config.json'), generationConfig(vocabulary, dims.maxPositions));
    await writeJson(join(out, 'tokenizer.json'), tokenizerJson(vocabulary.pieces, vocabulary), false);
    await writeJson(join(out, 'tokenizer_config.json'), tokenizerConfig(dims.maxPositions));
    await mkdir(join(out, 'onnx'));
    const weights = randomMarianWeights(dims, seed, vocabulary.padId);
    // One graph at a time: each holds its own initializer list, the weights themselves are shared.
    for (const precision of ['fp32', 'q8'] as const) {
      const file = (stem: OnnxStem) => join(out, onnxFile(stem, precision));
      await writeOnnxModel(file('encoder_model'), marianEncoderGraph(weights, precision));
      await writeOnnxModel(file('decoder_model'), marianDecoderGraph(weights, precision, 'no_past'));
      await writeOnnxModel(file('decoder_with_past_model'), marianDecoderGraph(weights, precision, 'with_past'));
      await writeOnnxModel(file('decoder_model_merged'), marianDecoderGraph(weights, precision, 'merged'));
    }
  });
}
