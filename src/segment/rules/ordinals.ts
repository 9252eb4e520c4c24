/**
 * Numbers followed by a period. In Latvian the period makes a number an ordinal
 * ("1990. gada 4. maijā", "20. gadsimtā", "13. Saeima", "4. vietu"), so the period
 * usually ends nothing. It ends a sentence only when the number is the sentence's
 * last word ("… bet viņas komandas biedrene – 11. Abām …").
 */
import { isDateWord } from './dates.js';

/**
 * Capitalised words that follow an ordinal inside a name: 13. Saeima, 30. Starptautiskais
 * festivāls, XXVI Vispārējie Dziesmu svētki. Matched as word prefixes (any case form).
 */
export const ORDINAL_NAME_HEADS: readonly string[] = [
  'saeim',
  'starptautisk',
  'vispārēj',
  'olimpisk',
  'dziesmu',
  'deju',
  'ziemassvētk',
  'lieldien',
  'kongres',
  'konferenc',
  'festivāl',
  'biennāl',
  'triennāl',
  'forum',
  'čempionāt',
  'olimpiād',
  'gadsimt',
  'armij',
  'divīzij',
  'brigād',
  'bataljon',
  'kājnieku',
  'vidusskol',
  'pamatskol',
  'ģimnāzij',
  'slimnīc',
  'vispasaules',
];

/**
 * Capitalised genitives that open both names (2. Eiropas spēles, 1. Valsts ģimnāzija, 2. Pasaules karš)
 * and many sentences (Latvijas izlase …, Eiropas Komisija …). After an ordinal they count as part of a
 * name only when a lower-case institution or event noun follows them.
 */
export const ORDINAL_NAME_GENITIVES: readonly string[] = [
  'eiropas',
  'pasaules',
  'baltijas',
  'latvijas',
  'rīgas',
  'valsts',
  'ziemeļvalstu',
  'kurzemes',
  'vidzemes',
  'latgales',
  'zemgales',
  'sēlijas',
  'republikas',
  'nacionālā',
  'nacionālās',
  'jauniešu',
  'skolēnu',
  'studentu',
];

/** Lower-case nouns (prefixes) that a numbered name ends with: spēles, karš, ģimnāzija, čempionāts … */
export const ORDINAL_NAME_NOUNS: readonly string[] = [
  'spēl',
  'kar',
  'ģimnāzij',
  'vidusskol',
  'pamatskol',
  'skol',
  'čempionāt',
  'kongres',
  'konferenc',
  'forum',
  'festivāl',
  'olimpiād',
  'sesij',
  'biennāl',
  'izstād',
  'konkurs',
  'turnīr',
  'brigād',
  'bataljon',
  'divīzij',
  'slimnīc',
  'svētk',
  'saiet',
  'salidojum',
  'sasaukum',
  'kursu',
  'kurs',
  'posm',
  'universiād',
];

/** "13.09.2020", "01.10.2020", "1.1.21": a numeric date. */
export const NUMERIC_DATE = /^\d{1,2}\.\d{1,2}\.(\d{2}|\d{4})$/u;

/** A bare integer that may be an ordinal when a period follows it. */
export const BARE_NUMBER = /^\d{1,4}$/u;

/**
 * After "N." and whitespace comes `next`. Is the period inside the sentence?
 * `nextWord` is the next word without opening quotes; `nextText` is the rest of the text from it.
 */
export function ordinalContinues(nextWord: string, nextText: string): boolean {
  if (nextWord === '') return false;
  const first = nextWord[0]!;
  if (/\p{Ll}/u.test(first)) return true; // 1990. gada, 4. vietu
  if (isDateWord(nextWord)) return true; // 2020. GADA, 13. Septembrī (headline case)
  if (/\d/u.test(first)) {
    // "13. 09. 2020.", "no 3. 5. klasei": a date or range continuation, not a new sentence.
    return /^\d{1,2}\.(\s?\d{1,4}\.?)?(\s|$)/u.test(nextText) || /^\d{1,4}\.\s+\p{Ll}/u.test(nextText);
  }
  const lower = nextWord.toLocaleLowerCase('lv');
  if (ORDINAL_NAME_HEADS.some((h) => lower.startsWith(h))) return true;
  if (ORDINAL_NAME_GENITIVES.includes(lower)) {
    const after = /^\S+\s+(\p{Ll}+)/u.exec(nextText)?.[1];
    return after !== undefined && ORDINAL_NAME_NOUNS.some((n) => after.startsWith(n));
  }
  return false;
}
