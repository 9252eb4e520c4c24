import fc from 'fast-check';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { SelfAttentionCache } from '../../src/decode/self-attention-cache.js';

const HEADS = 2;
const HEAD_DIM = 3;

/** The reference: a plain [rows][heads][positions][headDim] array grown by concatenation and gathered by parents. */
type Reference = number[][][][];

const positionsTensor = (values: number[][][]) =>
  new ort.Tensor('float32', Float32Array.from(values.flat(2)), [values.length, HEADS, 1, HEAD_DIM]);

describe('the self-attention cache lv2en owns', () => {
  it('holds what concatenating each step and gathering rows by parents holds, through growth, drops, duplicates and reorders', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 9 }), { minLength: 1, maxLength: 70 }),
        (rows0, moves) => {
          const cache = new SelfAttentionCache(rows0, HEADS, HEAD_DIM);
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
        },
      ),
      { numRuns: 60 },
    );
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
