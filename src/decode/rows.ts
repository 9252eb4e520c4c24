/**
 * Moving rows of a [rows, ...] tensor: greedy drops finished rows, beam
 * search reorders and duplicates beams. Tensors stay onnxruntime tensors over
 * typed arrays; a gather is one copy per run of adjacent rows.
 */
import * as ort from 'onnxruntime-node';

type Data = Float32Array | BigInt64Array;

/** Copies rows `parents[i]` of `t` into row i of a new tensor. */
export function gatherRows(t: ort.Tensor, parents: Int32Array): ort.Tensor {
  const dims = t.dims;
  const rowSize = dims.slice(1).reduce((a, b) => a * b, 1);
  const src = t.data as Data;
  const out = new (src.constructor as { new (length: number): Data })(parents.length * rowSize);
  let i = 0;
  while (i < parents.length) {
    // Copy runs of consecutive parents (the common case: survivors in order) in one call.
    const start = parents[i]!;
    let run = 1;
    while (i + run < parents.length && parents[i + run] === start + run) run += 1;
    (out as Float32Array).set((src as Float32Array).subarray(start * rowSize, (start + run) * rowSize), i * rowSize);
    i += run;
  }
  return new ort.Tensor(t.type as 'float32', out as Float32Array, [parents.length, ...dims.slice(1)]);
}

/**
 * Reorders the rows of `t` in place: row i becomes old row `parents[i]`, for
 * as many rows as `parents` has (no more than `t` has). Only rows that change
 * are written, and only overwritten rows that another row still reads are
 * saved first. Beam search mostly keeps a beam where it was, and dropping
 * finished rows only moves the survivors down, so this copies a fraction of
 * what a gather would and allocates no new cache: fewer copies, and no second
 * copy of the whole cache alive until the garbage collector frees the first.
 * Returns a tensor over the same memory (a shorter view when rows were dropped).
 */
export function reorderRowsInPlace(t: ort.Tensor, parents: Int32Array): ort.Tensor {
  const rows = t.dims[0]!;
  if (parents.length > rows) throw new Error(`cannot reorder ${rows} rows into ${parents.length} in place`);
  const rowSize = t.dims.slice(1).reduce((a, b) => a * b, 1);
  const data = t.data as Float32Array;
  const count = parents.length;
  const changed = new Uint8Array(count);
  for (let i = 0; i < count; i++) changed[i] = parents[i] === i ? 0 : 1;
  const saved = new Map<number, Float32Array>();
  for (let i = 0; i < count; i++) {
    const p = parents[i]!;
    // Rows at or past `count` are never overwritten, so they need no saving.
    if (changed[i] && p < count && changed[p] && !saved.has(p)) saved.set(p, data.slice(p * rowSize, (p + 1) * rowSize));
  }
  for (let i = 0; i < count; i++) {
    if (!changed[i]) continue;
    const p = parents[i]!;
    data.set(saved.get(p) ?? data.subarray(p * rowSize, (p + 1) * rowSize), i * rowSize);
  }
  if (count === rows) return t;
  return new ort.Tensor(t.type as 'float32', data.subarray(0, count * rowSize), [count, ...t.dims.slice(1)]);
}
