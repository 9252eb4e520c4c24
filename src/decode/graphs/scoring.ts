/**
 * The search's scoring, appended to a decoder graph behind its logits, so the
 * rows × vocabulary logits never leave onnxruntime (at 96 rows × 58,101 tokens
 * that is 22 MB per step, copied out and back in by a separate scoring graph
 * before). The graph then returns, per row:
 *
 * - `lv2en_top_tokens`, `lv2en_top_log_probs`: the k best allowed tokens by
 *   logit (TopK: ties lower index first, so k = 1 is transformers.js's greedy
 *   argmax) and their log-probabilities, renormalised over the allowed tokens
 *   as HF's renormalize_logits does (0 where `lv2en_with_log_probs` is false:
 *   greedy without scores skips the vocabulary-wide log-sum-exp);
 * - `lv2en_gathered_log_probs`: the log-probs of the tokens each row asks for
 *   in `lv2en_gather_tokens` (constrained decoding's constraint tokens).
 *
 * Not allowed: the export's banned tokens (bad_words_ids) always, `</s>` in
 * rows whose `lv2en_eos_banned` is set (before min_new_tokens).
 */
import { GraphBuilder, attr } from '../../onnx/graph-builder.js';
import { DataType } from '../../onnx/onnx-proto.js';
import type { EditedGraph } from '../../onnx/read-model.js';

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

/** `decoder` with the scoring appended and its logits output replaced by the scoring outputs. */
export function appendScoring(decoder: EditedGraph, spec: ScoringSpec): EditedGraph {
  if (!decoder.outputs.some((o) => o.name === 'logits')) throw new Error('the decoder has no logits output');
  const g = new GraphBuilder('lv2en_scoring', undefined, 'lv2en_scoring/');
  const k = g.input(SCORING_INPUTS.k, DataType.INT64, [1]);
  const withLogProbs = g.input(SCORING_INPUTS.withLogProbs, DataType.BOOL, [1]);
  const eosBanned = g.input(SCORING_INPUTS.eosBanned, DataType.BOOL, ['batch_size', 1]);
  const gatherTokens = g.input(SCORING_INPUTS.gatherTokens, DataType.INT64, ['batch_size', 'gathered']);

  // Every step feeds one token per row, so the logits are [rows, 1, vocab].
  const rows = g.op1('Reshape', ['logits', g.int64([-1, spec.vocabSize])]);
  const rowCount = g.op1('Shape', [rows], { start: attr.int(0), end: attr.int(1) });
  // The disallowed columns get -Infinity by one ScatterElements (a copy of the rows) rather than
  // elementwise Where over rows × vocabulary: the banned ids in every row, `</s>` where the row bans it.
  const eos = g.int64([spec.eos], [1, 1]);
  const eosIndex = g.op1('Expand', [eos, g.op1('Concat', [rowCount, g.int64([1])], { axis: attr.int(0) })]);
  const eosLogit = g.op1('GatherElements', [rows, eosIndex], { axis: attr.int(1) });
  const negativeInfinity = g.floatScalar(-Infinity);
  let indices = eosIndex;
  let updates = g.op1('Where', [eosBanned, negativeInfinity, eosLogit]);
  if (spec.banned.length > 0) {
    const bannedShape = g.op1('Concat', [rowCount, g.int64([spec.banned.length])], { axis: attr.int(0) });
    const bannedIndex = g.op1('Expand', [g.int64([...spec.banned], [1, spec.banned.length]), bannedShape]);
    indices = g.op1('Concat', [bannedIndex, eosIndex], { axis: attr.int(1) });
    const bannedValues = g.op1('Expand', [g.float([-Infinity], [1, 1]), bannedShape]);
    updates = g.op1('Concat', [bannedValues, updates], { axis: attr.int(1) });
  }
  const allowed = g.op1('ScatterElements', [rows, indices, updates], { axis: attr.int(1) });

  const [topLogits, topTokens] = g.op(
    'TopK',
    [allowed, k],
    { axis: attr.int(-1), largest: attr.int(1), sorted: attr.int(1) },
    { outputs: [g.freshName('top_logits'), SCORING_OUTPUTS.topTokens] },
  );
  // LogSoftmax runs onnxruntime's vectorised kernel (ReduceLogSumExp took 4× as long at 96 rows).
  const withLogSoftmax = g.subgraph('lv2en_log_probs');
  const logProbs = withLogSoftmax.op1('LogSoftmax', [allowed], { axis: attr.int(-1) });
  withLogSoftmax.output(withLogSoftmax.op1('GatherElements', [logProbs, topTokens!], { axis: attr.int(-1) }), DataType.FLOAT);
  withLogSoftmax.output(withLogSoftmax.op1('GatherElements', [logProbs, gatherTokens], { axis: attr.int(-1) }), DataType.FLOAT);
  // Without log-probs (greedy without scores) the vocabulary-wide softmax is skipped; callers then read only the tokens.
  const without = g.subgraph('lv2en_no_log_probs');
  without.output(without.op1('Identity', [topLogits!]), DataType.FLOAT);
  without.output(without.op1('GatherElements', [allowed, gatherTokens], { axis: attr.int(-1) }), DataType.FLOAT);
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
    nodes: [...decoder.nodes, ...scoring.nodes],
    initializers: [...decoder.initializers, ...scoring.initializers],
    inputs: [...decoder.inputs, ...scoring.inputs],
    outputs: [...decoder.outputs.filter((o) => o.name !== 'logits'), ...scoring.outputs],
  };
}
