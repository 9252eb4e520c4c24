/**
 * Does a constrained re-decode keep the plain translation's content? Forcing
 * a phrase into the beam fails in known ways (Post & Vilar 2018; Hu et al.
 * 2019): the model skips a stretch of the sentence to make room, says part of
 * a name twice ("Svetlana Sviatlana Tsikhanouskaya"), or pushes the term past
 * the end of the sentence. Each is judged against the repaired plain
 * translation, which already carries every term the string repair could put
 * in, so the constrained output is only worth taking when it loses nothing:
 *
 * - words lost: every content word of the plain translation is still there
 *   (as often), apart from the words inside term occurrences, which are what
 *   the terms replace;
 * - term repeated: no term occurs more often than in the plain translation,
 *   and no word outside the terms looks like a part of one (a word of the
 *   target, a known wrong rendering, an English spelling of the Latvian) more
 *   often than there;
 * - length: within MAX_LENGTH_RATIO of the plain translation's, either way.
 */
import { englishGuesses, normaliseForComparison } from '../text/transliterate.js';
import { similarity } from '../text/similarity.js';
import { tokenize, type Token } from '../text/tokens.js';
import type { GlossaryEntry } from '../types.js';
import { overlaps, type Span, targetOccurrences } from './english.js';
import { isEnglishFunctionWord } from './english-function-words.js';

/** Longest/shortest character length a constrained output may have against the plain one. */
export const MAX_LENGTH_RATIO = 1.25;
/** A word at least this like a part of a term (letter similarity) counts as a rendering of that part ("Svetlana" for "Sviatlana"). */
export const TERM_PART_SIMILARITY = 0.75;
/** Shorter words are never taken for a term part: "in", "of" and initials are too alike by chance. */
const MIN_TERM_PART_LENGTH = 3;

export type RefusalReason = 'words-lost' | 'term-repeated' | 'length';

export interface Refusal {
  reason: RefusalReason;
  /** What was lost or repeated, or the two lengths: for the reviewer. */
  detail: string;
}

/** A term of the sentence: its entry and the Latvian surface it had in the source. */
export interface SentenceTerm {
  entry: GlossaryEntry;
  surface: string;
}

interface Reading {
  /** Words outside every term occurrence, in order. */
  free: Token[];
  /** Occurrences of each term's target, by entry. */
  occurrences: Map<GlossaryEntry, number>;
}

function read(text: string, entries: readonly GlossaryEntry[]): Reading {
  const spans: Span[] = [];
  const occurrences = new Map<GlossaryEntry, number>();
  for (const entry of entries) {
    const found = targetOccurrences(text, entry);
    occurrences.set(entry, found.length);
    spans.push(...found);
  }
  // The `s` of a possessive is part of the word before it ("Belarus's").
  const free = tokenize(text).filter(
    (t, i, all) => !spans.some((s) => overlaps(s, t)) && !(t.text === 's' && /['’]$/u.test(text.slice(all[i - 1]?.end ?? 0, t.start))),
  );
  return { free, occurrences };
}

const key = (word: string) => word.normalize('NFC').toLowerCase();

function lostWords(plain: readonly Token[], constrained: readonly Token[]): string[] {
  const left = new Map<string, number>();
  for (const t of constrained) left.set(key(t.text), (left.get(key(t.text)) ?? 0) + 1);
  const lost: string[] = [];
  for (const t of plain) {
    if (isEnglishFunctionWord(t.text)) continue;
    const n = left.get(key(t.text)) ?? 0;
    if (n > 0) left.set(key(t.text), n - 1);
    else lost.push(t.text);
  }
  return lost;
}

/** Normalised words that stand for a part of the term: its target's, its wrong renderings', its Latvian's and their English spellings. */
function termParts(term: SentenceTerm): string[] {
  const { entry, surface } = term;
  const phrases = [entry.target, ...entry.replace, ...entry.accept, surface, entry.lemma, ...englishGuesses(surface)];
  const parts = new Set<string>();
  for (const phrase of phrases) {
    for (const word of normaliseForComparison(phrase).split(' ')) if ([...word].length >= MIN_TERM_PART_LENGTH) parts.add(word);
  }
  return [...parts];
}

/** Free words that look like a part of `term`, as normalised words. */
function termLikeWords(free: readonly Token[], parts: readonly string[]): string[] {
  return free
    .filter((t) => [...t.text].length >= MIN_TERM_PART_LENGTH && !isEnglishFunctionWord(t.text))
    .map((t) => t.text)
    .filter((word) => {
      const normal = normaliseForComparison(word);
      return parts.some((part) => similarity(normal, part) >= TERM_PART_SIMILARITY);
    });
}

/**
 * Why `constrained` must not replace `plain` (the repaired plain translation
 * of the same source), or null when it keeps the plain one's content.
 */
export function constrainedRefusal(plain: string, constrained: string, terms: readonly SentenceTerm[]): Refusal | null {
  const entries = [...new Set(terms.map((t) => t.entry))];
  const before = read(plain, entries);
  const after = read(constrained, entries);

  const lost = lostWords(before.free, after.free);
  if (lost.length > 0) return { reason: 'words-lost', detail: lost.join(' ') };

  for (const entry of entries) {
    if ((after.occurrences.get(entry) ?? 0) > (before.occurrences.get(entry) ?? 0))
      return { reason: 'term-repeated', detail: entry.target };
  }
  for (const term of terms) {
    const parts = termParts(term);
    const added = termLikeWords(after.free, parts);
    if (added.length > termLikeWords(before.free, parts).length)
      return { reason: 'term-repeated', detail: `${added.join(' ')} (${term.entry.target})` };
  }

  const [a, b] = [[...plain].length, [...constrained].length];
  if (Math.max(a, b) > MAX_LENGTH_RATIO * Math.min(a, b)) return { reason: 'length', detail: `${b} characters against ${a}` };
  return null;
}
