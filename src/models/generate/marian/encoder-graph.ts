/**
 * MarianEncoder: scaled token embedding + sinusoidal positions, then post-LN
 * layers of padding-masked self-attention and a swish feed-forward block.
 */
import { GraphBuilder, attr } from '../../../onnx/graph-builder.js';
import type { GraphSpec } from '../../../onnx/onnx-proto.js';
import { ENCODER_OUTPUT, declareEncoderIO } from '../session-io.js';
import {
  attend,
  embed,
  embeddingTable,
  feedForward,
  keyValueHeads,
  layerNorm,
  paddingMaskBias,
  weight,
  type HeadShape,
  type LayerContext,
  type Precision,
} from './layers.js';
import type { MarianWeights } from './weights.js';

/** Rows of the fixed position table for positions `start ..< start + length`, clamped to the table. */
export function positionEmbeddings(g: GraphBuilder, table: string, start: string, length: string, maxPositions: number): string {
  const positions = g.op1('Range', [start, g.op1('Add', [start, length]), g.int64Scalar(1)]);
  const clamped = g.op1('Min', [positions, g.int64Scalar(maxPositions - 1)]);
  return g.op1('Gather', [table, clamped], { axis: attr.int(0) });
}

export function headShape(weights: MarianWeights): HeadShape {
  const { dModel, heads } = weights.dims;
  return { heads, headSize: dModel / heads, dModel };
}

export function marianEncoderGraph(weights: MarianWeights, precision: Precision): GraphSpec {
  const { dims } = weights;
  const g = new GraphBuilder('marian_encoder');
  const ctx: LayerContext = { g, precision };
  const shape = headShape(weights);
  const { inputIds, attentionMask } = declareEncoderIO(g, dims.dModel);

  const table = embeddingTable(ctx, weights.embedding, dims.vocabSize, dims.dModel);
  const positionTable = weight(g, 'model.encoder.embed_positions.weight', [dims.maxPositions, dims.dModel], weights.positions);
  const sourceLength = g.op1('Squeeze', [g.op1('Shape', [inputIds], { start: attr.int(1), end: attr.int(2) }), g.int64([0])]);
  const positions = positionEmbeddings(g, positionTable, g.int64Scalar(0), sourceLength, dims.maxPositions);
  let hidden = g.op1('Add', [embed(ctx, inputIds, table, dims.dModel), positions]);

  const maskBias = paddingMaskBias(g, attentionMask);
  weights.encoderLayers.forEach((layer, i) => {
    const name = `model.encoder.layers.${i}`;
    const [keys, values] = keyValueHeads(ctx, hidden, `${name}.self_attn`, layer.selfAttention, shape);
    const attended = attend(ctx, hidden, keys, values, maskBias, `${name}.self_attn`, layer.selfAttention, shape);
    hidden = layerNorm(ctx, g.op1('Add', [hidden, attended]), `${name}.self_attn_layer_norm`, layer.selfAttentionNorm);
    hidden = feedForward(ctx, hidden, name, layer.fc1, layer.fc2, layer.finalNorm);
  });
  g.op1('Identity', [hidden], {}, ENCODER_OUTPUT);
  return g.build();
}
