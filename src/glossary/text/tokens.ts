/**
 * Words are maximal runs of letters, combining marks and digits, so a term
 * can only match whole words: Baltkrievija never contains Krievija, Putinisms
 * never contains Putins. Offsets are UTF-16 indices into the original text.
 */

export interface Token {
  text: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) tokens.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return tokens;
}

/** Whitespace of any kind (line breaks, NBSP) between words is one gap; other separators must match exactly. */
export function normaliseGap(gap: string): string {
  return /^\s+$/u.test(gap) ? ' ' : gap.replace(/\s+/gu, ' ');
}

/** Comparison key for a word: NFC (so decomposed input still matches) and lowercase. */
export function fold(word: string): string {
  return word.normalize('NFC').toLowerCase();
}

export function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{M}\p{N}]/u.test(ch);
}
