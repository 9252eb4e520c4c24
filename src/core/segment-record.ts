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
}

/** A sentence found by the segmenter: `text === input.slice(start, end)`, trimmed. */
export interface SentenceSpan {
  text: string;
  start: number;
  end: number;
  /** Web page furniture ("20 Foto", "Dalīties"): kept in the output, never translated. */
  boilerplate?: boolean;
}
