/**
 * Batched greedy decoding. Each row takes its best allowed token; a row that
 * has produced `</s>` is finished: its tokens stop there, it is fed `</s>`
 * (ignored) while it stays in the batch, and finished rows leave the batch
 * once they are a quarter of it, so the decoder stops paying for them without
 * copying the KV cache after every single row.
 *
 * Per sentence this picks exactly what transformers.js's greedy generate()
 * picks for that sentence alone: the same allowed set (no pad, `</s>` only
 * after minNewTokens, forced at maxNewTokens) and the same tie rule (first
 * index of the maximum).
 */
import { BatchState } from './batch-state.js';
import { limitsOf } from './limits.js';
import type { DecodingModel } from './model.js';
import type { DecodeInput, Decoded, SearchSettings } from './types.js';

/** Finished rows leave the batch when they are at least this share of it. */
const COMPACT_SHARE = 0.25;

export async function greedyDecode(
  model: DecodingModel,
  input: DecodeInput,
  settings: Pick<SearchSettings, 'scores' | 'lengthPenalty'> = {},
): Promise<Decoded[]> {
  const count = input.sources.length;
  if (count === 0) return [];
  const { maxNew, minNew } = limitsOf(input);
  const { eos, decoderStart } = model.tokens;
  const withScores = settings.scores === true;
  const tokens: number[][] = Array.from({ length: count }, () => []);
  const tokenLogProbs: number[][] = Array.from({ length: count }, () => []);
  const finished = new Uint8Array(count);
  let live = count;

  const state = await BatchState.encode(model, input.sources, { rows: count, positions: Math.max(...maxNew) + 1 });
  try {
    let next = new BigInt64Array(count).fill(BigInt(decoderStart));
    for (let position = 1; live > 0; position++) {
      const rows = state.rows;
      const eosBanned = Uint8Array.from(state.rowSource, (s) => (!finished[s] && position <= minNew[s]! ? 1 : 0));
      // k = 1: TopK's first is ArgMax's (first index on ties), as transformers.js's greedy picks.
      const scored = await state.step({ tokens: next, k: 1, logProbs: withScores, eosBanned });
      const best = scored.tokens;
      const bestLogProb = scored.logProbs;
      const nextTokens = new BigInt64Array(rows);
      let deadRows = 0;
      for (let r = 0; r < rows; r++) {
        const s = state.rowSource[r]!;
        if (finished[s]) {
          nextTokens[r] = BigInt(eos);
          deadRows += 1;
          continue;
        }
        const forced = position >= maxNew[s]!;
        const token = forced ? eos : Number(best[r]!);
        if (withScores) tokenLogProbs[s]!.push(forced ? 0 : bestLogProb[r]!);
        if (token === eos) {
          finished[s] = 1;
          live -= 1;
          deadRows += 1;
        } else {
          tokens[s]!.push(token);
        }
        nextTokens[r] = BigInt(token);
      }
      if (live === 0) break;
      if (deadRows > 0 && deadRows >= rows * COMPACT_SHARE) {
        const keep: number[] = [];
        for (let r = 0; r < rows; r++) if (!finished[state.rowSource[r]!]) keep.push(r);
        const parents = Int32Array.from(keep);
        state.reorder(parents);
        next = BigInt64Array.from(keep, (r) => nextTokens[r]!);
      } else {
        next = nextTokens;
      }
    }
  } finally {
    state.release();
  }
  const alpha = settings.lengthPenalty ?? 1;
  return tokens.map((t, s) => {
    const lps = tokenLogProbs[s]!;
    const logProb = withScores ? lps.reduce((a, b) => a + b, 0) : Number.NaN;
    return { tokens: t, logProb, score: logProb / (t.length + 1) ** alpha, tokenLogProbs: lps };
  });
}
