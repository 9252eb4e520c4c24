import type { Segment, SentenceSpan } from '../../core/segment-record.js';
import { sourceDigest } from '../../core/source-digest.js';
import type { SourceBlock } from '../../ingest/index.js';
import { tagsOverSentences } from '../../inline/index.js';
import { BOILERPLATE } from '../../segment/flags.js';
import { segment as findSentences } from '../../segment/index.js';
import type { SegmentStage } from '../types.js';

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
      flags: span.boilerplate ? [BOILERPLATE] : [],
    };
  });
}

/**
 * A document's records: each block segmented on its own (a sentence never
 * runs from one paragraph or cell into the next), its paragraph number the
 * block's, its inline tags split over its sentences.
 */
export function blocksToSegments(text: string, blocks: readonly SourceBlock[], find: (text: string) => SentenceSpan[]): Segment[] {
  const segments: Segment[] = [];
  blocks.forEach((block, paragraph) => {
    const spans = find(text.slice(block.start, block.end));
    const tags = tagsOverSentences(
      block.tags,
      spans.map((span) => [span.start, span.end]),
    );
    spans.forEach((span, i) => {
      segments.push({
        id: String(segments.length + 1),
        paragraph,
        start: block.start + span.start,
        end: block.start + span.end,
        source: span.text,
        kind: span.boilerplate ? 'boilerplate' : 'sentence',
        target: null,
        glossary: [],
        flags: span.boilerplate ? [BOILERPLATE] : [],
        ...(tags[i]!.length > 0 ? { sourceTags: tags[i] } : {}),
        ...(block.context ? { context: block.context } : {}),
      });
    });
  });
  return segments;
}

/** Splits the text into sentences and boilerplate, one record each, in order; the sources rebuild the text. */
export const segment: SegmentStage = {
  name: 'segment',
  role: 'segment',
  required: true,
  description: 'split into sentences with Latvian rules (abbreviations, ordinals, dates, initials); web furniture kept as boilerplate',
  setup: () => {
    const key = sourceDigest(new URL('../../segment/', import.meta.url), new URL('./', import.meta.url));
    return {
      key,
      run: (document) =>
        document.blocks
          ? blocksToSegments(document.text, document.blocks, findSentences)
          : spansToSegments(document.text, findSentences(document.text)),
    };
  },
};
