import type { Translator } from '../translate/translator.js';
import { normalizeSource } from './normalize.js';
import type { TranslationStore } from './store.js';

export interface CacheStats {
  /** Sources answered from the store. */
  hits: number;
  /** Sources the model translated. */
  misses: number;
  /** translateBatch calls that reached the model. */
  modelBatches: number;
}

/**
 * A Translator that answers from the translation store where it can and sends
 * only the rest, deduplicated, to the model, storing what comes back. The
 * model sees the normalised source, which is also the key: a stored
 * translation is exactly what the model would say again.
 */
export class CachedTranslator implements Translator {
  readonly stats: CacheStats = { hits: 0, misses: 0, modelBatches: 0 };

  constructor(
    private readonly inner: Translator,
    private readonly store: TranslationStore,
    /** From cacheKey(): the model identity and decoding settings. */
    readonly key: string,
  ) {}

  get modelName(): string {
    return this.inner.modelName;
  }

  get maxInputTokens(): number {
    return this.inner.maxInputTokens;
  }

  get rowsPerSentence(): number | undefined {
    return this.inner.rowsPerSentence;
  }

  countTokens(text: string): number {
    return this.inner.countTokens(normalizeSource(text));
  }

  known(sources: readonly string[]): (string | undefined)[] {
    const normalized = sources.map(normalizeSource);
    const found = this.store.lookup(this.key, normalized);
    return normalized.map((source) => found.get(source)?.target);
  }

  async translateBatch(sources: readonly string[]): Promise<string[]> {
    const normalized = sources.map(normalizeSource);
    const found = this.store.lookup(this.key, normalized);
    const missing = [...new Set(normalized.filter((source) => !found.has(source)))];
    this.stats.hits += normalized.length - normalized.filter((source) => !found.has(source)).length;
    if (missing.length > 0) {
      this.stats.misses += missing.length;
      this.stats.modelBatches += 1;
      const targets = await this.inner.translateBatch(missing);
      const entries = missing.map((source, i) => ({ source, target: targets[i]! }));
      this.store.store(this.key, entries);
      for (const { source, target } of entries) found.set(source, { target, status: 'machine' });
    }
    return normalized.map((source) => found.get(source)!.target);
  }
}
