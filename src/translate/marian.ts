import {
  CACHE_BUDGET_BYTES,
  type DecodingModel,
  beamDecode,
  beamDecodeNBest,
  decode,
  type Decoded,
  type SearchSettings,
} from '../decode/index.js';
import { constrainedSelection } from '../decode/constrained.js';
import { ConstraintTokenizer } from '../decode/constraints/tokenize.js';
import type { DecodeSettings } from '../models/config.js';
import { MAX_BATCH_ROWS } from './batching.js';
import type { LoadedModel } from '../models/load.js';
import { alignmentFromAttention } from './aligned.js';
import type { AlignedTranslation, ConstrainedItem, Translator } from './translator.js';

/** Beams of a constrained search at least: dynamic beam allocation shares the beam among the stages of progress. */
export const MIN_CONSTRAINED_BEAMS = 4;

/** What a sentence's cross-attention keys and values cost: they are held for the whole decode call too. */
export interface CrossAttentionCost {
  /** Each sentence's source length in tokens (a part pads to its longest). */
  sourceLengths: readonly number[];
  /** Copies per sentence: 1 where its beams share one (DecodingModel.crossAttentionPerSentence), else its rows. */
  rowsPerSentence: number;
  /** Bytes per source position of one copy (every layer's keys and values). */
  bytesPerPosition: number;
}

/**
 * Consecutive parts of a batch whose cache stays within `budget`: a part of n
 * sentences costs n × rowsPerSentence × its longest maxNew × bytesPerPosition
 * (the self-attention cache) plus, given `cross`, n × its copies × its longest
 * source × their bytes per position (the cross-attention cache).
 * A single sentence always makes a part, whatever it costs.
 */
export function cacheBudgetParts(
  maxNew: readonly number[],
  rowsPerSentence: number,
  bytesPerPosition: number,
  budget = CACHE_BUDGET_BYTES,
  cross?: CrossAttentionCost,
): [number, number][] {
  const parts: [number, number][] = [];
  let start = 0;
  let longest = 0;
  let longestSource = 0;
  const cost = (sentences: number, output: number, source: number) =>
    sentences * (rowsPerSentence * output * bytesPerPosition + (cross ? cross.rowsPerSentence * source * cross.bytesPerPosition : 0));
  for (let i = 0; i < maxNew.length; i++) {
    const nextLongest = Math.max(longest, maxNew[i]!);
    const source = cross?.sourceLengths[i] ?? 0;
    const nextSource = Math.max(longestSource, source);
    if (i > start && cost(i - start + 1, nextLongest, nextSource) > budget) {
      parts.push([start, i]);
      start = i;
      longest = maxNew[i]!;
      longestSource = source;
    } else {
      longest = nextLongest;
      longestSource = nextSource;
    }
  }
  if (maxNew.length > 0) parts.push([start, maxNew.length]);
  return parts;
}

/** Room for English that runs longer than its Latvian source, without letting a looping row run to max_length. */
export const outputLengthCap = (sourceTokens: number, configured: number) => Math.min(configured, 2 * sourceTokens + 16);

export interface MarianTranslatorOptions {
  /** Overrides of the model's configured decoding (models.config.yaml). */
  decode?: Partial<Pick<DecodeSettings, 'numBeams' | 'maxNewTokens' | 'lengthPenalty' | 'earlyStopping'>>;
  /** No longer used: scoring runs inside the decoder graphs (kept so existing callers compile). */
  scoringThreads?: number;
  /**
   * Benchmarks on random weights only: the exact output length (tokens,
   * counting `</s>`) for a source of `sourceTokens` tokens. `</s>` is banned
   * before it and forced at it, as min_new_tokens = max_new_tokens does in
   * transformers.js.
   */
  forceOutputLength?: (sourceTokens: number) => number;
  /** Called with each batch's token-level results (benchmarks, diagnostics). */
  onDecoded?: (sources: readonly (readonly number[])[], decoded: readonly Decoded[]) => void;
}

/**
 * Translates with lv2en's own decoding loop (src/decode) over lv2en's own
 * sessions: one encoder and one cross-attention run per batch, the with-past
 * decoder with its KV cache every step, greedy or beam search as models.config.yaml says.
 */
export class MarianTranslator implements Translator {
  readonly modelName: string;
  readonly maxInputTokens: number;
  /** Decoder rows per sentence: batches are planned with this in mind. */
  readonly rowsPerSentence: number;
  private readonly settings: SearchSettings;
  private readonly maxNewTokens: number;
  private constraintTokenizer: ConstraintTokenizer | null = null;

