/**
 * The rows the decoder runs on, and everything that must follow a row when
 * the batch changes: the source-side tensors (encoder output, its mask, the
 * cross-attention keys and values computed once per batch) and the
 * self-attention KV cache (self-attention-cache.ts). Rows follow their parent
 * index: greedy drops finished rows, beam search reorders and duplicates beams.
 * Where the decoder shares the cross-attention keys and values among a
 * sentence's beams (graphs/shared-cross-attention.ts), they are kept once per
 * sentence and move only when sentences leave: reordering or expanding beams
 * never copies them.
 */
import * as ort from 'onnxruntime-node';
import { SCORING_INPUTS, SCORING_OUTPUTS } from './graphs/scoring.js';
import { gatherRows, reorderRowsInPlace } from './rows.js';
import type { DecodingModel } from './model.js';
import { type CacheExpectation, SelfAttentionCache } from './self-attention-cache.js';

function isIdentity(parents: Int32Array, rows: number): boolean {
  if (parents.length !== rows) return false;
  for (let i = 0; i < parents.length; i++) if (parents[i] !== i) return false;
  return true;
}

export interface StepRequest {
  /** One token per row. */
  tokens: BigInt64Array;
  /** How many best tokens per row to return. */
  k: number;
  /** Also their log-probs (the vocabulary-wide log-sum-exp): beam search and greedy with scores. */
  logProbs: boolean;
  /** Per row: 1 where `</s>` may not be chosen yet. */
  eosBanned: Uint8Array;
  /** rows × gatherWidth token ids whose log-probs to return (constrained decoding); none by default. */
  gather?: BigInt64Array;
  gatherWidth?: number;
}

/** What one step gives the search, per row. */
export interface ScoredStep {
  rows: number;
  k: number;
  /** rows × k best allowed tokens, best first (ties: lower id first). */
  tokens: BigInt64Array;
  /** rows × k log-probs of those (renormalised over allowed tokens); meaningless unless asked for. */
  logProbs: Float32Array;
  gatherWidth: number;
  /** rows × gatherWidth log-probs of the requested tokens (-Infinity where not allowed). */
  gathered: Float32Array;
}

/**
 * The source of each run of rows that share a source, when every run has the
 * same length (the batch is sentences × beams, beams contiguous); null otherwise.
 */
export function uniformRuns(rowSource: Int32Array): Int32Array | null {
  if (rowSource.length === 0) return new Int32Array(0);
  let run = 1;
  while (run < rowSource.length && rowSource[run] === rowSource[0]) run += 1;
  if (rowSource.length % run !== 0) return null;
  const heads = new Int32Array(rowSource.length / run);
  for (let g = 0; g < heads.length; g++) {
    const source = rowSource[g * run]!;
    for (let i = 1; i < run; i++) if (rowSource[g * run + i] !== source) return null;
    if (g > 0 && source === heads[g - 1]) return null;
    heads[g] = source;
  }
  return heads;
}

export class BatchState {
  /** Source row (index into the encoded batch) of each current row. */
  rowSource: Int32Array;
  /**
   * Source of each row of the cross-attention keys and values: one per
   * sentence where the decoder shares them among a sentence's beams
   * (model.crossAttentionPerSentence), else one per row (= rowSource).
   */
  private crossSource: Int32Array;
  private encoderHidden: ort.Tensor | null;
  private encoderMask: ort.Tensor;
  private readonly past = new Map<string, ort.Tensor>();
  /** The self-attention slots whose step returns only the new position. */
  private readonly grown = new Map<string, SelfAttentionCache>();
  private steps = 0;

  private constructor(
    private readonly model: DecodingModel,
    hidden: ort.Tensor,
    mask: ort.Tensor,
    private readonly expected: CacheExpectation,
  ) {
    this.encoderHidden = hidden;
    this.encoderMask = mask;
    this.rowSource = Int32Array.from({ length: hidden.dims[0]! }, (_, i) => i);
    this.crossSource = this.rowSource;
  }

  get rows(): number {
    return this.rowSource.length;
  }

  /**
   * Runs the encoder once over the sources (token ids ending in `</s>`),
   * right-padded with pad. Call `release` when the batch is done.
   */
  static async encode(model: DecodingModel, sources: readonly (readonly number[])[], expected: CacheExpectation = {}): Promise<BatchState> {
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
    return new BatchState(model, hidden, maskTensor, expected);
  }

