import type { InlineTag } from '../../core/segment-record.js';

/**
 * A document format lv2en translates in place (a Word file, a web page, a
 * subtitle file, a CAT tool's XLIFF): its reader finds the translatable
 * blocks (paragraphs, cells, headings, attribute values, cues) as plain text
 * plus inline tags, and its writer puts each block's translation back into
 * the original file, leaving everything else as it was.
 */
export interface DocumentFormat {
  /** As `--input-format` takes it: `docx`, `html`, `md`. */
  name: string;
  /** For people: "Word document". */
  label: string;
  /** File name endings, lower case, with the dot; the translated file keeps the input's, or takes the first. */
  extensions: readonly string[];
  /** Whether the bytes are this format whatever the file is called (for a file whose extension lies). */
  sniff(bytes: Uint8Array): boolean;
  /** The translatable blocks, in the order `write` asks for their translations. Bad input throws an Lv2enError naming the file. */
  read(bytes: Uint8Array, file: string, context?: ReadContext, options?: DocumentOptions): Promise<DocumentBlock[]>;
  /**
   * The document again, each block `read` found replaced by its translation
   * (asked for in the same order), written to `out`; what is not translated
   * text stays as it was.
   */
  write(bytes: Uint8Array, translations: TranslationSource, out: ByteSink, file: string, options?: DocumentOptions): Promise<void>;
}

/** How a document is read; its writer is given the same, so it finds the same blocks. */
export interface DocumentOptions {
  /** CAT-tool files: translate units whose target is filled in already too (never locked ones). */
  overwriteTargets?: boolean;
}

/** What a reader may tell the user without failing: a passage it had to leave untranslated, and why. */
export interface ReadContext {
  warn(message: string): void;
}

export interface DocumentBlock {
  /** The plain text the segmenter and the model see (NFC; a break or tab is its whitespace character). */
  text: string;
  /** Inline codes, offsets into `text`, well nested. */
  tags: InlineTag[];
  /** Where the block sits, for a reviewer: `header`, `footnote`, `table`, `alt text`, `cues 3–5`. */
  context?: string;
}

/** A block's translation: the English and its tags (offsets into it). */
export interface TranslatedBlock {
  text: string;
  tags: InlineTag[];
  /** A sentence of it carries a warning flag: formats with a review state (XLIFF) say so. */
  needsReview?: boolean;
}

/** The blocks' translations, handed out one at a time in the order the reader found the blocks. */
export interface TranslationSource {
  next(): Promise<TranslatedBlock>;
}

export interface ByteSink {
  write(chunk: string | Uint8Array): Promise<void>;
}
