/**
 * Lexical exceptions to the declension rules, kept as data so that a grammar
 * correction is a one-line change. Entries are lowercase lemmas; a compound
 * whose last part is on a list declines like that part (robežakmens like
 * akmens, kūrviesis like viesis), where the list says so.
 */

/**
 * The listed word `lower` is, or ends in with two letters or more before it (a compound: dalībvalsts,
 * robežakmens); one letter more is no compound (kviesis is not viesis, čuguns not uguns).
 */
function lastPartOn(lower: string, list: Iterable<string>): string | undefined {
  for (const word of list) if (lower === word || (lower.length > word.length + 1 && lower.endsWith(word))) return word;
  return undefined;
}

/** 2nd declension nouns that keep a hard stem, and their compounds: tētis → tēta, viesis → viesa, kūrviesis → kūrviesa. */
const SECOND_WITHOUT_ALTERNATION: readonly string[] = ['tētis', 'viesis'];

/**
 * 2nd declension consonant stems: the genitive singular keeps -s (akmens → akmens).
 * `suns` alternates in the genitive (suņa) and is handled by `SECOND_CONSONANT_GENITIVE_A`.
 */
const SECOND_CONSONANT_STEMS: readonly string[] = ['akmens', 'asmens', 'mēness', 'rudens', 'ūdens', 'zibens', 'suns'];
const SECOND_CONSONANT_GENITIVE_A: readonly string[] = ['suns'];

export function secondKeepsHardStem(lemma: string): boolean {
  return lastPartOn(lemma.toLowerCase(), SECOND_WITHOUT_ALTERNATION) !== undefined;
}

/** A consonant stem or its compound (dārgakmens, minerālūdens, sargsuns), and whether its genitive is -a (suņa). */
export function secondConsonantStem(lemma: string): { genitiveA: boolean } | undefined {
  const part = lastPartOn(lemma.toLowerCase(), SECOND_CONSONANT_STEMS);
  return part === undefined ? undefined : { genitiveA: SECOND_CONSONANT_GENITIVE_A.includes(part) };
}

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

/**
 * 6th declension genitive plural without alternation, as grammars list them (acs → acu,
 * valsts → valstu, Cēsis → Cēsu). Where the Latvian Hunspell dictionary's affix rules soften
 * one of them anyway (dzelzs → dzelžu, kūts → kūšu, šalts → šalšu, asins → asiņu) both
 * spellings are in use, and both are matched (see `sixthGenitivePlurals`).
 */
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
 * Where the dictionary's affix file (flag s, genitive plural rows) keeps the 6th declension stem
 * hard: stems in -s (ass → asu, nāss → nāsu, Cēsis → Cēsu), -c (acs → acu), and -t after ā, ī,
 * u, r or s (drāts → drātu, kvīts → kvītu, kārts → kārtu, valsts → valstu). Everywhere else the stem
 * softens (nakts → nakšu, sirds → siržu, krāsns → krāšņu, zivs → zivju).
 */
const SIXTH_HARD_STEM = /(?:s|c|[āīurs]t)$/u;

/**
 * Feminine 6th declension nouns whose nominative looks masculine (-s): every simple noun the
 * Latvian Hunspell dictionary (npm dictionary-lv 2.0.0, lv_LV 1.4.0 by Jānis Eisaks, entries tagged
 * `po:lietv6r` ending in -s that are not compounds of another) puts in the 6th declension. (It reads
 * takts as masculine, takta, but uztakts as feminine.)
 */
