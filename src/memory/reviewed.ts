import type { InlineTag, Segment } from '../core/segment-record.js';
import { withoutXmlForbiddenChars } from '../core/xml-chars.js';
import { isReviewedFromMemory, TM_REVIEWED } from './flags.js';

export { isReviewedFromMemory, TM_REVIEWED };
import { nestingProblem, tagShape } from '../inline/index.js';
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
  /** A document sentence's inline codes (offsets into `source`): part of what the translation is stored under. */
  sourceTags?: readonly InlineTag[];
  /** The codes where the person left them in `target`, each with the id of its code in `sourceTags`. */
  targetTags?: readonly InlineTag[];
}

/** A sentence as the translate stage looks it up: its plain text and, in a document, its inline codes. */
export interface ReviewQuery {
  source: string;
  tags?: readonly InlineTag[];
}

/** A reviewed translation found: the text and, where the person placed them, the query's codes on it. */
export interface ReviewedTarget {
  target: string;
  /** Each of the query's tags (ids and markup as the query has them) at its place in `target`. */
  tags?: InlineTag[];
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
  /** Stores reviewed translations; a later one for the same source (and codes) replaces an earlier one. */
  store(entries: readonly ReviewedTranslation[]): StoreResult;
  /** Reviewed translations of many sentences, in the order asked: found only for the same text with codes of the same shape. */
  find(queries: readonly ReviewQuery[]): (ReviewedTarget | undefined)[];
  /** Reviewed translations of plain-text sources, keyed by the source as given. */
  lookup(sources: readonly string[]): Map<string, string>;
  /** Forgets the reviewed translations of these sentences (a reviewer took an approval back); returns how many there were. */
  remove(queries: readonly ReviewQuery[]): number;
  /** Changes whenever reviewed translations are stored: part of the translate stage's key. */
  revision(): string;
}

/** Where `at` of `source` falls in the key's text (which drops, collapses and trims as `reviewKey` does). */
const keyOffset = (source: string, at: number) => {
  const text = normalizeSource(withoutXmlForbiddenChars(source));
  // A letter after the prefix keeps its trailing whitespace from being trimmed away.
  return Math.min(text.length, normalizeSource(`${withoutXmlForbiddenChars(source.slice(0, at))}x`).length - 1);
};

/**
 * The key a reviewed translation is stored and found under. It must be equal
 * for the sentence the pipeline segmented and the same sentence read back
 * from an XLIFF 1.2 or TMX file, so it drops what those writers drop
 * (characters XML forbids), normalises to NFC and collapses runs of
 * whitespace (a CAT tool may reflow a source). A sentence with inline codes
 * adds their shape (`tagShape`, offsets into the key's text) after a line
 * break, which the text never holds: plain text keeps the key it always had.
 */
export function reviewKey(source: string, tags?: readonly InlineTag[]): string {
  const text = normalizeSource(withoutXmlForbiddenChars(source));
  const shape = tagShape(tags?.map((tag) => ({ ...tag, at: keyOffset(source, tag.at) })));
  return shape === '' ? text : `${text}\n${shape}`;
}

/**
 * What a key's row holds: the target as it is for plain text; for a
 * sentence with codes, JSON of the target and where each code went (its
 * index among the source's codes, and its offset into the target), or the
 * target alone where the person's codes do not match the source's one for
 * one (the tags stage then places them).
 */
function storedValue(entry: ReviewedTranslation): { key: string; value: string } {
  const key = reviewKey(entry.source, entry.sourceTags);
  if (!entry.sourceTags?.length) return { key, value: entry.target };
  const source = entry.sourceTags;
  const places = entry.targetTags?.map((tag) => [source.findIndex((s) => s.kind === tag.kind && s.id === tag.id), tag.at] as const);
  const fits =
    places !== undefined &&
    places.length === source.length &&
    places.every(([index]) => index !== -1) &&
    new Set(places.map(([index]) => index)).size === places.length;
  return { key, value: JSON.stringify(fits ? { target: entry.target, tags: places } : { target: entry.target }) };
}

