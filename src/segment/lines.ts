/**
 * Line structure. A line break is evidence of a boundary: headlines, list lines,
 * datelines and page furniture have no final punctuation, and the break is all
 * that separates them from what follows. A blank line always separates. A single
 * break is a soft wrap (no boundary) only when the text plainly runs on: the next
 * line starts in lower case (and is not a list item or a lower-case brand), or the
 * line ends with a comma, a hyphenated word part or a word that cannot end a sentence.
 */
import { isBoilerplate } from './rules/boilerplate.js';
import { isLowercaseSentenceOpener } from './rules/brands.js';
import { startsWithListMarker } from './rules/lists.js';

/** Function words a Latvian sentence (or headline) does not end with. */
export const NON_FINAL_WORDS: readonly string[] = [
  'un',
  'vai',
  'bet',
  'taču',
  'ka',
  'kas',
  'kurš',
  'kura',
  'kuri',
  'kuras',
  'kuru',
  'kā',
  'lai',
  'jo',
  'nekā',
  'gan',
  'ar',
  'par',
  'uz',
  'no',
  'pie',
  'pret',
  'bez',
  'pa',
  'pēc',
  'pirms',
  'līdz',
  'kopš',
  'starp',
  'caur',
  'aiz',
  'zem',
  'virs',
  'ap',
  'pār',
  'ir',
  'tiek',
  'tika',
  'bija',
  'būs',
  'kad',
  'ja',
  'kamēr',
  'arī',
  'ne',
  'nav',
];
const nonFinal = new Set(NON_FINAL_WORDS);

export interface Range {
  start: number;
  end: number;
}

/** Does `next` continue the sentence of `prev` across a single line break? */
export function isSoftWrap(prev: string, next: string): boolean {
  const p = prev.trimEnd();
  const n = next.trimStart();
  if (p === '' || n === '') return false;
  if (startsWithListMarker(n)) return false;
  if (isBoilerplate(p) || isBoilerplate(n)) return false;
  if (/[,–—]$/u.test(p)) return true;
  if (/\p{L}-$/u.test(p)) return true; // informā-\ncija
  if (/[.!?…:;][”"»’')\]]*$/u.test(p)) return false;
  const firstWord = /^\S+/u.exec(n)?.[0] ?? '';
  if (/^\p{Ll}/u.test(n) && !isLowercaseSentenceOpener(firstWord.replace(/[.,;:!?…”"»)]+$/u, ''))) return true;
  const lastWord = /(\p{L}+)$/u.exec(p)?.[1];
  if (lastWord !== undefined && /^\p{Ll}/u.test(lastWord) && nonFinal.has(lastWord)) return true;
  return false;
}

/**
 * Split text into units: maximal runs of lines joined by soft wraps. Units never
 * share a sentence; sentences are then found inside each unit. Ranges exclude
 * the line breaks that separate units and never cover only whitespace.
 */
export function splitUnits(text: string): Range[] {
  const units: Range[] = [];
  let unit: Range | null = null;
  let prevLine: Range | null = null;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    if (/\S/u.test(line)) {
      if (unit && prevLine && isSoftWrap(text.slice(prevLine.start, prevLine.end), line)) {
        unit.end = lineEnd;
      } else {
        if (unit) units.push(unit);
        unit = { start: lineStart, end: lineEnd };
      }
      prevLine = { start: lineStart, end: lineEnd };
    } else {
      if (unit) units.push(unit);
      unit = null;
      prevLine = null;
    }
    lineStart = lineEnd + 1;
  }
  if (unit) units.push(unit);
  return units;
}
