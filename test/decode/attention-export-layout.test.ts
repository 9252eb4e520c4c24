import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { wholeGraph } from '../../src/decode/graphs/branch.js';
import { CROSS_ATTENTION_OUTPUT, crossAttentionGraph, crossAttentionSoftmaxes } from '../../src/decode/graphs/cross-attention.js';
import { GraphBuilder, attr } from '../../src/onnx/graph-builder.js';
import { DataType } from '../../src/onnx/onnx-proto.js';
import { encodeEditedModel, parseModel } from '../../src/onnx/read-model.js';
import { messageBytes, onnxModelBytes } from '../../src/onnx/write-model.js';

/**
 * An optimum export of MarianMTModel keeps the heads in the batch axis
 * (eager attention: q, k and v viewed as [B·H, T, Dh], bmm, Softmax over
 * [B·H, L, S]), where lv2en's fixture generator keeps [B, H, L, S]. This
 * one-layer decoder is built in the export's layout, with a self-attention
 * Softmax that must not be taken, and the graph cut for the cross-attention
 * must return its probabilities averaged over heads.
 */
const HEADS = 2;
const HEAD_DIM = 3;
const D = HEADS * HEAD_DIM;

function exportLayoutDecoder(extraOutput: boolean): Uint8Array {
  const g = new GraphBuilder('export_layout_decoder');
  const inputIds = g.input('input_ids', DataType.INT64, ['batch_size', 'decoder_sequence_length']);
  const hidden = g.input('encoder_hidden_states', DataType.FLOAT, ['batch_size', 'encoder_sequence_length', D]);
  const mask = g.input('encoder_attention_mask', DataType.INT64, ['batch_size', 'encoder_sequence_length']);
  // [B, T, d] → [B, H, T, Dh] (what `present` holds) and → [B·H, T, Dh] (what bmm reads).
  const heads = (x: string, name?: string) =>
    g.op1('Transpose', [g.op1('Reshape', [x, g.int64([0, 0, HEADS, HEAD_DIM])])], { perm: attr.ints([0, 2, 1, 3]) }, name);
  const flat = (x: string) =>
    g.op1('Reshape', [
      x,
      g.op1('Concat', [g.int64([-1]), g.op1('Slice', [g.op1('Shape', [x]), g.int64([2]), g.int64([4])])], { axis: attr.int(0) }),
    ]);
  const keys = heads(g.op1('Mul', [hidden, g.floatScalar(0.7)]), 'present.0.encoder.key');
  const values = heads(g.op1('Add', [hidden, g.floatScalar(0.1)]), 'present.0.encoder.value');
  const embedded = g.op1('Mul', [
    g.op1('Unsqueeze', [g.op1('Cast', [inputIds], { to: attr.int(DataType.FLOAT) }), g.int64([-1])]),
    g.float(Array.from({ length: D }, (_, i) => 0.05 * (i + 1) * (i % 2 ? -1 : 1))),
  ]);
  const query = flat(heads(embedded));
  // Self-attention (query with itself): a Softmax whose MatMul reads no cross-attention values.
  const selfScores = g.op1('MatMul', [query, g.op1('Transpose', [query], { perm: attr.ints([0, 2, 1]) })]);
  const selfContext = g.op1('MatMul', [g.op1('Softmax', [selfScores], { axis: attr.int(-1) }), query]);
  // Cross-attention with the padding mask, added as optimum adds it: viewed [B, H, L, S], then back to [B·H, L, S].
  const scores = g.op1('MatMul', [selfContext, g.op1('Transpose', [flat(keys)], { perm: attr.ints([0, 2, 1]) })]);
  const bias = g.op1('Unsqueeze', [
    g.op1('Mul', [g.op1('Sub', [g.floatScalar(1), g.op1('Cast', [mask], { to: attr.int(DataType.FLOAT) })]), g.floatScalar(-1e9)]),
    g.int64([1, 2]),
  ]);
  const scoreShape = g.op1('Shape', [scores]);
  const perHead = g.op1('Reshape', [
    scores,
    g.op1(
      'Concat',
      [
        g.op1('Slice', [g.op1('Shape', [mask]), g.int64([0]), g.int64([1])]),
        g.int64([HEADS]),
        g.op1('Slice', [scoreShape, g.int64([1]), g.int64([3])]),
      ],
      {
        axis: attr.int(0),
      },
    ),
  ]);
  const masked = g.op1('Reshape', [g.op1('Add', [perHead, bias]), scoreShape]);
  const probabilities = g.op1('Softmax', [masked], { axis: attr.int(-1) }, extraOutput ? 'probabilities' : undefined);
  const context = g.op1('MatMul', [probabilities, flat(values)]);
  g.op1('ReduceSum', [context, g.int64([-1])], { keepdims: attr.int(1) }, 'logits');
  g.output('logits', DataType.FLOAT);
  g.output('present.0.encoder.key', DataType.FLOAT);
  g.output('present.0.encoder.value', DataType.FLOAT);
  if (extraOutput) g.output('probabilities', DataType.FLOAT);
  return onnxModelBytes(g.build());
}

describe('the cross-attention graph on an export-layout decoder', () => {
  it('takes the cross-attention Softmax (not the self-attention one) and averages its [B·H, L, S] probabilities over heads', async () => {
    const model = parseModel(exportLayoutDecoder(false));
    const decoder = wholeGraph(model.graph);
    expect([...crossAttentionSoftmaxes(decoder).keys()]).toEqual([0]);
    const cut = crossAttentionGraph(decoder, 17);
    expect(cut.outputs.map((o) => o.name)).toEqual([CROSS_ATTENTION_OUTPUT]);
    expect(cut.nodes.some((n) => n.opType === 'ReduceSum' && n.outputs.includes('logits'))).toBe(false);

    const [B, L, S] = [2, 3, 4];
    const feeds = {
      input_ids: new ort.Tensor('int64', BigInt64Array.from([5, 1, 7, 2, 9, 3].map(BigInt)), [B, L]),
      encoder_hidden_states: new ort.Tensor(
        'float32',
        Float32Array.from({ length: B * S * D }, (_, i) => Math.sin(i)),
        [B, S, D],
      ),
      encoder_attention_mask: new ort.Tensor('int64', BigInt64Array.from([1, 1, 1, 1, 1, 1, 0, 0].map(BigInt)), [B, S]),
    };
    const attention = await ort.InferenceSession.create(messageBytes(encodeEditedModel(cut, model, 'test')));
    const reference = await ort.InferenceSession.create(exportLayoutDecoder(true));
    const got = (await attention.run(feeds))[CROSS_ATTENTION_OUTPUT]!;
    const probs = (await reference.run(feeds)).probabilities!.data as Float32Array;
    expect(got.dims).toEqual([B, L, S]);
    const data = got.data as Float32Array;
    for (let b = 0; b < B; b++)
      for (let l = 0; l < L; l++)
        for (let s = 0; s < S; s++) {
          let mean = 0;
          for (let h = 0; h < HEADS; h++) mean += probs[((b * HEADS + h) * L + l) * S + s]! / HEADS;
          expect(data[(b * L + l) * S + s]).toBeCloseTo(mean, 6);
        }
    // The second row's padding gets nothing; the heads really differ, so the mean is not any one head.
    expect(data[(1 * L + 0) * S + 3]).toBe(0);
    expect(Math.abs(probs[0]! - probs[L * S]!)).toBeGreaterThan(1e-3);
    await Promise.all([attention.release(), reference.release()]);
  });
});
