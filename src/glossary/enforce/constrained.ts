/**
 * Glossary enforcement inside decoding, the pure half: which translated
 * sentences need a constrained re-decode, with which constraints, and which
 * translation to keep afterwards. The glossary stage (src/pipeline/stages.ts)
 * runs the model in between.
 *
 * The flow per sentence, so that a glossary edit re-runs only the glossary
 * stage onward and never the translate stage:
 * 1. verify the plain (cached) translation: a sentence whose every term is
 *    already there keeps it, its hits `found`;
 * 2. otherwise re-decode it with one constraint per source occurrence of each
 *    term (all the sentence's terms, so the new output cannot lose one the
 *    plain one had); each constraint is met by any English string that carries
 *    the target the way verification reads it (the target, its `accept`
 *    words, a place's derived forms: Belarusian carries Belarus);
 * 3. verify the constrained output: terms it carries and the plain one lacked
 *    are `enforced`, those the plain one had stay `found`; it replaces the
 *    plain translation only if it carries more terms (the search falls back to
 *    an unconstrained hypothesis when it cannot place them) and keeps the
 *    repaired plain translation's content (harm.ts); a refused one leaves the
 *    flag `constraint-refused` with the reason;
 * 4. whatever is still lacking is repaired in the string (`repaired`) or
 *    reported `missing`, by applyGlossary as before.
 */
import type { GlossaryEntry, Glossary } from '../types.js';
import { matchEntries } from '../match/find.js';
import { FLAG_CONSTRAINT_REFUSED } from '../flags.js';
import { applyGlossary, type ApplyResult } from './apply.js';
import { PLACE_SUFFIX_LIST } from './english.js';
import { constrainedRefusal } from './harm.js';

/** English strings any one of which carries the entry's target (a decoding constraint's alternatives). */
export function acceptableStrings(entry: GlossaryEntry): string[] {
  const target = entry.target.normalize('NFC');
  const strings = [target, ...entry.accept.map((a) => a.normalize('NFC'))];
  // Verification counts Russian as carrying Russia (english.ts): so does the constraint.
  if (entry.type === 'place' && !/\s/u.test(target)) strings.push(...PLACE_SUFFIX_LIST.map((suffix) => target + suffix));
  return [...new Set(strings)];
}

/** The constraints of a sentence: one per source occurrence of a glossary term, in source order. */
export function sentenceConstraints(source: string, glossary: Glossary): string[][] {
  return matchEntries(source, glossary).map((m) => acceptableStrings(m.entry));
}

export interface SentencePlan {
  /** The plain translation verified (and repaired where it lacks a term): the result if no re-decode helps. */
  plain: ApplyResult;
  /** Constraints to re-decode with; null when the plain translation already carries every term. */
  constraints: string[][] | null;
  /** Targets the plain translation lacks (at least one occurrence): those a constrained output carries read `enforced`. */
  lacking: string[];
}

export function planSentence(source: string, target: string, glossary: Glossary): SentencePlan {
  const plain = applyGlossary(source, target, glossary);
  const lacking = [...new Set(plain.hits.filter((h) => h.status !== 'found').map((h) => h.target))];
  return { plain, constraints: lacking.length > 0 ? sentenceConstraints(source, glossary) : null, lacking };
}

/** Hits whose target the English carries (not repaired, not missing). */
export const carried = (result: ApplyResult) => result.hits.filter((h) => h.status === 'found' || h.status === 'enforced').length;

/**
 * What the constrained translation breaks that the plain (repaired) one does
 * not, beyond what harm.ts checks: e.g. the QA warnings it raises (a number
 * dropped, a loop). Empty when nothing.
 */
export type HarmCheck = (constrainedTarget: string, plainTarget: string) => readonly string[];

/**
 * The sentence's final glossary result, given the constrained output (if the
 * sentence was re-decoded): the constrained translation verified, with the
 * targets the plain one lacked marked `enforced`, when it carries more terms
 * than the plain translation, keeps the repaired plain translation's content
 * (harm.ts) and `harms` finds nothing it broke; the plain result (repaired
 * where it can be) otherwise, flagged `constraint-refused` with the reason
 * when it was refused for harm.
 */
export function settleSentence(
  source: string,
  plan: SentencePlan,
  constrainedTarget: string | undefined,
  glossary: Glossary,
  harms?: HarmCheck,
): ApplyResult {
  if (constrainedTarget === undefined || plan.constraints === null) return plan.plain;
  const constrained = applyGlossary(source, constrainedTarget, glossary, { enforced: plan.lacking });
  if (carried(constrained) <= carried(plan.plain)) return plan.plain;
  const refusal = constrainedRefusal(plan.plain.target, constrained.target, matchEntries(source, glossary));
  const reason = refusal ? `${refusal.reason}: ${refusal.detail}` : harmReason(harms?.(constrained.target, plan.plain.target) ?? []);
  return reason === null ? constrained : { ...plan.plain, flags: [...plan.plain.flags, `${FLAG_CONSTRAINT_REFUSED}:${reason}`] };
}

const harmReason = (warnings: readonly string[]) => (warnings.length > 0 ? `new warnings: ${warnings.join(' ')}` : null);
