/**
 * Clause boundaries inside one Latvian sentence, for splitting a sentence that is
 * too long for the model. Cost 0 is the best place to cut: a semicolon; then a
 * colon, a spaced dash, a comma before a conjunction or relative pronoun, any
 * comma, and a conjunction without a comma. Word boundaries are the last resort.
 */

/** Conjunctions and relative words that open a clause (un, bet, taču, kas, kurš …), all case forms of kurš. */
export const CLAUSE_OPENERS: readonly string[] = [
  'un',
  'bet',
  'taču',
  'tomēr',
  'vai',
  'jo',
  'ka',
  'lai',
  'ja',
  'kad',
  'kamēr',
  'kaut',
  'tāpēc',
  'tādēļ',
  'turpretī',
  'savukārt',
  'tikmēr',
  'kas',
  'ko',
  'kam',
  'kā',
  'kur',
  'kurš',
  'kura',
  'kuru',
  'kuram',
  'kurai',
  'kurā',
  'kuri',
  'kuras',
  'kuriem',
  'kurām',
  'kurus',
  'kuros',
  'kurās',
  'kādēļ',
  'kāpēc',
  'nekā',
  'līdz',
  'pirms',
  'pēc',
  'kopš',
];

/** Conjunctions strong enough to cut before even without a comma. */
export const BARE_CUT_CONJUNCTIONS: readonly string[] = ['un', 'bet', 'taču', 'vai', 'tomēr', 'turpretī', 'savukārt'];

/** Parenthetical words set off by commas (", piemēram, enerģētiku"): a comma after them starts no clause. */
export const PARENTHETICAL_WORDS: readonly string[] = [
  'piemēram',
  'proti',
  'protams',
  'tātad',
  'turklāt',
  'tomēr',
  'savukārt',
  'diemžēl',
  'acīmredzot',
  'iespējams',
  'galvenokārt',
  'īpaši',
  'sevišķi',
  'tostarp',
  'jo',
  'ka',
  'kā',
];

export const CUT_COST = {
  semicolon: 0,
  colon: 0.1,
  dash: 0.15,
  commaClause: 0.2,
  comma: 0.3,
  conjunction: 0.4,
  afterParenthetical: 0.6,
  word: 1,
} as const;

/** Extra cost per level of brackets or quotes the cut would fall inside. */
export const NESTING_COST = 0.25;

const openers = new Set(CLAUSE_OPENERS);
const bare = new Set(BARE_CUT_CONJUNCTIONS);
const parenthetical = new Set(PARENTHETICAL_WORDS);

export function isParenthetical(word: string): boolean {
  return parenthetical.has(word.toLocaleLowerCase('lv'));
}

export function opensClause(word: string): boolean {
  return openers.has(word.toLocaleLowerCase('lv'));
}

export function isBareCutConjunction(word: string): boolean {
  return bare.has(word.toLocaleLowerCase('lv'));
}
