import fc from 'fast-check';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { CacheArrayPool, SelfAttentionCache } from '../../src/decode/self-attention-cache.js';

const HEADS = 2;
const HEAD_DIM = 3;

/** The reference: a plain [rows][heads][positions][headDim] array grown by concatenation and gathered by parents. */
type Reference = number[][][][];

/** Shared by the property runs that take their arrays from a pool. */
const sharedPool = new CacheArrayPool(1, 40 * HEADS * 16 * HEAD_DIM);

const positionsTensor = (values: number[][][]) =>
  new ort.Tensor('float32', Float32Array.from(values.flat(2)), [values.length, HEADS, 1, HEAD_DIM]);

describe('the self-attention cache lv2en owns', () => {
  it('holds what concatenating each step and gathering rows by parents holds, through growth, drops, duplicates and reorders', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 9 }), { minLength: 1, maxLength: 70 }),
        fc.boolean(),
        (rows0, moves, pooled) => {
          // Half the runs take their array from a pool shared by all runs (arrays bigger than needed, holding an earlier run's values).
          const cache = pooled
            ? new SelfAttentionCache(rows0, HEADS, HEAD_DIM, sharedPool)
            : new SelfAttentionCache(rows0, HEADS, HEAD_DIM);
          let reference: Reference = Array.from({ length: rows0 }, () => Array.from({ length: HEADS }, () => []));
          let counter = 0;
          for (const move of moves) {
            const past = cache.past();
            expect(past.dims).toEqual([reference.length, HEADS, reference[0]![0]!.length, HEAD_DIM]);
            expect(Array.from(past.data as Float32Array)).toEqual(reference.flat(3));
            const step = reference.map(() => Array.from({ length: HEADS }, () => Array.from({ length: HEAD_DIM }, () => counter++)));
            cache.append(positionsTensor(step));
            reference = reference.map((row, r) => row.map((head, h) => [...head, step[r]![h]!]));
            // Every step keeps, drops, duplicates or reorders rows (parents index the step's rows).
            const parents = Int32Array.from(move, (m) => m % reference.length);
            cache.reorder(parents);
            reference = Array.from(parents, (p) => reference[p]!.map((head) => head.map((position) => [...position])));
          }
          expect(Array.from(cache.past().data as Float32Array)).toEqual(reference.flat(3));
          cache.release();
        },
      ),
      { numRuns: 60 },
    );
  });

  it('takes the same pooled array batch after batch while each batch fits its minimum, and a larger one only when one does not', () => {
    const pool = new CacheArrayPool(1, 4 * HEADS * 9 * HEAD_DIM);
    const buffers: ArrayBufferLike[] = [];
    for (const [rows, steps] of [
      [2, 5],
      [4, 8],
      [3, 7],
      [8, 9],
    ] as const) {
      const cache = new SelfAttentionCache(rows, HEADS, HEAD_DIM, pool, { rows, positions: steps + 1 });
      for (let step = 0; step < steps; step++) {
        cache.past();
        cache.append(positionsTensor(Array.from({ length: rows }, () => Array.from({ length: HEADS }, () => [step, step, step]))));
      }
      buffers.push((cache.past().data as Float32Array).buffer);
      cache.release();
    }
    // 4 rows × 9 positions (8 steps, room for one more) is the minimum: the first three batches fit it (the first, smaller,
    // takes an array the second can reuse), the fourth (8 rows × 10) does not.
    expect(buffers[1]).toBe(buffers[0]);
    expect(buffers[2]).toBe(buffers[0]);
    expect(buffers[3]).not.toBe(buffers[0]);
  });

  it('refuses positions for another number of rows, and parents outside the batch', () => {
    const cache = new SelfAttentionCache(2, HEADS, HEAD_DIM);
    cache.past();
    expect(() =>
      cache.append(
        positionsTensor([
          [
            [1, 2, 3],
            [4, 5, 6],
          ],
        ]),
      ),
    ).toThrow(/for 2 rows/);
    cache.append(
      positionsTensor([
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        [
          [7, 8, 9],
          [1, 2, 3],
        ],
      ]),
    );
    expect(() => cache.reorder(Int32Array.of(0, 2))).toThrow(/row 2/);
  });
});
