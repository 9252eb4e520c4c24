/**
 * Which pattern a single Latvian word follows. The lemma's shape decides unless
 * the glossary gives a hint; hints win because shape is ambiguous (-s is a 1st
 * declension masculine or a 6th declension feminine, -is a 2nd declension
 * singular or a 6th declension plural).
 */
import type { DeclensionHint, Gender, NumberHint, TermType } from '../types.js';
import type { GramNumber } from './endings.js';
import { NOUN_PATTERNS } from './endings.js';
import { isSixthDeclension, isSixthPluralOnly, secondConsonantStem } from './exceptions.js';

export type NounDeclension = 1 | 2 | 3 | 4 | 5 | 6;

export type WordClass =
  | { kind: 'noun'; declension: NounDeclension; gender: Gender; stem: string; numbers: GramNumber[]; reason: string }
  | { kind: 'definite-adjective'; gender: Gender; stem: string; numbers: GramNumber[]; reason: string }
  /** A reflexive deverbal noun in -šanās (mazgāšanās); see REFLEXIVE_NOUN in endings.ts. */
  | { kind: 'reflexive-noun'; gender: Gender; stem: string; numbers: GramNumber[]; reason: string }
  | { kind: 'indeclinable'; reason: string };

export interface WordHint {
  type?: TermType;
  declension?: DeclensionHint;
  gender?: Gender;
  number?: NumberHint;
  /** Inside a multiword lemma adjectives (-ais, -ā, -ie, -ās) are expected; alone such words are left as they are. */
  inPhrase?: boolean;
}

const INDECLINABLE_FINALS = /[iīoōuūēyw]$/u;
/** A nominative plural of the 1st–3rd declensions: a consonant, then -i (Talsi, Limbaži, vecāki). */
const MASCULINE_PLURAL_NOMINATIVE = /[^aeiouāēīū]i$/u;
const REFLEXIVE_NOUN_ENDING = 'šanās';
const DEFAULT_GENDER: Readonly<Record<NounDeclension, Gender>> = {
  1: 'masculine',
  2: 'masculine',
  3: 'masculine',
  4: 'feminine',
  5: 'feminine',
  6: 'feminine',
};

