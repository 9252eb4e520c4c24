import type { Segment } from '../core/segment-record.js';
import type { ChunkRenderer } from './types.js';

type Pick = (s: Segment) => string;
const targetOrSource: Pick = (s) => s.target ?? s.source;

/**
 * The English text in the input's layout: each source span is replaced by its
 * target and the whitespace between spans (paragraph breaks, line breaks) is
 * kept as it was. Fed segments in order, chunk by chunk.
 */
export class LayoutRebuilder {
  private cursor = 0;

  constructor(
    private readonly text: string,
    private readonly pick: Pick = targetOrSource,
  ) {}

  add(segments: readonly Segment[]): string {
    let out = '';
    for (const segment of segments) {
      out += this.text.slice(this.cursor, segment.start) + this.pick(segment);
      this.cursor = segment.end;
    }
    return out;
  }

  finish(): string {
    const rest = this.text.slice(this.cursor);
    this.cursor = this.text.length;
    return rest;
  }
}

/** The whole document at once; with sources instead of targets it returns the input. */
export function rebuildLayout(text: string, segments: readonly Segment[], pick: Pick = targetOrSource): string {
  const layout = new LayoutRebuilder(text, pick);
  return layout.add(segments) + layout.finish();
}

/** The `.en.txt` output: the English in the input's layout, streamed. */
export function txtRenderer({ text }: { text: string }): ChunkRenderer {
  const layout = new LayoutRebuilder(text);
  return { chunk: (segments) => layout.add(segments), finish: () => layout.finish() };
}
