/**
 * Latvian sentence segmenter (first, simple version; see issue #3).
 * Splits at line breaks and at . ! ? … followed by whitespace and an upper-case
 * letter, a digit or an opening quote, except after a few common abbreviations.
 */
import type { SentenceSpan } from '../core/segment-record.js';

const NON_FINAL = new Set([
  'plkst', 'milj', 'prof', 'piem', 'dr', 'sk', 'nr', 'tūkst', 'gs', 'apm', 'sv', 'st', 'pied', 'vsk',
]);

function trimmedSpan(input: string, start: number, end: number): SentenceSpan | null {
  while (start < end && /\s/u.test(input[start]!)) start++;
  while (end > start && /\s/u.test(input[end - 1]!)) end--;
  if (start >= end) return null;
  return { text: input.slice(start, end), start, end };
}

export function segment(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  const push = (s: number, e: number): void => {
    const span = trimmedSpan(text, s, e);
    if (span) spans.push(span);
  };
  const re = /\n|[.!?…]+["”»']*(?=\s+["„«(]?[\p{Lu}\d])/gu;
  let from = 0;
  for (const m of text.matchAll(re)) {
    const end = m.index! + m[0].length;
    if (m[0] !== '\n') {
      const before = text.slice(from, m.index!);
      const word = /(\S+)$/u.exec(before)?.[1] ?? '';
      const bare = word.replace(/^["„«(]+/u, '');
      if (NON_FINAL.has(bare.toLowerCase()) || /^\p{Lu}$/u.test(bare) || /^\d{1,2}$/u.test(bare)) continue;
    }
    push(from, end);
    from = end;
  }
  push(from, text.length);
  return spans;
}
