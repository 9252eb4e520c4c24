/**
 * The one record that flows through every stage. Stages never mutate a segment
 * they were given; each returns new records, so a stage's output can be stored
 * and reused by the job runner.
 */
export type SegmentKind = 'sentence' | 'boilerplate';

export type GlossaryStatus = 'found' | 'enforced' | 'repaired' | 'missing';

export interface GlossaryHit {
  /** Offsets into `Segment.source`. */
  start: number;
  end: number;
  surface: string;
  lemma: string;
  target: string;
  status: GlossaryStatus;
}

export interface Segment {
  /** Stable within one input file: 1-based order as a string ("1", "2", …). */
  id: string;
  /** 0-based index of the text block (a line or run of lines between line breaks). */
  paragraph: number;
  /** Offsets into the normalised input text: `source === text.slice(start, end)`. */
  start: number;
  end: number;
  source: string;
  kind: SegmentKind;
  /** Null until the translate stage has run; boilerplate keeps its source text. */
  target: string | null;
  glossary: GlossaryHit[];
  /** QA and processing flags, e.g. `boilerplate`, `split-long`, `empty-target`, `glossary-missing`. */
  flags: string[];
  /**
   * The inline codes of a document's sentence (bold, a link, a footnote
   * reference, a line break), offsets into `source`; absent for plain text.
   * The model never sees them: it translates `source`, the plain text.
   */
  sourceTags?: InlineTag[];
  /** The same codes placed on `target` (offsets into it), set once the target is final; absent for plain text. */
  targetTags?: InlineTag[];
  /** Which source words each target word came from, as the model's cross-attention says; absent where no model said. */
  alignment?: WordAlignment;
  /** Where in a document the sentence sits, when not in the body text: `header`, `footnote`, `table`, `alt text`. */
  context?: string;
}

/**
 * An inline code, kept opaque: the document format that read it is the only
 * one that looks inside `data`. Tags of one text are listed in document order
 * (by `at`, and in the order met where several share an offset) and are well
 * nested: every `open` has its `close` with the same `id` later in the list,
 * and spans close in the reverse order they opened.
 */
export interface InlineTag {
  kind: 'open' | 'close' | 'isolated';
  /** Pairs an open with its close; unique among the open and isolated tags of one block. */
  id: string;
  /** UTF-16 offset into the text the list belongs to: the tag stands before the character there. */
  at: number;
  /**
   * What the code is, for reviewers and for placement: a `break`, `tab`,
   * `space` (spaces ODF keeps from collapsing) or `cue` (a subtitle cue
   * boundary) stands before the whitespace character that represents it in
   * the plain text, and `cue`s keep their order.
   */
  type: InlineTagType;
  /** The original markup (a run's properties, a start tag, a whole element), for the format that wrote it. */
  data: string;
  /** Half of a span that crossed a sentence boundary: closed at the end of one sentence, reopened at the start of the next. */
  split?: true;
  /**
   * A code standing alone between words (inline code, an image, a note
   * reference) had a space before it, after it or both in the source;
   * writers give it the same spacing in the translation.
   */
  space?: 'before' | 'after' | 'both';
}

export type InlineTagType =
  | 'bold'
  | 'italic'
  | 'underline'
  | 'strike'
  | 'superscript'
  | 'subscript'
  | 'format'
  | 'link'
  | 'code'
  | 'image'
  | 'break'
  | 'tab'
  | 'space'
  | 'note'
  | 'field'
  | 'bookmark'
  | 'comment'
  | 'change'
  | 'cue'
  | 'other';

/**
 * Word alignment of a target to its source, by word index (`words()` of
 * src/inline/words.ts over each text): `links` holds triples
 * [target word, source word, weight 0–100], strongest first per target word.
 * The word counts detect an alignment that no longer fits its texts.
 */
export interface WordAlignment {
  sourceWords: number;
  targetWords: number;
  links: number[];
}

/** A sentence found by the segmenter: `text === input.slice(start, end)`, trimmed. */
export interface SentenceSpan {
  text: string;
  start: number;
  end: number;
  /** Web page furniture ("20 Foto", "Dalīties"): kept in the output, never translated. */
  boilerplate?: boolean;
}
