/**
 * Sentence ends inside one unit (see lines.ts). Every run of final punctuation
 * (. ! ? … and "..."), with the closing quotes and brackets after it, is a
 * candidate; each candidate is decided from what precedes the punctuation
 * (abbreviation, initial, ordinal, number, URL, ordinary word) and what follows
 * it (lower-case word, capital, digit, lower-case brand, date word, end of unit).
 */
import { classifyAbbreviation, countedPhraseFollows, isQuantity, knownAbbreviation, splitGluedNumber } from './rules/abbreviations.js';
import { isCurrencyCode, isKnownAcronym } from './rules/acronyms.js';
import { isLowercaseSentenceOpener } from './rules/brands.js';
import { emoticonsEnd } from './rules/emoticons.js';
import { initialContinues, isInitialToken } from './rules/initials.js';
import { BARE_NUMBER, ordinalContinues } from './rules/ordinals.js';
import { isClosing, isOpening } from './rules/quotes.js';
import { closesSignature, opensSignature, SIGNATURE_SLASH } from './rules/signatures.js';
import { isUrlOrEmail } from './rules/urls.js';
import { isYearAbbreviation, isYearLeadWord, yearPhraseContinues } from './rules/years.js';

/** What follows a candidate sentence end. */
export type RightKind = 'end' | 'lower' | 'upper' | 'digit' | 'other';

export interface RightContext {
  kind: RightKind;
  /** The next word without opening quotes or trailing punctuation ('' at the end). */
  word: string;
  /** A spaced dash stood between the punctuation and the next word. */
  dash: boolean;
  /** The opening quotes or brackets before the next word ('' when none). */
  opening: string;
  /** Text from the next word on (up to the end of the unit, at most REACH characters). */
  rest: string;
}

const FINAL = /[.!?…]/u;
const WS = /\s/u;
const DASHES = '-–—';

/** Look past whitespace, a dialogue dash and opening quotes at what comes next. */
export function rightContext(text: string, from: number, end: number): RightContext {
  let k = from;
  let dash = false;
  while (k < end && WS.test(text[k]!)) k++;
  if (k < end && DASHES.includes(text[k]!) && k + 1 < end && WS.test(text[k + 1]!)) {
    dash = true;
    k++;
    while (k < end && WS.test(text[k]!)) k++;
  }
  const o = k;
  while (k < end && (isOpening(text[k]!) || opensSignature(text, k, from))) k++;
  const opening = text.slice(o, k);
  if (k >= end) return { kind: 'end', word: '', rest: '', dash, opening };
  const rest = text.slice(k, Math.min(end, k + REACH));
  const raw = /^\S+/u.exec(rest)?.[0] ?? '';
  const word = raw.replace(/[.,;:!?…”"»’')\]]+$/u, '');
  const ch = rest[0]!;
  let kind: RightKind;
  if (/\p{Ll}/u.test(ch)) kind = isLowercaseSentenceOpener(word) ? 'upper' : 'lower';
  else if (/\p{Lu}/u.test(ch)) kind = 'upper';
  else if (/\d/u.test(ch) || (ch === '+' && /\d/u.test(rest[1] ?? ''))) kind = 'digit';
  else if (/[,;:%)\]}]/u.test(ch)) kind = 'lower';
  else kind = 'other';
  return { kind, word, rest, dash, opening };
}

/** Longest stretch looked at on either side of a candidate: words are shorter, and it keeps segment() linear. */
const REACH = 256;

/** Start of the whitespace-delimited token that ends at `i` (exclusive), not before `min`. */
function tokenStart(text: string, i: number, min: number): number {
  let s = i;
  const floor = Math.max(min, i - REACH);
  while (s > floor && !WS.test(text[s - 1]!)) s--;
  return s;
}

function stripOpening(token: string): string {
  let s = 0;
  while (s < token.length && (isOpening(token[s]) || DASHES.includes(token[s]!) || opensSignature(token, s, s))) s++;
  return token.slice(s);
}

/** Is position `s` the first non-space position on its line (or of the unit)? */
function atLineStart(text: string, s: number, min: number): boolean {
  let k = s;
  while (k > min && (text[k - 1] === ' ' || text[k - 1] === '\t')) k--;
  return k === min || text[k - 1] === '\n';
}

/**
 * The abbreviation key for the token ending at the period at `i`, joined with
 * preceding one-to-four-letter tokens that end in a period ("u. c." → "u.c",
 * "u. tml." → "u.tml") when the joined form is a known abbreviation; `start` is where the
 * joined form starts.
 */
