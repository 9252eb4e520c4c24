/**
 * MarianDecoder in the three files of an optimum export: without past (the
 * first step), with past (every later step) and both merged behind one If.
 */
import { type GraphBuilder, attr } from '../../../onnx/graph-builder.js';
import type { GraphSpec } from '../../../onnx/onnx-proto.js';
import { int8Tensor } from '../../../onnx/tensors.js';
import { DECODER_LOGITS, decoderFile, type AttentionShape, type DecoderInputs, type DecoderVariant } from '../session-io.js';
import { positionEmbeddings, headShape } from './encoder-graph.js';
import {
  MASKED,
  attend,
  embed,
  embeddingTable,
  feedForward,
  integerMatMul,
  keyValueHeads,
  layerNorm,
  paddingMaskBias,
  weight,
  type LayerContext,
  type Precision,
} from './layers.js';
import { quantizeSymmetricInt8, transposeInt8 } from './quantize.js';
import type { MarianWeights } from './weights.js';

function dimension(g: GraphBuilder, value: string, axis: number): string {
  return g.op1('Shape', [value], { start: attr.int(axis), end: attr.int(axis + 1) });
}

function scalar(g: GraphBuilder, oneElement: string): string {
  return g.op1('Squeeze', [oneElement, g.int64([0])]);
}

/**
 * Additive [L, past+L] mask: query i (at absolute position past+i) sees keys
 * 0..past+i. With L = 1, as in every cached step, nothing is masked.
 */
function causalMaskBias(g: GraphBuilder, pastLength: string, stepLength: string): string {
  const total = g.op1('Add', [pastLength, stepLength]);
  const keyPositions = g.op1('Range', [g.int64Scalar(0), total, g.int64Scalar(1)]);
  const queryPositions = g.op1('Range', [pastLength, total, g.int64Scalar(1)]);
  const visible = g.op1('LessOrEqual', [keyPositions, g.op1('Unsqueeze', [queryPositions, g.int64([1])])]);
  return g.op1('Where', [visible, g.floatScalar(0), g.floatScalar(MASKED)]);
}

/**
 * Tied output projection: logits = h·Eᵀ + final_logits_bias. fp32 uses Gemm
 * with transB on the shared embedding (no copy, no runtime transpose); q8 keeps
 * an int8 transposed copy for MatMulInteger, as quantizing an exported MatMul does.
 */
function outputProjection(ctx: LayerContext, hidden: string, weights: MarianWeights, embeddingName: string): string {
  const { g } = ctx;
  const { vocabSize, dModel } = weights.dims;
  const bias = weight(g, 'final_logits_bias', [vocabSize], weights.finalLogitsBias);
  if (ctx.precision === 'fp32') {
    const rows = g.op1('Reshape', [hidden, g.int64([-1, dModel])]);
    const logits2d = g.op1('Gemm', [rows, embeddingName, bias], { transB: attr.int(1) });
    const outShape = g.op1('Concat', [g.op1('Shape', [hidden], { start: attr.int(0), end: attr.int(2) }), g.int64([vocabSize])], {
      axis: attr.int(0),
    });
    return g.op1('Reshape', [logits2d, outShape], {}, DECODER_LOGITS);
  }
  const quantized = quantizeSymmetricInt8(weights.embedding);
  const transposed = g.initializer(
    int8Tensor('lm_head.weight_quantized', [dModel, vocabSize], transposeInt8(quantized.data, vocabSize, dModel)),
  );
  return g.op1('Add', [integerMatMul(g, hidden, transposed, quantized.scale), bias], {}, DECODER_LOGITS);
}

/**
 * The decoder's forward pass into `g`. Without past (step 1) it projects the
 * cross-attention cache from encoder_hidden_states and starts the
 * self-attention cache; with past it appends one position to the
 * self-attention cache and reads the cross-attention cache as given.
 */
function decoderBody(ctx: LayerContext, weights: MarianWeights, io: DecoderInputs, withPast: boolean): void {
  const { g } = ctx;
  const { dims } = weights;
  const shape = headShape(weights);
  const firstCache = io.layers[0];
  if (!firstCache) throw new Error('a Marian decoder needs at least one layer');

  const pastLength = withPast ? dimension(g, firstCache.pastSelfKey, 2) : g.int64([0]);
  const stepLength = dimension(g, io.inputIds, 1);
  const table = embeddingTable(ctx, weights.embedding, dims.vocabSize, dims.dModel);
  const positionTable = weight(g, 'model.decoder.embed_positions.weight', [dims.maxPositions, dims.dModel], weights.positions);
  const positions = positionEmbeddings(g, positionTable, scalar(g, pastLength), scalar(g, stepLength), dims.maxPositions);
  let hidden = g.op1('Add', [embed(ctx, io.inputIds, table, dims.dModel), positions]);

  const selfMask = causalMaskBias(g, pastLength, stepLength);
  const crossMask = paddingMaskBias(g, io.encoderAttentionMask);

  weights.decoderLayers.forEach((layer, i) => {
    const name = `model.decoder.layers.${i}`;
    const cache = io.layers[i]!;
    const [stepKeys, stepValues] = keyValueHeads(ctx, hidden, `${name}.self_attn`, layer.selfAttention, shape);
    const grow = (past: string, step: string, present: string) =>
      withPast ? g.op1('Concat', [past, step], { axis: attr.int(2) }, present) : g.op1('Identity', [step], {}, present);
    const keys = grow(cache.pastSelfKey, stepKeys, cache.presentSelfKey);
    const values = grow(cache.pastSelfValue, stepValues, cache.presentSelfValue);
    const selfAttended = attend(ctx, hidden, keys, values, selfMask, `${name}.self_attn`, layer.selfAttention, shape);
    hidden = layerNorm(ctx, g.op1('Add', [hidden, selfAttended]), `${name}.self_attn_layer_norm`, layer.selfAttentionNorm);

    let crossKeys = cache.pastCrossKey;
    let crossValues = cache.pastCrossValue;
    if (!withPast) {
      if (!io.encoderHiddenStates) throw new Error('the decoder without past needs encoder_hidden_states');
      const [k, v] = keyValueHeads(ctx, io.encoderHiddenStates, `${name}.encoder_attn`, layer.crossAttention, shape);
      crossKeys = g.op1('Identity', [k], {}, cache.presentCrossKey);
      crossValues = g.op1('Identity', [v], {}, cache.presentCrossValue);
    }
    const crossAttended = attend(ctx, hidden, crossKeys, crossValues, crossMask, `${name}.encoder_attn`, layer.crossAttention, shape);
    hidden = layerNorm(ctx, g.op1('Add', [hidden, crossAttended]), `${name}.encoder_attn_layer_norm`, layer.crossAttentionNorm);
    hidden = feedForward(ctx, hidden, name, layer.fc1, layer.fc2, layer.finalNorm);
  });
  outputProjection(ctx, hidden, weights, table.name);
}

function attentionShape(weights: MarianWeights): AttentionShape {
  const { dims } = weights;
  return {
    layers: dims.decoderLayers,
    heads: dims.heads,
    headSize: dims.dModel / dims.heads,
    dModel: dims.dModel,
    vocabSize: dims.vocabSize,
  };
}

/** One of the three decoder files of the export (session-io.ts's decoderFile). */
export function marianDecoderGraph(weights: MarianWeights, precision: Precision, variant: DecoderVariant): GraphSpec {
  return decoderFile('marian_decoder', attentionShape(weights), variant, (g, io, withPast) =>
    decoderBody({ g, precision }, weights, io, withPast),
  );
}
