/**
 * The contract every translation backend meets. The coordinator (the translate
 * and glossary stages, the translation memory) plans chunks exactly as the
 * in-process path plans batches; a backend only runs them on a model
 * somewhere and hands back one English string per source, in order.
 */
export interface TranslationChunk {
  /** Sources of one planned batch, in the order the batch was planned (length-sorted). */
  sources: readonly string[];
  /** Present for constrained decoding: `constraints[i]` are source i's glossary constraints. */
  constraints?: readonly (readonly (readonly string[])[])[];
}

export interface TranslationBackend {
  /** How many chunks are worth having in flight at once (1 in-process; the worker count for a pool; many for a queue). */
  readonly parallelism: number;
  /**
   * Resolves with the chunk's targets when the chunk is done, so a caller that
   * submits many chunks learns of (and can store, and count) each as it completes.
   */
  translate(chunk: TranslationChunk): Promise<string[]>;
  /** Releases connections and processes; pending chunks are rejected. */
  close(): Promise<void>;
}
