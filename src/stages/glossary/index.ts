import { sourceDigest } from '../../core/source-digest.js';
import type { Segment } from '../../core/segment-record.js';
import { planSentence, type SentencePlan, settleSentence } from '../../glossary/enforce/constrained.js';
import { applyGlossary, type Glossary, glossaryFingerprint } from '../../glossary/index.js';
import { remapAlignment } from '../../inline/index.js';
import { isReviewedFromMemory } from '../../memory/reviewed.js';
import { newWarnings } from '../../qa/index.js';
import { SPLIT_LONG_FLAG, type Translator } from '../../translate/index.js';
import type { WindowStage } from '../types.js';

/**
 * Constrained translations of the window's sentences that lack a term, by
 * source (a sentence met twice is decoded once). Sentences split for length
 * are left to string repair: the model cannot take them whole.
 */
async function redecode(
  window: readonly Segment[],
  plans: readonly (SentencePlan | null)[],
  translator: () => Promise<Translator>,
): Promise<Map<string, string>> {
  const items = new Map<string, string[][]>();
  window.forEach((segment, i) => {
    const constraints = plans[i]?.constraints;
    if (constraints && !segment.flags.includes(SPLIT_LONG_FLAG)) items.set(segment.source, constraints);
  });
  const out = new Map<string, string>();
  if (items.size === 0) return out;
  const model = await translator();
  if (!model.translateConstrained) return out;
  const todo = [...items].filter(([source]) => model.countTokens(source) <= model.maxInputTokens);
  const targets = await model.translateConstrained(todo.map(([source, constraints]) => ({ source, constraints })));
  todo.forEach(([source], i) => out.set(source, targets[i]!));
  return out;
}

/** A person's translation is checked for every term but never rewritten: a term not there is `missing`. */
function verifyReviewed(segment: Segment & { target: string }, glossary: Glossary): Segment {
  const result = applyGlossary(segment.source, segment.target, glossary, { repair: false });
  return { ...segment, glossary: result.hits, flags: [...segment.flags, ...result.flags] };
}

/**
 * Makes the English carry every glossary term of the Latvian: verifies each
 * translation, re-decodes those lacking a term under constraints (the model
 * loads only if one does), then repairs or reports what is still missing.
 */
export const glossary: WindowStage = {
  name: 'glossary',
  role: 'window',
  required: false,
  description: 'enforce the glossary: verify, re-decode under constraints, repair or flag what is missing',
  setup: ({ glossary, translator }) => {
    if (!glossary) return null;
    // The stage also decodes: its key chains on the translate stage's, which holds the model.
    const key = `${glossaryFingerprint(glossary)}|code:${sourceDigest(new URL('../../glossary/', import.meta.url), new URL('./', import.meta.url))}`;
    return {
      key,
      start: () => ({
        run: async (window) => {
          // 1. Verify every plain translation; note the sentences that lack a term.
          const plans = window.map((segment) =>
            segment.kind !== 'sentence' || segment.target === null || isReviewedFromMemory(segment)
              ? null
              : planSentence(segment.source, segment.target, glossary),
          );
          // 2. Re-decode only those, under constraints.
          const constrained = await redecode(window, plans, translator);
          // 3. Keep the constrained output where it carries more terms; 4. repair or report the rest.
          return window.map((segment, i) => {
            if (segment.kind === 'sentence' && segment.target !== null && isReviewedFromMemory(segment))
              return verifyReviewed({ ...segment, target: segment.target }, glossary);
            const plan = plans[i];
            if (!plan) return segment;
            const result = settleSentence(segment.source, plan, constrained.get(segment.source), glossary, (forced, plain) =>
              newWarnings(segment, forced, plain),
            );
            // The model's alignment follows the words the glossary left as they were (remapAlignment).
            const { alignment: before, ...rest } = segment;
            const alignment = remapAlignment(before, segment.source, segment.target!, result.target);
            return {
              ...rest,
              target: result.target,
              glossary: result.hits,
              flags: [...segment.flags, ...result.flags],
              ...(alignment ? { alignment } : {}),
            };
          });
        },
      }),
    };
  },
};
