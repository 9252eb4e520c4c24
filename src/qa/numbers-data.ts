/**
 * What the numbers check knows about Latvian and English number notation.
 * Data only; src/qa/numbers.ts reads it.
 *
 * Latvian (LVS and the state language centre's rules, as newspapers write):
 *   decimal comma            80,1%            → English 80.1%
 *   space between thousands  150 000          → 150,000 (or 150000)
 *   ordinal dot              14. septembris   → 14 September / September 14
 *                            1994. gada       → 1994
 *   months are declined      augusts, augusta, augustam, augustu, augustā
 *   scale words              1,5 milj. / miljoni, 20 tūkst., 3 mljrd.
 */

/** One entry per month, 1-based. `forms` are the singular case forms Latvian text uses with a day number. */
export interface MonthData {
  month: number;
  english: string;
  /** Nominative, genitive, dative, accusative, locative (vocative equals one of these). */
  forms: readonly string[];
  /** Dictionary abbreviations, written with a dot: "aug.", "sept.". */
  abbreviations: readonly string[];
  /** English abbreviations that also name the month. */
  englishAbbreviations: readonly string[];
}

// 1st declension (-s, -js): marts, augusts, maijs, jūnijs, jūlijs: -s -a -am -u -ā.
const first = (stem: string) => [`${stem}s`, `${stem}a`, `${stem}am`, `${stem}u`, `${stem}ā`];
// 2nd declension (-is): janvāris: -is -a -im -i -ī. aprīlis alternates l → ļ in the genitive
// (aprīļa); -bris does not alternate (septembra).
const second = (stem: string, genitiveStem = stem) => [`${stem}is`, `${genitiveStem}a`, `${stem}im`, `${stem}i`, `${stem}ī`];

export const LATVIAN_MONTHS: readonly MonthData[] = [
  { month: 1, english: 'January', forms: second('janvār'), abbreviations: ['janv.', 'jan.'], englishAbbreviations: ['Jan'] },
  { month: 2, english: 'February', forms: second('februār'), abbreviations: ['febr.', 'feb.'], englishAbbreviations: ['Feb'] },
  { month: 3, english: 'March', forms: first('mart'), abbreviations: [], englishAbbreviations: ['Mar'] },
  { month: 4, english: 'April', forms: second('aprīl', 'aprīļ'), abbreviations: ['apr.'], englishAbbreviations: ['Apr'] },
  { month: 5, english: 'May', forms: first('maij'), abbreviations: [], englishAbbreviations: [] },
  { month: 6, english: 'June', forms: first('jūnij'), abbreviations: [], englishAbbreviations: ['Jun'] },
  { month: 7, english: 'July', forms: first('jūlij'), abbreviations: [], englishAbbreviations: ['Jul'] },
  { month: 8, english: 'August', forms: first('august'), abbreviations: ['aug.'], englishAbbreviations: ['Aug'] },
  { month: 9, english: 'September', forms: second('septembr'), abbreviations: ['sept.', 'sep.'], englishAbbreviations: ['Sep', 'Sept'] },
  { month: 10, english: 'October', forms: second('oktobr'), abbreviations: ['okt.'], englishAbbreviations: ['Oct'] },
  { month: 11, english: 'November', forms: second('novembr'), abbreviations: ['nov.'], englishAbbreviations: ['Nov'] },
  { month: 12, english: 'December', forms: second('decembr'), abbreviations: ['dec.'], englishAbbreviations: ['Dec'] },
];

/**
 * Words after a number that multiply it: "1,5 milj." is 1 500 000, and the
 * English may say "1.5 million" or "1,500,000". Matched on the word's start.
 */
export const LATVIAN_SCALE_WORDS: readonly { prefix: string; factor: number }[] = [
  { prefix: 'tūkst', factor: 1e3 }, // tūkst., tūkstotis, tūkstoši, tūkstošiem
  { prefix: 'milj', factor: 1e6 }, // milj., miljons, miljoni, miljonu, miljoniem — but see miljard below
  { prefix: 'miljard', factor: 1e9 },
  { prefix: 'mljrd', factor: 1e9 },
  { prefix: 'mlrd', factor: 1e9 },
  { prefix: 'bilj', factor: 1e12 },
];

export const ENGLISH_SCALE_WORDS: readonly { word: RegExp; factor: number }[] = [
  { word: /^(thousand|k)$/i, factor: 1e3 },
  { word: /^(million|millions|mln|m)$/i, factor: 1e6 },
  { word: /^(billion|billions|bn)$/i, factor: 1e9 },
  { word: /^trillion$/i, factor: 1e12 },
];

/** Latvian year words after an ordinal year: "1994. gada", "2020. gadā", "90. gados". */
export const LATVIAN_YEAR_WORD = /^gad(s|a|am|u|ā|i|iem|us|os)$/;

/**
 * English number words a translation may use for a small source number. A Map:
 * the words looked up come from the translation, and a plain object would answer
 * "constructor" or "toString" with a function.
 */
export const ENGLISH_NUMBER_WORDS: ReadonlyMap<string, number> = new Map(
  Object.entries({
    zero: 0,
    one: 1,
    two: 2,
    three: 3,
    four: 4,
    five: 5,
    six: 6,
    seven: 7,
    eight: 8,
    nine: 9,
    ten: 10,
    eleven: 11,
    twelve: 12,
    thirteen: 13,
    fourteen: 14,
    fifteen: 15,
    sixteen: 16,
    seventeen: 17,
    eighteen: 18,
    nineteen: 19,
    twenty: 20,
    thirty: 30,
    forty: 40,
    fifty: 50,
    sixty: 60,
    seventy: 70,
    eighty: 80,
    ninety: 90,
    hundred: 100,
    thousand: 1000,
    first: 1,
    second: 2,
    third: 3,
    fourth: 4,
    fifth: 5,
    sixth: 6,
    seventh: 7,
    eighth: 8,
    ninth: 9,
    tenth: 10,
    eleventh: 11,
    twelfth: 12,
    thirteenth: 13,
    fourteenth: 14,
    fifteenth: 15,
    sixteenth: 16,
    seventeenth: 17,
    eighteenth: 18,
    nineteenth: 19,
    twentieth: 20,
    thirtieth: 30,
    half: 0.5,
    dozen: 12,
    twenties: 20,
    thirties: 30,
    forties: 40,
    fifties: 50,
    sixties: 60,
    seventies: 70,
    eighties: 80,
    nineties: 90,
  }),
);

/** Characters Latvian puts between groups of thousands. */
export const GROUP_SPACES = ' \u00A0\u202F\u2009';
