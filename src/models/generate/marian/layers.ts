/**
 * Building blocks of the Marian graphs, emitted as plain ONNX ops the way an
 * Optimum export of MarianMTModel spells them (MatMul + Add, LayerNormalization,
 * x·Sigmoid(x) for swish), with an int8 variant of every matrix product.
 */
import { type GraphBuilder, attr } from '../../../onnx/graph-builder.js';
import { DataType } from '../../../onnx/onnx-proto.js';
import { floatTensor, int8Tensor } from '../../../onnx/tensors.js';
import { quantizeSymmetricInt8 } from './quantize.js';
import type { AttentionWeights, LayerNormWeights, LinearWeights } from './weights.js';

export type Precision = 'fp32' | 'q8';

/** Additive mask value: large enough that exp() underflows to exactly 0, finite so fully masked rows cannot turn into NaN. */
export const MASKED = -1e9;

export interface LayerContext {
  g: GraphBuilder;
  precision: Precision;
}

/** Stores an fp32 weight once per graph under a readable name. */
export function weight(g: GraphBuilder, name: string, dims: readonly number[], data: Float32Array): string {
  return g.initializer(floatTensor(name, dims, data));
}

/**
 * x @ W: fp32 MatMul, or what quantize_dynamic makes of it: DynamicQuantizeLinear
 * on the activation, MatMulInteger against int8 weights, rescale in float.
 */
export function matMul(ctx: LayerContext, x: string, name: string, w: Float32Array, rows: number, cols: number): string {
  const { g } = ctx;
  if (ctx.precision === 'fp32') return g.op1('MatMul', [x, weight(g, name, [rows, cols], w)]);
  const quantized = quantizeSymmetricInt8(w);
  const wq = g.initializer(int8Tensor(`${name}_quantized`, [rows, cols], quantized.data));
  return integerMatMul(g, x, wq, quantized.scale);
}

export function integerMatMul(g: GraphBuilder, x: string, quantizedWeight: string, weightScale: number): string {
  const [xq, xScale, xZeroPoint] = g.op('DynamicQuantizeLinear', [x], {}, { outputCount: 3 });
  const product = g.op1('MatMulInteger', [xq!, quantizedWeight, xZeroPoint!, int8Zero(g)]);
  const scale = g.op1('Mul', [xScale!, g.floatScalar(weightScale)]);
  return g.op1('Mul', [g.op1('Cast', [product], { to: attr.int(DataType.FLOAT) }), scale]);
}

function int8Zero(g: GraphBuilder): string {
  return cachedInt8Zero.get(g) ?? cacheZero(g);
}
const cachedInt8Zero = new WeakMap<GraphBuilder, string>();
function cacheZero(g: GraphBuilder): string {
  const name = g.initializer(int8Tensor('weight_zero_point', [], new Int8Array(1)));
  cachedInt8Zero.set(g, name);
  return name;
}

export function linear(ctx: LayerContext, x: string, name: string, w: LinearWeights): string {
  const product = matMul(ctx, x, `${name}.weight`, w.weight, w.inFeatures, w.outFeatures);
  return ctx.g.op1('Add', [product, weight(ctx.g, `${name}.bias`, [w.outFeatures], w.bias)]);
}

export function layerNorm(ctx: LayerContext, x: string, name: string, w: LayerNormWeights): string {
  const { g } = ctx;
  const scale = weight(g, `${name}.weight`, [w.scale.length], w.scale);
  const bias = weight(g, `${name}.bias`, [w.bias.length], w.bias);
  return g.op1('LayerNormalization', [x, scale, bias], { axis: attr.int(-1), epsilon: attr.float(1e-5) });
}

/** Marian's "swish" activation. */
export function silu(g: GraphBuilder, x: string): string {
  return g.op1('Mul', [x, g.op1('Sigmoid', [x])]);
}

export interface HeadShape {
  heads: number;
  headSize: number;
  dModel: number;
}

/** [B, T, d] → [B, H, T, Dh]. */
export function splitHeads(g: GraphBuilder, x: string, shape: HeadShape): string {
  const split = g.op1('Reshape', [x, g.int64([0, 0, shape.heads, shape.headSize])]);
  return g.op1('Transpose', [split], { perm: attr.ints([0, 2, 1, 3]) });
}

/** [B, H, T, Dh] → [B, T, d]. */
export function mergeHeads(g: GraphBuilder, x: string, shape: HeadShape): string {
  const merged = g.op1('Transpose', [x], { perm: attr.ints([0, 2, 1, 3]) });
  return g.op1('Reshape', [merged, g.int64([0, 0, shape.dModel])]);
}