  constructor(
    private readonly loaded: LoadedModel,
    private readonly options: MarianTranslatorOptions = {},
  ) {
    const config = loaded.config;
    const decode = { ...loaded.spec.decode, ...options.decode };
    this.modelName = loaded.spec.name;
    this.maxInputTokens = Number(config.max_position_embeddings ?? 512);
    this.rowsPerSentence = decode.numBeams;
    this.settings = { numBeams: decode.numBeams, lengthPenalty: decode.lengthPenalty, earlyStopping: decode.earlyStopping };
    // Target positions are embedded too: never ask for more than the model has.
    this.maxNewTokens = Math.min(decode.maxNewTokens, this.maxInputTokens - 1);
  }

  /** The decoding model (lv2en's sessions over the prepared graphs), opened on first use. */
  decodingModel(): Promise<DecodingModel> {
    return this.loaded.decoding();
  }

  countTokens(text: string): number {
    return this.loaded.tokenizer.encode(text).length;
  }

  async translateBatch(sources: readonly string[]): Promise<string[]> {
    if (sources.length === 0) return [];
    const { tokenizer } = this.loaded;
    const ids = sources.map((text) => tokenizer.encode(text));
    const decoded = await this.decodeIds(ids);
    this.options.onDecoded?.(ids, decoded);
    return decoded.map((d) => tokenizer.decode(d.tokens, { skip_special_tokens: true }).trim());
  }

  /**
   * translateBatch, then one forced pass of the decoder over the chosen
   * tokens for their cross-attention (src/decode/attention.ts), turned into
   * word alignment: the same translations, and a second cost only for those asked.
   */
  async translateAligned(sources: readonly string[]): Promise<AlignedTranslation[]> {
    if (sources.length === 0) return [];
    const { tokenizer } = this.loaded;
    const ids = sources.map((text) => tokenizer.encode(text));
    const decoded = await this.decodeIds(ids);
    this.options.onDecoded?.(ids, decoded);
    // An export whose decoder lacks the attention's structure translates as ever: its tags fall back to the other anchors.
    const model = await this.loaded.attention().catch(() => null);
    const attention = model ? await model.attention(ids.map((source, i) => ({ source, target: decoded[i]!.tokens }))) : null;
    return decoded.map((d, i) => {
      const target = tokenizer.decode(d.tokens, { skip_special_tokens: true }).trim();
      const rows = attention?.[i];
      return { target, alignment: rows ? alignmentFromAttention(tokenizer, sources[i]!, ids[i]!, target, d.tokens, rows) : null };
    });
  }

  /**
   * Beam search with dynamic beam allocation (src/decode/constrained.ts):
   * each constraint's strings are tokenised every way they can stand in the
   * output (after a space, glued to a quote, inside a larger piece), and the
   * output must hold one spelling per constraint. Sentences go in batches of
   * similar length; results come back in input order.
   */
  async translateConstrained(items: readonly ConstrainedItem[]): Promise<string[]> {
    if (items.length === 0) return [];
    const { tokenizer } = this.loaded;
    this.constraintTokenizer ??= new ConstraintTokenizer(tokenizer);
    const constraintTokenizer = this.constraintTokenizer;
    const prepared = items.map((item) => ({
      ids: tokenizer.encode(item.source),
      constraints: item.constraints.map((strings) => constraintTokenizer.constraint(strings)).filter((c) => c.length > 0),
    }));
    const numBeams = Math.max(MIN_CONSTRAINED_BEAMS, this.settings.numBeams);
    const perBatch = Math.max(1, Math.floor(MAX_BATCH_ROWS / numBeams));
    // Similar lengths together: a batch runs as long as its longest sentence.
    const order = prepared.map((_, i) => i).sort((a, b) => prepared[a]!.ids.length - prepared[b]!.ids.length);
    const out: string[] = new Array(items.length);
    for (let start = 0; start < order.length; start += perBatch) {
      const batch = order.slice(start, start + perBatch).map((i) => ({ index: i, ...prepared[i]! }));
      const decoded = await this.decodeConstrained(
        batch.map((b) => b.ids),
        batch.map((b) => b.constraints),
        numBeams,
      );
      this.options.onDecoded?.(
        batch.map((b) => b.ids),
        decoded,
      );
      batch.forEach((b, row) => (out[b.index] = tokenizer.decode(decoded[row]!.tokens, { skip_special_tokens: true }).trim()));
    }
    return out;
  }

