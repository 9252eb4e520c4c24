/**
 * Find the model's rendering of a term whose target is missing: the span of
 * English words most like the target, a known wrong rendering, or an English
 * spelling of the Latvian word (Tikhanovskaya for Tihanovska).
 */
import type { GlossaryEntry } from '../types.js';
import { isAllCaps } from '../text/casing.js';
import { similarity } from '../text/similarity.js';
import { tokenize, type Token } from '../text/tokens.js';
import { englishGuesses, normaliseForComparison } from '../text/transliterate.js';
import type { Span } from './english.js';
import { overlaps } from './english.js';
import { ENGLISH_FUNCTION_WORDS } from './english-function-words.js';

/** Words a rendering never starts or ends with: "of Tikhanovskaya" keeps its "of", "said Putin" its "said". */
const EDGE_WORDS: ReadonlySet<string> = new Set([...ENGLISH_FUNCTION_WORDS, 'said']);
const FILLER = new Set(['of', 'the', 'and', 'for', 'a', 'an']);

/** Below this a span is too unlike the term to be its rendering; 0.6 keeps UN from replacing US or EU from EC. */
export const REPAIR_THRESHOLD = 0.6;
/** A few words out of a longer capitalised name must be a near-certain rendering. */
export const PART_THRESHOLD = 0.8;
const MAX_SPAN_WORDS = 6;

export interface Candidate extends Span {
  score: number;
}

export interface RepairRequest {
  entry: GlossaryEntry;
  /** The Latvian surface as it appeared (Tihanovskai). */
  surface: string;
  /** Relative position of the term in the source (0–1), to break ties between equal candidates. */
  position: number;
}

function initials(words: readonly string[]): string {
  return words
    .filter((w) => !FILLER.has(w.toLowerCase()))
    .map((w) => w[0] ?? '')
    .join('')
    .toUpperCase();
}

function capitalised(word: string): boolean {
  const first = word[0] ?? '';
  return first !== first.toLowerCase();
}

const codePoints = (text: string) => {
  let n = 0;
  for (const _ of text) n++;
  return n;
};

/**
 * `similarity(a, b) >= min`, without the edit distance when the lengths alone
 * rule it out (the difference in length is at least that many edits).
 */
function similarAtLeast(a: string, b: string, min: number): boolean {
  const la = codePoints(a);
  const lb = codePoints(b);
  const longest = Math.max(la, lb);
  if (longest > 0 && 1 - Math.abs(la - lb) / longest < min) return false;
  return similarity(a, b) >= min;
}

export interface Alignment {
  /** Dice coefficient over content words. */
  score: number;
  /** Both sides keep a word the other lacks: "Ministry of Foreign Affairs" is not "Ministry of Internal Affairs". */
  substitution: boolean;
  /** Content words on the longer side (1 means a one-word comparison). */
  size: number;
}

/**
 * Align words in which an acronym matches the run of capitalised words it
 * abbreviates (UN ~ United Nations) and near-identical words count as equal
 * (Tikhanovskaya ~ Tsikhanouskaya).
 */
export function alignWords(spanWords: readonly string[], targetWords: readonly string[]): Alignment {
  const span = spanWords.filter((w) => !FILLER.has(w.toLowerCase()));
  const target = targetWords.filter((w) => !FILLER.has(w.toLowerCase()));
  const size = Math.max(span.length, target.length);
  if (span.length === 0 || target.length === 0) return { score: 0, substitution: false, size };
  const used = new Set<number>();
  let matched = 0;
  let spanCount = span.length;
  for (const word of target) {
    if (word.length > 1 && isAllCaps(word)) {
      const n = word.length;
      const at = span.findIndex((_, i) => {
        const run = span.slice(i, i + n);
        return run.length === n && run.every(capitalised) && initials(run) === word && run.every((__, k) => !used.has(i + k));
      });
      if (at >= 0) {
        for (let k = 0; k < n; k++) used.add(at + k);
        spanCount -= n - 1;
        matched += 1;
        continue;
      }
    }
    const lower = word.toLowerCase();
    const index = span.findIndex((w, i) => !used.has(i) && similarAtLeast(w.toLowerCase(), lower, 0.75));
    if (index >= 0) {
      used.add(index);
      matched += 1;
    }
  }
  const substitution = matched < target.length && used.size < span.length;
  return { score: (2 * matched) / (spanCount + target.length), substitution, size };
}

