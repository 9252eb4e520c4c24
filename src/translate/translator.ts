import type { WordAlignment } from '../core/segment-record.js';

/**
 * What the translate stage needs from a model. The stage is written against
 * this, so it can be tested on any real model and swapped to our own decoding
 * loop without touching batching, splitting or ordering.
 */
export interface Translator {
  /** Name of the model, for reports. */
  readonly modelName: string;
  /** Longest source, in the model's own tokens (including `</s>`), it accepts. */
  readonly maxInputTokens: number;
  countTokens(text: string): number;
  /**
   * Decoder rows each sentence occupies (the beam width; 1 for greedy or a
   * non-model translator). Batches are planned so that rows × padded source
   * length stays within the token budget.
   */
  readonly rowsPerSentence?: number;
  /**
   * How many translateBatch calls may be in flight at once (default 1). A
   * translator whose model runs in other processes takes more, so every
   * worker has a batch to decode.
   */
  readonly concurrentBatches?: number;
  /**
   * Translations available without running the model (a cache), undefined
   * where there is none. The translate stage asks first and batches only the rest.
   */
  known?(sources: readonly string[]): (string | undefined)[];
  /** One English string per input, in input order. */
  translateBatch(sources: readonly string[]): Promise<string[]>;
  /**
   * Translates with lexical constraints (glossary enforcement inside decoding):
   * each constraint is a list of acceptable English strings, one of which the
   * output must contain; a constraint listed twice must appear twice. Where the
   * search cannot meet them within the length limit, the best unconstrained
   * hypothesis comes back, so callers verify the output. Absent on translators
   * that cannot decode under constraints.
   */
  translateConstrained?(items: readonly ConstrainedItem[]): Promise<string[]>;
  /**
   * Up to `count` distinct translations of each source, best first: the best
   * finished hypotheses of a beam search at least `count` beams wide (the
   * model's own width when that is wider), for a user choosing among
   * alternatives. Absent on translators that keep one hypothesis.
   */
  translateAlternatives?(sources: readonly string[], count: number): Promise<string[][]>;
  /**
   * translateBatch plus, per source, which source words each target word was
   * read from (the decoder's cross-attention over the chosen tokens, a forced
   * pass after decoding), for placing a document's inline tags. Costs that
   * extra pass, so it is asked for tagged sentences only. Absent on
   * translators that cannot see the model's attention.
   */
  translateAligned?(sources: readonly string[]): Promise<AlignedTranslation[]>;
}

export interface AlignedTranslation {
  target: string;
  /** By word index of the source as given and of `target`; null where the model's tokens could not be placed on the texts. */
  alignment: WordAlignment | null;
}

export interface ConstrainedItem {
  source: string;
  constraints: readonly (readonly string[])[];
}

/** A translator in front of another (a cache, a queue of model calls): what the model is and takes is the inner one's. */
export abstract class TranslatorInFront implements Translator {
  /** Straight to the model when it offers it: a store holds no alignment to answer from, and the model's own queue serialises the call. */
  translateAligned?: (sources: readonly string[]) => Promise<AlignedTranslation[]>;

  constructor(protected readonly inner: Translator) {
    if (inner.translateAligned) this.translateAligned = (sources) => inner.translateAligned!(sources);
  }

  get modelName(): string {
    return this.inner.modelName;
  }

  get maxInputTokens(): number {
    return this.inner.maxInputTokens;
  }

  get rowsPerSentence(): number | undefined {
    return this.inner.rowsPerSentence;
  }

  get concurrentBatches(): number | undefined {
    return this.inner.concurrentBatches;
  }

  countTokens(text: string): number {
    return this.inner.countTokens(text);
  }

  abstract translateBatch(sources: readonly string[]): Promise<string[]>;
}
