/**
 * The with-past decoder returns each layer's new self-attention keys and
 * values (one position per row) instead of the whole grown cache. An export's
 * `present.*.decoder.*` is a Concat of the past and the new position; every
 * step onnxruntime-node copied all of it into fresh JavaScript buffers (12
 * tensors, 38 MB at 60 rows × 26 positions on the full-size model), and the
 * previous step's copies lived on until the garbage collector came. lv2en
 * now appends the new position into cache buffers of its own (batch-state.ts),
 * and the Concat stays inside onnxruntime as an intermediate.
 */
import type { EditedGraph, ParsedNode } from '../../onnx/read-model.js';
import { DataType, type NodeSpec } from '../../onnx/onnx-proto.js';

const SELF_PRESENT = /^present\.(\d+)\.decoder\.(key|value)$/;

/** The output that carries a cache slot's new position. */
export const appendedOutput = (present: string) => present.replace(/^present\./, 'lv2en_appended.');

/** `decoder` with every `present.*.decoder.*` that is a Concat(past, new) on the sequence axis replaced by `new`. */
export function cacheAppendOutputs(decoder: EditedGraph): EditedGraph {
  const producers = new Map<string, ParsedNode | NodeSpec>();
  for (const node of decoder.nodes) for (const output of node.outputs) producers.set(output, node);
  const inputs = new Set(decoder.inputs.map((i) => i.name));
  const extraNodes: NodeSpec[] = [];
  const outputs: EditedGraph['outputs'][number][] = [];
  for (const output of decoder.outputs) {
    const match = SELF_PRESENT.exec(output.name);
    const concat = match ? producers.get(output.name) : undefined;
    const past = match ? `past_key_values.${match[1]}.decoder.${match[2]}` : '';
    const axis = concat && 'ints' in concat ? concat.ints.get('axis') : undefined;
    const fits =
      concat?.opType === 'Concat' &&
      concat.inputs.length === 2 &&
      concat.inputs[0] === past &&
      inputs.has(past) &&
      (axis === 2 || axis === -2);
    if (!fits) {
      outputs.push(output);
      continue;
    }
    const name = appendedOutput(output.name);
    extraNodes.push({ opType: 'Identity', name: `${name}_node`, inputs: [concat.inputs[1]!], outputs: [name], attributes: {} });
    outputs.push({ name, dataType: DataType.FLOAT, shape: ['batch_size', 'heads', 1, 'head_dim'] });
  }
  return { ...decoder, nodes: [...decoder.nodes, ...extraNodes], outputs };
}
