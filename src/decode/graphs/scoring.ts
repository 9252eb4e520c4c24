/**
 * The search's scoring, appended to a decoder graph behind its logits, so the
 * rows × vocabulary logits never leave onnxruntime (at 96 rows × 58,101 tokens
 * that is 22 MB per step, copied out and back in by a separate scoring graph
 * before). The graph then returns, per row:
 *
 * - `lv2en_top_tokens`, `lv2en_top_log_probs`: the k best allowed tokens by
 *   logit (TopK: ties lower index first, so k = 1 is transformers.js's greedy
 *   argmax) and their log-probabilities, renormalised over the allowed tokens
 *   as HF's renormalize_logits does (the raw logits where
 *   `lv2en_with_log_probs` is false: greedy without scores skips the
 *   vocabulary-wide log-softmax);
 * - `lv2en_gathered_log_probs`: the log-probs of the tokens each row asks for
 *   in `lv2en_gather_tokens` (constrained decoding's constraint tokens).
 *
 * Not allowed: the export's banned tokens (bad_words_ids) always, `</s>` in
 * rows whose `lv2en_eos_banned` is set (before min_new_tokens). Nothing
 * vocabulary-wide is written to mask them: the banned tokens get -Infinity in
 * the logits bias (a constant that onnxruntime folds at load), and `</s>` is
 * dropped from each banning row's k + 1 best. Masking by ScatterElements, a
 * copy of the rows, took 13–17% of a 64-row step.
 */
import { GraphBuilder, attr } from '../../onnx/graph-builder.js';
import { DataType, type NodeSpec } from '../../onnx/onnx-proto.js';
import { type EditedGraph, isDefaultDomain } from '../../onnx/read-model.js';
import { floatTensor } from '../../onnx/tensors.js';

export const SCORING_INPUTS = {
  k: 'lv2en_k',
  withLogProbs: 'lv2en_with_log_probs',
  eosBanned: 'lv2en_eos_banned',
  gatherTokens: 'lv2en_gather_tokens',
} as const;

export const SCORING_OUTPUTS = {
  topTokens: 'lv2en_top_tokens',
  topLogProbs: 'lv2en_top_log_probs',
  gatheredLogProbs: 'lv2en_gathered_log_probs',
} as const;

export interface ScoringSpec {
  vocabSize: number;
  eos: number;
  banned: readonly number[];
}

/**
 * Where the decoder adds a constant bias to its logits (Marian's
 * final_logits_bias), that bias plus `mask`; otherwise `mask` added to the
 * logits by a node of its own.
 */
function maskLogits(decoder: EditedGraph, g: GraphBuilder, mask: string): { nodes: EditedGraph['nodes']; logits: string } {
  const initializers = new Set(decoder.initializers.map((t) => t.name));
  const producer = decoder.nodes.findIndex((n) => n.outputs.includes('logits'));
  const node = decoder.nodes[producer];
  const bias = node?.opType === 'Add' && isDefaultDomain(node.domain ?? '') ? node.inputs.find((i) => initializers.has(i)) : undefined;
  if (!node || !bias) {
    const logits = g.op1('Add', ['logits', mask]);
    return { nodes: [...decoder.nodes, ...g.build().nodes], logits };
  }
  const maskedBias = g.op1('Add', [bias, mask]);
  const masked: NodeSpec = {
    opType: 'Add',
    name: `${node.name}_lv2en_masked`,
    inputs: node.inputs.map((i) => (i === bias ? maskedBias : i)),
    outputs: node.outputs,
    attributes: {},
  };
  const before = g.build().nodes;
  // The new bias must exist before the Add that reads it.
  return {
    nodes: [...decoder.nodes.slice(0, producer), ...before, masked, ...decoder.nodes.slice(producer + 1)],
    logits: 'logits',
  };
}

