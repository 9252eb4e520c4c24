import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cacheBudgetParts } from '../../src/translate/marian.js';

describe('cacheBudgetParts', () => {
  it('covers the batch in order with parts whose cache fits the budget (a lone sentence may exceed it)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 200 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 5000 }),
        (maxNew, rows, budget) => {
          const parts = cacheBudgetParts(maxNew, rows, 10, budget);
          expect(parts.flatMap(([s, e]) => Array.from({ length: e - s }, (_, i) => s + i))).toEqual(maxNew.map((_, i) => i));
          for (const [s, e] of parts) {
            const cost = (e - s) * rows * Math.max(...maxNew.slice(s, e)) * 10;
            if (e - s > 1) expect(cost).toBeLessThanOrEqual(budget);
          }
          // Greedy: a part could not have taken the next sentence too.
          for (const [s, e] of parts.slice(0, -1))
            expect((e - s + 1) * rows * Math.max(...maxNew.slice(s, e + 1)) * 10).toBeGreaterThan(budget);
        },
      ),
    );
  });

  it('keeps a batch of short outputs whole', () => {
    expect(cacheBudgetParts([26, 26, 27], 4, 24576)).toEqual([[0, 3]]);
  });
});