export const SIXTH_DECLENSION_WORDS: ReadonlySet<string> = new Set([
  'acs',
  'asins',
  'ass',
  'auss',
  'avs',
  'balss',
  'bikts',
  'birzs',
  'blakts',
  'bārksts',
  'cilts',
  'dakts',
  'debess',
  'divceturtdaļtakts',
  'drāts',
  'dzelzs',
  'dzirksts',
  'dūksts',
  'govs',
  'grunts',
  'guns',
  'ilkss',
  'izkapts',
  'klints',
  'klēts',
  'krants',
  'krāsns',
  'krūts',
  'kvīts',
  'kārts',
  'kūts',
  'lecekts',
  'līksts',
  'maksts',
  'nakts',
  'nots',
  'nāss',
  'nīts',
  'olekts',
  'palts',
  'pils',
  'pirts',
  'plīts',
  'pults',
  'pāksts',
  'rūts',
  'sirds',
  'skrots',
  'smilts',
  'telts',
  'tāss',
  'uguns',
  'uts',
  'uztakts',
  'vakts',
  'valsts',
  'vants',
  'versts',
  'vāts',
  'vēsts',
  'zivs',
  'zoss',
  'ģikts',
  'ģints',
  'šalts',
  'žults',
]);

/**
 * 6th declension nouns that end compounds: dalībvalsts, haizivs, cepeškrāsns, jāņuguns, Ventspils.
 * Only those no masculine noun of the dictionary ends in (…ass: atlass, …auss: galvaskauss,
 * …avs: apavs, …drāts: kvadrāts, …nots: bloknots, …pirts: spirts, …uts: astronauts, …vāts:
 * rezervāts, …nīts: granīts are masculine), and only when the first part is two letters or more
 * (čuguns, deguns are masculine).
 */
export const SIXTH_DECLENSION_COMPOUND_ENDS: readonly string[] = [
  'acs',
  'balss',
  'birzs',
  'debess',
  'dzelzs',
  'krāsns',
  'krūts',
  'kūts',
  'nakts',
  'pils',
  'pults',
  'sirds',
  'smilts',
  'uguns',
  'valsts',
  'versts',
  'vēsts',
  'zivs',
  'govs',
  'ģints',
  'klēts',
  'telts',
];

/**
 * 6th declension plural-only nouns (the dictionary's `po:lietv6d` and `lietv6i` -is entries):
 * Cēsis (Cēsu, Cēsīm, Cēsīs), durvis, ļaudis. Otherwise -is reads as a 2nd declension masculine.
 * Compounds of durvis and ļaudis (ārdurvis, kinoļaudis) follow them. The common nouns count only
 * when written in lowercase: Zintis is a man's name (Zinta), zintis "lore" a plural (zinšu).
 */
const SIXTH_PLURAL_ONLY_NAMES: ReadonlySet<string> = new Set(['cēsis']);
export const SIXTH_PLURAL_ONLY: ReadonlySet<string> = new Set(['durvis', 'ļaudis', 'brokastis', 'jūtis', 'zintis', 'sprikstis', 'šķūtis']);
const SIXTH_PLURAL_COMPOUND_ENDS = ['durvis', 'ļaudis'];

export function isSixthDeclension(lemma: string): boolean {
  const lower = lemma.toLowerCase();
  return SIXTH_DECLENSION_WORDS.has(lower) || lastPartOn(lower, SIXTH_DECLENSION_COMPOUND_ENDS) !== undefined;
}

export function isSixthPluralOnly(lemma: string): boolean {
  const lower = lemma.toLowerCase();
  if (SIXTH_PLURAL_ONLY_NAMES.has(lower)) return true;
  if (lemma[0] !== lower[0]) return false;
  return SIXTH_PLURAL_ONLY.has(lower) || lastPartOn(lower, SIXTH_PLURAL_COMPOUND_ENDS) !== undefined;
}

/** Which genitive plural stems a 6th declension word (lemma and stem) takes: the hard one, the softened one, or both. */
export function sixthGenitivePlurals(lemma: string, stem: string): { hard: boolean; soft: boolean } {
  const lower = lemma.toLowerCase();
  const byShape = SIXTH_HARD_STEM.test(stem.toLowerCase());
  const listed = SIXTH_GENITIVE_PLURAL_HARD.has(lastPartOn(lower, SIXTH_DECLENSION_COMPOUND_ENDS) ?? lower);
  if (listed) return { hard: true, soft: !byShape };
  return { hard: byShape, soft: !byShape };
}