function acronymScore(spanWords: readonly string[], target: string): number {
  const targetWords = target.split(/\s+/u);
  if (spanWords.length === 1 && isAllCaps(spanWords[0] ?? '') && initials(targetWords) === spanWords[0]) return 0.9;
  if (
    targetWords.length === 1 &&
    isAllCaps(target) &&
    spanWords.length > 1 &&
    spanWords.every((w) => FILLER.has(w.toLowerCase()) || capitalised(w)) &&
    initials(spanWords) === target
  )
    return 0.9;
  return 0;
}

interface Reference {
  text: string;
  /** In code points, as `similarity` counts. */
  length: number;
  words: string[];
}

interface References {
  exact: Set<string>;
  fuzzy: Reference[];
}

const referenceCache = new WeakMap<GlossaryEntry, Map<string, References>>();

function reference(text: string): Reference {
  const normal = normaliseForComparison(text);
  return { text: normal, length: codePoints(normal), words: text.split(/[\s\-‐‑]+/u).filter((w) => w !== '') };
}

function referencesFor(entry: GlossaryEntry, surface: string): References {
  let perSurface = referenceCache.get(entry);
  if (!perSurface) referenceCache.set(entry, (perSurface = new Map()));
  const cached = perSurface.get(surface);
  if (cached) return cached;
  const latvian = [surface, entry.lemma, ...entry.aliases];
  const guesses = [...new Set(latvian.flatMap(englishGuesses))];
  const refs: References = {
    exact: new Set(entry.replace.map(normaliseForComparison)),
    fuzzy: [entry.target, ...entry.replace, ...guesses].map(reference),
  };
  perSurface.set(surface, refs);
  return refs;
}

/**
 * How much a span looks like the term: the best of its likeness to the target,
 * a known wrong rendering, or an English spelling of the Latvian. Once more
 * than one word is involved, a span that swaps a word for another scores low
 * however many letters it shares.
 *
 * Exact at `floor` and above; below it only "below the floor" is promised. The
 * letter likeness is computed only where its bound (the length difference
 * alone costs that many edits) could still raise the score past the floor.
 */
function scoreSpan(text: string, words: readonly string[], entry: GlossaryEntry, refs: References, floor: number): number {
  const normal = normaliseForComparison(text);
  if (refs.exact.has(normal)) return 1;
  const length = codePoints(normal);
  let best = acronymScore(words, entry.target);
  for (const ref of refs.fuzzy) {
    const alignment = alignWords(words, ref.words);
    const capped = alignment.size > 1 && alignment.substitution;
    const longest = Math.max(length, ref.length);
    const bound = Math.min(capped ? 0.5 : 1, longest === 0 ? 1 : 1 - Math.abs(length - ref.length) / longest);
    const letters = bound > Math.max(best, alignment.score) && bound >= floor ? similarity(normal, ref.text) : 0;
    let score = Math.max(letters, alignment.score);
    if (capped) score = Math.min(score, 0.5);
    best = Math.max(best, score);
  }
  return best;
}

