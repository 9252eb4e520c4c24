/**
 * Takes one decoder out of an optimum `decoder_model_merged`: the merged file
 * is a single If on `use_cache_branch` whose then branch is the whole decoder
 * with past and whose else branch the whole decoder without past, both
 * reading the weights stored at the top level. The branch becomes a graph of
 * its own with the top-level inputs and weights it reads, so a cached step
 * runs without the If (and without copying the cross-attention cache through
 * it: the with-past decoder keeps it an input only).
 */
import type { EditedGraph, NamedProto, ParsedGraph, ParsedNode } from '../../onnx/read-model.js';

export type DecoderBranch = 'with_past' | 'no_past';

const CROSS_PRESENT = /^present\.\d+\.encoder\.(key|value)$/;

/** Every value name the nodes read, including from their subgraphs. */
function namesRead(nodes: readonly ParsedNode[], into = new Set<string>()): Set<string> {
  for (const node of nodes) {
    for (const input of node.inputs) if (input) into.add(input);
    for (const graph of node.graphs.values()) namesRead(graph.nodes, into);
  }
  return into;
}

export function mergedIf(merged: ParsedGraph): ParsedNode {
  const ifNodes = merged.nodes.filter((n) => n.opType === 'If');
  if (merged.nodes.length !== 1 || ifNodes.length !== 1) {
    throw new Error(
      `decoder_model_merged is not one If (optimum's merge): it has ${merged.nodes.length} nodes, ${ifNodes.length} of them If`,
    );
  }
  return ifNodes[0]!;
}

export function decoderBranch(merged: ParsedGraph, branch: DecoderBranch): EditedGraph {
  const ifNode = mergedIf(merged);
  const graph = ifNode.graphs.get(branch === 'with_past' ? 'then_branch' : 'else_branch');
  if (!graph) throw new Error('decoder_model_merged: the If lacks a branch');
  // The with-past decoder returns only the self-attention cache: its cross-attention outputs are optimum's empty placeholders.
  const keep = (name: string) => branch === 'no_past' || !CROSS_PRESENT.test(name);
  const outputNames = graph.outputs.map((o) => o.name).filter(keep);
  const dropped = new Set(graph.outputs.map((o) => o.name).filter((n) => !keep(n)));
  const nodes = graph.nodes.filter((n) => !(n.opType === 'Constant' && n.outputs.every((o) => dropped.has(o))));
  const read = namesRead(nodes);
  const topOutputs = new Map(merged.outputs.map((o) => [o.name, o] as const));
  const branchOutputs = new Map(graph.outputs.map((o) => [o.name, o] as const));
  const inputs = merged.inputs.filter((i) => read.has(i.name) && i.name !== ifNode.inputs[0]);
  const initializers: NamedProto[] = [...merged.initializers.filter((t) => read.has(t.name)), ...graph.initializers];
  return {
    name: `${merged.name}_${branch}`,
    nodes,
    initializers,
    inputs,
    // The top level's declarations carry the shapes (branch outputs often have none).
    outputs: outputNames.map((name) => topOutputs.get(name) ?? branchOutputs.get(name)!),
  };
}

/** A standalone decoder file, as an editable graph. */
export function wholeGraph(graph: ParsedGraph): EditedGraph {
  return { name: graph.name, nodes: graph.nodes, initializers: graph.initializers, inputs: graph.inputs, outputs: graph.outputs };
}
