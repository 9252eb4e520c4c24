/**
 * The sessions lv2en decodes with, created by lv2en from prepared copies of an
 * export's files (prepare.ts): the encoder, the cross-attention cache (the
 * encoder output projected to every layer's keys and values, once per batch)
 * and the decoder with past (no If), which every step runs (the first on an
 * empty self-attention cache) and which ends in the search's scoring, so a
 * step returns the best tokens and their log-probs, not the vocabulary-wide
 * logits. Our own loop owns the batch, the KV cache and
 * the choice of tokens; transformers.js only fetches files and tokenizes.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as ort from 'onnxruntime-node';
import { appendedOutput } from './graphs/cache-append.js';
import { SCORING_OUTPUTS } from './graphs/scoring.js';
import { SENTENCE_AXIS } from './graphs/shared-cross-attention.js';
import { prepareDecodingFiles, type ExportFiles, type PreparedFiles } from './prepare.js';
import { CACHE_BUDGET_BYTES, CacheArrayPool } from './self-attention-cache.js';
import { createSession, type SessionSettings } from './sessions.js';

/** One past-key-value input of the cached decoder and the output that feeds it. */
export interface CacheSlot {
  input: string;
  /** `decoder` slots come from every step's output; `encoder` ones (cross-attention) from the cross-attention cache graph. */
  output: string;
  kind: 'decoder' | 'encoder';
  /** The step returns only the new position (lv2en appends it), not the whole grown cache. */
  appends: boolean;
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
  /** Decoder runs, the in-graph scoring included. */
  decoder: number;
  /** Appending each step's positions to the self-attention cache (moving rows as it goes), and moving encoder rows when the batch changes. */
  gather: number;
}

export interface DecodingModelOptions {
  session?: SessionSettings;
  /** Quantise int8 activations per row, so a sentence decodes the same alone and in any batch (default true). */
  perRowQuantization?: boolean;
  /** Where prepared graphs go when the export's folder is not writable. */
  preparedFallbackDir?: string;
  /** One copy of the cross-attention keys and values per sentence, read by all its beams (default true; false: one per row, as before). */
  sharedCrossAttention?: boolean;
}

const PAST = /^past_key_values\.(\d+)\.(decoder|encoder)\.(key|value)$/;
const SCORING_FETCHES = [SCORING_OUTPUTS.topTokens, SCORING_OUTPUTS.topLogProbs, SCORING_OUTPUTS.gatheredLogProbs];

export class DecodingModel {
  /** Session runs so far, for tests and for proving that a cached run made none. */
  readonly calls: ModelCalls = { encoder: 0, decoder: 0 };
  readonly time: DecodeTime = { encoder: 0, decoder: 0, gather: 0 };
  /** Told each decoder step's rows and wall time (the benchmark's batch occupancy); null: nobody asks. */
  onStep: ((rows: number, ms: number) => void) | null = null;
  /** Self-attention cache arrays the last finished batch handed back (one batch's worth: more would keep pages resident for nothing). */
  readonly cacheArrays: CacheArrayPool;
  /** The decoder reads the cross-attention keys and values once per sentence, its beams being rows sentence by sentence (graphs/shared-cross-attention.ts). */
  readonly crossAttentionPerSentence: boolean;
  private readonly cachedStepFetches: string[];

  private constructor(
    readonly encoder: ort.InferenceSession,
    readonly crossCache: ort.InferenceSession,
    readonly cachedStep: ort.InferenceSession,
    readonly tokens: SpecialTokens,
    readonly vocabSize: number,
    readonly cache: readonly CacheSlot[],
    /** [heads, headDim] of every past tensor. */
    readonly cacheShape: readonly [number, number],
    /** Positions the model has embeddings for (source and target each). */
    readonly maxPositions: number,
    readonly files: PreparedFiles,
  ) {
    this.cachedStepFetches = [...SCORING_FETCHES, ...cache.filter((s) => s.kind === 'decoder').map((s) => s.output)];
    const cross = cache.find((s) => s.kind === 'encoder');
    const crossMeta = cachedStep.inputMetadata.find((m) => m.name === cross?.input);
    this.crossAttentionPerSentence = crossMeta !== undefined && 'shape' in crossMeta && crossMeta.shape[0] === SENTENCE_AXIS;
    const appending = cache.filter((s) => s.appends).length;
    this.cacheArrays = new CacheArrayPool(
      appending,
      Math.floor(CACHE_BUDGET_BYTES / Math.max(1, appending) / Float32Array.BYTES_PER_ELEMENT),
    );
  }

