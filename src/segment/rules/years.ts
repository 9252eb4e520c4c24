/**
 * A year or century written with an abbreviation: "2004.g.", "2004. g.", "19. gs.", "p.g." (last
 * year). In Latvian news such a phrase is almost always a time adverbial inside the clause
 * ("2004.g. Latvijā bezdarbs samazinājās", "dzimis 1950. g. Rīgā"); it is the sentence's last
 * word only at the end of a clause ("Uzņēmums dibināts 1991. g. Tā galvenā darbība …"). So before a
 * capitalised word the period ends the sentence unless the evidence says the clause goes on:
 *
 * - the year phrase opens its sentence (only lead words such as "Kopš", "Jau", "no 2003." before it):
 *   a sentence cannot consist of the year alone;
 * - the next word is a place in the locative ("Latvijā", "Ogrē", "Ventspilī", "Limbažos", "Cēsīs"),
 *   or a capitalised genitive phrase ending in one ("Latvijas Universitātē", "Rīgas domē").
 *
 * A typical sentence opener after the period ("Tas", "Tajā", "Savukārt") is a new sentence, and so
 * is a capitalised month ("Jūnijā"): months are written in lower case inside a sentence.
 */
import { isMonthWord } from './dates.js';
import { isSentenceStarter } from './starters.js';

/** Abbreviations of gads and gadsimts that follow a year or century number. */
export const YEAR_UNITS: readonly string[] = ['g', 'gs', 'gg'];

/** Abbreviations that are a year phrase by themselves: pagājušajā/pērnajā/nākamajā gadā. */
export const RELATIVE_YEARS: readonly string[] = ['p.g', 'pr.g', 'n.g'];

/**
 * Words that may stand before a year phrase that opens a sentence: prepositions and sentence
 * adverbs of time ("Kopš 2004.g.", "Jau 2004. g.", "Sākot ar 2010.g.", "No 2003. līdz 2008.g.").
 */
export const YEAR_LEAD_WORDS: readonly string[] = [
  'kopš',
  'no',
  'līdz',
  'pēc',
  'pirms',
  'ap',
  'ar',
  'sākot',
  'jau',
  'vēl',
  'tikai',
  'arī',
  'pat',
  'tieši',
  'vien',
  'savukārt',
  'bet',
  'taču',
  'tomēr',
  'un',
  'vai',
  'gan',
  'starp',
  'turpretī',
  'turklāt',
  'tad',
  'tāpat',
  'vēlāk',
  'agrāk',
  'tālāk',
];

/** Locative endings of place names: Rīgā, Ogrē, Ventspilī, Saldū (singular); Limbažos, Cēsīs, Dzērbenēs (plural). */
export const LOCATIVE_ENDINGS: readonly string[] = ['ā', 'ē', 'ī', 'ū', 'os', 'īs', 'ēs'];

/**
 * Endings that look locative but are the nominative of a definite adjective or participle
 * (Centrālā banka, Apvienotā Karaliste, Valdošā koalīcija, Augstākā tiesa). "-ās" is left out of
 * LOCATIVE_ENDINGS for the same reason: it is far more often a reflexive verb (Sākās, Beidzās).
 */
export const ADJECTIVE_ENDINGS: readonly string[] = ['ālā', 'iskā', 'ējā', 'ākā', 'otā', 'ītā', 'ošā', 'ušā'];

/** Common definite adjectives that open a noun phrase in the nominative (Jaunā Zēlande, Lielā Britānija). */
export const DEFINITE_ADJECTIVES: readonly string[] = ['jaunā', 'vecā', 'lielā', 'mazā', 'labā', 'trešā', 'visā', 'katrā', 'kurā', 'šā'];

/** Endings of a genitive inside a name phrase: Latvijas, Rīgas Stradiņa, Eiropas Savienības, Valsts, Cēsu. */
export const GENITIVE_ENDINGS: readonly string[] = ['as', 'es', 'is', 'us', 'a', 'u', 's'];

const units = new Set(YEAR_UNITS);
const relative = new Set(RELATIVE_YEARS);
const leads = new Set(YEAR_LEAD_WORDS);
const adjectives = new Set(DEFINITE_ADJECTIVES);

/**
 * Is `key` (an abbreviation key, see abbreviations.ts) a year phrase's abbreviation, given the
 * raw token before it (`numberBefore`, "2004." or "XIX" or '')? g/gg need a three- or four-digit
 * year ("2004. g.", "2004.–2008.g."); gs a century (1–21, or a roman numeral).
 */
export function isYearAbbreviation(key: string, numberBefore: string): boolean {
  if (relative.has(key)) return true;
  if (!units.has(key)) return false;
  if (key === 'gs') return /(?:^|[–—\-/])(?:\d{1,2}\.|[IVXLC]{1,6}\.?)$/u.test(numberBefore);
  return /(?:^|[–—\-/])\d{3,4}\.$/u.test(numberBefore);
}

/** A word that may stand before a year phrase opening a sentence: a lead word, a number ("2003.") or a dash. */
export function isYearLeadWord(token: string): boolean {
  const w = token.toLocaleLowerCase('lv').replace(/^[„“"«‘'([{]+/u, '');
  return leads.has(w) || /^\d{1,4}\.?[,]?$/u.test(w) || /^[–—-]$/u.test(w);
}

/** A capitalised word in the locative case: Latvijā, Rīgā, Ogrē, Ventspilī, Limbažos, Cēsīs, Jelgavā. */
export function isLocativeName(word: string): boolean {
  if (!/^\p{Lu}\p{Ll}[\p{Ll}-]*$/u.test(word) || word.length < 3) return false;
  const w = word.toLocaleLowerCase('lv');
  if (!LOCATIVE_ENDINGS.some((e) => w.endsWith(e))) return false;
  // Month names are written in lower case: a capitalised "Jūnijā" opens a sentence.
  if (isSentenceStarter(w) || adjectives.has(w) || isMonthWord(w)) return false;
  return !ADJECTIVE_ENDINGS.some((e) => w.endsWith(e));
}

/**
 * After a year phrase and a capitalised word (`rest` is the text from that word on), does the
 * clause go on? `opensSentence`: nothing but lead words stand before the year phrase.
 */
export function yearPhraseContinues(nextWord: string, rest: string, opensSentence: boolean): boolean {
  if (isSentenceStarter(nextWord)) return false;
  if (opensSentence) return true;
  if (isLocativeName(nextWord)) return true;
  // A name in the locative after capitalised genitives: "Latvijas Universitātē", "Eiropas Savienības
  // Tiesā"; a lower-case head only after two of them ("Rīgas Stradiņa universitātē"): one genitive and a
  // common noun opens sentences as often ("Padomju laikā …", "Rīgas centrā …").
  const words = rest.split(/\s+/u, 4).map((w) => w.replace(/^[„“"«‘'(]+/u, ''));
  for (let n = 0; n < words.length; n++) {
    const raw = words[n]!;
    const w = raw.replace(/[.,;:!?…”"»’')\]]+$/u, '');
    if (n > 0 && isLocativeName(w)) return true;
    if (n > 1 && /^\p{Ll}+$/u.test(w) && LOCATIVE_ENDINGS.some((e) => w.endsWith(e))) return true;
    if (w !== raw || !GENITIVE_ENDINGS.some((e) => w.endsWith(e)) || !/^\p{Lu}/u.test(w)) return false;
  }
  return false;
}
