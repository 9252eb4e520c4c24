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

/** Words a rendering never starts or ends with: "of Tikhanovskaya" keeps its "of". */
const EDGE_WORDS = new Set(['a', 'an', 'the', 'of', 'to', 'for', 'in', 'on', 'at', 'by', 'from', 'with', 'and', 'or', 'as', 's', 'is', 'was', 'has', 'said', 'that', 'this']);
const FILLER = new Set(['of', 'the', 'and', 'for', 'a', 'an']);

/** Below this a span is too unlike the term to be its rendering; 0.6 keeps UN from replacing US or EU from EC. */
export const REPAIR_THRESHOLD = 0.6;
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

/**
 * Word overlap in which an acronym matches the run of capitalised words it
 * abbreviates (UN ~ United Nations) and near-identical words count as equal
 * (Interior ~ Internal).
 */
export function wordOverlap(spanWords: readonly string[], targetWords: readonly string[]): number {
  const span = spanWords.filter((w) => !FILLER.has(w.toLowerCase()));
  const target = targetWords.filter((w) => !FILLER.has(w.toLowerCase()));
  if (span.length === 0 || target.length === 0) return 0;
  const used = new Set<number>();
  let matched = 0;
  let spanCount = span.length;
  for (const word of target) {
    if (word.length > 1 && isAllCaps(word)) {
      let runFound = false;
      for (let i = 0; i < span.length && !runFound; i++) {
        for (let j = i + 1; j < Math.min(span.length, i + word.length); j++) {
          const run = span.slice(i, j + 1);
          if (run.length === word.length && run.every(capitalised) && initials(run) === word && run.every((_, k) => !used.has(i + k))) {
            run.forEach((_, k) => used.add(i + k));
            spanCount -= run.length - 1;
            matched += 1;
            runFound = true;
            break;
          }
        }
      }
      if (runFound) continue;
    }
    const index = span.findIndex((w, i) => !used.has(i) && similarity(w.toLowerCase(), word.toLowerCase()) >= 0.75);
    if (index >= 0) {
      used.add(index);
      matched += 1;
    }
  }
  return (2 * matched) / (spanCount + target.length);
}

function acronymScore(spanWords: readonly string[], target: string): number {
  const targetWords = target.split(/\s+/u);
  if (spanWords.length === 1 && isAllCaps(spanWords[0] ?? '') && initials(targetWords) === spanWords[0]) return 0.9;
  if (targetWords.length === 1 && isAllCaps(target) && spanWords.length > 1 && spanWords.every((w) => FILLER.has(w.toLowerCase()) || capitalised(w)) && initials(spanWords) === target) return 0.9;
  return 0;
}

interface References {
  exact: Set<string>;
  fuzzy: string[];
}

const referenceCache = new WeakMap<GlossaryEntry, Map<string, References>>();

function referencesFor(entry: GlossaryEntry, surface: string): References {
  let perSurface = referenceCache.get(entry);
  if (!perSurface) referenceCache.set(entry, (perSurface = new Map()));
  const cached = perSurface.get(surface);
  if (cached) return cached;
  const latvian = [surface, entry.lemma, ...entry.aliases];
  const refs: References = {
    exact: new Set(entry.replace.map(normaliseForComparison)),
    fuzzy: [...new Set([normaliseForComparison(entry.target), ...entry.replace.map(normaliseForComparison), ...latvian.flatMap(englishGuesses)])],
  };
  perSurface.set(surface, refs);
  return refs;
}

function scoreSpan(text: string, words: readonly string[], entry: GlossaryEntry, refs: References): number {
  const normal = normaliseForComparison(text);
  if (refs.exact.has(normal)) return 1;
  let best = acronymScore(words, entry.target);
  for (const ref of refs.fuzzy) best = Math.max(best, similarity(normal, ref));
  best = Math.max(best, wordOverlap(words, entry.target.split(/\s+/u)));
  for (const wrong of entry.replace) best = Math.max(best, wordOverlap(words, wrong.split(/\s+/u)) * 0.95);
  return best;
}

/** Word tokens of the English, with the `s` of a possessive left out: it stays when the name before it is replaced. */
function englishWords(english: string): Token[] {
  return tokenize(english).filter((t, i, all) => !(t.text === 's' && /['’]$/u.test(english.slice(all[i - 1]?.end ?? 0, t.start))));
}

/** The best span to replace with the target, or undefined when nothing is close enough. */
export function findRendering(english: string, request: RepairRequest, blocked: readonly Span[]): Candidate | undefined {
  const { entry } = request;
  const refs = referencesFor(entry, request.surface);
  const tokens = englishWords(english);
  const targetWords = entry.target.split(/\s+/u);
  const maxWords = Math.min(MAX_SPAN_WORDS, targetWords.length + 2);
  const needsCapital = capitalised(entry.target);
  const edgeAllowed = (word: string, targetEdge: string | undefined) => !EDGE_WORDS.has(word.toLowerCase()) || word.toLowerCase() === targetEdge?.toLowerCase();
  let best: (Candidate & { adjusted: number }) | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i];
    if (!first || (needsCapital && !capitalised(first.text)) || !edgeAllowed(first.text, targetWords[0])) continue;
    for (let j = i; j < Math.min(tokens.length, i + maxWords); j++) {
      const last = tokens[j];
      if (!last) break;
      if (j > i && !/^[\s\-‐‑]+$/u.test(english.slice(tokens[j - 1]?.end ?? 0, last.start))) break;
      const span = { start: first.start, end: last.end };
      if (blocked.some((b) => overlaps(b, span))) break;
      if (!edgeAllowed(last.text, targetWords[targetWords.length - 1])) continue;
      const words = tokens.slice(i, j + 1).map((t) => t.text);
      const score = scoreSpan(english.slice(span.start, span.end), words, entry, refs);
      if (score < REPAIR_THRESHOLD) continue;
      const position = english.length > 0 ? span.start / english.length : 0;
      const adjusted = score - 0.15 * Math.abs(position - request.position);
      if (!best || adjusted > best.adjusted) best = { ...span, score, adjusted };
    }
  }
  return best ? { start: best.start, end: best.end, score: best.score } : undefined;
}
