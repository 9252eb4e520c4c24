/**
 * The seam for constrained decoding: what each sentence's translation must
 * contain, computed before decoding. A decoder that forces these strings into
 * the beam passes them back to `applyGlossary(..., { enforced })` so the hits
 * read `enforced` instead of `found`.
 */
import type { Glossary, TermMatch } from '../types.js';
import { matchEntries } from '../match/find.js';

export interface RequiredTarget {
  /** The English string the output must contain, once per occurrence. */
  target: string;
  lemma: string;
  /** How many times: one per source occurrence. */
  count: number;
  occurrences: TermMatch[];
  /** Other English words that also satisfy the constraint (Philippine for Philippines). */
  accept: string[];
}

export function requiredTargets(source: string, glossary: Glossary): RequiredTarget[] {
  const byTarget = new Map<string, RequiredTarget>();
  for (const { entry, ...match } of matchEntries(source, glossary)) {
    const existing = byTarget.get(match.target);
    if (existing) {
      existing.count += 1;
      existing.occurrences.push(match);
      continue;
    }
    byTarget.set(match.target, { target: match.target, lemma: match.lemma, count: 1, occurrences: [match], accept: [...entry.accept] });
  }
  return [...byTarget.values()];
}
