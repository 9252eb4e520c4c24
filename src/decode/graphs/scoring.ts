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
import { type AttributeValue, DataType } from '../../onnx/onnx-proto.js';
import { boolTensor } from '../../onnx/tensors.js';
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
  /** The graph's ONNX opset (ReduceLogSumExp takes its axes as an input from 18 on). */
  opset: number;
}

function columns(name: string, vocab: number, ids: readonly number[]) {
  const mask = new Array<boolean>(vocab).fill(false);
  for (const id of ids) mask[id] = true;
  return boolTensor(name, [vocab], mask);
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
  const negativeInfinity = g.floatScalar(-Infinity);
  const banned = g.initializer(columns('lv2en_scoring/banned_tokens', spec.vocabSize, spec.banned));
  const eosColumn = g.initializer(columns('lv2en_scoring/eos_token', spec.vocabSize, [spec.eos]));
  const withoutBanned = g.op1('Where', [banned, negativeInfinity, rows]);
  const allowed = g.op1('Where', [g.op1('And', [eosBanned, eosColumn]), negativeInfinity, withoutBanned]);

  const [topLogits] = g.op(
    'TopK',
    [allowed, k],
    { axis: attr.int(-1), largest: attr.int(1), sorted: attr.int(1) },
    { outputs: [g.freshName('top_logits'), SCORING_OUTPUTS.topTokens] },
  );
  const logSumExp = g.subgraph('lv2en_log_sum_exp');
  const reduceAttributes: Record<string, AttributeValue> = spec.opset >= 18 ? {} : { axes: attr.ints([-1]) };
  const reduceInputs = spec.opset >= 18 ? [allowed, g.int64([-1])] : [allowed];
  logSumExp.output(logSumExp.op1('ReduceLogSumExp', reduceInputs, { ...reduceAttributes, keepdims: attr.int(1) }), DataType.FLOAT);
  const skipped = g.subgraph('lv2en_no_log_sum_exp');
  // Without log-probs the normaliser is 0: the top values are then raw logits, which such callers never read.
  skipped.output(skipped.op1('Identity', [g.float([0], [1, 1])]), DataType.FLOAT);
  const [normaliser] = g.op('If', [withLogProbs], { then_branch: attr.graph(logSumExp.build()), else_branch: attr.graph(skipped.build()) });
  g.op1('Sub', [topLogits!, normaliser!], {}, SCORING_OUTPUTS.topLogProbs);
  const gathered = g.op1('GatherElements', [allowed, gatherTokens], { axis: attr.int(-1) });
  g.op1('Sub', [gathered, normaliser!], {}, SCORING_OUTPUTS.gatheredLogProbs);

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
