/**
 * Two tiny ONNX graphs that turn a decoder step's logits into what the search
 * needs, run by onnxruntime instead of JavaScript: a JS log-softmax over a
 * 58,101-token vocabulary costs ~0.5 ms per row (more than the int8 decoder
 * step itself at batch 64), while onnxruntime does it vectorised on all cores.
 *
 * - `argmax`: ArgMax over the vocabulary, first index on ties (as
 *   transformers.js's greedy `max()`), for greedy decoding without scores.
 * - `top`: TopK over the raw logits (ties: lower index first, so the order
 *   equals ArgMax's), and the log-softmax value of each of those tokens.
 *   Ordering by raw logits rather than by log-probs keeps rank 0 identical to
 *   ArgMax even where float rounding makes two log-probs equal.
 *
 * Tokens the search must not pick (pad, `</s>` before the minimum length) are
 * set to -Infinity in the logits before these run, so the softmax is
 * renormalised over the allowed tokens, as HF's `renormalize_logits` does.
 */
import * as ort from 'onnxruntime-node';
import { DataType } from '../onnx/onnx-proto.js';
import { GraphBuilder, attr } from '../onnx/graph-builder.js';
import { onnxModelBytes } from '../onnx/write-model.js';

export interface ScoringSessions {
  argmax: ort.InferenceSession;
  top: ort.InferenceSession;
}

function argmaxGraph() {
  const g = new GraphBuilder('lv2en_argmax');
  const logits = g.input('logits', DataType.FLOAT, ['rows', 'vocab']);
  g.op('ArgMax', [logits], { axis: attr.int(-1), keepdims: attr.int(0), select_last_index: attr.int(0) }, { outputs: ['token'] });
  g.output('token', DataType.INT64, ['rows']);
  return g.build();
}

function topGraph() {
  const g = new GraphBuilder('lv2en_top');
  const logits = g.input('logits', DataType.FLOAT, ['rows', 'vocab']);
  const k = g.input('k', DataType.INT64, [1]);
  const [, indices] = g.op(
    'TopK',
    [logits, k],
    { axis: attr.int(-1), largest: attr.int(1), sorted: attr.int(1) },
    { outputs: ['top_logits', 'tokens'] },
  );
  const logProbs = g.op1('LogSoftmax', [logits], { axis: attr.int(-1) });
  g.op('GatherElements', [logProbs, indices!], { axis: attr.int(-1) }, { outputs: ['log_probs'] });
  g.output('tokens', DataType.INT64, ['rows', 'k']);
  g.output('log_probs', DataType.FLOAT, ['rows', 'k']);
  return g.build();
}

/**
 * One thread and no spinning by default: these graphs take a few milliseconds,
 * and a second thread pool that spins after each run fights the model's own
 * pool (and the JS thread's copies and GC) for the cores. Measured on the
 * 2-core bench machine: +25% greedy and +30% beam-4 throughput against two
 * spinning threads.
 */
export async function createScoringSessions(threads = 1): Promise<ScoringSessions> {
  const options: ort.InferenceSession.SessionOptions = {
    intraOpNumThreads: threads,
    graphOptimizationLevel: 'all',
    logSeverityLevel: 3,
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  };
  const [argmax, top] = await Promise.all([
    ort.InferenceSession.create(onnxModelBytes(argmaxGraph(), 'lv2en-decode'), options),
    ort.InferenceSession.create(onnxModelBytes(topGraph(), 'lv2en-decode'), options),
  ]);
  return { argmax, top };
}

/** Best token per row (first on ties). `logits` is rows × vocab. */
export async function argmaxRows(sessions: ScoringSessions, logits: Float32Array, rows: number, vocab: number): Promise<BigInt64Array> {
  const out = await sessions.argmax.run({ logits: new ort.Tensor('float32', logits, [rows, vocab]) });
  return out.token!.data as BigInt64Array;
}

export interface TopTokens {
  /** rows × k token ids, best first. */
  tokens: BigInt64Array;
  /** rows × k log-probabilities of those tokens, renormalised over the allowed tokens. */
  logProbs: Float32Array;
  k: number;
}

export async function topRows(sessions: ScoringSessions, logits: Float32Array, rows: number, vocab: number, k: number): Promise<TopTokens> {
  const out = await sessions.top.run({
    logits: new ort.Tensor('float32', logits, [rows, vocab]),
    k: new ort.Tensor('int64', BigInt64Array.of(BigInt(k)), [1]),
  });
  return { tokens: out.tokens!.data as BigInt64Array, logProbs: out.log_probs!.data as Float32Array, k };
}
