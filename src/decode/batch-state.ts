/**
 * The rows the decoder runs on, and everything that must follow a row when
 * the batch changes: the source-side tensors (encoder output, its mask, the
 * cross-attention keys and values computed once per batch) and the
 * self-attention KV cache (self-attention-cache.ts). Rows follow their parent
 * index: greedy drops finished rows, beam search reorders and duplicates beams.
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

export class BatchState {
  /** Source row (index into the encoded batch) of each current row. */
  rowSource: Int32Array;
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
    const move = (t: ort.Tensor) => (parents.length <= t.dims[0]! ? reorderRowsInPlace(t, parents) : gatherRows(t, parents));
    for (const slot of this.model.cache) {
      const grown = this.grown.get(slot.input);
      if (grown) {
        grown.reorder(parents);
        continue;
      }
      if (slot.kind === 'encoder' && !sourceChanged) continue;
      this.past.set(slot.input, move(this.past.get(slot.input)!));
    }
    if (sourceChanged) {
      if (this.encoderHidden) this.encoderHidden = move(this.encoderHidden);
      this.encoderMask = move(this.encoderMask);
    }
    this.rowSource = nextSource;
    this.model.time.gather += performance.now() - started;
  }
}