/** Key and value projections of `source`, split into heads: what the cross-attention cache holds. */
export function keyValueHeads(ctx: LayerContext, source: string, name: string, w: AttentionWeights, shape: HeadShape): [string, string] {
  return [
    splitHeads(ctx.g, linear(ctx, source, `${name}.k_proj`, w.key), shape),
    splitHeads(ctx.g, linear(ctx, source, `${name}.v_proj`, w.value), shape),
  ];
}

/**
 * softmax(Q·Kᵀ/√Dh + mask)·V followed by the output projection. `keys` and
 * `values` are [B, H, T, Dh]; `maskBias` broadcasts to [B, H, L, T].
 */
export function attend(
  ctx: LayerContext,
  hidden: string,
  keys: string,
  values: string,
  maskBias: string,
  name: string,
  w: AttentionWeights,
  shape: HeadShape,
): string {
  const { g } = ctx;
  const query = splitHeads(g, linear(ctx, hidden, `${name}.q_proj`, w.query), shape);
  const scaledQuery = g.op1('Mul', [query, g.floatScalar(1 / Math.sqrt(shape.headSize))]);
  const keysT = g.op1('Transpose', [keys], { perm: attr.ints([0, 1, 3, 2]) });
  const scores = g.op1('Add', [g.op1('MatMul', [scaledQuery, keysT]), maskBias]);
  const probabilities = g.op1('Softmax', [scores], { axis: attr.int(-1) });
  const context = mergeHeads(g, g.op1('MatMul', [probabilities, values]), shape);
  return linear(ctx, context, `${name}.out_proj`, w.output);
}

/** Post-LayerNorm feed-forward block: LN(x + fc2(swish(fc1(x)))). */
export function feedForward(
  ctx: LayerContext,
  x: string,
  name: string,
  fc1: LinearWeights,
  fc2: LinearWeights,
  norm: LayerNormWeights,
): string {
  const inner = silu(ctx.g, linear(ctx, x, `${name}.fc1`, fc1));
  const out = linear(ctx, inner, `${name}.fc2`, fc2);
  return layerNorm(ctx, ctx.g.op1('Add', [x, out]), `${name}.final_layer_norm`, norm);
}

/** [B, S] int64 0/1 mask → additive [B, 1, 1, S] bias. */
export function paddingMaskBias(g: GraphBuilder, mask: string): string {
  const asFloat = g.op1('Cast', [mask], { to: attr.int(DataType.FLOAT) });
  const bias = g.op1('Mul', [g.op1('Sub', [g.floatScalar(1), asFloat]), g.floatScalar(MASKED)]);
  return g.op1('Unsqueeze', [bias, g.int64([1, 2])]);
}

export interface EmbeddingTable {
  name: string;
  vocabSize: number;
  /** Dequantization scale of an int8 table; null for fp32. */
  scale: number | null;
}

/** The shared [vocab, d_model] embedding as an initializer of `g`, fp32 or int8. */
export function embeddingTable(ctx: LayerContext, embedding: Float32Array, vocabSize: number, dModel: number): EmbeddingTable {
  const name = 'model.shared.weight';
  if (ctx.precision === 'fp32') return { name: weight(ctx.g, name, [vocabSize, dModel], embedding), vocabSize, scale: null };
  const quantized = quantizeSymmetricInt8(embedding);
  return {
    name: ctx.g.initializer(int8Tensor(`${name}_quantized`, [vocabSize, dModel], quantized.data)),
    vocabSize,
    scale: quantized.scale,
  };
}

/** Token embedding × √d_model (Marian's scale_embedding), fp32 or int8 + DequantizeLinear as quantize_dynamic does for Gather. */
export function embed(ctx: LayerContext, ids: string, table: EmbeddingTable, dModel: number): string {
  const { g } = ctx;
  const safeIds = g.op1('Clip', [ids, g.int64Scalar(0), g.int64Scalar(table.vocabSize - 1)]);
  let vectors = g.op1('Gather', [table.name, safeIds], { axis: attr.int(0) });
  const embeddingScale = table.scale;
  if (embeddingScale !== null) vectors = g.op1('DequantizeLinear', [vectors, g.floatScalar(embeddingScale), int8Zero(g)]);
  return g.op1('Mul', [vectors, g.floatScalar(Math.sqrt(dModel))]);
}
