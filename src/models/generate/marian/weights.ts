/**
 * Seeded random weights in MarianMT's layout. Matrices are stored as ONNX
 * MatMul expects them, [in, out] (PyTorch's Linear.weight transposed, as the
 * exporter folds it).
 */
import type { MarianDims } from '../hf-files.js';
import { randomUniform } from './prng.js';

export interface LinearWeights {
  weight: Float32Array;
  bias: Float32Array;
  inFeatures: number;
  outFeatures: number;
}

export interface LayerNormWeights {
  scale: Float32Array;
  bias: Float32Array;
}

export interface AttentionWeights {
  query: LinearWeights;
  key: LinearWeights;
  value: LinearWeights;
  output: LinearWeights;
}

export interface EncoderLayerWeights {
  selfAttention: AttentionWeights;
  selfAttentionNorm: LayerNormWeights;
  fc1: LinearWeights;
  fc2: LinearWeights;
  finalNorm: LayerNormWeights;
}

export interface DecoderLayerWeights extends EncoderLayerWeights {
  crossAttention: AttentionWeights;
  crossAttentionNorm: LayerNormWeights;
}

export interface MarianWeights {
  dims: MarianDims;
  /** Shared token embedding [vocab, d_model], tied to the output projection. */
  embedding: Float32Array;
  finalLogitsBias: Float32Array;
  positions: Float32Array;
  encoderLayers: EncoderLayerWeights[];
  decoderLayers: DecoderLayerWeights[];
}

/** HF's init_std for Marian. */
const INIT_STD = 0.02;

function linear(seed: number, name: string, inFeatures: number, outFeatures: number): LinearWeights {
  return {
    weight: randomUniform(inFeatures * outFeatures, seed, `${name}.weight`, INIT_STD),
    bias: randomUniform(outFeatures, seed, `${name}.bias`, INIT_STD),
    inFeatures,
    outFeatures,
  };
}

function layerNorm(seed: number, name: string, size: number): LayerNormWeights {
  return { scale: randomUniform(size, seed, `${name}.weight`, INIT_STD, 1), bias: randomUniform(size, seed, `${name}.bias`, INIT_STD) };
}

function attention(seed: number, name: string, d: number): AttentionWeights {
  return {
    query: linear(seed, `${name}.q_proj`, d, d),
    key: linear(seed, `${name}.k_proj`, d, d),
    value: linear(seed, `${name}.v_proj`, d, d),
    output: linear(seed, `${name}.out_proj`, d, d),
  };
}

function encoderLayer(seed: number, name: string, dims: MarianDims): EncoderLayerWeights {
  return {
    selfAttention: attention(seed, `${name}.self_attn`, dims.dModel),
    selfAttentionNorm: layerNorm(seed, `${name}.self_attn_layer_norm`, dims.dModel),
    fc1: linear(seed, `${name}.fc1`, dims.dModel, dims.ffnDim),
    fc2: linear(seed, `${name}.fc2`, dims.ffnDim, dims.dModel),
    finalNorm: layerNorm(seed, `${name}.final_layer_norm`, dims.dModel),
  };
}

function decoderLayer(seed: number, name: string, dims: MarianDims): DecoderLayerWeights {
  return {
    ...encoderLayer(seed, name, dims),
    crossAttention: attention(seed, `${name}.encoder_attn`, dims.dModel),
    crossAttentionNorm: layerNorm(seed, `${name}.encoder_attn_layer_norm`, dims.dModel),
  };
}

/**
 * Marian's fixed sinusoidal table: the first half of each row holds the sines,
 * the second half the cosines (not interleaved as in the original Transformer).
 */
export function marianSinusoidalPositions(maxPositions: number, dModel: number): Float32Array {
  const table = new Float32Array(maxPositions * dModel);
  const half = Math.ceil(dModel / 2);
  for (let position = 0; position < maxPositions; position++) {
    for (let j = 0; j < dModel; j++) {
      const pair = j < half ? j : j - half;
      const angle = position / 10000 ** ((2 * pair) / dModel);
      table[position * dModel + j] = j < half ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return table;
}

export function randomMarianWeights(dims: MarianDims, seed: number, padId: number): MarianWeights {
  const embedding = randomUniform(dims.vocabSize * dims.dModel, seed, 'model.shared.weight', INIT_STD);
  // nn.Embedding(padding_idx=pad) keeps the pad row at zero.
  embedding.fill(0, padId * dims.dModel, (padId + 1) * dims.dModel);
  return {
    dims,
    embedding,
    finalLogitsBias: new Float32Array(dims.vocabSize),
    positions: marianSinusoidalPositions(dims.maxPositions, dims.dModel),
    encoderLayers: Array.from({ length: dims.encoderLayers }, (_, i) => encoderLayer(seed, `model.encoder.layers.${i}`, dims)),
    decoderLayers: Array.from({ length: dims.decoderLayers }, (_, i) => decoderLayer(seed, `model.decoder.layers.${i}`, dims)),
  };
}
