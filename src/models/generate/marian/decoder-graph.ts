/**
 * MarianDecoder merged with its KV cache, as Optimum's decoder_model_merged:
 * one graph serves the first step (no past) and every later step. Self-attention
 * appends this step's keys/values to the past; cross-attention keys/values are
 * computed from encoder_hidden_states on the first step only (If on
 * use_cache_branch) and passed through afterwards, so no step pays for them twice.
 */
import { GraphBuilder, attr } from '../../../onnx/graph-builder.js';
import { DataType, type GraphSpec } from '../../../onnx/onnx-proto.js';
import { int8Tensor } from '../../../onnx/tensors.js';
import { DECODER_LOGITS, declareDecoderIO, type DecoderInputs } from '../session-io.js';
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

/** If(use_cache_branch): reuse the past cross-attention cache, else project encoder_hidden_states once. */
function crossAttentionCache(ctx: LayerContext, weights: MarianWeights, io: DecoderInputs): void {
  const { g } = ctx;
  const shape = headShape(weights);
  const reuse = g.subgraph('reuse_cross_attention_cache');
  const compute = g.subgraph('compute_cross_attention_cache');
  const computeCtx: LayerContext = { g: compute, precision: ctx.precision };
  const outputs: string[] = [];
  weights.decoderLayers.forEach((layer, i) => {
    const cache = io.layers[i]!;
    for (const past of [cache.pastCrossKey, cache.pastCrossValue]) reuse.output(reuse.op1('Identity', [past]), DataType.FLOAT);
    const [keys, values] = keyValueHeads(
      computeCtx,
      io.encoderHiddenStates,
      `model.decoder.layers.${i}.encoder_attn`,
      layer.crossAttention,
      shape,
    );
    compute.output(keys, DataType.FLOAT);
    compute.output(values, DataType.FLOAT);
    outputs.push(cache.presentCrossKey, cache.presentCrossValue);
  });
  g.op('If', [io.useCacheBranch], { then_branch: attr.graph(reuse.build()), else_branch: attr.graph(compute.build()) }, { outputs });
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

export function marianDecoderGraph(weights: MarianWeights, precision: Precision): GraphSpec {
  const { dims } = weights;
  const g = new GraphBuilder('marian_decoder_merged');
  const ctx: LayerContext = { g, precision };
  const shape = headShape(weights);
  const io = declareDecoderIO(g, {
    layers: dims.decoderLayers,
    heads: dims.heads,
    headSize: shape.headSize,
    dModel: dims.dModel,
    vocabSize: dims.vocabSize,
  });
  const firstCache = io.layers[0];
  if (!firstCache) throw new Error('a Marian decoder needs at least one layer');

  const pastLength = dimension(g, firstCache.pastSelfKey, 2);
  const stepLength = dimension(g, io.inputIds, 1);
  const table = embeddingTable(ctx, weights.embedding, dims.vocabSize, dims.dModel);
  const positionTable = weight(g, 'model.decoder.embed_positions.weight', [dims.maxPositions, dims.dModel], weights.positions);
  const positions = positionEmbeddings(g, positionTable, scalar(g, pastLength), scalar(g, stepLength), dims.maxPositions);
  let hidden = g.op1('Add', [embed(ctx, io.inputIds, table, dims.dModel), positions]);

  const selfMask = causalMaskBias(g, pastLength, stepLength);
  const crossMask = paddingMaskBias(g, io.encoderAttentionMask);
  crossAttentionCache(ctx, weights, io);

  weights.decoderLayers.forEach((layer, i) => {
    const name = `model.decoder.layers.${i}`;
    const cache = io.layers[i]!;
    const [stepKeys, stepValues] = keyValueHeads(ctx, hidden, `${name}.self_attn`, layer.selfAttention, shape);
    const keys = g.op1('Concat', [cache.pastSelfKey, stepKeys], { axis: attr.int(2) }, cache.presentSelfKey);
    const values = g.op1('Concat', [cache.pastSelfValue, stepValues], { axis: attr.int(2) }, cache.presentSelfValue);
    const selfAttended = attend(ctx, hidden, keys, values, selfMask, `${name}.self_attn`, layer.selfAttention, shape);
    hidden = layerNorm(ctx, g.op1('Add', [hidden, selfAttended]), `${name}.self_attn_layer_norm`, layer.selfAttentionNorm);

    const crossAttended = attend(
      ctx,
      hidden,
      cache.presentCrossKey,
      cache.presentCrossValue,
      crossMask,
      `${name}.encoder_attn`,
      layer.crossAttention,
      shape,
    );
    hidden = layerNorm(ctx, g.op1('Add', [hidden, crossAttended]), `${name}.encoder_attn_layer_norm`, layer.crossAttentionNorm);
    hidden = feedForward(ctx, hidden, name, layer.fc1, layer.fc2, layer.finalNorm);
  });
  outputProjection(ctx, hidden, weights, table.name);
  return g.build();
}
