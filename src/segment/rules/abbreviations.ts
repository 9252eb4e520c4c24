/**
 * Latvian abbreviations that end in a period, split by what the period can mean.
 *
 * Keys are lower case, without the final period, with internal periods kept and
 * spaces removed ("u. c." and "u.c." are both "u.c"). Starting point: the Moses
 * non-breaking prefix list for Latvian (LGPL, via sacremoses), extended by hand
 * with the abbreviations Latvian news actually uses.
 */

/** Abbreviations that stand before what they qualify (a name, a number, a noun): never the last word of a sentence. */
export const NEVER_FINAL: readonly string[] = [
  // titles, degrees and ranks (prof. A. Kalns, Dr. med. I. Bērziņa, asoc. prof.)
  'prof',
  'asoc',
  'doc',
  'dr',
  'med',
  'hist',
  'phil',
  'oec',
  'sc',
  'ing',
  'paed',
  'psych',
  'biol',
  'chem',
  'math',
  'phys',
  'habil',
  'iur',
  'mag',
  'bak',
  'akad',
  'inž',
  'vad',
  'vietn',
  'v.i',
  'priekšs',
  'dep',
  'dir',
  'ģen',
  'gen',
  'pulk',
  'kapt',
  'kpt',
  'ltn',
  'virsltn',
  'plt',
  'serž',
  'adm',
  'ist.loc',
  'kor.loc',
  'sertif',
  'godāj',
  'rež',
  'sast',
  'tulk',
  'aut',
  'ilustr',
  'red',
  'māc',
  'zv',
  'adv',
  'not',
  'p.i',
  'pētn',
  'vad.pētn',
  'līdzstr',
  'asist',
  'lekt',
  'zin',
  'mr',
  'mrs',
  'ms',
  'dzim',
  'arh',
  'arhit',
  'ekon',
  'filol',
  'ģeogr',
  'vēst',
  'jur',
  // saints, streets and places that precede a name
  'sv',
  'pr',
  'dz',
  'ev',
  'lut',
  'kat',
  'pareizt',
  'gub',
  // references and connectives (sk. 3. att., piem. Rīgā, t.i. tās, t.sk. trīs, t.s. zaļais kurss)
  'sk',
  'skat',
  'salīdz',
  'piem',
  't.i',
  't.sk',
  't.s',
  // "this year's / this month's" qualify what follows (š.g. 3. decembrī, t.g. budžets): genitives, never last
  'š.g',
  'š.m',
  't.g',
  't.m',
  'resp',
  'vs',
  'a.l',
  't.p',
  'nr',
  'tālr',
  'tel',
  'mob',
  'fakss',
  'el',
  'elektr',
  'apg',
  'pl',
  // approximations and time (apm. 500, ca. 40 milj., plkst. 19.00)
  'apm',
  'ap',
  'aptuv',
  'ca',
  'cca',
  'plkst',
  'pulkst',
  // languages and grammar (angl. val., vsk.)
  'angl',
  'lat',
  'vāc',
  'kr',
  'franč',
  'liet',
  'igau',
  'vsk',
  'dsk',
  'kv',
  'kub',
  // misc. from the Moses list
  'pārb',
  'vec',
  'inv',
  'spec',
  'vienk',
  'virz',
  'māksl',
  'mūz',
  'soc',
  'galv',
  'folkl',
  'hum',
  'biedr',
];

/** "and so on": ends a list, so it can end a sentence; a capitalised word or a number after it starts a new one. */
export const LIST_END: readonly string[] = ['utt', 'u.c', 'u.tml', 'utml', 'v.tml', 'u.t.t', 't.t', 'etc', 'u.c.tml', 'u.t.jpr'];

/**
 * Units and counted nouns after a number (5 proc., 1994. g., 19. gs., 45. lpp., 10 tūkst.):
 * they end a sentence when the number ends it. A number after them continues the sentence (1994. g. 15. jūnijā).
 */