function isAcronym(word: string): boolean {
  const letters = word.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

function numbersFor(pluralOnly: boolean, hint: NumberHint | undefined): GramNumber[] {
  if (pluralOnly || hint === 'plural') return ['plural'];
  if (hint === 'singular') return ['singular'];
  return ['singular', 'plural'];
}

function noun(
  word: string,
  declension: NounDeclension,
  gender: Gender | undefined,
  plural: boolean,
  hint: NumberHint | undefined,
  reason: string,
): WordClass {
  const pattern = NOUN_PATTERNS[declension];
  const lower = word.toLowerCase();
  let ending: string;
  if (plural) ending = declension <= 3 ? 'i' : pattern.pluralNominative;
  else if (declension === 1 && lower.endsWith('š')) ending = 'š';
  else if (declension === 2 && secondConsonantStem(lower)) ending = 's';
  else ending = pattern.singularNominative;
  if (!lower.endsWith(ending) || lower.length <= ending.length) {
    return {
      kind: 'indeclinable',
      reason: `does not end in -${ending} as declension ${declension}${plural ? ' plural' : ''} needs; left unchanged`,
    };
  }
  return {
    kind: 'noun',
    declension,
    gender: gender ?? DEFAULT_GENDER[declension],
    stem: word.slice(0, word.length - ending.length),
    numbers: numbersFor(plural, hint),
    reason,
  };
}

function definiteAdjective(word: string, gender: Gender, plural: boolean, hint: NumberHint | undefined): WordClass {
  const ending = gender === 'masculine' ? (plural ? 'ie' : 'ais') : plural ? 'ās' : 'ā';
  return {
    kind: 'definite-adjective',
    gender,
    stem: word.slice(0, -ending.length),
    numbers: numbersFor(plural, hint),
    reason: `definite adjective (-${ending})`,
  };
}

function fromHint(word: string, hint: WordHint): WordClass | undefined {
  const { declension } = hint;
  if (declension === undefined) return undefined;
  if (declension === 'indeclinable') return { kind: 'indeclinable', reason: 'declension: indeclinable' };
  const lower = word.toLowerCase();
  // A plural hint on a singular-shaped lemma asks for plural forms only; the stem still comes from the singular.
  const pluralNominative = typeof declension === 'number' ? (declension <= 3 ? 'i' : NOUN_PATTERNS[declension].pluralNominative) : '';
  const plural = hint.number === 'plural' && pluralNominative !== '' && lower.endsWith(pluralNominative);
  if (declension === 'adjective') {
    if (lower.endsWith('ais')) return definiteAdjective(word, 'masculine', false, hint.number);
    if (lower.endsWith('ie')) return definiteAdjective(word, 'masculine', true, hint.number);
    if (lower.endsWith('ās')) return definiteAdjective(word, 'feminine', true, hint.number);
    if (lower.endsWith('ā')) return definiteAdjective(word, 'feminine', false, hint.number);
    if (lower.endsWith('a')) return noun(word, 4, 'feminine', false, hint.number, 'indefinite adjective (-a)');
    return noun(word, 1, 'masculine', plural, hint.number, 'indefinite adjective (-s)');
  }
  return noun(word, declension, hint.gender, plural, hint.number, `declension: ${declension}`);
}

/** Classify one word (no spaces) of a lemma. */
export function classifyWord(word: string, hint: WordHint = {}): WordClass {
  if (hint.type === 'acronym' || isAcronym(word)) {
    if (hint.declension === undefined || hint.declension === 'indeclinable') return { kind: 'indeclinable', reason: 'acronym' };
  }
  const hinted = fromHint(word, hint);
  if (hinted) return hinted;

  const lower = word.toLowerCase();
  if (lower.endsWith(REFLEXIVE_NOUN_ENDING) && lower.length > REFLEXIVE_NOUN_ENDING.length + 1) {
    return {
      kind: 'reflexive-noun',
      gender: 'feminine',
      stem: word.slice(0, -'ās'.length),
      numbers: numbersFor(false, hint.number),
      reason: '-šanās: reflexive noun',
    };
  }
  // -ais and -ie are adjective endings even alone (Vecais); -ā and -ās alone are more likely case forms.
  if (lower.endsWith('ais') && lower.length > 3) return definiteAdjective(word, 'masculine', false, hint.number);
  if (lower.endsWith('ie') && lower.length > 3) return definiteAdjective(word, 'masculine', true, hint.number);
  if (hint.inPhrase) {
    if (lower.endsWith('ās')) return definiteAdjective(word, 'feminine', true, hint.number);
    if (lower.endsWith('ā')) return definiteAdjective(word, 'feminine', false, hint.number);
  }
  if (MASCULINE_PLURAL_NOMINATIVE.test(lower) && hint.type !== 'person') {
    // Latvian has no singular noun in consonant + -i, so such a lemma is a masculine plural: Talsi →
    // Talsos, Limbaži → Limbažu, vecāki → vecākiem, Helsinki → Helsinkos. The 2nd declension's
    // alternation is in the whole plural, so the stem is already soft (Ropaži ← Ropažs, Ērgļi).
    // A person's name in -i is foreign and indeclinable (Berluskoni).
    return noun(word, 1, 'masculine', true, hint.number, '-i: masculine plural (1st/2nd declension), plural only');
  }
  if (INDECLINABLE_FINALS.test(lower) || lower.endsWith('ā')) {
    // Lukašenko, Tokio, Baku, Haiti; and genitive plural modifiers (Iekšlietu) inside phrases.
    return { kind: 'indeclinable', reason: `ends in -${lower.slice(-1)}: indeclinable` };
  }
  if (lower.endsWith('as')) {
    // Foreign masculine names keep -s after a vowel only when written -ass (Tomass), so -as is a plural: Filipīnas.
    if (hint.type === 'person' && hint.gender === 'masculine') return noun(word, 1, 'masculine', false, hint.number, '-s: 1st declension');
    return noun(word, 4, hint.gender, true, hint.number, '-as: 4th declension, plural only');
  }
  if (lower.endsWith('es')) return noun(word, 5, hint.gender, true, hint.number, '-es: 5th declension, plural only');
  if (lower.endsWith('us') && !lower.endsWith('uss')) return noun(word, 3, 'masculine', false, hint.number, '-us: 3rd declension');
  if (lower.endsWith('is')) {
    if (isSixthPluralOnly(word) || (hint.gender === 'feminine' && !isSixthDeclension(word))) {
      return noun(word, 6, 'feminine', true, hint.number, '-is feminine: 6th declension, plural only');
    }
    return noun(word, 2, hint.gender ?? 'masculine', false, hint.number, '-is: 2nd declension');
  }
  if (lower.endsWith('s') || lower.endsWith('š')) {
    if (isSixthDeclension(word) || (hint.gender === 'feminine' && lower.endsWith('s')))
      return noun(word, 6, 'feminine', false, hint.number, '6th declension feminine');
    if (secondConsonantStem(lower)) return noun(word, 2, 'masculine', false, hint.number, '2nd declension consonant stem');
    return noun(word, 1, 'masculine', false, hint.number, `-${lower.slice(-1)}: 1st declension`);
  }
  if (lower.endsWith('a')) return noun(word, 4, hint.gender, false, hint.number, '-a: 4th declension');
  if (lower.endsWith('e')) return noun(word, 5, hint.gender, false, hint.number, '-e: 5th declension');
  return { kind: 'indeclinable', reason: 'no Latvian nominative ending: indeclinable' };
}
