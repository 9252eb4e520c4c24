import type { Segment } from '../core/segment-record.js';

/**
 * Length ratio: English characters per Latvian character. A model writes its
 * own typical ratio (about 1.0–1.15 for Latvian → English news); a sentence
 * far outside it lost a clause or ran on. The centre is learnt from the
 * sentences being checked — what this model produced on this text — and held
 * within the prior's bounds, so a window that is wrong throughout cannot move
 * the centre far enough to hide it.
 */
export interface LengthRatioSettings {
  /** Ratio assumed when there are too few sentences to learn from. */
  prior: number;
  /** The learnt centre is clamped to this range. */
  centreBounds: readonly [number, number];
  /** A translation is flagged beyond centre × spread or below centre ÷ spread … */
  spread: number;
  /** … give or take this many characters, so short sentences are not judged on ratio alone. */
  slackChars: number;
  /** Sentences needed (each at least `learnFromChars` long) before the centre is learnt. */
  learnFrom: number;
  learnFromChars: number;
}

export const DEFAULT_LENGTH_RATIO: LengthRatioSettings = {
  prior: 1.05,
  centreBounds: [0.85, 1.3],
  spread: 1.8,
  slackChars: 12,
  learnFrom: 8,
  learnFromChars: 30,
};

const ratioOf = (source: string, target: string) => target.trim().length / Math.max(1, source.trim().length);

/** Gathers the ratios of a document's sentences, window by window, for their median. */
export class LengthRatioLearner {
  private readonly ratios: number[] = [];

  constructor(private readonly settings: LengthRatioSettings = DEFAULT_LENGTH_RATIO) {}

  add(segments: readonly Segment[]): void {
    for (const s of segments) {
      if (s.kind !== 'sentence' || s.target === null || s.target.trim() === '') continue;
      if (s.source.trim().length >= this.settings.learnFromChars) this.ratios.push(ratioOf(s.source, s.target));
    }
  }

  /** The ratio this model usually writes on what was added: the median, held within the prior's bounds. */
  typical(): number {
    if (this.ratios.length < this.settings.learnFrom) return this.settings.prior;
    const ratios = [...this.ratios].sort((a, b) => a - b);
    const middle = Math.floor(ratios.length / 2);
    const median = ratios.length % 2 === 1 ? ratios[middle]! : (ratios[middle - 1]! + ratios[middle]!) / 2;
    const [low, high] = this.settings.centreBounds;
    return Math.min(high, Math.max(low, median));
  }
}

/** The ratio this model usually writes on these segments. */
export function typicalRatio(segments: readonly Segment[], settings: LengthRatioSettings = DEFAULT_LENGTH_RATIO): number {
  const learner = new LengthRatioLearner(settings);
  learner.add(segments);
  return learner.typical();
}

/** The ratio (two decimals) if it is outside the usual range, else null. */
export function lengthRatioOutlier(
  source: string,
  target: string,
  centre: number,
  settings: LengthRatioSettings = DEFAULT_LENGTH_RATIO,
): string | null {
  const sourceLength = source.trim().length;
  const targetLength = target.trim().length;
  if (sourceLength === 0 || targetLength === 0) return null; // empty-target says it better
  const longest = centre * settings.spread * sourceLength + settings.slackChars;
  const shortest = (centre / settings.spread) * sourceLength - settings.slackChars;
  return targetLength > longest || targetLength < shortest ? ratioOf(source, target).toFixed(2) : null;
}
