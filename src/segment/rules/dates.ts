/**
 * Words that follow a day or year ordinal: months and the nouns gads/gadsimts
 * (and their abbreviations), in every case form, singular and plural. After
 * "2020." or "13." such a word means the number is an ordinal inside the sentence,
 * even when the word is capitalised (headlines, ALL-CAPS lines).
 */

export const MONTH_STEMS: readonly string[] = [
  'janvār',
  'februār',
  'mart',
  'aprīl',
  'maij',
  'jūnij',
  'jūlij',
  'august',
  'septembr',
  'oktobr',
  'novembr',
  'decembr',
];

/** Case endings of the (j)a-declension masculine nouns the months belong to (janvāris, marts, maijs). */
export const MONTH_ENDINGS: readonly string[] = ['s', 'is', 'a', 'am', 'im', 'u', 'ā', 'ī', 'i', 'iem', 'us', 'os', ''];

/** gads, gadsimts, gadu desmits: all case forms, both numbers. */
export const YEAR_WORDS: readonly string[] = [
  'gads',
  'gada',
  'gadam',
  'gadu',
  'gadā',
  'gadi',
  'gadiem',
  'gadus',
  'gados',
  'gadsimts',
  'gadsimta',
  'gadsimtam',
  'gadsimtu',
  'gadsimtā',
  'gadsimti',
  'gadsimtiem',
  'gadsimtus',
  'gadsimtos',
  'gadu desmits',
  'gadskārta',
  'gadskārtā',
  'gadadiena',
  'gadadienā',
  'gadadienu',
  'gadadienas',
  'g',
  'gs',
  'gg',
];

const yearWords = new Set(YEAR_WORDS.map((w) => w.split(' ')[0]!));

export function isMonthWord(word: string): boolean {
  const w = word.toLocaleLowerCase('lv');
  for (const stem of MONTH_STEMS) {
    if (w.startsWith(stem) && MONTH_ENDINGS.includes(w.slice(stem.length))) return true;
  }
  return false;
}

export function isYearWord(word: string): boolean {
  return yearWords.has(word.toLocaleLowerCase('lv'));
}

/** A word that, after "N.", shows N is an ordinal date or year: "9. augustā", "1994. GADA", "20. gadsimtā". */
export function isDateWord(word: string): boolean {
  return isMonthWord(word) || isYearWord(word);
}
