import { xmlText } from '../formats/xml.js';

/**
 * What the review side needs from the translation memory. The memory itself
 * (SQLite, `status machine|reviewed`) belongs to the decoding work in
 * src/memory/; `lv2en review import` and the translate stage talk to it
 * through this interface only.
 */
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

export interface ReviewMemory {
  /**
   * Stores reviewed translations; a later one for the same source replaces
   * an earlier one. Keyed by `reviewKey(source)`.
   */
  storeReviewed(entries: readonly ReviewedTranslation[]): StoreResult | Promise<StoreResult>;
  /** The reviewed translation of a source sentence, or null. Looked up by `reviewKey(source)`. */
  lookupReviewed(source: string): string | null;
  /** Many at once (one query for a window of segments), keyed by the source as given. */
  lookupReviewedMany?(sources: readonly string[]): Map<string, string>;
}

/**
 * The key a reviewed translation is stored and found under. It must equal
 * for the sentence the pipeline segmented and the same sentence read back
 * from an XLIFF or TMX file, so it drops what the XML writers drop (characters
 * XML forbids), normalises to NFC and collapses runs of whitespace (a CAT tool
 * may reflow a source).
 */
export function reviewKey(source: string): string {
  return xmlText(source).normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** A memory in a Map: for tests and library use without a database. */
export class InMemoryReviewMemory implements ReviewMemory {
  private readonly entries = new Map<string, ReviewedTranslation>();

  storeReviewed(entries: readonly ReviewedTranslation[]): StoreResult {
    const result: StoreResult = { added: 0, updated: 0, unchanged: 0 };
    for (const entry of entries) {
      const key = reviewKey(entry.source);
      const before = this.entries.get(key);
      if (!before) result.added += 1;
      else if (before.target === entry.target) result.unchanged += 1;
      else result.updated += 1;
      this.entries.set(key, entry);
    }
    return result;
  }

  lookupReviewed(source: string): string | null {
    return this.entries.get(reviewKey(source))?.target ?? null;
  }

  lookupReviewedMany(sources: readonly string[]): Map<string, string> {
    const out = new Map<string, string>();
    for (const source of sources) {
      const target = this.lookupReviewed(source);
      if (target !== null) out.set(source, target);
    }
    return out;
  }

  get size(): number {
    return this.entries.size;
  }
}
