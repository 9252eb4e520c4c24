import { createHash } from 'node:crypto';
import { normalizeSource, TranslationStore, translationStorePath } from '../memory/index.js';
import { reviewKey, type ReviewedTranslation, type ReviewMemory, type StoreResult } from './memory.js';

/**
 * The review side of the translation store in src/memory/: reviewed
 * translations are rows with status `reviewed` under one model-independent
 * key, because a person's translation of a sentence stays right whichever
 * model runs next. Machine translations live under their model's key and are
 * never returned here; the store never lets a machine row replace a reviewed
 * one.
 */
export const REVIEWED_KEY = 'reviewed';

/** An open translation memory the CLI closes when it is done. */
export interface ReviewMemoryHandle extends ReviewMemory {
  /** Where it lives, for messages. */
  readonly location: string;
  close(): void;
}

const keyOf = (source: string) => normalizeSource(reviewKey(source));

export class StoreReviewMemory implements ReviewMemoryHandle {
  constructor(
    private readonly store: TranslationStore,
    readonly location: string,
    private readonly ownsStore = false,
  ) {}

  storeReviewed(entries: readonly ReviewedTranslation[]): StoreResult {
    // One row per key, the last entry winning, as when entries are stored one by one.
    const rows = new Map<string, string>();
    for (const entry of entries) rows.set(keyOf(entry.source), entry.target);
    const before = this.store.lookup(REVIEWED_KEY, [...rows.keys()]);
    const result: StoreResult = { added: 0, updated: 0, unchanged: 0 };
    for (const [source, target] of rows) {
      const old = before.get(source);
      if (old?.status !== 'reviewed') result.added += 1;
      else if (old.target === target) result.unchanged += 1;
      else result.updated += 1;
    }
    this.store.store(
      REVIEWED_KEY,
      [...rows].map(([source, target]) => ({ source, target })),
      'reviewed',
    );
    return result;
  }

  lookupReviewed(source: string): string | null {
    return this.lookupReviewedMany([source]).get(source) ?? null;
  }

  /** Reviewed translations of many sources in one query, keyed by the source as given. */
  lookupReviewedMany(sources: readonly string[]): Map<string, string> {
    const keys = sources.map(keyOf);
    const found = this.store.lookup(REVIEWED_KEY, keys);
    const out = new Map<string, string>();
    sources.forEach((source, i) => {
      const row = found.get(keys[i]!);
      if (row?.status === 'reviewed') out.set(source, row.target);
    });
    return out;
  }

  close(): void {
    if (this.ownsStore) this.store.close();
  }
}

/** Opens the translation store `lv2en translate` uses (or `path`) for review import. */
export async function openReviewMemory(options: { path?: string } = {}): Promise<ReviewMemoryHandle> {
  const location = options.path ?? translationStorePath();
  return new StoreReviewMemory(TranslationStore.open(location), location, true);
}

/** The review view of a store the translate stage already has open (not closed with it). */
export const reviewMemoryOf = (store: TranslationStore): StoreReviewMemory => new StoreReviewMemory(store, store.path);

/**
 * A fingerprint of the reviewed translations that apply to these sources, for
 * the translate stage's key: importing a correction for a sentence of this
 * document changes it (and re-runs translate onward), importing one for
 * another document does not.
 */
export function reviewedFingerprint(memory: Pick<StoreReviewMemory, 'lookupReviewedMany'>, sources: readonly string[]): string {
  const found = memory.lookupReviewedMany([...new Set(sources)]);
  const hash = createHash('sha256');
  for (const [source, target] of [...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    hash.update(source).update('\u0000').update(target).update('\u0001');
  return found.size === 0 ? 'none' : hash.digest('hex');
}
