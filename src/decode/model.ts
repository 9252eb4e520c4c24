/**
 * The encoder and merged decoder of a Marian export, as transformers.js loaded
 * them (`model.sessions.model`, `model.sessions.decoder_model_merged`), run
 * directly with onnxruntime tensors: our own loop owns the batch, the KV cache
 * and the choice of tokens, the library only loads files and tokenizes.
 */
import type * as ort from 'onnxruntime-node';
import type { PreTrainedModel } from '@huggingface/transformers';
import { argmaxRows, createScoringSessions, topRows, type ScoringSessions, type TopTokens } from './scoring.js';

/** What onnxruntime-node's InferenceSession offers that we use; transformers.js's sessions are those. */
export interface RunnableSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata?: readonly { name: string; isTensor?: boolean; type?: string; shape?: readonly (number | string)[] }[];
  readonly outputMetadata?: readonly { name: string; isTensor?: boolean; type?: string; shape?: readonly (number | string)[] }[];
  run(feeds: Record<string, ort.Tensor>, fetches?: readonly string[]): Promise<Record<string, ort.Tensor>>;
}

/** One past-key-value input of the decoder and the output that feeds it on the next step. */
export interface CacheSlot {
  input: string;
  output: string;
  /** `decoder` entries grow by one position per step; `encoder` ones (cross-attention) stay as step 1 made them. */
  kind: 'decoder' | 'encoder';
}

export interface SpecialTokens {
  eos: number;
  pad: number;
  decoderStart: number;
  /** Never generated (Marian: `bad_words_ids: [[pad]]`). */
  banned: readonly number[];
}

export interface ModelCalls {
  encoder: number;
  decoder: number;
}

/** Wall time spent per kind of work, in milliseconds (for the benchmark's breakdown of a step). */
export interface DecodeTime {
  encoder: number;
  decoder: number;
  /** The argmax / top-k + log-softmax graphs. */
  scoring: number;
  /** Copying KV-cache and encoder rows when the batch changes. */
  gather: number;
}

export interface DecodingModelOptions {
  /** onnxruntime threads of the small scoring graphs (default 1, see scoring.ts); the model's own sessions keep what they were loaded with. */
  scoringThreads?: number;
}

const PAST = /^past_key_values\.(\d+)\.(decoder|encoder)\.(key|value)$/;

export class DecodingModel {
  /** Session runs so far, for tests and for proving that a cached run made none. */
  readonly calls: ModelCalls = { encoder: 0, decoder: 0 };
  /** Whether the decoder has an `encoder_attention_mask` input. */
  readonly takesEncoderMask: boolean;
  readonly time: DecodeTime = { encoder: 0, decoder: 0, scoring: 0, gather: 0 };

  private constructor(
    readonly encoder: RunnableSession,
    readonly decoder: RunnableSession,
    readonly scoring: ScoringSessions,
    readonly tokens: SpecialTokens,
    readonly vocabSize: number,
    readonly cache: readonly CacheSlot[],
    /** Outputs a cached step needs: the logits and the self-attention cache. */
    readonly cachedStepFetches: readonly string[],
    /** [heads, headDim] of every past tensor. */
    readonly cacheShape: readonly [number, number],
    /** Positions the model has embeddings for (source and target each). */
    readonly maxPositions: number,
  ) {
    this.takesEncoderMask = decoder.inputNames.includes('encoder_attention_mask');
  }

  static async fromPretrained(model: PreTrainedModel, options: DecodingModelOptions = {}): Promise<DecodingModel> {
    const sessions = (model as unknown as { sessions: Record<string, RunnableSession | undefined> }).sessions;
    const encoder = sessions.model;
    const decoder = sessions.decoder_model_merged;
    if (!encoder || !decoder)
      throw new Error('lv2en decoding needs an encoder-decoder export with encoder_model and decoder_model_merged sessions');
    const config = model.config as unknown as Record<string, unknown>;
    const generation = { ...config, ...((model.generation_config ?? {}) as unknown as Record<string, unknown>) };
    const tokens = specialTokens(generation);
    // The logits' own width where the graph states it (it is what the search indexes), else the config's.
    const logitsWidth = decoder.outputMetadata?.find((m) => m.name === 'logits')?.shape?.at(-1);
    const vocabSize = typeof logitsWidth === 'number' ? logitsWidth : Number(config.decoder_vocab_size ?? config.vocab_size);
    const cache = cacheSlots(decoder);
    const cacheShape = pastShape(decoder, config);
    const scoring = await createScoringSessions(options.scoringThreads ?? 1);
    const cachedStepFetches = ['logits', ...cache.filter((slot) => slot.kind === 'decoder').map((slot) => slot.output)];
    return new DecodingModel(
      encoder,
      decoder,
      scoring,
      tokens,
      vocabSize,
      cache,
      cachedStepFetches,
      cacheShape,
      Number(config.max_position_embeddings ?? 512),
    );
  }

