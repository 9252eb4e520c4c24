import type { Segment } from '../core/segment-record.js';

/**
 * The English text in the input's layout: each source span is replaced by its
 * target and the whitespace between spans (paragraph breaks, line breaks) is
 * kept as it was. With sources instead of targets this returns the input.
 */
export function rebuildLayout(text: string, segments: readonly Segment[], pick: (s: Segment) => string = (s) => s.target ?? s.source): string {
  let out = '';
  let cursor = 0;
  for (const segment of segments) {
    out += text.slice(cursor, segment.start) + pick(segment);
    cursor = segment.end;
  }
  return out + text.slice(cursor);
}
