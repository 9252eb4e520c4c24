/**
 * One copy of the cross-attention keys and values per sentence, read by all
 * of its beams. The with-past decoder's `past_key_values.*.encoder.*` become
 * [sentences, heads, source, headDim], and the rows of the batch are the
 * sentences' beams, sentence by sentence, the same number for each
 * (beams = rows / sentences; greedy: 1). Each product the keys or values
 * enter, Q·Kᵀ and P·V, is taken over a beam axis: the row operand
 * [rows, H, L, X] is reshaped (no copy) to [sentences, beams, H, L, X], the
 * keys or values get a beam axis of 1, and MatMul broadcasts them over it.
 * Every (row, head) is still its own product with one query row, as before,
 * so every value the decoder computes is the same as with a copy per beam.
 *
 * Before, every beam held its own copy, gathered when beams were expanded
 * and moved in the batch with the beams; with 4 beams that was 4× the
 * memory (at 64 rows of 26-token sources, 41 MB instead of 10 MB) and 4×
 * what each step read.
 *
 * The rewrite needs every reader of those inputs to be a chain of Transposes
 * (leaving axis 0 in place) ending in a MatMul's second input, as optimum's
 * 4-D attention reads them. A graph of any other shape is left as it is, and
 * the loop keeps one copy per row.
 */
import { GraphBuilder, attr } from '../../onnx/graph-builder.js';
import { DataType, type NodeSpec } from '../../onnx/onnx-proto.js';
import { type EditedGraph, isDefaultDomain, type ParsedNode } from '../../onnx/read-model.js';

const CROSS_PAST = /^past_key_values\.\d+\.encoder\.(key|value)$/;

/** Bump when the rewrite changes (it keys the prepared file). */
export const SHARED_CROSS_VERSION = 2;

/** The first dimension of every rewritten input: how many sentences the batch holds. */
export const SENTENCE_AXIS = 'lv2en_sentences';

export interface AttentionShape {
  heads: number;
  headDim: number;
}

type Node = ParsedNode | NodeSpec;

function permOf(node: Node): number[] | undefined {
  if ('intLists' in node) return node.intLists.get('perm');
  const perm = node.attributes.perm;
  return perm?.kind === 'ints' ? [...perm.value] : undefined;
}

/** The Transposes and MatMuls that read `value` (directly or through Transposes), or null when another node reads it. */
function readers(value: string, consumers: Map<string, Node[]>, outputs: Set<string>): { transposes: Node[]; matMuls: Node[] } | null {
  const transposes: Node[] = [];
  const matMuls: Node[] = [];
  const pending = [value];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (outputs.has(name)) return null;
    for (const node of consumers.get(name) ?? []) {
      if (!isDefaultDomain(node.domain ?? '')) return null;
      if (node.opType === 'Transpose') {
        const perm = permOf(node);
        if (perm?.length !== 4 || perm[0] !== 0) return null;
        transposes.push(node);
        pending.push(node.outputs[0]!);
      } else if (node.opType === 'MatMul' && node.inputs[1] === name && node.inputs[0] !== name) {
        matMuls.push(node);
      } else {
        return null;
      }
    }
  }
  return { transposes, matMuls };
}

