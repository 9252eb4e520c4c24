import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { generationConfig, marianConfig, tokenizerConfig, tokenizerJson, type MarianDims } from '../hf-files.js';
import { GENERATOR_VERSION, writeJson, writeModelFolderAtomically } from '../model-folder.js';
import type { GraphSpec } from '../../../onnx/onnx-proto.js';
import { writeOnnxModel } from '../../../onnx/write-model.js';
import { ONNX_STEMS, onnxFile, type OnnxStem } from '../../files.js';
import { TOY_D_MODEL, toyDecoderGraph, toyEncoderGraph } from './graphs.js';
import { buildToyVocabulary } from './vocabulary.js';

export const TOY_FIXTURE_NOTE = 'toy dictionary model, not a translator';
const TOY_MAX_POSITIONS = 512;

/**
 * Writes the toy dictionary "translator" in the exact transformers.js Marian
 * layout. The q8 files hold the same lookup graphs as fp32: there is nothing
 * to quantize, but callers selecting dtype q8 must find them.
 */
export async function generateToyModel(dir: string): Promise<void> {
  const vocabulary = buildToyVocabulary();
  const dims: MarianDims = {
    dModel: TOY_D_MODEL,
    encoderLayers: 1,
    decoderLayers: 1,
    heads: 1,
    ffnDim: TOY_D_MODEL,
    vocabSize: vocabulary.pieces.length,
    maxPositions: TOY_MAX_POSITIONS,
  };
  const stamp = { kind: 'toy' as const, generatorVersion: GENERATOR_VERSION, dims, seed: null };
  await writeModelFolderAtomically(dir, stamp, async (out) => {
    await writeJson(join(out, 'config.json'), marianConfig(dims, vocabulary, TOY_FIXTURE_NOTE));
    await writeJson(join(out, 'generation_config.json'), generationConfig(vocabulary, TOY_MAX_POSITIONS));
    await writeJson(join(out, 'tokenizer.json'), tokenizerJson(vocabulary.pieces, vocabulary), false);
    await writeJson(join(out, 'tokenizer_config.json'), tokenizerConfig(TOY_MAX_POSITIONS));
    await mkdir(join(out, 'onnx'));
    const graphs: Record<OnnxStem, GraphSpec> = {
      encoder_model: toyEncoderGraph(vocabulary),
      decoder_model: toyDecoderGraph(vocabulary, 'no_past'),
      decoder_with_past_model: toyDecoderGraph(vocabulary, 'with_past'),
      decoder_model_merged: toyDecoderGraph(vocabulary, 'merged'),
    };
    for (const dtype of ['fp32', 'q8'] as const) {
      for (const stem of ONNX_STEMS) await writeOnnxModel(join(out, onnxFile(stem, dtype)), graphs[stem]);
    }
  });
}
