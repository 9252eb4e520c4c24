import type { Tensor } from '@huggingface/transformers';
import type { LoadedModel } from '../models/load.js';
import type { Translator } from './translator.js';

/** Room for English that runs longer than its Latvian source, without letting a looping row run to max_length. */
const outputLengthCap = (sourceTokens: number, configured: number) => Math.min(configured, 2 * sourceTokens + 16);

/**
 * Translates through transformers.js's own `generate()` (greedy). Its batch
 * loop keeps a finished row generating until every row has ended, so each
 * row is cut at its first `</s>` here; without the cut, garbage tokens after
 * it would reach the text.
 */
export class MarianTranslator implements Translator {
  readonly modelName: string;
  readonly maxInputTokens: number;
  private readonly eosTokenId: number;
  private readonly decoderStartTokenId: number;

  constructor(private readonly loaded: LoadedModel) {
    const config = loaded.model.config as unknown as Record<string, unknown>;
    this.modelName = loaded.spec.name;
    this.maxInputTokens = Number(config.max_position_embeddings ?? 512);
    this.eosTokenId = Number(config.eos_token_id);
    this.decoderStartTokenId = Number(config.decoder_start_token_id ?? config.pad_token_id);
  }

  countTokens(text: string): number {
    return this.loaded.tokenizer.encode(text).length;
  }

  async translateBatch(sources: readonly string[]): Promise<string[]> {
    if (sources.length === 0) return [];
    const { tokenizer, model, spec } = this.loaded;
    const inputs = tokenizer([...sources], { padding: true, truncation: false });
    const sourceTokens = (inputs.input_ids as Tensor).dims[1] ?? 1;
    const output = (await model.generate({
      ...inputs,
      // transformers.js 4.3 ignores num_beams > 1 (silently greedy); our own loop brings real beams.
      num_beams: 1,
      do_sample: false,
      max_new_tokens: outputLengthCap(sourceTokens, spec.decode.maxNewTokens),
    })) as Tensor;
    const rows = output.tolist() as bigint[][];
    return rows.map((row) => tokenizer.decode(this.cutAtEnd(row), { skip_special_tokens: true }).trim());
  }

  /** Drops the decoder start token and everything from the row's first `</s>` on. */
  private cutAtEnd(row: readonly bigint[]): number[] {
    const ids = row.map(Number);
    const body = ids[0] === this.decoderStartTokenId ? ids.slice(1) : ids;
    const end = body.indexOf(this.eosTokenId);
    return end === -1 ? body : body.slice(0, end);
  }
}
