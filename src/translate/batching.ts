/**
 * Most decoder rows (sentences × beams) in one batch. Measured on the
 * full-size model (2 cores, q8, in-graph scoring, interleaved in one
 * process): 64 rows ran 7% faster than 96 greedy and 4% with 4 beams (48:
 * 3% and 5%). Above about 72 rows a step's rows × 58,101 logits pass 16 MiB,
 * and onnxruntime's arena, which grows in regions of doubling size, takes
 * 32 MiB regions it keeps for the rest of the run: over 1,500 sentences,
 * whose short ones fill such batches, `lv2en translate` then peaked 38 MB
 * higher than over 150, whose batches never did.
 */
export const MAX_BATCH_ROWS = 64;

/**
 * Groups sentences into batches by length: sorting first means a batch pads
 * short rows only up to their neighbours' length, not the longest sentence of
 * the file. A batch holds at most `budgetTokens` padded source tokens.
 * Returns batches of input indices; callers restore input order by index.
 */
export function planBatches(tokenCounts: readonly number[], budgetTokens: number, maxRows = MAX_BATCH_ROWS): number[][] {
  const order = tokenCounts.map((_, index) => index).sort((a, b) => tokenCounts[a]! - tokenCounts[b]! || a - b);
  const batches: number[][] = [];
  let current: number[] = [];
  let longest = 0;
  for (const index of order) {
    const length = Math.max(1, tokenCounts[index]!);
    const paddedCost = Math.max(longest, length) * (current.length + 1);
    if (current.length > 0 && (paddedCost > budgetTokens || current.length >= maxRows)) {
      batches.push(current);
      current = [];
      longest = 0;
    }
    current.push(index);
    longest = Math.max(longest, length);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * Batches of constrained items as MarianTranslator.translateConstrained forms
 * them: sorted by source length (ties in input order), MAX_BATCH_ROWS / beams
 * sentences each. A backend that sends each batch to another process as one
 * chunk gets the same rows per decoder call, hence the same output.
 */
export function planConstrainedChunks(tokenCounts: readonly number[], numBeams: number): number[][] {
  const perBatch = Math.max(1, Math.floor(MAX_BATCH_ROWS / numBeams));
  const order = tokenCounts.map((_, index) => index).sort((a, b) => tokenCounts[a]! - tokenCounts[b]! || a - b);
  const chunks: number[][] = [];
  for (let start = 0; start < order.length; start += perBatch) chunks.push(order.slice(start, start + perBatch));
  return chunks;
}
