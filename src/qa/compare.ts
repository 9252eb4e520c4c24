import type { Segment } from '../core/segment-record.js';
import { flagName, flagSeverity } from './flags.js';
import { runQa } from './index.js';

/**
 * Whether translating `segment` as `candidate` raises a QA warning (a number
 * lost, a loop, text left untranslated) that `reference` does not: how the
 * glossary stage tells a forced term that broke the rest of the sentence.
 */
export function raisesNewWarnings(segment: Segment, candidate: string, reference: string): boolean {
  const warnings = (target: string) => {
    const [checked] = runQa([{ ...segment, target, flags: [], glossary: [] }]);
    return new Set(checked!.flags.filter((flag) => flagSeverity(flag) === 'warning').map(flagName));
  };
  const before = warnings(reference);
  return [...warnings(candidate)].some((flag) => !before.has(flag));
}
