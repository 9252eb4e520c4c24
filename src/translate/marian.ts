import { DecodingModel, decode, type Decoded, type SearchSettings } from '../decode/index.js';
import type { DecodeSettings } from '../models/config.js';
import type { LoadedModel } from '../models/load.js';
import type { Translator } from './translator.js';

/** Room for English that runs longer than its Latvian source, without letting a looping row run to max_length. */
export const outputLengthCap = (sourceTokens: number, configured: number) => Math.min(configured, 2 * sourceTokens + 16);

export interface MarianTranslatorOptions {
  /** Overrides of the model's configured decoding (models.config.yaml). */
  decode?: Partial<Pick<DecodeSettings, 'numBeams' | 'maxNewTokens' | 'lengthPenalty' | 'earlyStopping'>>;
  /** onnxruntime threads of the small scoring graphs (default 1: see src/decode/scoring.ts). */
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
 * Translates with lv2en's own decoding loop (src/decode) over the sessions
 * transformers.js loaded: one encoder run per batch, the merged decoder with
 * its KV cache, greedy or beam search as models.config.yaml says.
 */
export class MarianTranslator implements Translator {
  readonly modelName: string;
  readonly maxInputTokens: number;
  /** Decoder rows per sentence: batches are planned with this in mind. */
  readonly rowsPerSentence: number;
  private readonly settings: SearchSettings;
  private readonly maxNewTokens: number;
  private model: Promise<DecodingModel> | null = null;

  constructor(
    private readonly loaded: LoadedModel,
    private readonly options: MarianTranslatorOptions = {},
  ) {
    const config = loaded.model.config as unknown as Record<string, unknown>;
    const decode = { ...loaded.spec.decode, ...options.decode };
    this.modelName = loaded.spec.name;
    this.maxInputTokens = Number(config.max_position_embeddings ?? 512);
    this.rowsPerSentence = decode.numBeams;
    this.settings = { numBeams: decode.numBeams, lengthPenalty: decode.lengthPenalty, earlyStopping: decode.earlyStopping };
    // Target positions are embedded too: never ask for more than the model has.
    this.maxNewTokens = Math.min(decode.maxNewTokens, this.maxInputTokens - 1);
  }

  /** The decoding model (sessions + scoring graphs), built on first use. */
  decodingModel(): Promise<DecodingModel> {
    this.model ??= DecodingModel.fromPretrained(this.loaded.model, { scoringThreads: this.options.scoringThreads });
    return this.model;
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

  /** Token ids in (each ending in `</s>`), search results out, in the same order. */
  async decodeIds(ids: readonly (readonly number[])[]): Promise<Decoded[]> {
    const model = await this.decodingModel();
    const force = this.options.forceOutputLength;
    const maxNewTokens = ids.map((source) => (force ? force(source.length) : outputLengthCap(source.length, this.maxNewTokens)));
    return decode(model, { sources: ids, maxNewTokens, minNewTokens: force ? maxNewTokens : 0 }, this.settings);
  }
}
