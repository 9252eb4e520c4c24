/**
 * Guesses at how an MT model spells a Latvian name in English, used to find
 * the model's rendering when the glossary target is missing. Latvian spells
 * Slavic names phonetically (Tihanovska for Тихановская), so the English form
 * comes back with kh for h, ts for c, -skaya for -ska, and without the Latvian
 * nominative -s (Putins → Putin).
 */

const PLAIN_LETTERS = {
  ā: 'a',
  č: 'c',
  ē: 'e',
  ģ: 'g',
  ī: 'i',
  ķ: 'k',
  ļ: 'l',
  ņ: 'n',
  ō: 'o',
  š: 's',
  ū: 'u',
  ž: 'z',
};
// Maps: the keys looked up are characters of the input.
const PLAIN: ReadonlyMap<string, string> = new Map(Object.entries(PLAIN_LETTERS));
const DIGRAPH: ReadonlyMap<string, string> = new Map(Object.entries({ ...PLAIN_LETTERS, č: 'ch', š: 'sh', ž: 'zh' }));

/** Lowercase, without diacritics, apostrophes unified, spaces and hyphens collapsed. */
export function normaliseForComparison(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’ʼ]/gu, "'")
    .replace(/[\s\-‐‑]+/gu, ' ')
    .trim();
}

function mapLetters(word: string, table: ReadonlyMap<string, string>): string {
  return [...word.toLowerCase()].map((ch) => table.get(ch) ?? ch).join('');
}

/** Russian-style romanisation of a Latvian spelling: h → kh, c → ts, initial j → y. */
function slavic(word: string): string {
  return mapLetters(word, DIGRAPH)
    .replace(/(?<![csz])h/gu, 'kh')
    .replace(/c(?!h)/gu, 'ts')
    .replace(/^j/u, 'y');
}

/** Latvian endings an English rendering would not carry. */
function endingVariants(word: string): string[] {
  const out = [word];
  if (/ska$/u.test(word)) out.push(word.replace(/ska$/u, 'skaya'), word.replace(/ska$/u, 'sky'));
  if (/[^aeiou](is|us|s)$/u.test(word)) out.push(word.replace(/(is|us|s)$/u, ''));
  if (/ija$/u.test(word)) out.push(word.replace(/ija$/u, 'ia'));
  if (/[ae]$/u.test(word)) out.push(word.slice(0, -1));
  return out;
}

/** A handful of plausible English spellings for a Latvian word or phrase (normalised). */
export function englishGuesses(latvian: string): string[] {
  const words = normaliseForComparison(latvian.normalize('NFC')).split(' ');
  const original = latvian
    .normalize('NFC')
    .toLowerCase()
    .split(/[\s\-‐‑]+/u);
  const guesses = new Set<string>();
  for (const romanise of [(w: string) => mapLetters(w, PLAIN), (w: string) => mapLetters(w, DIGRAPH), slavic]) {
    let phrases = [''];
    for (const [i, w] of original.entries()) {
      const variants = endingVariants(romanise(w || words[i] || ''));
      // Every combination of word endings, capped: names rarely have more than three words.
      phrases = phrases.flatMap((p) => variants.map((v) => (p ? `${p} ${v}` : v))).slice(0, 32);
    }
    for (const p of phrases) guesses.add(p);
  }
  return [...guesses];
}
