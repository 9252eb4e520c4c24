import { describe, expect, it } from 'vitest';
import { planBatches } from '../../src/translate/batching.js';

describe('planBatches', () => {
  const lengths = [30, 5, 12, 5, 48, 7, 22, 3, 3, 60, 9, 15];

  it('places every sentence in exactly one batch', () => {
    const batches = planBatches(lengths, 64);
    expect(batches.flat().sort((a, b) => a - b)).toEqual(lengths.map((_, i) => i));
  });

  it('keeps each batch within the padded token budget unless one sentence alone exceeds it', () => {
    for (const batch of planBatches(lengths, 64)) {
      const padded = Math.max(...batch.map((i) => lengths[i]!)) * batch.length;
      expect(padded <= 64 || batch.length === 1).toBe(true);
    }
  });

  it('groups similar lengths: batches run in ascending length', () => {
    const batches = planBatches(lengths, 64);
    const longestOf = (b: number[]) => Math.max(...b.map((i) => lengths[i]!));
    const shortestOf = (b: number[]) => Math.min(...b.map((i) => lengths[i]!));
    for (let k = 1; k < batches.length; k++) expect(shortestOf(batches[k]!)).toBeGreaterThanOrEqual(longestOf(batches[k - 1]!));
  });

  it('caps the rows of a batch', () => {
    expect(planBatches(new Array(10).fill(1), 1000, 4).map((b) => b.length)).toEqual([4, 4, 2]);
  });
});