export const UNIT: readonly string[] = [
  'g',
  'gs',
  'gg',
  'lpp',
  'proc',
  'st',
  'min',
  'sek',
  'att',
  'tab',
  'zīm',
  'pielik',
  'nov',
  'raj',
  'pag',
  'milj',
  'mljrd',
  'tūkst',
  'inc',
  'ltd',
  'co',
  'kv.m',
  'm.g',
  'mēn',
  'ned',
  // last/next year (p.g. 12. maijā, salīdzinot ar p.g.) and eras (5. gs. p.m.ē.): they end a sentence
  // when the date ends it, like g.
  'p.g',
  'pr.g',
  'n.g',
  'p.m.ē',
  'm.ē',
  'gab',
  'eks',
  // nouns that close a phrase: angļu val., Brīvības iel. 5, 3. sēj., 2. izd., 4. nod.
  'val',
  'iel',
  'bulv',
  'izd',
  'izdev',
  'sēj',
  'nod',
  'piel',
  // months after a day (15. sept. 2020. gadā); not "aug." (also the verb "aug")
  'janv',
  'febr',
  'apr',
  'jūn',
  'jūl',
  'sept',
  'okt',
  'dec',
];

/** Quantity units that take a currency or unit after them (2 milj. EUR, 5 tūkst. ASV dolāru). */
export const QUANTITY: readonly string[] = ['milj', 'mljrd', 'tūkst'];

export type AbbreviationClass = 'never-final' | 'list-end' | 'unit';

const table = new Map<string, AbbreviationClass>();
for (const a of NEVER_FINAL) table.set(a, 'never-final');
for (const a of LIST_END) table.set(a, 'list-end');
for (const a of UNIT) table.set(a, 'unit');
const quantities = new Set(QUANTITY);

const VOWELS = /[aāeēiīoōuūy]/u;

/**
 * Classify a word that stands before a period (`afterNumber`: the word before it is a number, "5 t.", "195. p."). `key` is lower case with internal
 * periods kept and spaces removed. Unknown words return null; a lower-case word
 * without any vowel (plkst, mljrd, vsk) is an abbreviation in Latvian, and so is
 * a single lower-case letter.
 */
export function classifyAbbreviation(key: string, afterNumber = false): AbbreviationClass | null {
  const known = table.get(key);
  if (known) return known;
  // Unknown short forms right after a number are units (5 t., 54 kv. m., 3 gab., KL 195. p.): they can end the sentence.
  if (afterNumber && /^\p{Ll}{1,3}$/u.test(key)) return 'unit';
  if (/^\p{Ll}$/u.test(key)) return 'never-final'; // a., b., t.: a single lower-case letter
  if (/^\p{Ll}+$/u.test(key) && !VOWELS.test(key)) return 'never-final';
  return null;
}

export function isQuantity(key: string): boolean {
  return quantities.has(key);
}

/**
 * A counted noun phrase after a quantity abbreviation: a capitalised genitive (a place or body:
 * Latvijas, Rīgas, Eiropas, Cēsu) and a lower-case genitive plural noun (optionally two), then the
 * end of the clause. "4 tūkst. Latvijas skolēnu." has no verb after the period, so it cannot be a
 * sentence of its own: the quantity counts it. `rest` is the text from the word after the period.
 */
export const COUNTED_PHRASE = /^\p{Lu}\p{Ll}+(?:s|u)\s+(?:\p{Ll}+u\s+)?\p{Ll}{2,}u(?=[.,;:!?…)”"»]|\s*$)/u;

export function countedPhraseFollows(rest: string): boolean {
  return COUNTED_PHRASE.test(rest);
}

/** All known keys, longest first (for the look-back across spaced forms such as "u. tml."). */
export function knownAbbreviation(key: string): boolean {
  return table.has(key);
}

/** A number glued to the abbreviation after it: "2004.g", "19.gs", "5.lpp", "2004.–2008.g". */
const GLUED_NUMBER = /^(.*\d\.)(\p{L}[\p{L}.]*)$/u;

/**
 * Split a token written without the space after an ordinal ("2004.g" → "2004." and "g"), so the
 * abbreviation is classified as it would be in "2004. g.". Null when the token is not of that shape.
 */
export function splitGluedNumber(token: string): { number: string; abbreviation: string } | null {
  const m = GLUED_NUMBER.exec(token);
  return m ? { number: m[1]!, abbreviation: m[2]! } : null;
}