  /**
   * The n best distinct translations per source from a beam max(numBeams,
   * count) wide, in batches of MAX_BATCH_ROWS decoder rows. Token sequences
   * that read the same once detokenised count once.
   */
  async translateAlternatives(sources: readonly string[], count: number): Promise<string[][]> {
    if (sources.length === 0) return [];
    const { tokenizer } = this.loaded;
    const numBeams = Math.max(this.settings.numBeams, count);
    const perBatch = Math.max(1, Math.floor(MAX_BATCH_ROWS / numBeams));
    const model = await this.decodingModel();
    const out: string[][] = [];
    for (let start = 0; start < sources.length; start += perBatch) {
      const ids = sources.slice(start, start + perBatch).map((text) => tokenizer.encode(text));
      const maxNewTokens = ids.map((source) => outputLengthCap(source.length, this.maxNewTokens));
      const lists = await this.inParts(model, ids, maxNewTokens, numBeams, ([from, to]) =>
        beamDecodeNBest(
          model,
          { sources: ids.slice(from, to), maxNewTokens: maxNewTokens.slice(from, to) },
          { ...this.settings, numBeams },
          count,
        ),
      );
      for (const list of lists) out.push([...new Set(list.map((d) => tokenizer.decode(d.tokens, { skip_special_tokens: true }).trim()))]);
    }
    return out;
  }

  /** Constrained search over token ids: `constraints[i]` are sentence i's token-level constraints. */
  async decodeConstrained(
    ids: readonly (readonly number[])[],
    constraints: readonly (readonly (readonly (readonly number[])[])[])[],
    numBeams = Math.max(MIN_CONSTRAINED_BEAMS, this.settings.numBeams),
  ): Promise<Decoded[]> {
    const model = await this.decodingModel();
    // Room for the forced phrases on top of the usual cap, which a forced name may otherwise crowd out.
    const maxNewTokens = ids.map((source, i) => {
      const forced = (constraints[i] ?? []).reduce((sum, c) => sum + Math.max(...c.map((a) => a.length)), 0);
      return Math.min(outputLengthCap(source.length, this.maxNewTokens) + forced, this.maxNewTokens);
    });
    return this.inParts(model, ids, maxNewTokens, numBeams, async ([start, end]) =>
      beamDecode(
        model,
        { sources: ids.slice(start, end), maxNewTokens: maxNewTokens.slice(start, end) },
        {
          ...this.settings,
          numBeams,
          selectCandidates: constrainedSelection(constraints.slice(start, end), { lengthPenalty: this.settings.lengthPenalty }),
        },
      ),
    );
  }

  /** Runs `decodePart` over the batch's cache-budget parts, in order, and joins the results. */
  private async inParts<T>(
    model: DecodingModel,
    sources: readonly (readonly number[])[],
    maxNewTokens: readonly number[],
    rowsPerSentence: number,
    decodePart: (range: [number, number]) => Promise<T[]>,
  ): Promise<T[]> {
    const out: T[] = [];
    const cross: CrossAttentionCost = {
      sourceLengths: sources.map((s) => s.length),
      rowsPerSentence: model.crossAttentionPerSentence ? 1 : rowsPerSentence,
      bytesPerPosition: model.crossBytesPerPosition,
    };
    for (const range of cacheBudgetParts(maxNewTokens, rowsPerSentence, model.cacheBytesPerPosition, CACHE_BUDGET_BYTES, cross))
      out.push(...(await decodePart(range)));
    return out;
  }

  /** Token ids in (each ending in `</s>`), search results out, in the same order. */
  async decodeIds(ids: readonly (readonly number[])[]): Promise<Decoded[]> {
    const model = await this.decodingModel();
    const force = this.options.forceOutputLength;
    const maxNewTokens = ids.map((source) => (force ? force(source.length) : outputLengthCap(source.length, this.maxNewTokens)));
    return this.inParts(model, ids, maxNewTokens, this.settings.numBeams, ([start, end]) => {
      const maxNew = maxNewTokens.slice(start, end);
      return decode(model, { sources: ids.slice(start, end), maxNewTokens: maxNew, minNewTokens: force ? maxNew : 0 }, this.settings);
    });
  }
}