  /**
   * Prepares (or finds cached) the graphs for `files` and opens sessions on
   * them. `config` is config.json with generation_config.json's fields over it.
   */
  static async load(files: ExportFiles, config: Record<string, unknown>, options: DecodingModelOptions = {}): Promise<DecodingModel> {
    const tokens = specialTokens(config);
    const vocabSize = Number(config.decoder_vocab_size ?? config.vocab_size);
    if (!Number.isInteger(vocabSize) || vocabSize < 1) throw new Error('config.json states no vocab_size');
    const heads = Number(config.decoder_attention_heads);
    const headDim = Number(config.d_model) / heads;
    const shareable = options.sharedCrossAttention !== false && Number.isInteger(heads) && Number.isInteger(headDim);
    const prepared = await prepareDecodingFiles(files, {
      scoring: { vocabSize, eos: tokens.eos, banned: tokens.banned },
      perRowQuantization: options.perRowQuantization ?? true,
      fallbackDir: options.preparedFallbackDir ?? join(tmpdir(), 'lv2en-prepared'),
      ...(shareable ? { sharedCrossAttention: { heads, headDim } } : {}),
    });
    // One after the other: a session's load (file read, optimisation, weight prepacking) briefly holds twice its weights.
    const encoder = await createSession(prepared.encoder, options.session);
    const crossCache = await createSession(prepared.crossCache, options.session);
    const cachedStep = await createSession(prepared.cachedStep, options.session);
    const cache = cacheSlots(crossCache, cachedStep);
    return new DecodingModel(
      encoder,
      crossCache,
      cachedStep,
      tokens,
      vocabSize,
      cache,
      pastShape(cachedStep, config),
      Number(config.max_position_embeddings ?? 512),
      prepared,
    );
  }

  /** Bytes one row's self-attention cache grows by per generated token (every layer's keys and values). */
  get cacheBytesPerPosition(): number {
    const [heads, headDim] = this.cacheShape;
    return this.cache.filter((s) => s.kind === 'decoder').length * heads * headDim * Float32Array.BYTES_PER_ELEMENT;
  }

  /** Bytes one copy of a sentence's cross-attention cache takes per source position (every layer's keys and values). */
  get crossBytesPerPosition(): number {
    const [heads, headDim] = this.cacheShape;
    return this.cache.filter((s) => s.kind === 'encoder').length * heads * headDim * Float32Array.BYTES_PER_ELEMENT;
  }

  /** Whether the decoder takes `input` (onnxruntime rejects feeds a graph does not declare). */
  takes(input: string): boolean {
    return this.cachedStep.inputNames.includes(input);
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

  /** Every layer's cross-attention keys and values for a batch, from what `available` offers of the graph's inputs. */
  async crossAttentionCache(available: Record<string, ort.Tensor>): Promise<Record<string, ort.Tensor>> {
    const started = performance.now();
    const feeds: Record<string, ort.Tensor> = {};
    for (const name of this.crossCache.inputNames) {
      const tensor = available[name];
      if (!tensor) throw new Error(`the cross-attention cache graph takes ${name}, which decoding does not have`);
      feeds[name] = tensor;
    }
    const out = await this.crossCache.run(feeds);
    this.time.decoder += performance.now() - started;
    return out;
  }

  /** One decoder run: the scoring and the self-attention cache (the cross-attention cache is only ever an input). */
  async step(feeds: Record<string, ort.Tensor>): Promise<Record<string, ort.Tensor>> {
    this.calls.decoder += 1;
    const started = performance.now();
    const out = await this.cachedStep.run(feeds, this.cachedStepFetches);
    const ms = performance.now() - started;
    this.time.decoder += ms;
    this.onStep?.(feeds.input_ids?.dims[0] ?? 0, ms);
    return out;
  }

  async release(): Promise<void> {
    await Promise.all([this.encoder, this.crossCache, this.cachedStep].map((s) => s.release()));
  }
}

function toIds(value: unknown): number[] {
  if (value === null || value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(Number);
}

export function specialTokens(generation: Record<string, unknown>): SpecialTokens {
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

function cacheSlots(crossCache: ort.InferenceSession, cachedStep: ort.InferenceSession): CacheSlot[] {
  const slots: CacheSlot[] = [];
  for (const input of cachedStep.inputNames) {
    const match = PAST.exec(input);
    if (!match) continue;
    const kind = match[2] as 'decoder' | 'encoder';
    const output = input.replace('past_key_values', 'present');
    if (kind === 'encoder' && !crossCache.outputNames.includes(output))
      throw new Error(`the no-past decoder computes no ${output} for the with-past decoder's ${input}`);
    const appended = appendedOutput(output);
    if (kind === 'decoder' && cachedStep.outputNames.includes(appended)) {
      slots.push({ input, output: appended, kind, appends: true });
      continue;
    }
    if (kind === 'decoder' && !cachedStep.outputNames.includes(output))
      throw new Error(`the with-past decoder has input ${input} but no output ${output}`);
    slots.push({ input, output, kind, appends: false });
  }
  if (slots.length === 0) throw new Error('the with-past decoder has no past_key_values inputs');
  if (!cachedStep.inputNames.includes('input_ids')) throw new Error('the with-past decoder takes no input_ids');
  return slots;
}

function pastShape(decoder: ort.InferenceSession, config: Record<string, unknown>): [number, number] {
  const meta = decoder.inputMetadata.find((m) => PAST.test(m.name));
  const shape = meta && 'shape' in meta ? meta.shape : undefined;
  if (shape && typeof shape[1] === 'number' && typeof shape[3] === 'number') return [shape[1], shape[3]];
  const heads = Number(config.decoder_attention_heads);
  return [heads, Number(config.d_model) / heads];
}