/** `decoder` with the scoring appended and its logits output replaced by the scoring outputs. */
export function appendScoring(decoder: EditedGraph, spec: ScoringSpec): EditedGraph {
  if (!decoder.outputs.some((o) => o.name === 'logits')) throw new Error('the decoder has no logits output');
  const g = new GraphBuilder('lv2en_scoring', undefined, 'lv2en_scoring/');
  const k = g.input(SCORING_INPUTS.k, DataType.INT64, [1]);
  const withLogProbs = g.input(SCORING_INPUTS.withLogProbs, DataType.BOOL, [1]);
  const eosBanned = g.input(SCORING_INPUTS.eosBanned, DataType.BOOL, ['batch_size', 1]);
  const gatherTokens = g.input(SCORING_INPUTS.gatherTokens, DataType.INT64, ['batch_size', 'gathered']);

  const banned = new Float32Array(spec.vocabSize);
  for (const token of spec.banned) banned[token] = -Infinity;
  const mask = g.initializer(floatTensor('lv2en_scoring/banned_mask', [spec.vocabSize], banned));
  const { nodes: decoderNodes, logits } = maskLogits(decoder, g, mask);
  const scoringStart = g.build().nodes.length;

  // Every step feeds one token per row, so the logits are [rows, 1, vocab].
  const rows = g.op1('Reshape', [logits, g.int64([-1, spec.vocabSize])]);
  const eos = g.int64Scalar(spec.eos);
  const negativeInfinity = g.floatScalar(-Infinity);
  // The k + 1 best include the k best that are not `</s>`; a banning row's `</s>` falls to -Infinity and out.
  const candidates = g.op1('Min', [g.op1('Add', [k, g.int64([1])]), g.int64([spec.vocabSize])]);
  const [candidateLogits, candidateTokens] = g.op(
    'TopK',
    [rows, candidates],
    { axis: attr.int(-1), largest: attr.int(1), sorted: attr.int(1) },
    { outputCount: 2 },
  );
  const isBannedEos = (tokens: string) => g.op1('And', [g.op1('Equal', [tokens, eos]), eosBanned]);
  const kept = g.op1('Where', [isBannedEos(candidateTokens!), negativeInfinity, candidateLogits!]);
  // Ties keep their order (TopK puts the lower index first), so this is TopK over the allowed tokens.
  const [topLogits, order] = g.op('TopK', [kept, k], { axis: attr.int(-1), largest: attr.int(1), sorted: attr.int(1) }, { outputCount: 2 });
  g.op('GatherElements', [candidateTokens!, order!], { axis: attr.int(-1) }, { outputs: [SCORING_OUTPUTS.topTokens] });
  const gatheredBanned = isBannedEos(gatherTokens);

  // LogSoftmax runs onnxruntime's vectorised kernel (ReduceLogSumExp took 4× as long at 96 rows).
  const withLogSoftmax = g.subgraph('lv2en_log_probs');
  const logProbs = withLogSoftmax.op1('LogSoftmax', [rows], { axis: attr.int(-1) });
  // Renormalised over the allowed tokens: log p' = log p - log(1 - p(</s>)) in rows that ban `</s>`.
  const eosLogProb = withLogSoftmax.op1('Gather', [logProbs, g.int64([spec.eos])], { axis: attr.int(1) });
  const rest = withLogSoftmax.op1('Log', [withLogSoftmax.op1('Sub', [g.floatScalar(1), withLogSoftmax.op1('Exp', [eosLogProb])])]);
  const shift = withLogSoftmax.op1('Where', [eosBanned, rest, g.floatScalar(0)]);
  const topTokens = SCORING_OUTPUTS.topTokens;
  withLogSoftmax.output(
    withLogSoftmax.op1('Sub', [withLogSoftmax.op1('GatherElements', [logProbs, topTokens], { axis: attr.int(-1) }), shift]),
    DataType.FLOAT,
  );
  const gatheredLogProbs = withLogSoftmax.op1('Sub', [
    withLogSoftmax.op1('GatherElements', [logProbs, gatherTokens], { axis: attr.int(-1) }),
    shift,
  ]);
  withLogSoftmax.output(withLogSoftmax.op1('Where', [gatheredBanned, negativeInfinity, gatheredLogProbs]), DataType.FLOAT);
  // Without log-probs (greedy without scores) the vocabulary-wide softmax is skipped; callers then read only the tokens.
  const without = g.subgraph('lv2en_no_log_probs');
  without.output(without.op1('Identity', [topLogits!]), DataType.FLOAT);
  const gatheredLogits = without.op1('GatherElements', [rows, gatherTokens], { axis: attr.int(-1) });
  without.output(without.op1('Where', [gatheredBanned, negativeInfinity, gatheredLogits]), DataType.FLOAT);
  g.op(
    'If',
    [withLogProbs],
    { then_branch: attr.graph(withLogSoftmax.build()), else_branch: attr.graph(without.build()) },
    { outputs: [SCORING_OUTPUTS.topLogProbs, SCORING_OUTPUTS.gatheredLogProbs] },
  );

  g.output(SCORING_OUTPUTS.topTokens, DataType.INT64, ['batch_size', 'k']);
  g.output(SCORING_OUTPUTS.topLogProbs, DataType.FLOAT, ['batch_size', 'k']);
  g.output(SCORING_OUTPUTS.gatheredLogProbs, DataType.FLOAT, ['batch_size', 'gathered']);
  const scoring = g.build();
  return {
    name: decoder.name,
    nodes: [...decoderNodes, ...scoring.nodes.slice(scoringStart)],
    initializers: [...decoder.initializers, ...scoring.initializers],
    inputs: [...decoder.inputs, ...scoring.inputs],
    outputs: [...decoder.outputs.filter((o) => o.name !== 'logits'), ...scoring.outputs],
  };
}
