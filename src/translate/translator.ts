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
   * Translations available without running the model (a cache), undefined
   * where there is none. The translate stage asks first and batches only the rest.
   */
  known?(sources: readonly string[]): (string | undefined)[];
  /** One English string per input, in input order. */
  translateBatch(sources: readonly string[]): Promise<string[]>;
}
