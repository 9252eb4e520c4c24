import type { Segment } from '../core/segment-record.js';
import type { SourceDocument } from '../ingest/index.js';
import { segment as findSentences } from '../segment/index.js';
import { translateSegments, type Translator } from '../translate/index.js';
import { applyGlossary, type Glossary } from '../glossary/index.js';
import { runQa } from '../qa/index.js';
import { spansToSegments } from './segments.js';
import type { StageName } from './definition.js';

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

export interface SegmentStage {
  name: Exclude<StageName, 'ingest' | 'write'>;
  /** Everything besides the input that decides the output. */
  fingerprint(context: StageContext): string;
  run(input: readonly Segment[], document: SourceDocument, context: StageContext): Promise<Segment[]>;
}

export const segmentStages: Record<SegmentStage['name'], SegmentStage> = {
  segment: {
    name: 'segment',
    fingerprint: () => '',
    run: async (_input, document) => spansToSegments(document.text, findSentences(document.text)),
  },
  translate: {
    name: 'translate',
    fingerprint: (context) => `${context.modelFingerprint}|batch:${context.batchTokens}`,
    run: async (input, document, context) =>
      translateSegments(input, await context.translator(), {
        batchTokens: context.batchTokens,
        onProgress: (done, total) => context.onProgress?.(document.name, done, total),
      }),
  },
  glossary: {
    name: 'glossary',
    fingerprint: (context) => context.glossaryFingerprint,
    run: async (input, _document, context) => {
      const glossary = context.glossary;
      if (!glossary) return [...input];
      return input.map((segment) => {
        if (segment.kind !== 'sentence' || segment.target === null) return segment;
        const result = applyGlossary(segment.source, segment.target, glossary);
        return { ...segment, target: result.target, glossary: result.hits, flags: [...segment.flags, ...result.flags] };
      });
    },
  },
  qa: {
    name: 'qa',
    fingerprint: () => '',
    run: async (input) => runQa(input),
  },
};