function abbreviationKey(text: string, tokStart: number, token: string, min: number): { key: string; start: number } {
  let key = token.toLocaleLowerCase('lv');
  let best = { key, start: tokStart };
  let s = tokStart;
  for (let n = 0; n < 2; n++) {
    let k = s;
    while (k > min && text[k - 1] === ' ') k--;
    if (k === s || k <= min) break;
    const ps = tokenStart(text, k, min);
    const prev = stripOpening(text.slice(ps, k));
    if (!/^\p{L}{1,4}\.$/u.test(prev)) break;
    key = prev.toLocaleLowerCase('lv') + key;
    if (knownAbbreviation(key)) best = { key, start: ps };
    s = ps;
  }
  return best;
}

/** The word before the token at `tokStart` (for "grupā B."). */
function previousWord(text: string, tokStart: number, min: number): string {
  let k = tokStart;
  while (k > min && WS.test(text[k - 1]!)) k--;
  const s = tokenStart(text, k, min);
  return stripOpening(text.slice(s, k)).replace(/[.,;:!?…”"»’')\]]+$/u, '');
}

/** End of the token before the one at `tokStart` (past the whitespace between them). */
function previousTokenEnd(text: string, tokStart: number, min: number): number {
  let k = tokStart;
  while (k > min && WS.test(text[k - 1]!)) k--;
  return k;
}

/** The raw token before the one at `tokStart` ('' at the start of the unit). */
function previousToken(text: string, tokStart: number, min: number): string {
  const k = previousTokenEnd(text, tokStart, min);
  return k === tokStart ? '' : stripOpening(text.slice(tokenStart(text, k, min), k));
}

/**
 * Does the year phrase starting at `s` open its sentence: only lead words ("Kopš", "Jau", "no
 * 2003.") stand between it and the start of the unit, a sentence end, a colon or an opening bracket?
 */
function opensSentence(text: string, s: number, min: number): boolean {
  if (isOpening(text[s])) return true;
  let k = s;
  for (let n = 0; n < 6; n++) {
    k = previousTokenEnd(text, k, min);
    if (k <= min) return true;
    const ps = tokenStart(text, k, min);
    const token = text.slice(ps, k);
    if (isYearLeadWord(token)) {
      k = ps;
      continue;
    }
    return /[.!?…:][”"»’')\]]*$/u.test(token);
  }
  return false;
}

/**
 * Decide a single period at `i` (text[i] === '.') followed by `right`.
 * `min` is the start of the unit.
 */
function periodEnds(text: string, i: number, right: RightContext, min: number): boolean {
  if (right.kind === 'end') return true;
  if (right.kind === 'lower') return false;
  const before = text[i - 1];
  if (before === undefined || i === min || WS.test(before)) return true; // a detached period
  if (isClosing(before)) return true; // "ideālas". / (ES).
  const ts = tokenStart(text, i, min);
  const token = stripOpening(text.slice(ts, i));
  if (token === '') return true;

  if (isUrlOrEmail(token)) return true;

  // Numbered list marker at the start of a line: "1. Gada pārskata apstiprināšana."
  if ((BARE_NUMBER.test(token) || /^[IVXLC]{1,5}$/u.test(token)) && atLineStart(text, ts, min) && token.length <= 3) return false;

  // Ordinals: "13. Saeima", "2020. GADA", "– 11. Abām"
  if (BARE_NUMBER.test(token)) {
    if (right.kind === 'other') return true;
    // A ranking or inline list: "Rezultāti: 1. Latvija, 2. Lietuva, 3. Igaunija."
    if (/[:,;]$/u.test(text.slice(Math.max(min, ts - 3), ts).trimEnd())) return false;
    // An elided noun: "1. vietu izcīnīja Čehija, bet 3. – Dānija."
    if (right.dash) return false;
    return !ordinalContinues(right.word, right.rest);
  }

  // Initials: "A. Bērziņš", "Dž. Baidens"; but "grupā B. Pretinieki", "vitamīnu D. Tas".
  if (isInitialToken(token)) {
    if (right.opening.startsWith('(')) return false; // "A. K. (45 g. v.)", "I. M. (JKP)"
    if (text[i + 1] === SIGNATURE_SLASH) return true; // "/J. K./ Teksts": the signature is closed
    if (right.kind !== 'upper') return true;
    return !initialContinues(previousWord(text, ts, min), right.word);
  }

  // Roman ordinals: "XVI. gadsimtā", "Kārlim XII. Viņš".
  if (/^[IVXLC]{2,6}$/u.test(token) && !isKnownAcronym(token)) {
    if (right.kind === 'other') return true;
    return !ordinalContinues(right.word, right.rest);
  }

  // "eiro/mēn.": the abbreviation is the last part; "2004.g": the number glued to it is not part of it.
  const afterSlash = token.includes('/') ? token.slice(token.lastIndexOf('/') + 1) : token;
  const glued = splitGluedNumber(afterSlash);
  const word = glued ? glued.abbreviation : afterSlash;
  if (word === '') return true;
  const joined = word === token ? abbreviationKey(text, ts, token, min) : { key: word.toLocaleLowerCase('lv'), start: ts };
  const key = joined.key;
  const allCaps = /^\p{Lu}{2,}$/u.test(word);
  // The number a unit counts: glued ("2004.g") or the token before ("2004. g.", "5 t.").
  const numberBefore = glued ? glued.number : previousToken(text, ts, min);
  // A short unknown form after a number is a unit (5 t., 54 kv. m., 195. p.).
  const afterNumber = word !== token || /^\d[\d,]*\.?$/u.test(previousWord(text, ts, min));
  // An all-caps word is an acronym (SKDS, LTRK, NMPD), an ordinary sentence end, unless it is a known
  // abbreviation written in capitals (PLKST. in a headline): the vowel-less guess is for lower case only.
  const cls = allCaps && (isKnownAcronym(word) || !knownAbbreviation(key)) ? null : classifyAbbreviation(key, afterNumber);

  switch (cls) {
    case 'never-final':
      return false;
    case 'list-end':
      return true;
    case 'unit':
      if (right.kind === 'digit') return false; // 1994. g. 15. jūnijā
      // 2004.g. Latvijā …, dzimis 1950. g. Rīgā …
      if (right.kind === 'upper' && isYearAbbreviation(key, numberBefore)) {
        const phraseStart = glued || !/\d\.$/u.test(numberBefore) ? joined.start : tokenStart(text, previousTokenEnd(text, ts, min), min);
        return !yearPhraseContinues(right.word, right.rest, opensSentence(text, phraseStart, min));
      }
      if (isQuantity(key) && (isCurrencyCode(right.word) || /^\p{Lu}{2,}$/u.test(right.word))) return false; // 2 milj. EUR
      if (isQuantity(key) && countedPhraseFollows(right.rest)) return false; // 4 tūkst. Latvijas skolēnu.
      return true;
    default:
      return true;
  }
}

/** Does the punctuation run text[i, k) followed by `right` end a sentence? */
export function punctuationEnds(text: string, i: number, k: number, right: RightContext, min: number): boolean {
  const run = text.slice(i, k);
  if (right.kind === 'end') return true;
  if (right.kind === 'lower') return false;
  if (/[!?]/u.test(run)) return true;
  if (run.includes('…') || run.length >= 2) {
    // An ellipsis: a sentence end before a capital, unless it opens the unit or a quote ("„…un tad").
    const before = text[i - 1];
    if (i === min || before === undefined || isOpening(before)) return false;
    return true;
  }
  return periodEnds(text, i, right, min);
}

/**
 * Cut positions (exclusive sentence ends, after closing quotes) inside the unit [start, end).
 */
export function findSentenceEnds(text: string, start: number, end: number): number[] {
  const cuts: number[] = [];
  const re = /[.!?…]+/gu;
  re.lastIndex = start;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && m.index < end) {
    const i = m.index;
    const k = Math.min(i + m[0].length, end);
    // "(..)" and "[…]": an omission inside a quotation, not an end.
    if (isOpening(text[i - 1]) && (text[k] === ')' || text[k] === ']')) continue;
    let j = k;
    while (j < end && (isClosing(text[j]) || FINAL.test(text[j]!) || closesSignature(text, j, start, end, REACH))) j++;
    // Emoticons after the punctuation close the sentence: "Uz tikšanos! :) Rīt būs labāk."
    const afterEmoticons = emoticonsEnd(text, j, end);
    if (afterEmoticons > j) {
      const right = rightContext(text, afterEmoticons, end);
      if (right.kind !== 'end' && punctuationEnds(text, i, k, right, start)) cuts.push(afterEmoticons);
      re.lastIndex = afterEmoticons;
      continue;
    }
    if (j < end && !WS.test(text[j]!)) {
      // Glued: "beigām.Opozīcija". Only between a lower-case word and a capitalised one.
      const glued =
        /\p{Ll}{2}$/u.test(text.slice(Math.max(start, i - 2), i)) &&
        /^\p{Lu}\p{Ll}/u.test(text.slice(j, j + 2)) &&
        /^\p{L}+$/u.test(stripOpening(text.slice(tokenStart(text, i, start), i)));
      if (!glued) continue;
    }
    const right = rightContext(text, j, end);
    if (right.kind !== 'end' && punctuationEnds(text, i, k, right, start)) cuts.push(j);
    re.lastIndex = j > i ? j : i + 1;
  }
  return cuts;
}
