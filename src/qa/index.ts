import type { Segment } from '../core/segment-record.js';
import { flagName, flagSeverity } from '../core/flags.js';
import { FLAG } from './flags.js';
import { DEFAULT_LENGTH_RATIO, LengthRatioLearner, lengthRatioOutlier, type LengthRatioSettings } from './length.js';
import { checkNumbers } from './numbers.js';
import { translationLoop } from './repetition.js';
import { missingSymbols } from './symbols.js';
import { collectNames, untranslatedWords } from './untranslated.js';
import { xmlDroppedCharacters } from './xml-chars.js';

export { FLAG } from './flags.js';
export { checkNumbers, sourceNumbers, targetNumbers, type NumberExpectation, type NumberFindings } from './numbers.js';
export { DEFAULT_LENGTH_RATIO, LengthRatioLearner, typicalRatio, lengthRatioOutlier, type LengthRatioSettings } from './length.js';
export { findLoop, translationLoop, type Loop } from './repetition.js';
export { missingSymbols } from './symbols.js';
export { collectNames, untranslatedWords, LATVIAN_ONLY_LETTERS } from './untranslated.js';

/**
 * QA checks add flags, never fix text: a reviewer decides. Each check looks at
 * one translated sentence segment (with what was learnt from the segments
 * around it) and names what looks wrong as `name` or `name:detail`. A check
 * returns at most one flag, so flag counts are counts of segments.
 */
export interface QaContext {
  /** Capitalised words seen inside sentences: names, which may keep Latvian letters. */
  names: ReadonlySet<string>;
  /** The length ratio this model usually writes on these segments. */
  typicalRatio: number;
  lengthRatio: LengthRatioSettings;
}

export type QaCheck = (segment: Segment & { target: string }, context: QaContext) => string | null;

const withDetail = (name: string, details: readonly string[]) => (details.length === 0 ? name : `${name}:${details.join('; ')}`);

export const qaChecks: Record<string, QaCheck> = {
  [FLAG.emptyTarget]: (s) => (s.target.trim() === '' && s.source.trim() !== '' ? FLAG.emptyTarget : null),
  [FLAG.untranslated]: (s, context) => {
    if (s.target.trim() === '') return null;
    const words = untranslatedWords(s.source, s.target, context);
    return words === null ? null : withDetail(FLAG.untranslated, words.slice(0, 5));
  },
  [FLAG.numberMissing]: (s) => {
    const { missing } = checkNumbers(s.source, s.target);
    return missing.length === 0
      ? null
      : withDetail(
          FLAG.numberMissing,
          missing.map((e) => e.surface),
        );
  },
  [FLAG.numberFormat]: (s) => {
    const { latvianNotation } = checkNumbers(s.source, s.target);
    return latvianNotation.length === 0
      ? null
      : withDetail(
          FLAG.numberFormat,
          latvianNotation.map((e) => e.surface),
        );
  },
  [FLAG.lengthRatio]: (s, context) => {
    const ratio = lengthRatioOutlier(s.source, s.target, context.typicalRatio, context.lengthRatio);
    return ratio === null ? null : `${FLAG.lengthRatio}:${ratio}`;
  },
  [FLAG.repeatedNgram]: (s) => {
    const loop = translationLoop(s.source, s.target);
    return loop ? `${FLAG.repeatedNgram}:${loop.ngram}` : null;
  },
  [FLAG.symbolMissing]: (s) => {
    if (s.target.trim() === '') return null;
    const missing = missingSymbols(s.source, s.target);
    return missing.length === 0 ? null : withDetail(FLAG.symbolMissing, missing);
  },
  [FLAG.xmlCharDropped]: (s) => {
    const dropped = xmlDroppedCharacters(s);
    return dropped === null ? null : withDetail(FLAG.xmlCharDropped, dropped);
  },
};

export interface QaOptions {
  checks?: readonly QaCheck[];
  lengthRatio?: Partial<LengthRatioSettings>;
}

/**
 * What QA learns from a whole document before it checks any sentence: the
 * names used in it and the length ratio this model usually writes on it.
 * Learning from all of it, not from the window at hand, keeps every flag
 * independent of how the document was cut into windows.
 */
export class QaLearner {
  private readonly names = new Set<string>();
  private readonly ratios: LengthRatioLearner;
  private readonly lengthRatio: LengthRatioSettings;

  constructor(options: Pick<QaOptions, 'lengthRatio'> = {}) {
    this.lengthRatio = { ...DEFAULT_LENGTH_RATIO, ...options.lengthRatio };
    this.ratios = new LengthRatioLearner(this.lengthRatio);
  }

  learn(segments: readonly Segment[]): void {
    for (const name of collectNames(segments)) this.names.add(name);
    this.ratios.add(segments);
  }

  context(): QaContext {
    return { names: this.names, typicalRatio: this.ratios.typical(), lengthRatio: this.lengthRatio };
  }
}

/** Runs the checks on every translated sentence; boilerplate and untranslated segments pass through. */
export function checkSegments(
  segments: readonly Segment[],
  context: QaContext,
  checks: readonly QaCheck[] = Object.values(qaChecks),
): Segment[] {
  return segments.map((segment) => {
    if (segment.kind !== 'sentence' || segment.target === null) return segment;
    const translated = { ...segment, target: segment.target };
    const present = new Set(segment.flags.map(flagName));
    const found = checks
      .map((check) => check(translated, context))
      .filter((flag): flag is string => flag !== null && !present.has(flagName(flag)));
    return found.length === 0 ? segment : { ...segment, flags: [...segment.flags, ...found] };
  });
}

/** QA over segments held whole: learns from all of them, then checks each. */
export function runQa(segments: readonly Segment[], options: QaOptions = {}): Segment[] {
  const learner = new QaLearner(options);
  learner.learn(segments);
  return checkSegments(segments, learner.context(), options.checks);
}

/**
 * The QA warnings (by name) that translating `segment` as `candidate` raises
 * and `reference` does not (a number lost, a loop, text left untranslated):
 * how the glossary stage tells a forced term that broke the rest of the sentence.
 */
export function newWarnings(segment: Segment, candidate: string, reference: string): string[] {
  const warnings = (target: string) => {
    const [checked] = runQa([{ ...segment, target, flags: [], glossary: [] }]);
    return new Set(checked!.flags.filter((flag) => flagSeverity(flag) === 'warning').map(flagName));
  };
  const before = warnings(reference);
  return [...warnings(candidate)].filter((flag) => !before.has(flag));
}
