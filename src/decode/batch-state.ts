/**
 * The rows the decoder runs on, and everything that must follow a row when
 * the batch changes: the source-side tensors (encoder output, its mask, the
 * cross-attention keys and values computed on step 1) and the self-attention
 * KV cache. Rows are gathered by parent index: greedy drops finished rows,
 * beam search reorders and duplicates beams. Everything stays as onnxruntime
 * tensors over typed arrays; a gather is one memcpy per run of adjacent rows.
 */
import * as ort from 'onnxruntime-node';
import type { DecodingModel } from './model.js';

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

function isIdentity(parents: Int32Array, rows: number): boolean {
  if (parents.length !== rows) return false;
  for (let i = 0; i < parents.length; i++) if (parents[i] !== i) return false;
  return true;
}

export interface StepOutput {
  /** rows × vocab logits of the last position; owned by the caller (may be modified). */
  logits: Float32Array;
  rows: number;
}

export class BatchState {
  /** Source row (index into the encoded batch) of each current row. */
  rowSource: Int32Array;
  private encoderHidden: ort.Tensor;
  private encoderMask: ort.Tensor;
  private readonly past = new Map<string, ort.Tensor>();
  private steps = 0;

  private constructor(
    private readonly model: DecodingModel,
    hidden: ort.Tensor,
    mask: ort.Tensor,
  ) {
    this.encoderHidden = hidden;
    this.encoderMask = mask;
    this.rowSource = Int32Array.from({ length: hidden.dims[0]! }, (_, i) => i);
  }

  get rows(): number {
    return this.rowSource.length;
  }

  /** Runs the encoder once over the sources (token ids ending in `</s>`), right-padded with pad. */
  static async encode(model: DecodingModel, sources: readonly (readonly number[])[]): Promise<BatchState> {
    const rows = sources.length;
    const length = Math.max(1, ...sources.map((s) => s.length));
    const ids = new BigInt64Array(rows * length).fill(BigInt(model.tokens.pad));
    const mask = new BigInt64Array(rows * length);
    sources.forEach((source, row) => {
      for (let i = 0; i < source.length; i++) {
        ids[row * length + i] = BigInt(source[i]!);
        mask[row * length + i] = 1n;
      }
    });
    const maskTensor = new ort.Tensor('int64', mask, [rows, length]);
    const hidden = await model.encode(new ort.Tensor('int64', ids, [rows, length]), maskTensor);
    return new BatchState(model, hidden, maskTensor);
  }

  /** Runs the decoder on one new token per row and returns the logits; the KV cache advances. */
  async step(tokens: BigInt64Array): Promise<StepOutput> {
    const rows = this.rows;
    if (tokens.length !== rows) throw new Error(`step got ${tokens.length} tokens for ${rows} rows`);
    const first = this.steps === 0;
    const feeds: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor('int64', tokens, [rows, 1]),
      encoder_hidden_states: this.encoderHidden,
      use_cache_branch: new ort.Tensor('bool', Uint8Array.of(first ? 0 : 1), [1]),
    };
    // Marian exports take the source mask; an export without that input gets none (onnxruntime rejects unknown feeds).
    if (this.model.takesEncoderMask) feeds.encoder_attention_mask = this.encoderMask;
    const [heads, headDim] = this.model.cacheShape;
    for (const slot of this.model.cache) {
      feeds[slot.input] = first ? new ort.Tensor('float32', new Float32Array(0), [rows, heads, 0, headDim]) : this.past.get(slot.input)!;
    }
    const outputs = await this.model.step(feeds, first ? undefined : this.model.cachedStepFetches);
    this.steps += 1;
    for (const slot of this.model.cache) {
      // Cross-attention keys/values are computed on step 1 and reused (transformers.js does the same).
      if (slot.kind === 'decoder' || first) this.past.set(slot.input, outputs[slot.output]!);
    }
    const logits = outputs.logits!;
    const vocab = logits.dims[logits.dims.length - 1]!;
    const positions = logits.dims.length === 3 ? logits.dims[1]! : 1;
    let data = logits.data as Float32Array;
    if (positions !== 1) {
      data = new Float32Array(rows * vocab);
      for (let r = 0; r < rows; r++)
        data.set(
          (logits.data as Float32Array).subarray((r * positions + positions - 1) * vocab, (r * positions + positions) * vocab),
          r * vocab,
        );
    }
    return { logits: data, rows };
  }

  /**
   * Makes row i of the next step continue row `parents[i]` of this one. The
   * source-side tensors are gathered only when some row now belongs to a
   * different source than before (rows left, or beams were expanded).
   */
  reorder(parents: Int32Array): void {
    if (isIdentity(parents, this.rows)) return;
    const started = performance.now();
    const nextSource = Int32Array.from(parents, (p) => this.rowSource[p]!);
    const sourceChanged = nextSource.length !== this.rowSource.length || nextSource.some((s, i) => s !== this.rowSource[i]);
    // Every tensor here is ours alone (a step's output, the encoder's output, or
    // an earlier gather), so rows can move where they are unless the batch grows
    // (beams expanding after step 1).
    const move = (t: ort.Tensor) => (parents.length <= t.dims[0]! ? reorderRowsInPlace(t, parents) : gatherRows(t, parents));
    for (const slot of this.model.cache) {
      if (slot.kind === 'encoder' && !sourceChanged) continue;
      this.past.set(slot.input, move(this.past.get(slot.input)!));
    }
    if (sourceChanged) {
      this.encoderHidden = move(this.encoderHidden);
      this.encoderMask = move(this.encoderMask);
    }
    this.rowSource = nextSource;
    this.model.time.gather += performance.now() - started;
  }
}
