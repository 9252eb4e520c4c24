/**
 * Initials: "A. Bērziņš", "M. R. Lāce", "Dž. Baidens", "Ā. Ozoliņa". An initial is a
 * single capital letter (or one of a few digraphs) followed by a period and a
 * capitalised surname. The same letter ends a sentence when it is a label ("grupā
 * B.", "vitamīnu D.", "kategorija C.") or when the next word is a typical sentence opener.
 */
import { isSentenceStarter } from './starters.js';

/** Latvian spellings of foreign first names abbreviate to two letters: Dž. (Džo, Džons), Kr. (Krišjānis). */
export const DIGRAPH_INITIALS: readonly string[] = ['Dž', 'Ch', 'Sh', 'Th', 'Ph', 'Kr', 'Fr', 'Zh'];

/** Lower-case nouns that take a letter as their name (grupa B, C kategorija, vitamīns D, plāns B). Word prefixes. */
export const LETTER_LABEL_NOUNS: readonly string[] = [
  'grup',
  'kategorij',
  'vitamīn',
  'klas',
  'līmen',
  'variant',
  'plān',
  'punkt',
  'apakšpunkt',
  'daļ',
  'sektor',
  'korpus',
  'pielikum',
  'sērij',
  'tip',
  'zon',
  'blok',
  'bloķ',
  'stāv',
  'burt',
  'versij',
  'pakāp',
  'nodaļ',
  'sadaļ',
  'rind',
  'ieej',
  'vārt',
  'terminā',
  'peron',
  'modeļ',
  'model',
  'hepatīt',
  'formul',
  'shēm',
  'ēk',
  'laukum',
  'vagon',
  'kabinet',
  'istab',
  'zāl',
  'līnij',
  'maršrut',
  'divizion',
  'līg',
  'dalījum',
  'pozīcij',
  'scenārij',
  'objekt',
];

const digraphs = new Set(DIGRAPH_INITIALS);

export function isInitialToken(token: string): boolean {
  if (/^\p{Lu}$/u.test(token)) return true;
  if (digraphs.has(token)) return true;
  return /^\p{Lu}(\.\p{Lu}){1,3}$/u.test(token); // J.K. Roulinga
}

/** Was the letter named by the word before it (grupā B)? */
export function isLabelledLetter(previousWord: string): boolean {
  const w = previousWord.toLocaleLowerCase('lv');
  if (!/^\p{Ll}/u.test(previousWord)) return false;
  return LETTER_LABEL_NOUNS.some((n) => w.startsWith(n) && w.length <= n.length + 4);
}

/**
 * "X." then `nextWord` (capitalised). True when the period belongs to an initial.
 */
export function initialContinues(previousWord: string, nextWord: string): boolean {
  if (!/^\p{Lu}/u.test(nextWord)) return false;
  if (isLabelledLetter(previousWord)) return false;
  if (isSentenceStarter(nextWord)) return false;
  // An all-caps acronym after a letter is more often a new sentence (… grupā B. ASV izlase …) than a surname,
  // except in an ALL-CAPS line (PROF. A. KALNS).
  if (/^\p{Lu}{2,}$/u.test(nextWord) && !/^\p{Lu}{2,}$/u.test(previousWord)) return false;
  return true;
}
