import type { Segment } from '../core/segment-record.js';
import { FLAG, flagName, flagSeverity } from './flags.js';
import { DEFAULT_LENGTH_RATIO, lengthRatioOutlier, typicalRatio, type LengthRatioSettings } from './length.js';
import { checkNumbers } from './numbers.js';
import { translationLoop } from './repetition.js';
import { collectNames, untranslatedWords } from './untranslated.js';
import { xmlDroppedCharacters } from './xml-chars.js';

export {
  FLAG,
  flagName,
  flagDetail,
  flagSeverity,
  describeFlag,
  needsReview,
  warningFlags,
  isReviewedFromMemory,
  type FlagSeverity,
} from './flags.js';
export { checkNumbers, sourceNumbers, targetNumbers, type NumberExpectation, type NumberFindings } from './numbers.js';
export { DEFAULT_LENGTH_RATIO, typicalRatio, lengthRatioOutlier, type LengthRatioSettings } from './length.js';
export { findLoop, translationLoop, type Loop } from './repetition.js';
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
  [FLAG.glossaryMissing]: (s) => {
    // The glossary stage reports the terms it could not place. A reviewed
    // translation from the memory is a person's text, which that stage must
    // not rewrite; here it is checked for each term's target as written.
    if (s.glossary.some((hit) => hit.status === 'missing')) return FLAG.glossaryMissing;
    if (!s.flags.includes(FLAG.tmReviewed)) return null;
    const target = s.target.toLocaleLowerCase('en');
    return s.glossary.some((hit) => !target.includes(hit.target.toLocaleLowerCase('en'))) ? FLAG.glossaryMissing : null;
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
 * A fingerprint of what QA checks, for the job runner's stage key: stored QA
 * results made by other checks are not reused.
 */
export const QA_FINGERPRINT = 'qa-3:empty,untranslated,numbers,length,ngram,glossary,xml-chars';

/** Runs the checks on every translated sentence; boilerplate and untranslated segments pass through. */
export function runQa(segments: readonly Segment[], options: QaOptions = {}): Segment[] {
  const checks = options.checks ?? Object.values(qaChecks);
  const lengthRatio = { ...DEFAULT_LENGTH_RATIO, ...options.lengthRatio };
  const context: QaContext = { names: collectNames(segments), typicalRatio: typicalRatio(segments, lengthRatio), lengthRatio };
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

/** Flag name → number of segments carrying it, for the end-of-run summary. */
export function countFlags(segments: readonly Segment[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const segment of segments) for (const name of new Set(segment.flags.map(flagName))) counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}

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
