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

const CROSS_CACHE_OUTPUT = /^present\.\d+\.encoder\.(key|value)$/;

/**
 * The part of a no-past decoder that computes the cross-attention cache
 * (`present.*.encoder.*`) from the encoder output: every node those outputs
 * depend on, and nothing else. With it, the first step runs the with-past
 * decoder on an empty self-attention cache, and no second copy of the
 * decoder's weights is ever loaded (a session on the whole first-step decoder
 * took 143 MB on the full-size q8 model).
 */
export function crossCacheGraph(decoder: EditedGraph): EditedGraph {
  const outputs = decoder.outputs.filter((o) => CROSS_CACHE_OUTPUT.test(o.name));
  if (outputs.length === 0) throw new Error('the no-past decoder returns no present.*.encoder.* cross-attention cache');
  return { ...onlyWhatFeeds(decoder, outputs), name: `${decoder.name}_cross_cache` };
}

/** The part of `graph` that computes `outputs`: the nodes, initializers and inputs they read, subgraphs' reads included. */
export function onlyWhatFeeds(graph: EditedGraph, outputs: EditedGraph['outputs']): EditedGraph {
  const producer = new Map<string, number>();
  graph.nodes.forEach((node, i) => {
    for (const output of node.outputs) producer.set(output, i);
  });
  const needed = new Set<number>();
  const names = new Set<string>();
  const pending = outputs.map((o) => o.name);
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (names.has(name)) continue;
    names.add(name);
    const index = producer.get(name);
    if (index === undefined || needed.has(index)) continue;
    needed.add(index);
    const node = graph.nodes[index]!;
    pending.push(...node.inputs.filter(Boolean));
    if ('graphs' in node) pending.push(...namesRead([...node.graphs.values()].flatMap((g) => g.nodes)));
  }
  return {
    name: graph.name,
    nodes: graph.nodes.filter((_, i) => needed.has(i)),
    initializers: graph.initializers.filter((t) => names.has(t.name)),
    inputs: graph.inputs.filter((i) => names.has(i.name)),
    outputs,
  };
}
