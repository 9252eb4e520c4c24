/**
 * One layer's self-attention keys (or values) for the rows of a batch, in an
 * array lv2en owns. The decoder returns only each step's new position
 * (graphs/cache-append.ts); before the next step the rows are moved where the
 * search wants them (beam search's parents, greedy dropping finished rows)
 * and every row's past is spread out in place, back to front, to make room
 * for its new position: [rows, heads, length + 1, headDim], contiguous, as
 * the decoder reads it. One array per slot, reused step after step and batch
 * after batch (through the model's pool): no copy of the whole cache is
 * allocated per step and left for the garbage collector, as when the decoder
 * returned the grown cache (12 fresh tensors a step, 38 MB at 60 rows × 26
 * positions on the full-size model).
 */
import * as ort from 'onnxruntime-node';
import { gatherRows, reorderRowsInPlace } from './rows.js';

/** Positions an array first has room for; the room doubles when outgrown. */
const FIRST_CAPACITY = 32;

/**
 * Most bytes of self-attention cache one decode call may reach (rows ×
 * longest output × layers' keys and values), the cross-attention cache
 * (sentences, or rows where beams do not share it, × longest source × layers'
 * keys and values) included; past it, a batch decodes in
 * parts (translate/marian.ts cacheBudgetParts). At 96 rows of 136-token
 * outputs (the length cap of 60-token sources) one call had peaked near
 * 500 MB above the weights.
 */
export const CACHE_BUDGET_BYTES = 96 * 1024 * 1024;

/** Cache arrays handed back by the last finished batch, for the next batch to reuse. */
export class CacheArrayPool {
  private readonly free: Float32Array[] = [];

  /**
   * `keep`: how many arrays to hold (one batch's worth; more would keep pages
   * resident for nothing). `minimumLength`: the fewest elements an array is
   * made with. Sized for its slot's share of the cache budget, one array
   * serves every batch within the budget, so after the first batch none is
   * made again: arrays sized for each batch, replaced when a batch needed
   * more, left glibc holding freed memory that grew with the batch shapes a
   * run met (with them, `lv2en translate` peaked 13–19% higher over 1,500
   * sentences than over 150; with the budget's share, 9–11%).
   */
  constructor(
    private readonly keep: number,
    private readonly minimumLength = 0,
  ) {}

  /** The smallest free array of at least `size` elements, or a new one (of at least `minimumLength`). */
  take(size: number): Float32Array {
    size = Math.max(size, this.minimumLength);
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const length = this.free[i]!.length;
      if (length >= size && (best === -1 || length < this.free[best]!.length)) best = i;
    }
    if (best === -1) return new Float32Array(size);
    return this.free.splice(best, 1)[0]!;
  }

  give(array: Float32Array): void {
    if (array.length === 0) return;
    this.free.push(array);
    // Past `keep`, the smallest go to the garbage collector.
    if (this.free.length > this.keep) {
      this.free.sort((a, b) => b.length - a.length);
      this.free.length = this.keep;
    }
  }
}

/** How many rows (beams × sentences) and cache positions (longest output + 1) a batch may reach: its cache arrays are sized by them. */
export interface CacheExpectation {
  rows?: number;
  positions?: number;
}

export class SelfAttentionCache {
  private store: Float32Array = new Float32Array(0);
  private rows: number;
  private length = 0;
  /** The last step's new positions ([rows, heads, 1, headDim]) not yet appended, and the rows the next step continues. */
  private appended: Float32Array | null = null;
  private parents: Int32Array | null = null;

  /**
   * `expected`: how many rows the batch will reach (beams × sentences), so the
   * array is sized for them at once, and how many positions at most (the
   * longest output + 1), so the doubling room never exceeds it: reused heap
   * memory is zero-filled whole, so every element of the array is resident.
   */
  constructor(
    rows: number,
    private readonly heads: number,
    private readonly headDim: number,
    private readonly pool: CacheArrayPool = new CacheArrayPool(0),
    private readonly expected: CacheExpectation = {},
  ) {
    this.rows = rows;
  }

  /** Hands the array back to the pool; the cache is unusable after. */
  release(): void {
    this.pool.give(this.store);
    this.store = new Float32Array(0);
  }

  /** The past to feed the next step (the last step's positions appended, rows moved as `reorder` said). */
  past(): ort.Tensor {
    if (this.appended) this.advance(this.appended);
    return this.view(this.rows, this.length);
  }

  /** Takes a step's new positions, one per row of that step. */
  append(positions: ort.Tensor): void {
    const [rows, heads, one, headDim] = positions.dims;
    if (rows !== this.rows || heads !== this.heads || one !== 1 || headDim !== this.headDim) {
      throw new Error(`a step returned cache positions of shape [${positions.dims.join(', ')}] for ${this.rows} rows`);
    }
    this.appended = positions.data as Float32Array;
  }

  /** Row i of the next step continues row `parents[i]` of the last one (applied when the next past is built). */
  reorder(parents: Int32Array): void {
    const rows = this.parents ? this.parents.length : this.rows;
    for (const p of parents) if (p < 0 || p >= rows) throw new Error(`row ${p} does not exist in a batch of ${rows}`);
    this.parents = this.parents ? Int32Array.from(parents, (p) => this.parents![p]!) : parents;
  }

  private view(rows: number, length: number): ort.Tensor {
    const size = rows * this.heads * length * this.headDim;
    return new ort.Tensor('float32', this.store.subarray(0, size), [rows, this.heads, length, this.headDim]);
  }

  private advance(appended: Float32Array): void {
    const { heads, headDim, length } = this;
    const parents = this.parents;
    const rows = parents ? parents.length : this.rows;
    const next = length + 1;
    const needed = rows * heads * next * headDim;
    if (this.store.length < needed) {
      // A roomier array: the rows are gathered into it (already in their new order).
      const doubled = Math.max(FIRST_CAPACITY, 2 ** Math.ceil(Math.log2(next)));
      const positions = Math.max(next, Math.min(doubled, this.expected.positions ?? doubled));
      const room = Math.max(rows, this.expected.rows ?? rows) * heads * positions * headDim;
      const grown = this.pool.take(room);
      if (length > 0) grown.set(gatherRows(this.view(this.rows, length), parents ?? identity(rows)).data as Float32Array);
      this.pool.give(this.store);
      this.store = grown;
    } else if (parents && length > 0 && rows > this.rows) {
      // More rows than before (beams expanding): gathered through a copy.
      this.store.set(gatherRows(this.view(this.rows, length), parents).data as Float32Array);
    } else if (parents && length > 0) {
      reorderRowsInPlace(this.view(this.rows, length), parents);
    }
    // Back to front: each block's new place starts at or after its old one and past every block still to move.
    const store = this.store;
    const oldBlock = length * headDim;
    const newBlock = next * headDim;
    for (let r = rows - 1; r >= 0; r--) {
      const from = parents ? parents[r]! : r;
      for (let h = heads - 1; h >= 0; h--) {
        const block = r * heads + h;
        const target = block * newBlock;
        if (length > 0 && block > 0) store.copyWithin(target, block * oldBlock, (block + 1) * oldBlock);
        const position = (from * heads + h) * headDim;
        for (let d = 0; d < headDim; d++) store[target + oldBlock + d] = appended[position + d]!;
      }
    }
    this.rows = rows;
    this.length = next;
    this.appended = null;
    this.parents = null;
  }
}

function identity(rows: number): Int32Array {
  return Int32Array.from({ length: rows }, (_, i) => i);
}
