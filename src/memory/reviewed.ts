import type { Segment } from '../core/segment-record.js';
import { withoutXmlForbiddenChars } from '../core/xml-chars.js';
import { isReviewedFromMemory, TM_REVIEWED } from './flags.js';

export { isReviewedFromMemory, TM_REVIEWED };
import { normalizeSource } from './normalize.js';
import type { TranslationStore } from './store.js';

/**
 * Reviewed translations: what a person approved for a Latvian sentence, kept
 * in the translation store as rows with status `reviewed` under one
 * model-independent key, because a person's translation stays right whichever
 * model runs next. The store never lets a machine row replace a reviewed one.
 * The translate stage uses them instead of the model's; the glossary stage
 * checks them without rewriting them; QA checks them like any other.
 */

/** The store key reviewed translations live under. */
export const REVIEWED_KEY = 'reviewed';

export interface ReviewedTranslation {
  /** The Latvian sentence as the pipeline produced it (`Segment.source`). */
  source: string;
  /** The translation a person approved. */
  target: string;
  /** Where it came from, for the memory's records: `out/belarus.xlf#19`. */
  origin: string;
}

export interface StoreResult {
  /** Sources that had no reviewed translation before. */
  added: number;
  /** Sources whose reviewed translation changed. */
  updated: number;
  /** Sources stored with the same translation already. */
  unchanged: number;
}

export interface ReviewedTranslations {
  /** Stores reviewed translations; a later one for the same source replaces an earlier one. */
  store(entries: readonly ReviewedTranslation[]): StoreResult;
  /** Reviewed translations of many sources, keyed by the source as given. */
  lookup(sources: readonly string[]): Map<string, string>;
  /** Forgets the reviewed translations of these sources (a reviewer took an approval back); returns how many there were. */
  remove(sources: readonly string[]): number;
  /** Changes whenever reviewed translations are stored: part of the translate stage's key. */
  revision(): string;
}

/**
 * The key a reviewed translation is stored and found under. It must be equal
 * for the sentence the pipeline segmented and the same sentence read back
 * from an XLIFF 1.2 or TMX file, so it drops what those writers drop
 * (characters XML forbids), normalises to NFC and collapses runs of
 * whitespace (a CAT tool may reflow a source).
 */
export function reviewKey(source: string): string {
  return normalizeSource(withoutXmlForbiddenChars(source));
}

/** Reviewed translations in a translation store. */
export function reviewedIn(store: TranslationStore): ReviewedTranslations {
  return {
    store(entries) {
      // One row per key, the last entry winning, as when entries are stored one by one.
      const rows = new Map<string, string>();
      for (const entry of entries) rows.set(reviewKey(entry.source), entry.target);
      const before = store.lookup(REVIEWED_KEY, [...rows.keys()]);
      const result: StoreResult = { added: 0, updated: 0, unchanged: 0 };
      for (const [source, target] of rows) {
        const old = before.get(source);
        if (old?.status !== 'reviewed') result.added += 1;
        else if (old.target === target) result.unchanged += 1;
        else result.updated += 1;
      }
      store.store(
        REVIEWED_KEY,
        [...rows].map(([source, target]) => ({ source, target })),
        'reviewed',
      );
      return result;
    },
    lookup(sources) {
      const keys = sources.map(reviewKey);
      const found = store.lookup(REVIEWED_KEY, keys);
      const out = new Map<string, string>();
      sources.forEach((source, i) => {
        const row = found.get(keys[i]!);
        if (row?.status === 'reviewed') out.set(source, row.target);
      });
      return out;
    },
    remove: (sources) => store.remove(REVIEWED_KEY, sources.map(reviewKey), 'reviewed'),
    revision: () => store.revision(REVIEWED_KEY),
  };
}

/** Reviewed translations in a Map: for library use without a database, and tests. */
export function reviewedInMemory(): ReviewedTranslations & { readonly size: number } {
  const entries = new Map<string, string>();
  let revision = 0;
  return {
    store(list) {
      const result: StoreResult = { added: 0, updated: 0, unchanged: 0 };
      for (const entry of list) {
        const key = reviewKey(entry.source);
        const before = entries.get(key);
        if (before === undefined) result.added += 1;
        else if (before === entry.target) result.unchanged += 1;
        else result.updated += 1;
        entries.set(key, entry.target);
      }
      revision += 1;
      return result;
    },
    lookup(sources) {
      const out = new Map<string, string>();
      for (const source of sources) {
        const target = entries.get(reviewKey(source));
        if (target !== undefined) out.set(source, target);
      }
      return out;
    },
    remove(sources) {
      let removed = 0;
      for (const source of sources) if (entries.delete(reviewKey(source))) removed += 1;
      if (removed > 0) revision += 1;
      return removed;
    },
    revision: () => String(revision),
    get size() {
      return entries.size;
    },
  };
}

/**
 * Gives every sentence with a reviewed translation that translation and the
 * `tm:reviewed` flag; the translate stage then sends only the rest to the model.
 */
export function applyReviewed(segments: readonly Segment[], reviewed: Pick<ReviewedTranslations, 'lookup'>): Segment[] {
  const found = reviewed.lookup(segments.filter((s) => s.kind === 'sentence').map((s) => s.source));
  return segments.map((segment) => {
    if (segment.kind !== 'sentence') return segment;
    const target = found.get(segment.source);
    if (target === undefined) return segment;
    const flags = segment.flags.includes(TM_REVIEWED) ? segment.flags : [...segment.flags, TM_REVIEWED];
    return { ...segment, target, flags };
  });
}