export function sharedCrossAttention(decoder: EditedGraph, opset: number, shape: AttentionShape): { graph: EditedGraph; shared: boolean } {
  const unchanged = { graph: decoder, shared: false };
  // Unsqueeze takes its axes as an input from opset 13 on; exports are 14+.
  if (opset < 13) return unchanged;
  const consumers = new Map<string, Node[]>();
  for (const node of decoder.nodes) {
    for (const input of node.inputs) {
      if (!input) continue;
      const list = consumers.get(input) ?? [];
      list.push(node);
      consumers.set(input, list);
    }
  }
  const producers = new Map<string, Node>();
  for (const node of decoder.nodes) for (const output of node.outputs) producers.set(output, node);
  const constants = new Set(decoder.initializers.map((t) => t.name));
  for (const node of decoder.nodes) if (node.opType === 'Constant') constants.add(node.outputs[0]!);
  const graphOutputs = new Set(decoder.outputs.map((o) => o.name));
  /**
   * The query's scaling (a Mul by a constant) read by this product alone:
   * the beam axis goes in before it, so onnxruntime still folds it into the
   * product as before (with the reshape between them it did not, and every
   * log-prob moved by up to 1e-6).
   */
  const scaling = (operand: string): { node: Node; input: string; scale: string } | null => {
    const node = producers.get(operand);
    if (node?.opType !== 'Mul' || !isDefaultDomain(node.domain ?? '') || graphOutputs.has(operand)) return null;
    if ((consumers.get(operand) ?? []).length !== 1) return null;
    const [x, y] = node.inputs as [string, string];
    if (constants.has(y) && !constants.has(x)) return { node, input: x, scale: y };
    if (constants.has(x) && !constants.has(y)) return { node, input: y, scale: x };
    return null;
  };
  const crossInputs = decoder.inputs.filter((i) => CROSS_PAST.test(i.name)).map((i) => i.name);
  if (crossInputs.length === 0) return unchanged;
  const found = crossInputs.map((name) => ({ name, ...readers(name, consumers, graphOutputs) }));
  if (found.some((f) => !f.matMuls || f.matMuls.length === 0)) return unchanged;

  const g = new GraphBuilder('lv2en_shared_cross', undefined, 'lv2en_shared_cross/');
  const take = (build: () => void): NodeSpec[] => {
    const start = g.build().nodes.length;
    build();
    return g.build().nodes.slice(start);
  };
  /** The 5-D name of each value on a chain from a rewritten input. */
  const fiveD = new Map<string, string>();
  const emitAt = new Map<Node, NodeSpec[]>();
  const replaced = new Set<Node>();
  const sentences = new Map<string, string>();
  const first = take(() => {
    for (const { name } of found) {
      fiveD.set(name, g.op1('Unsqueeze', [name, g.int64([1])]));
      sentences.set(name, g.op1('Slice', [g.op1('Shape', [name]), g.int64([0]), g.int64([1])]));
    }
  });
  for (const { name, transposes, matMuls } of found) {
    for (const node of transposes!) {
      const perm = permOf(node)!;
      emitAt.set(
        node,
        take(() => {
          const input = fiveD.get(node.inputs[0]!)!;
          fiveD.set(node.outputs[0]!, g.op1('Transpose', [input], { perm: attr.ints([0, 1, ...perm.slice(1).map((p) => p + 1)]) }));
        }),
      );
      replaced.add(node);
    }
    for (const node of matMuls!) {
      emitAt.set(
        node,
        take(() => {
          const [operand, shared] = node.inputs as [string, string];
          const scaled = scaling(operand);
          const rowsOperand = scaled ? scaled.input : operand;
          // [rows, H, L, X] → [sentences, beams, H, L, X]: a view, rows being beams sentence by sentence.
          const rest = g.op1('Slice', [g.op1('Shape', [rowsOperand]), g.int64([1]), g.int64([4])]);
          let perSentence = g.op1('Reshape', [
            rowsOperand,
            g.op1('Concat', [sentences.get(name)!, g.int64([-1]), rest], { axis: attr.int(0) }),
          ]);
          if (scaled) {
            perSentence = g.op1('Mul', [perSentence, scaled.scale]);
            replaced.add(scaled.node);
          }
          const product = g.op1('MatMul', [perSentence, fiveD.get(shared)!]);
          const productRest = g.op1('Slice', [g.op1('Shape', [product]), g.int64([2]), g.int64([5])]);
          g.op1('Reshape', [product, g.op1('Concat', [g.int64([-1]), productRest], { axis: attr.int(0) })], {}, node.outputs[0]);
        }),
      );
      replaced.add(node);
    }
  }
  const nodes: Node[] = [...first];
  for (const node of decoder.nodes) {
    nodes.push(...(emitAt.get(node) ?? []));
    if (!replaced.has(node)) nodes.push(node);
  }
  const crossNames = new Set(crossInputs);
  const inputs = decoder.inputs.map((input) =>
    crossNames.has(input.name)
      ? { name: input.name, dataType: DataType.FLOAT, shape: [SENTENCE_AXIS, shape.heads, 'encoder_sequence_length', shape.headDim] }
      : input,
  );
  return {
    graph: { ...decoder, nodes, inputs, initializers: [...decoder.initializers, ...g.build().initializers] },
    shared: true,
  };
}