function foundValue(query: ReviewQuery, value: string): ReviewedTarget | undefined {
  if (!query.tags?.length) return { target: value };
  let stored: { target?: unknown; tags?: unknown };
  try {
    stored = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (typeof stored.target !== 'string') return undefined;
  const places = Array.isArray(stored.tags) ? (stored.tags as [number, number][]) : null;
  const tags = places?.map(([index, at]) => (query.tags![index] ? { ...query.tags![index]!, at } : null));
  if (!tags || tags.some((tag) => tag === null) || nestingProblem(tags as InlineTag[], stored.target.length) !== null)
    return { target: stored.target };
  return { target: stored.target, tags: tags as InlineTag[] };
}

/** Rows under keys, wherever they are kept. */
interface ReviewedRows {
  get(keys: readonly string[]): Map<string, string>;
  put(rows: ReadonlyMap<string, string>): StoreResult;
  /** Deletes the rows under these keys; returns how many there were. */
  remove(keys: readonly string[]): number;
  revision(): string;
}

function reviewedOver(rows: ReviewedRows): ReviewedTranslations {
  const find = (queries: readonly ReviewQuery[]) => {
    const keys = queries.map((query) => reviewKey(query.source, query.tags));
    const found = rows.get(keys);
    return queries.map((query, i) => {
      const value = found.get(keys[i]!);
      return value === undefined ? undefined : foundValue(query, value);
    });
  };
  return {
    store(entries) {
      // One row per key, the last entry winning, as when entries are stored one by one.
      const values = new Map<string, string>();
      for (const entry of entries) {
        const { key, value } = storedValue(entry);
        values.set(key, value);
      }
      return rows.put(values);
    },
    find,
    lookup(sources) {
      const found = find(sources.map((source) => ({ source })));
      return new Map(sources.flatMap((source, i) => (found[i] ? [[source, found[i]!.target] as const] : [])));
    },
    remove: (queries) => rows.remove(queries.map((query) => reviewKey(query.source, query.tags))),
    revision: () => rows.revision(),
  };
}

const countChange = (result: StoreResult, before: string | undefined, value: string) => {
  if (before === undefined) result.added += 1;
  else if (before === value) result.unchanged += 1;
  else result.updated += 1;
};

/** Reviewed translations in a translation store. */
export function reviewedIn(store: TranslationStore): ReviewedTranslations {
  const get = (keys: readonly string[]) => {
    const out = new Map<string, string>();
    for (const [key, row] of store.lookup(REVIEWED_KEY, keys)) if (row.status === 'reviewed') out.set(key, row.target);
    return out;
  };
  return reviewedOver({
    get,
    put(values) {
      const before = get([...values.keys()]);
      const result: StoreResult = { added: 0, updated: 0, unchanged: 0 };
      for (const [key, value] of values) countChange(result, before.get(key), value);
      store.store(
        REVIEWED_KEY,
        [...values].map(([source, target]) => ({ source, target })),
        'reviewed',
      );
      return result;
    },
    remove: (keys) => store.remove(REVIEWED_KEY, keys, 'reviewed'),
    revision: () => store.revision(REVIEWED_KEY),
  });
}

/** Reviewed translations in a Map: for library use without a database, and tests. */
export function reviewedInMemory(): ReviewedTranslations & { readonly size: number } {
  const entries = new Map<string, string>();
  let revision = 0;
  const reviewed = reviewedOver({
    get: (keys) => new Map(keys.flatMap((key) => (entries.has(key) ? [[key, entries.get(key)!] as const] : []))),
    put(values) {
      const result: StoreResult = { added: 0, updated: 0, unchanged: 0 };
      for (const [key, value] of values) {
        countChange(result, entries.get(key), value);
        entries.set(key, value);
      }
      revision += 1;
      return result;
    },
    remove(keys) {
      let removed = 0;
      for (const key of keys) if (entries.delete(key)) removed += 1;
      if (removed > 0) revision += 1;
      return removed;
    },
    revision: () => String(revision),
  });
  return Object.assign(reviewed, {
    get size() {
      return entries.size;
    },
  });
}

/**
 * Gives every sentence with a reviewed translation (same text, codes of the
 * same shape) that translation and the `tm:reviewed` flag, and the codes
 * where the person put them; the translate stage then sends only the rest
 * to the model.
 */
export function applyReviewed(segments: readonly Segment[], reviewed: Pick<ReviewedTranslations, 'find'>): Segment[] {
  const sentences = segments.filter((s) => s.kind === 'sentence');
  const found = reviewed.find(sentences.map((s) => ({ source: s.source, tags: s.sourceTags })));
  const byId = new Map(sentences.map((s, i) => [s.id, found[i]] as const));
  return segments.map((segment) => {
    const hit = byId.get(segment.id);
    if (segment.kind !== 'sentence' || hit === undefined) return segment;
    const flags = segment.flags.includes(TM_REVIEWED) ? segment.flags : [...segment.flags, TM_REVIEWED];
    return { ...segment, target: hit.target, flags, ...(hit.tags ? { targetTags: hit.tags } : {}) };
  });
}
