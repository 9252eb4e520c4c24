import type { GlossaryHit, Segment } from '../core/segment-record.js';
import { describeFlag, flagName, flagSeverity, needsReview } from '../flags/index.js';
import { isReviewedFromMemory } from '../memory/flags.js';

/**
 * Where a segment stands for a reviewer, the same in every review format:
 *   boilerplate    page furniture, not for translation
 *   untranslated   no target yet (the translate stage did not run)
 *   reviewed       a person's translation from the translation memory
 *   needs-review   a machine translation with a warning flag
 *   machine        a machine translation nothing flagged
 * A reviewed segment keeps `reviewed` even with a warning; the warning shows
 * in its notes.
 */
export type ReviewStatus = 'boilerplate' | 'untranslated' | 'reviewed' | 'needs-review' | 'machine';

export function reviewStatus(segment: Segment): ReviewStatus {
  if (segment.kind === 'boilerplate') return 'boilerplate';
  if (segment.target === null) return 'untranslated';
  if (isReviewedFromMemory(segment)) return 'reviewed';
  return needsReview(segment) ? 'needs-review' : 'machine';
}

export const describeHit = (hit: GlossaryHit) => `${hit.surface} → ${hit.target} (glossary: ${hit.lemma}, ${hit.status})`;

/** One line per flag, warnings first: the text of a note. */
export function flagNotes(segment: Segment): { text: string; warning: boolean }[] {
  return segment.flags
    .map((flag) => ({ text: `${flagName(flag)} — ${describeFlag(flag)}`, warning: flagSeverity(flag) === 'warning' }))
    .sort((a, b) => Number(b.warning) - Number(a.warning));
}

/** Paragraph numbers as people count them: the record's 0-based index plus one. */
export const paragraphId = (segment: Segment) => `p${segment.paragraph + 1}`;
