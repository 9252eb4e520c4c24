/**
 * A no-past decoder cut down to one output: the cross-attention
 * probabilities of one layer, averaged over its heads, [batch, target
 * positions, source positions]. Run once over a batch's chosen token
 * sequences (teacher forcing), it says which source tokens each target token
 * was read from, for word alignment (src/inline/alignment.ts).
 *
 * The layer's Softmax is found by structure, not by node name (an optimum
 * export names it `/model/decoder/layers.4/encoder_attn/Softmax`, our fixture
 * generator does not): it is the Softmax whose probabilities a MatMul
 * multiplies with a layer's cross-attention values, i.e. with what becomes
 * `present.{i}.encoder.value` (through Reshape and Transpose in an export,
 * which keeps heads in the batch axis, [B·H, L, S]; directly in the fixture,
 * [B, H, L, S]). Everything the output does not depend on is left out: the
 * later layers, the vocabulary projection and the caches, so the pass costs
 * less than one decoder step over the same positions.
 */
import { GraphBuilder, attr } from '../../onnx/graph-builder.js';
import { DataType } from '../../onnx/onnx-proto.js';
import { type EditedGraph, isDefaultDomain, type ParsedNode } from '../../onnx/read-model.js';
import { onlyWhatFeeds } from './branch.js';
import type { NodeSpec } from '../../onnx/onnx-proto.js';

export const CROSS_ATTENTION_OUTPUT = 'lv2en_cross_attention';

type Node = ParsedNode | NodeSpec;

const CROSS_VALUE = /^(?:present|past_key_values)\.(\d+)\.encoder\.value$/;
/** Ops between the values and their MatMul, or the probabilities and theirs, that move data without changing it. */
const PASS_THROUGH = new Set(['Reshape', 'Transpose', 'Identity', 'Cast', 'Squeeze', 'Unsqueeze', 'Dropout', 'Expand']);

/**
 * Which layer's attention aligns words. OPUS-MT bat-en is a plain
 * `transformer` (its model card), trained without guided alignment, so no
 * head of it was taught to align; for such models Garg et al. 2019 ("Jointly
 * Learning to Align and Translate with Transformer Models") measured the
 * head-averaged attention of the penultimate of six decoder layers as the best
 * aligner of all layers. One layer less is also one layer less to run.
 * A one-layer model has only its last.
 */
export const alignmentLayer = (layers: readonly number[]): number => layers[Math.max(0, layers.length - 2)]!;

/** The cross-attention Softmax output of each decoder layer, by layer index. */
export function crossAttentionSoftmaxes(decoder: EditedGraph): Map<number, string> {
  const producer = new Map<string, Node>();
  const consumers = new Map<string, Node[]>();
  for (const node of decoder.nodes) {
    for (const output of node.outputs) producer.set(output, node);
    for (const input of node.inputs) if (input) consumers.set(input, [...(consumers.get(input) ?? []), node]);
  }
  /** The layer whose cross-attention values `name` is, following data-moving ops upward. */
  const valueLayer = (name: string): number | null => {
    for (let current: string | undefined = name, hops = 0; current && hops < 8; hops++) {
      const match = CROSS_VALUE.exec(current);
      if (match) return Number(match[1]);
      const node = producer.get(current);
      if (!node || !PASS_THROUGH.has(node.opType)) return null;
      current = node.inputs[0];
    }
    return null;
  };
  const found = new Map<number, string>();
  for (const softmax of decoder.nodes) {
    if (softmax.opType !== 'Softmax' || !isDefaultDomain(softmax.domain ?? '')) continue;
    const probabilities = softmax.outputs[0]!;
    const pending = [probabilities];
    for (let hops = 0; pending.length > 0 && hops < 16; hops++) {
      const name = pending.pop()!;
      for (const user of consumers.get(name) ?? []) {
        if (user.opType === 'MatMul' && user.inputs[0] === name) {
          const layer = valueLayer(user.inputs[1]!);
          if (layer !== null && !found.has(layer)) found.set(layer, probabilities);
        } else if (PASS_THROUGH.has(user.opType)) {
          pending.push(user.outputs[0]!);
        }
      }
    }
  }
  return found;
}

/**
 * `decoder` (a no-past decoder: input_ids, encoder_hidden_states,
 * encoder_attention_mask) returning only CROSS_ATTENTION_OUTPUT, the chosen
 * layer's cross-attention averaged over heads: [batch, L, S], each row summing
 * to 1 over the row's own source tokens.
 */
export function crossAttentionGraph(decoder: EditedGraph, opset: number): EditedGraph {
  const softmaxes = crossAttentionSoftmaxes(decoder);
  if (softmaxes.size === 0)
    throw new Error('the no-past decoder has no cross-attention Softmax feeding a MatMul with present.*.encoder.value');
  const layer = alignmentLayer([...softmaxes.keys()].sort((a, b) => a - b));
  const probabilities = softmaxes.get(layer)!;
  const mask = decoder.inputs.find((i) => i.name === 'encoder_attention_mask');
  if (!mask) throw new Error('the no-past decoder takes no encoder_attention_mask');

  const g = new GraphBuilder('lv2en_cross_attention', undefined, 'lv2en_cross_attention/');
  // [B·H, L, S] or [B, H, L, S] → [B, H, L, S]: the batch size comes from the mask, the heads are what remains.
  const batch = g.op1('Gather', [g.op1('Shape', [mask.name]), g.int64([0])], { axis: attr.int(0) });
  const lastTwo = g.op1('Slice', [g.op1('Shape', [probabilities]), g.int64([-2]), g.int64([Number.MAX_SAFE_INTEGER])]);
  const perHead = g.op1('Reshape', [probabilities, g.op1('Concat', [batch, g.int64([-1]), lastTwo], { axis: attr.int(0) })]);
  if (opset >= 18) g.op('ReduceMean', [perHead, g.int64([1])], { keepdims: attr.int(0) }, { outputs: [CROSS_ATTENTION_OUTPUT] });
  else g.op('ReduceMean', [perHead], { axes: attr.ints([1]), keepdims: attr.int(0) }, { outputs: [CROSS_ATTENTION_OUTPUT] });
  const added = g.build();
  const withOutput: EditedGraph = {
    ...decoder,
    name: `${decoder.name}_cross_attention`,
    nodes: [...decoder.nodes, ...added.nodes],
    initializers: [...decoder.initializers, ...added.initializers],
  };
  return onlyWhatFeeds(withOutput, [
    { name: CROSS_ATTENTION_OUTPUT, dataType: DataType.FLOAT, shape: ['batch_size', 'decoder_sequence_length', 'encoder_sequence_length'] },
  ]);
}
