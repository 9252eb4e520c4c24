import type { InlineTag, Segment } from '../core/segment-record.js';
import type { Provenance } from './provenance.js';

/** What a writer knows of the document besides its segments. */
export interface DocumentInfo {
  name: string;
  /** The normalised source text the segment offsets point into. */
  text: string;
  /** Which model and settings translated it; absent where nobody knows (a page rebuilt from old output). */
  provenance?: Provenance;
}

export interface WriteInput {
  name: string;
  /** The normalised source text the segment offsets point into. */
  text: string;
  segments: readonly Segment[];
  provenance?: Provenance;
}

/** Renders a document piece by piece, so a long document never has to be held whole. */
export interface ChunkRenderer {
  chunk(segments: readonly Segment[]): string;
  finish(): string;
}

export interface OutputFormat {
  /** Appended to the document name: `belarus` + `.en.txt`. */
  suffix: string;
  /** Incremental rendering, for formats that can: the writer streams them. */
  stream?(document: DocumentInfo): ChunkRenderer;
  /** Whole-document rendering, for formats that need all segments at once. */
  render?(input: WriteInput): string;
}

/**
 * One translation unit as a review file holds it, before the review workflow
 * decides whether it is a reviewed translation.
 */
export interface ReadUnit {
  id: string;
  source: string;
  target: string | null;
  /** The inline codes of the source and of the target (offsets into each), where they have some; ids link a target's code to the source's. */
  sourceTags?: InlineTag[];
  targetTags?: InlineTag[];
  /** Marked not for translation (`translate="no"`, boilerplate). */
  notTranslatable: boolean;
  /** The file says a person confirmed it (a state, `approved`, the page's export). */
  confirmed: boolean;
  /** The fingerprint of the target lv2en wrote, when lv2en wrote the file. */
  writtenHash: string | null;
}

/** The files `lv2en review import` reads. */
export type ReviewFileFormat = 'edits' | 'xliff-2' | 'xliff-1.2' | 'tmx';

export interface ReadReviewFile {
  format: ReviewFileFormat;
  /** The document name the file names, if it does. */
  document: string | null;
  units: ReadUnit[];
  /**
   * True where a file lv2en did not write (no fingerprint) is a memory of
   * confirmed translations (TMX); false where such a unit needs a state.
   */
  unmarkedMeansConfirmed: boolean;
}
