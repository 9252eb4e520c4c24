import type { Segment } from '../core/segment-record.js';
import type { SourceDocument } from '../ingest/index.js';
import { segment as findSentences } from '../segment/index.js';
import { SPLIT_LONG_FLAG, translateSegments, type Translator } from '../translate/index.js';
import type { Glossary } from '../glossary/index.js';
import { planSentence, settleSentence, type SentencePlan } from '../glossary/enforce/constrained.js';
import { isReviewedFromMemory, QA_FINGERPRINT, raisesNewWarnings, runQa } from '../qa/index.js';
import { spansToSegments } from './segments.js';
import { applyReviewed, type ReviewMemory } from '../review/index.js';

/** What stages may use besides their input; built once per run and shared by every file. */
export interface StageContext {
  /** Loads the model on first use, so a run that reuses every translation never loads it. */
  translator(): Promise<Translator>;
  /** Identity of the model and its decoding settings: part of the translate stage's key. */
  modelFingerprint: string;
  /** Reviewed translations, used instead of the model's for the same source; null without a memory. */
  reviewMemory?: ReviewMemory | null;
  /** Changes when reviewed translations are imported: part of the translate stage's key. */
  reviewRevision?: string;
  batchTokens: number;
  glossary: Glossary | null;
  glossaryFingerprint: string;
  onProgress?: (document: string, done: number, total: number) => void;
}

export type ProcessingStageName = 'segment' | 'translate' | 'glossary' | 'qa';

/** Reports how many segments of the current window are done. */
export type WindowProgress = (doneInWindow: number) => void;

export interface Stage {
  name: ProcessingStageName;
  /** Everything besides the input that decides the output. */
  fingerprint(context: StageContext): string;
}

/** The first stage: text in, segments out. */
export interface DocumentStage extends Stage {
  run(document: SourceDocument): Segment[];
}

/** Later stages: a window of segments in, the same segments out, so documents stream through them. */
export interface WindowStage extends Stage {
  run(window: readonly Segment[], context: StageContext, progress: WindowProgress): Promise<Segment[]>;
}

export const segmentStage: DocumentStage = {
  name: 'segment',
  fingerprint: () => '',
  run: (document) => spansToSegments(document.text, findSentences(document.text)),
};

/** Changes when the glossary stage's enforcement changes, so stored results made the old way are not reused. */
const ENFORCEMENT_VERSION = 'decode-2';

/**
 * Constrained translations of the window's sentences that lack a term, by
 * source (a sentence met twice is decoded once). Sentences split for length
 * are left to string repair: the model cannot take them whole.
 */
async function redecode(
  window: readonly Segment[],
  plans: readonly (SentencePlan | null)[],
  context: StageContext,
): Promise<Map<string, string>> {
  const items = new Map<string, string[][]>();
  window.forEach((segment, i) => {
    const constraints = plans[i]?.constraints;
    if (constraints && !segment.flags.includes(SPLIT_LONG_FLAG)) items.set(segment.source, constraints);
  });
  const out = new Map<string, string>();
  if (items.size === 0) return out;
  const translator = await context.translator();
  if (!translator.translateConstrained) return out;
  const todo = [...items].filter(([source]) => translator.countTokens(source) <= translator.maxInputTokens);
  const targets = await translator.translateConstrained(todo.map(([source, constraints]) => ({ source, constraints })));
  todo.forEach(([source], i) => out.set(source, targets[i]!));
  return out;
}

export const windowStages: Record<Exclude<ProcessingStageName, 'segment'>, WindowStage> = {
  translate: {
    name: 'translate',
    fingerprint: (context) => `${context.modelFingerprint}|batch:${context.batchTokens}|reviewed:${context.reviewRevision ?? 'none'}`,
    run: async (window, context, progress) => {
      // A reviewer's translation of the same sentence wins over the model's; the model sees only the rest.
      const withReviewed = context.reviewMemory ? applyReviewed(window, context.reviewMemory) : [...window];
      const rest = withReviewed.filter((s) => s.kind === 'sentence' && !isReviewedFromMemory(s));
      if (rest.length === 0) return withReviewed.map((s) => (s.kind === 'sentence' ? s : { ...s, target: s.source }));
      const translated = await translateSegments(rest, await context.translator(), {
        batchTokens: context.batchTokens,
        onProgress: (done, total) => progress(Math.round((done / Math.max(1, total)) * window.length)),
      });
      const byId = new Map(translated.map((s) => [s.id, s]));
      return withReviewed.map((s) => byId.get(s.id) ?? (s.kind === 'sentence' ? s : { ...s, target: s.source }));
    },
  },
  glossary: {
    name: 'glossary',
    // The stage now also decodes (constrained re-decoding): its key chains on the translate stage's, which holds the model.
    fingerprint: (context) => `${context.glossaryFingerprint}|enforce:${ENFORCEMENT_VERSION}`,
    run: async (window, context) => {
      const glossary = context.glossary;
      if (!glossary) return [...window];
      // 1. Verify every plain translation; note the sentences that lack a term.
      const plans = window.map((segment) =>
        // A reviewer's translation is never rewritten; QA still checks its terms.
        segment.kind !== 'sentence' || segment.target === null || isReviewedFromMemory(segment)
          ? null
          : planSentence(segment.source, segment.target, glossary),
      );
      // 2. Re-decode only those, under constraints (the model loads only if some sentence needs it).
      const constrained = await redecode(window, plans, context);
      // 3. Keep the constrained output where it carries more terms; 4. repair or report the rest.
      return window.map((segment, i) => {
        const plan = plans[i];
        if (!plan) return segment;
        const result = settleSentence(segment.source, plan, constrained.get(segment.source), glossary, (forced, plain) =>
          raisesNewWarnings(segment, forced, plain),
        );
        return { ...segment, target: result.target, glossary: result.hits, flags: [...segment.flags, ...result.flags] };
      });
    },
  },
  qa: {
    name: 'qa',
    fingerprint: () => QA_FINGERPRINT,
    run: async (window) => runQa(window),
  },
};
