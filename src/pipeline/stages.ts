import type { Segment } from '../core/segment-record.js';
import type { SourceDocument } from '../ingest/index.js';
import { segment as findSentences } from '../segment/index.js';
import { translateSegments, type Translator } from '../translate/index.js';
import { applyGlossary, type Glossary } from '../glossary/index.js';
import { isReviewedFromMemory, QA_FINGERPRINT, runQa } from '../qa/index.js';
import { spansToSegments } from './segments.js';

/** What stages may use besides their input; built once per run and shared by every file. */
export interface StageContext {
  /** Loads the model on first use, so a run that reuses every translation never loads it. */
  translator(): Promise<Translator>;
  /** Identity of the model and its decoding settings: part of the translate stage's key. */
  modelFingerprint: string;
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

export const windowStages: Record<Exclude<ProcessingStageName, 'segment'>, WindowStage> = {
  translate: {
    name: 'translate',
    fingerprint: (context) => `${context.modelFingerprint}|batch:${context.batchTokens}`,
    run: async (window, context, progress) => {
      const translator = await context.translator();
      return translateSegments(window, translator, {
        batchTokens: context.batchTokens,
        onProgress: (done, total) => progress(Math.round((done / Math.max(1, total)) * window.length)),
      });
    },
  },
  glossary: {
    name: 'glossary',
    fingerprint: (context) => context.glossaryFingerprint,
    run: async (window, context) => {
      const glossary = context.glossary;
      if (!glossary) return [...window];
      return window.map((segment) => {
        // A reviewer's translation is never rewritten; QA still checks its terms.
        if (segment.kind !== 'sentence' || segment.target === null || isReviewedFromMemory(segment)) return segment;
        const result = applyGlossary(segment.source, segment.target, glossary);
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
