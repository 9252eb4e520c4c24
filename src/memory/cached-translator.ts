import { createHash } from 'node:crypto';
import { type ConstrainedItem, type Translator, TranslatorInFront } from '../translate/translator.js';
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
export class CachedTranslator extends TranslatorInFront {
  readonly stats: CacheStats = { hits: 0, misses: 0, modelBatches: 0 };
  /** Present when the wrapped translator can decode under constraints. */
  readonly translateConstrained?: (items: readonly ConstrainedItem[]) => Promise<string[]>;

  constructor(
    inner: Translator,
    private readonly store: TranslationStore,
    /** From cacheKey(): the model identity and decoding settings. */
    readonly key: string,
  ) {
    super(inner);
    if (inner.translateConstrained) this.translateConstrained = (items) => this.constrained(items);
    // The model sees the normalised source here too. Not stored: a later hit would come back without its alignment.
    const aligned = this.translateAligned;
    if (aligned) this.translateAligned = (sources) => aligned(sources.map(normalizeSource));
  }

  override countTokens(text: string): number {
    return this.inner.countTokens(normalizeSource(text));
  }

  known(sources: readonly string[]): (string | undefined)[] {
    const normalized = sources.map(normalizeSource);
    const found = this.store.lookup(this.key, normalized);
    const targets = normalized.map((source) => found.get(source)?.target);
    this.stats.hits += targets.filter((t) => t !== undefined).length;
    return targets;
  }

  /**
   * The store key of constrained output: the model's key plus the
   * constraints, so a constrained translation is never served for a plain
   * request or for other constraints.
   */
  constrainedKey(constraints: ConstrainedItem['constraints']): string {
    return createHash('sha256')
      .update(`${this.key}|constrained|${JSON.stringify(constraints)}`)
      .digest('hex');
  }

  private async constrained(items: readonly ConstrainedItem[]): Promise<string[]> {
    const requests = items.map((item) => ({
      source: normalizeSource(item.source),
      constraints: item.constraints,
      key: this.constrainedKey(item.constraints),
    }));
    const found = new Map<string, string>();
    const slot = (key: string, source: string) => `${key}\n${source}`;
    const byKey = new Map<string, string[]>();
    for (const r of requests) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r.source]);
    for (const [key, sources] of byKey)
      for (const [source, stored] of this.store.lookup(key, sources)) found.set(slot(key, source), stored.target);
    const missing = [...new Map(requests.filter((r) => !found.has(slot(r.key, r.source))).map((r) => [slot(r.key, r.source), r])).values()];
    this.stats.hits += requests.length - requests.filter((r) => !found.has(slot(r.key, r.source))).length;
    if (missing.length > 0) {
      this.stats.misses += missing.length;
      this.stats.modelBatches += 1;
      const targets = await this.inner.translateConstrained!(missing.map(({ source, constraints }) => ({ source, constraints })));
      missing.forEach((r, i) => {
        this.store.registerKey(r.key, JSON.stringify({ key: this.key, constraints: r.constraints }));
        this.store.store(r.key, [{ source: r.source, target: targets[i]! }]);
        found.set(slot(r.key, r.source), targets[i]!);
      });
    }
    return requests.map((r) => found.get(slot(r.key, r.source))!);
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