  async encode(inputIds: ort.Tensor, attentionMask: ort.Tensor): Promise<ort.Tensor> {
    this.calls.encoder += 1;
    const started = performance.now();
    const out = await this.encoder.run({ input_ids: inputIds, attention_mask: attentionMask });
    this.time.encoder += performance.now() - started;
    const hidden = out.last_hidden_state;
    if (!hidden) throw new Error('the encoder returned no last_hidden_state');
    if (hidden.type !== 'float32') throw new Error(`encoder output is ${hidden.type}; lv2en decodes float32 (q8 or fp32) exports only`);
    return hidden;
  }

  /**
   * One decoder run. `fetches` names the outputs wanted (default: all). After
   * step 1 only the logits and the self-attention cache are: the merged
   * decoder still copies the cross-attention cache through its If branch, but
   * not fetching it spares onnxruntime-node a copy of it into JS memory on
   * every step (-30% per step at 64 rows on the full model).
   */
  async step(feeds: Record<string, ort.Tensor>, fetches?: readonly string[]): Promise<Record<string, ort.Tensor>> {
    this.calls.decoder += 1;
    const started = performance.now();
    const out = fetches ? await this.decoder.run(feeds, fetches) : await this.decoder.run(feeds);
    this.time.decoder += performance.now() - started;
    return out;
  }

  /** Best token per row of rows × vocab logits (first index on ties). */
  async argmax(logits: Float32Array, rows: number): Promise<BigInt64Array> {
    const started = performance.now();
    const out = await argmaxRows(this.scoring, logits, rows, this.vocabSize);
    this.time.scoring += performance.now() - started;
    return out;
  }

  /** The k best tokens per row by logit, with their log-probs. */
  async top(logits: Float32Array, rows: number, k: number): Promise<TopTokens> {
    const started = performance.now();
    const out = await topRows(this.scoring, logits, rows, this.vocabSize, k);
    this.time.scoring += performance.now() - started;
    return out;
  }
}

function toIds(value: unknown): number[] {
  if (value === null || value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(Number);
}

function specialTokens(generation: Record<string, unknown>): SpecialTokens {
  const eosIds = toIds(generation.eos_token_id);
  if (eosIds.length !== 1) throw new Error(`expected one eos_token_id, found ${JSON.stringify(generation.eos_token_id)}`);
  const eos = eosIds[0]!;
  const pad = Number(generation.pad_token_id ?? eos);
  const decoderStart = Number(generation.decoder_start_token_id ?? pad);
  const forcedEos = toIds(generation.forced_eos_token_id);
  if (forcedEos.some((id) => id !== eos)) throw new Error('forced_eos_token_id differs from eos_token_id; not supported');
  const banned: number[] = [];
  for (const words of (generation.bad_words_ids ?? []) as unknown[][]) {
    if (words.length !== 1) throw new Error('bad_words_ids with multi-token entries are not supported');
    banned.push(Number(words[0]));
  }
  return { eos, pad, decoderStart, banned: [...new Set(banned)].sort((a, b) => a - b) };
}

function cacheSlots(decoder: RunnableSession): CacheSlot[] {
  const slots: CacheSlot[] = [];
  for (const input of decoder.inputNames) {
    const match = PAST.exec(input);
    if (!match) continue;
    const output = input.replace('past_key_values', 'present');
    if (!decoder.outputNames.includes(output)) throw new Error(`decoder has input ${input} but no output ${output}`);
    slots.push({ input, output, kind: match[2] as 'decoder' | 'encoder' });
  }
  if (slots.length === 0) throw new Error('decoder_model_merged has no past_key_values inputs');
  for (const name of ['input_ids', 'encoder_hidden_states', 'use_cache_branch']) {
    if (!decoder.inputNames.includes(name)) throw new Error(`decoder_model_merged has no ${name} input`);
  }
  return slots;
}

function pastShape(decoder: RunnableSession, config: Record<string, unknown>): [number, number] {
  const meta = decoder.inputMetadata?.find((m) => PAST.test(m.name));
  const shape = meta?.shape;
  if (shape && typeof shape[1] === 'number' && typeof shape[3] === 'number') return [shape[1], shape[3]];
  const heads = Number(config.decoder_attention_heads);
  return [heads, Number(config.d_model) / heads];
}