/** Word tokens of the English, with the `s` of a possessive left out: it stays when the name before it is replaced. */
function englishWords(english: string): Token[] {
  return tokenize(english).filter((t, i, all) => !(t.text === 's' && /['’]$/u.test(english.slice(all[i - 1]?.end ?? 0, t.start))));
}

/**
 * Runs of capitalised words (a name, possibly with "of"/"the" inside):
 * "Ministry of Foreign Affairs", "Svetlana Tikhanovskaya". Returned as token
 * index ranges, both ends inclusive.
 */
function capitalisedRuns(english: string, tokens: readonly Token[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let start = -1;
  let lastCapital = -1;
  tokens.forEach((token, k) => {
    const filler = FILLER.has(token.text.toLowerCase());
    const capital = capitalised(token.text) && !filler;
    const joined = k > 0 && /^[\s\-‐‑]+$/u.test(english.slice(tokens[k - 1]?.end ?? 0, token.start));
    if (start >= 0 && joined && (capital || filler)) {
      if (capital) lastCapital = k;
      return;
    }
    if (start >= 0) runs.push([start, lastCapital]);
    start = capital ? k : -1;
    lastCapital = start;
  });
  if (start >= 0) runs.push([start, lastCapital]);
  return runs;
}

/** A span that scored well enough to be a term's rendering, in scan order. */
interface ScoredSpan extends Candidate {
  /** Relative position in the English (0–1). */
  position: number;
}

/**
 * Finds renderings in one English text. A span's score depends only on the
 * text, the term and its Latvian surface, never on the request's position or
 * on what is already taken, so each (term, surface) scans the text once and
 * later requests only choose among the spans that qualified. A 5,000-word
 * sentence repeats terms hundreds of times (742 matches of 24 term forms in
 * one such sentence): scanning per request made the repair quadratic, and
 * scanning per term form makes it 15× faster there.
 */
export class RenderingFinder {
  private readonly tokens: Token[];
  private runs: Array<[number, number]> | undefined;
  private readonly scored = new Map<GlossaryEntry, Map<string, ScoredSpan[]>>();

  constructor(private readonly english: string) {
    this.tokens = englishWords(english);
  }

  /**
   * The best span to replace with the target, or undefined when nothing is close
   * enough. A capitalised target replaces a whole run of capitalised words, or
   * part of one only when that part is a near-certain rendering: "Ministry" in
   * "Ministry of Foreign Affairs" is not the Ministry of Internal Affairs, while
   * "Lukashenka" in "Alexander Lukashenka" is Lukashenko.
   */
  find(request: RepairRequest, blocked: readonly Span[]): Candidate | undefined {
    let best: (Candidate & { adjusted: number }) | undefined;
    for (const span of this.spansFor(request.entry, request.surface)) {
      // Spans grow from their first word, so one that overlaps what is taken ends every longer one too.
      if (blocked.some((b) => overlaps(b, span))) continue;
      const adjusted = span.score - 0.15 * Math.abs(span.position - request.position);
      if (!best || adjusted > best.adjusted) best = { start: span.start, end: span.end, score: span.score, adjusted };
    }
    return best ? { start: best.start, end: best.end, score: best.score } : undefined;
  }

  private spansFor(entry: GlossaryEntry, surface: string): ScoredSpan[] {
    let perSurface = this.scored.get(entry);
    if (!perSurface) this.scored.set(entry, (perSurface = new Map()));
    let spans = perSurface.get(surface);
    if (!spans) perSurface.set(surface, (spans = this.scan(entry, surface)));
    return spans;
  }

  private scan(entry: GlossaryEntry, surface: string): ScoredSpan[] {
    const { english, tokens } = this;
    const refs = referencesFor(entry, surface);
    const targetWords = entry.target.split(/\s+/u);
    const maxWords = Math.min(MAX_SPAN_WORDS, targetWords.length + 2);
    const needsCapital = capitalised(entry.target);
    const ranges: Array<[number, number]> = needsCapital ? (this.runs ??= capitalisedRuns(english, tokens)) : [[0, tokens.length - 1]];
    const edgeAllowed = (word: string, targetEdge: string | undefined) =>
      !EDGE_WORDS.has(word.toLowerCase()) || word.toLowerCase() === targetEdge?.toLowerCase();
    const out: ScoredSpan[] = [];
    for (const [from, to] of ranges) {
      for (let i = from; i <= to; i++) {
        const first = tokens[i];
        if (!first || !edgeAllowed(first.text, targetWords[0])) continue;
        for (let j = i; j <= Math.min(to, i + maxWords - 1); j++) {
          const last = tokens[j];
          if (!last) break;
          if (j > i && !/^[\s\-‐‑]+$/u.test(english.slice(tokens[j - 1]?.end ?? 0, last.start))) break;
          if (!edgeAllowed(last.text, targetWords[targetWords.length - 1])) continue;
          const span = { start: first.start, end: last.end };
          const words = tokens.slice(i, j + 1).map((t) => t.text);
          const floor = needsCapital && (i !== from || j !== to) ? PART_THRESHOLD : REPAIR_THRESHOLD;
          const score = scoreSpan(english.slice(span.start, span.end), words, entry, refs, floor);
          if (score < floor) continue;
          out.push({ ...span, score, position: english.length > 0 ? span.start / english.length : 0 });
        }
      }
    }
    return out;
  }
}
