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

describe('cacheBudgetParts with the cross-attention cache', () => {
  it('counts each part’s copies × longest source beside its self-attention cache', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 100 })), { maxLength: 60 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 20000 }),
        (sentences, rows, copies, budget) => {
          const maxNew = sentences.map(([m]) => m);
          const sourceLengths = sentences.map(([, s]) => s);
          const parts = cacheBudgetParts(maxNew, rows, 10, budget, { sourceLengths, rowsPerSentence: copies, bytesPerPosition: 7 });
          const cost = (s: number, e: number) =>
            (e - s) * (rows * Math.max(...maxNew.slice(s, e)) * 10 + copies * Math.max(...sourceLengths.slice(s, e)) * 7);
          expect(parts.flatMap(([s, e]) => Array.from({ length: e - s }, (_, i) => s + i))).toEqual(maxNew.map((_, i) => i));
          for (const [s, e] of parts) if (e - s > 1) expect(cost(s, e)).toBeLessThanOrEqual(budget);
          for (const [s, e] of parts.slice(0, -1)) expect(cost(s, e + 1)).toBeGreaterThan(budget);
        },
      ),
    );
  });

  it('splits a batch the self-attention cache alone would keep whole', () => {
    const maxNew = new Array(64).fill(27);
    expect(cacheBudgetParts(maxNew, 1, 24576)).toEqual([[0, 64]]);
    const cross = { sourceLengths: new Array(64).fill(40), rowsPerSentence: 1, bytesPerPosition: 24576 };
    expect(cacheBudgetParts(maxNew, 1, 24576, 64 * 27 * 24576 + 1, cross).length).toBeGreaterThan(1);
  });
});
