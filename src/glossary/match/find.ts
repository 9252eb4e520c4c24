/** Find glossary terms in Latvian text: whole words only, longest match first, per-entry case rules. */
import type { Glossary, GlossaryEntry, TermMatch } from '../types.js';
import { caseMatches, isAllCaps } from '../text/casing.js';
import type { Token } from '../text/tokens.js';
import { fold, normaliseGap, tokenize } from '../text/tokens.js';
import { isFunctionWord, isParticle } from '../latvian/particles.js';
import type { CompiledForm, CompiledGlossary } from './compile.js';
import { compileGlossary } from './compile.js';
import { innerCapitalSpelling, innerCapitalsMayVary } from './inner-capitals.js';

export interface EntryMatch extends TermMatch {
  entry: GlossaryEntry;
}

/** `*šu` matches any word ending in -šu, `esm*` any word starting esm-, anything else the word itself. */
function globMatches(pattern: string, word: string): boolean {
  const p = fold(pattern);
  if (p.startsWith('*')) return word.endsWith(p.slice(1));
  if (p.endsWith('*')) return word.startsWith(p.slice(0, -1));
  return word === p;
}

/** A headline in capitals: most other words on the same line are all-caps. */
function lineIsAllCaps(text: string, tokens: Token[], from: number, to: number): boolean {
  const lineStart = text.lastIndexOf('\n', tokens[from]?.start ?? 0) + 1;
  const nl = text.indexOf('\n', tokens[to - 1]?.end ?? 0);
  const lineEnd = nl === -1 ? text.length : nl;
  let cased = 0;
  let caps = 0;
  tokens.forEach((t, i) => {
    if ((i >= from && i < to) || t.start < lineStart || t.end > lineEnd) return;
    const letters = t.text.replace(/[^\p{L}]/gu, '');
    if (letters.length < 2 || letters.toUpperCase() === letters.toLowerCase()) return;
    cased += 1;
    if (isAllCaps(letters)) caps += 1;
  });
  return cased >= 2 && caps / cased >= 0.8;
}

/** A form of address is set off by punctuation: "Putin, ej mājās!", "Paldies, Putin!". */
function setOff(text: string, first: Token, last: Token): boolean {
  if (/^[,!?…]/u.test(text.slice(last.end))) return true;
  return /,\s*$/u.test(text.slice(Math.max(0, first.start - 8), first.start));
}

/** The case ending of `surface`: what follows the stem its paradigm shares (Bačeletas → as, Tihanovskai → ai). */
function caseEnding(surface: string, forms: readonly string[]): string {
  const key = fold(surface);
  let stem = key;
  for (const form of forms) {
    const f = fold(form);
    if (f.slice(0, 4) !== key.slice(0, 4)) continue; // another spelling (alias) has its own paradigm
    let k = 0;
    while (k < stem.length && k < f.length && stem[k] === f[k]) k++;
    stem = stem.slice(0, k);
  }
  return key.slice(stem.length);
}

/**
 * A capitalised word right before a surname-only person term that takes the same
 * case ending (Sergeja Tihanovska, Annai Tihanovskai) is a first name agreeing with
 * it, and not one of this person's: the full name names someone else. Function
 * words are not names (Tikai Tihanovskai izdevās, Pirms Bačeletas šo amatu …).
 */
function anotherPersonsName(text: string, tokens: Token[], i: number, ownFirstNames: Set<string>, forms: readonly string[]): boolean {
  const prev = tokens[i - 1];
  const token = tokens[i];
  if (!prev || !token || !/^\s+$/u.test(text.slice(prev.end, token.start))) return false;
  const name = prev.text.normalize('NFC');
  if (!/^\p{Lu}\p{Ll}{2,}$/u.test(name)) return false;
  const key = fold(name);
  if (ownFirstNames.has(key) || isParticle(key) || isFunctionWord(key)) return false;
  const ending = caseEnding(token.text, forms);
  return ending !== '' && key.length > ending.length + 1 && key.endsWith(ending);
}

/** The word after a match that a veto looks at, past adverbs and object pronouns ("ES NEKAD NEPADOŠOS"). */
function vetoed(text: string, tokens: Token[], after: number, patterns: readonly string[]): boolean {
  let prev = tokens[after - 1];
  for (let k = after; k < Math.min(tokens.length, after + 3); k++) {
    const next = tokens[k];
    if (!prev || !next || !/^\s+$/u.test(text.slice(prev.end, next.start))) return false;
    const word = fold(next.text);
    if (patterns.some((p) => globMatches(p, word))) return true;
    if (!isParticle(word)) return false;
    prev = next;
  }
  return false;
}

function matchesAt(text: string, tokens: Token[], i: number, form: CompiledForm, compiled: CompiledGlossary): boolean {
  const n = form.words.length;
  if (i + n > tokens.length) return false;
  for (let k = 0; k < n; k++) {
    const token = tokens[i + k];
    if (!token || fold(token.text) !== form.keys[k]) return false;
    if (k > 0) {
      const prev = tokens[i + k - 1];
      if (!prev || normaliseGap(text.slice(prev.end, token.start)) !== form.gaps[k - 1]) return false;
    }
  }
  const { entry } = form;
  let allCaps: boolean | undefined;
  const context = {
    get allCapsLine(): boolean {
      allCaps ??= lineIsAllCaps(text, tokens, i, i + n);
      return allCaps;
    },
    capitalMayDrop: entry.type === 'organisation',
  };
  const innerCapitals = entry.case === 'auto' && innerCapitalsMayVary(entry.type);
  for (let k = 0; k < n; k++) {
    const surface = tokens[i + k]?.text.normalize('NFC') ?? '';
    const word = form.words[k] ?? '';
    if (caseMatches(surface, word, entry.case, context)) continue;
    if (!innerCapitals || !innerCapitalSpelling(surface, word)) return false;
  }
  if (entry.notFollowedBy.length > 0 && vetoed(text, tokens, i + n, entry.notFollowedBy)) return false;
  const first = tokens[i];
  const last = tokens[i + n - 1];
  if (form.vocative && first && last && !setOff(text, first, last)) return false;
  const ownFirstNames = compiled.ownFirstNames.get(entry);
  if (ownFirstNames && n === 1 && anotherPersonsName(text, tokens, i, ownFirstNames, entry.forms)) return false;
  return true;
}

export function matchEntries(text: string, glossary: Glossary): EntryMatch[] {
  const compiled = compileGlossary(glossary);
  const { byFirstWord } = compiled;
  const tokens = tokenize(text);
  const matches: EntryMatch[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    const candidates = token ? byFirstWord.get(fold(token.text)) : undefined;
    const hit = candidates?.find((form) => matchesAt(text, tokens, i, form, compiled));
    const last = hit ? tokens[i + hit.words.length - 1] : undefined;
    if (!hit || !token || !last) {
      i += 1;
      continue;
    }
    const { entry } = hit;
    matches.push({
      start: token.start,
      end: last.end,
      surface: text.slice(token.start, last.end),
      lemma: entry.lemma,
      target: entry.target,
      entry,
    });
    i += hit.words.length;
  }
  return matches;
}

/** Term occurrences in `text` (NFC expected; decomposed letters still match), left to right, never overlapping. */
export function findTerms(text: string, glossary: Glossary): TermMatch[] {
  return matchEntries(text, glossary).map(({ start, end, surface, lemma, target }) => ({ start, end, surface, lemma, target }));
}
