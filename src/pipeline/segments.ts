import type { Segment, SentenceSpan } from '../core/segment-record.js';

export const BOILERPLATE_FLAG = 'boilerplate';

/**
 * Turns the segmenter's spans into the pipeline's records. A line break
 * between two spans starts a new paragraph: scraped text marks paragraphs,
 * headlines and list items with line breaks, and the writers rebuild the
 * layout from them.
 */
export function spansToSegments(text: string, spans: readonly SentenceSpan[]): Segment[] {
  let paragraph = 0;
  let previousEnd = 0;
  return spans.map((span, index) => {
    if (index > 0 && text.slice(previousEnd, span.start).includes('\n')) paragraph += 1;
    previousEnd = span.end;
    return {
      id: String(index + 1),
      paragraph,
      start: span.start,
      end: span.end,
      source: span.text,
      kind: span.boilerplate ? 'boilerplate' : 'sentence',
      target: null,
      glossary: [],
      flags: span.boilerplate ? [BOILERPLATE_FLAG] : [],
    };
  });
}
