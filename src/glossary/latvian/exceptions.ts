/**
 * Lexical exceptions to the declension rules, kept as data so that a grammar
 * correction is a one-line change. Entries are lowercase lemmas; compounds are
 * matched by their last part where the list says so.
 */

/** 2nd declension nouns that keep a hard stem: tētis → tēta, viesis → viesa. */
export const SECOND_WITHOUT_ALTERNATION: ReadonlySet<string> = new Set(['tētis', 'viesis']);

/**
 * 2nd declension consonant stems: the genitive singular keeps -s (akmens → akmens).
 * `suns` alternates in the genitive (suņa) and is handled by `SECOND_CONSONANT_GENITIVE_A`.
 */
export const SECOND_CONSONANT_STEMS: ReadonlySet<string> = new Set(['akmens', 'asmens', 'mēness', 'rudens', 'ūdens', 'zibens', 'suns']);
export const SECOND_CONSONANT_GENITIVE_A: ReadonlySet<string> = new Set(['suns']);

/**
 * 5th declension genitive plural without alternation: mute → mutu, and loanwords
 * such as bāze → bāzu. (Unsure for some loans where usage varies: epizode, metode.)
 */
export const FIFTH_GENITIVE_PLURAL_HARD: ReadonlySet<string> = new Set([
  'mute',
  'šalte',
  'kase',
  'bise',
  'bāze',
  'fāze',
  'gāze',
  'vāze',
  'epizode',
  'metode',
  'ode',
]);

/** 6th declension genitive plural without alternation: acs → acu, valsts → valstu, Cēsis → Cēsu. */
export const SIXTH_GENITIVE_PLURAL_HARD: ReadonlySet<string> = new Set([
  'acs',
  'auss',
  'balss',
  'debess',
  'dzelzs',
  'kūts',
  'maksts',
  'pirts',
  'šalts',
  'uts',
  'valsts',
  'vēsts',
  'zoss',
  'asins',
  'cēsis',
]);

/**
 * Feminine 6th declension nouns whose nominative looks masculine (-s). Only the
 * long ones are matched as compound ends too (Daugavpils, dalībvalsts), so a
 * surname ending in -acs is not taken for `acs`.
 */
export const SIXTH_DECLENSION_WORDS: ReadonlySet<string> = new Set([
  'acs',
  'asins',
  'ass',
  'auss',
  'balss',
  'debess',
  'dzelzs',
  'govs',
  'klēts',
  'krāsns',
  'krūts',
  'kūts',
  'maksts',
  'nakts',
  'pils',
  'pirts',
  'sirds',
  'šalts',
  'uguns',
  'uts',
  'valsts',
  'vēsts',
  'zivs',
  'zoss',
]);
export const SIXTH_DECLENSION_COMPOUND_ENDS: readonly string[] = ['pils', 'valsts', 'sirds', 'nakts', 'vēsts', 'balss'];

/** 6th declension plural-only names: Cēsis (Cēsu, Cēsīm, Cēsīs). Otherwise -is reads as a 2nd declension masculine. */
export const SIXTH_PLURAL_ONLY: ReadonlySet<string> = new Set(['cēsis', 'durvis']);

export function isSixthDeclension(lemma: string): boolean {
  const lower = lemma.toLowerCase();
  if (SIXTH_DECLENSION_WORDS.has(lower)) return true;
  return SIXTH_DECLENSION_COMPOUND_ENDS.some((end) => lower.length > end.length + 1 && lower.endsWith(end));
}

export function sixthGenitivePluralIsHard(lemma: string): boolean {
  const lower = lemma.toLowerCase();
  if (SIXTH_GENITIVE_PLURAL_HARD.has(lower)) return true;
  return ['valsts', 'vēsts', 'balss'].some((end) => lower.endsWith(end));
}
