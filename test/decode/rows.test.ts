import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { gatherRows, reorderRowsInPlace } from '../../src/decode/rows.js';

function tensor(rows: number, rowSize: number): ort.Tensor {
  return new ort.Tensor(
    'float32',
    Float32Array.from({ length: rows * rowSize }, (_, i) => i),
    [rows, 2, rowSize / 2],
  );
}

describe('moving cache rows', () => {
  it('in place gives what a gather gives: reorders, duplicates, drops', () => {
    let seed = 3;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let trial = 0; trial < 200; trial++) {
      const rows = 1 + Math.floor(random() * 9);
      const count = 1 + Math.floor(random() * rows);
      const parents = Int32Array.from({ length: count }, () => Math.floor(random() * rows));
      const expected = gatherRows(tensor(rows, 6), parents);
      const moved = reorderRowsInPlace(tensor(rows, 6), parents);
      expect(moved.dims).toEqual(expected.dims);
      expect(Array.from(moved.data as Float32Array)).toEqual(Array.from(expected.data as Float32Array));
    }
  });

  it('moves int64 rows (the source mask) too, and refuses to grow', () => {
    const mask = new ort.Tensor('int64', BigInt64Array.from([1n, 1n, 0n, 1n, 0n, 0n]), [3, 2]);
    const moved = reorderRowsInPlace(mask, Int32Array.of(2, 0));
    expect(Array.from(moved.data as BigInt64Array)).toEqual([0n, 0n, 1n, 1n]);
    expect(() => reorderRowsInPlace(tensor(2, 2), Int32Array.of(0, 1, 1))).toThrow();
  });
});
