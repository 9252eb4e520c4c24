import type { Segment } from '../core/segment-record.js';

/**
 * QA checks add flags, never fix text: a reviewer decides. Each check looks at
 * one translated sentence segment and names what looks wrong.
 */
export type QaCheck = (segment: Segment & { target: string }) => string | null;

const LETTER = /\p{L}/u;

export const qaChecks: Record<string, QaCheck> = {
  'empty-target': (s) => (s.target.trim() === '' && s.source.trim() !== '' ? 'empty-target' : null),
  untranslated: (s) => (LETTER.test(s.source) && s.target.trim() === s.source.trim() ? 'untranslated' : null),
};

export function runQa(segments: readonly Segment[], checks: readonly QaCheck[] = Object.values(qaChecks)): Segment[] {
  return segments.map((segment) => {
    if (segment.kind !== 'sentence' || segment.target === null) return segment;
    const translated = { ...segment, target: segment.target };
    const found = checks.map((check) => check(translated)).filter((flag): flag is string => flag !== null);
    const flags = [...segment.flags, ...found.filter((flag) => !segment.flags.includes(flag))];
    return { ...segment, flags };
  });
}

/** Flag name → number of segments carrying it, for the end-of-run summary. */
export function countFlags(segments: readonly Segment[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const segment of segments) for (const flag of segment.flags) counts.set(flag.split(':')[0]!, (counts.get(flag.split(':')[0]!) ?? 0) + 1);
  return counts;
}
