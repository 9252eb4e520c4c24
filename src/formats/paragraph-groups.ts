import type { Segment } from '../core/segment-record.js';
import type { XmlStream } from './xml.js';

/**
 * Tracks the paragraph group that is open while segments stream past, so a
 * paragraph split across two chunks still becomes one group.
 */
export class ParagraphGroups {
  private open: number | null = null;

  constructor(
    private readonly xml: XmlStream,
    private readonly attributes: (segment: Segment) => Record<string, string>,
  ) {}

  enter(segment: Segment): void {
    if (this.open === segment.paragraph) return;
    if (this.open !== null) this.xml.close();
    this.xml.open('group', this.attributes(segment));
    this.open = segment.paragraph;
  }
}