  /** Runs the decoder on one new token per row and returns its scoring; the KV cache advances. */
  async step(request: StepRequest): Promise<ScoredStep> {
    const rows = this.rows;
    const { tokens, k } = request;
    if (tokens.length !== rows || request.eosBanned.length !== rows) throw new Error(`step got ${tokens.length} tokens for ${rows} rows`);
    const first = this.steps === 0;
    const model = this.model;
    const gatherWidth = request.gather ? (request.gatherWidth ?? 0) : 0;
    const feeds: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor('int64', tokens, [rows, 1]),
      [SCORING_INPUTS.k]: new ort.Tensor('int64', BigInt64Array.of(BigInt(k)), [1]),
      [SCORING_INPUTS.withLogProbs]: new ort.Tensor('bool', Uint8Array.of(request.logProbs ? 1 : 0), [1]),
      [SCORING_INPUTS.eosBanned]: new ort.Tensor('bool', request.eosBanned, [rows, 1]),
      [SCORING_INPUTS.gatherTokens]: new ort.Tensor('int64', request.gather ?? new BigInt64Array(0), [rows, gatherWidth]),
    };
    if (model.takes('encoder_attention_mask')) feeds.encoder_attention_mask = this.encoderMask;
    if (first) {
      // The cross-attention cache is computed once per batch; the first step's self-attention cache is empty.
      const cross = await model.crossAttentionCache({
        encoder_hidden_states: this.encoderHidden!,
        encoder_attention_mask: this.encoderMask,
        input_ids: feeds.input_ids!,
      });
      const [heads, headDim] = model.cacheShape;
      for (const slot of model.cache) {
        if (slot.appends) this.grown.set(slot.input, new SelfAttentionCache(rows, heads, headDim, model.cacheArrays, this.expected));
        else if (slot.kind === 'encoder') this.past.set(slot.input, cross[slot.output]!);
        else this.past.set(slot.input, new ort.Tensor('float32', new Float32Array(0), [rows, heads, 0, headDim]));
      }
      // The decoder reads the cross-attention cache, not the encoder output: stop holding it.
      if (!model.takes('encoder_hidden_states')) this.encoderHidden = null;
    }
    if (this.encoderHidden && model.takes('encoder_hidden_states')) feeds.encoder_hidden_states = this.encoderHidden;
    const appending = performance.now();
    for (const slot of model.cache) feeds[slot.input] = this.grown.get(slot.input)?.past() ?? this.past.get(slot.input)!;
    this.model.time.gather += performance.now() - appending;
    const outputs = await model.step(feeds);
    this.steps += 1;
    for (const slot of model.cache) {
      // The cross-attention cache is fed back unchanged (the with-past decoder never returns it).
      if (slot.appends) this.grown.get(slot.input)!.append(outputs[slot.output]!);
      else if (slot.kind === 'decoder') this.past.set(slot.input, outputs[slot.output]!);
    }
    return {
      rows,
      k,
      tokens: outputs[SCORING_OUTPUTS.topTokens]!.data as BigInt64Array,
      logProbs: outputs[SCORING_OUTPUTS.topLogProbs]!.data as Float32Array,
      gatherWidth,
      gathered: outputs[SCORING_OUTPUTS.gatheredLogProbs]!.data as Float32Array,
    };
  }

  /** Hands the self-attention cache arrays back to the model for the next batch. */
  release(): void {
    for (const cache of this.grown.values()) cache.release();
    this.grown.clear();
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
    const moveBy = (rows: Int32Array) => (t: ort.Tensor) => (rows.length <= t.dims[0]! ? reorderRowsInPlace(t, rows) : gatherRows(t, rows));
    const move = moveBy(parents);
    const cross = this.crossMove(nextSource, parents, sourceChanged);
    for (const slot of this.model.cache) {
      const grown = this.grown.get(slot.input);
      if (grown) {
        grown.reorder(parents);
        continue;
      }
      if (slot.kind === 'encoder') {
        if (cross) this.past.set(slot.input, moveBy(cross)(this.past.get(slot.input)!));
        continue;
      }
      this.past.set(slot.input, move(this.past.get(slot.input)!));
    }
    if (sourceChanged) {
      if (this.encoderHidden) this.encoderHidden = move(this.encoderHidden);
      this.encoderMask = move(this.encoderMask);
    }
    this.rowSource = nextSource;
    this.model.time.gather += performance.now() - started;
  }

  /** Which rows of the cross-attention cache the next step's rows read, or null when they stay as they are. */
  private crossMove(nextSource: Int32Array, parents: Int32Array, sourceChanged: boolean): Int32Array | null {
    if (!sourceChanged) return null;
    if (!this.model.crossAttentionPerSentence) {
      this.crossSource = nextSource;
      return parents;
    }
    const nextCross = uniformRuns(nextSource);
    if (!nextCross)
      throw new Error('rows must be sentences × the same number of beams each, beams together, when beams share the cross-attention cache');
    const previous = this.crossSource;
    this.crossSource = nextCross;
    if (nextCross.length === previous.length && nextCross.every((s, i) => s === previous[i])) return null;
    const at = new Map<number, number>();
    previous.forEach((source, i) => at.set(source, i));
    return Int32Array.from(nextCross, (source) => at.get(source)!);
  }
}
