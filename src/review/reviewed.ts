import type { Segment } from '../core/segment-record.js';
import { FLAG } from '../qa/flags.js';
import type { ReviewMemory } from './memory.js';

/**
 * For the translate stage: gives every sentence with a reviewed translation
 * in the memory that translation and the `tm:reviewed` flag. The stage then
 * sends only the segments still without a target to the model. QA runs on
 * reviewed translations like on any other (a person can drop a number too).
 */
export function applyReviewed(
  segments: readonly Segment[],
  memory: Pick<ReviewMemory, 'lookupReviewed' | 'lookupReviewedMany'>,
): Segment[] {
  const sentences = segments.filter((s) => s.kind === 'sentence').map((s) => s.source);
  const found = memory.lookupReviewedMany ? memory.lookupReviewedMany(sentences) : null;
  return segments.map((segment) => {
    if (segment.kind !== 'sentence') return segment;
    const target = found ? (found.get(segment.source) ?? null) : memory.lookupReviewed(segment.source);
    if (target === null) return segment;
    const flags = segment.flags.includes(FLAG.tmReviewed) ? segment.flags : [...segment.flags, FLAG.tmReviewed];
    return { ...segment, target, flags };
  });
}
