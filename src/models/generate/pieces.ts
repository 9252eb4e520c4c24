/** SentencePiece's word-start marker, which the Metaspace pre-tokenizer puts in place of spaces. */
export const WORD_MARKER = '\u2581';

/** "in Minsk" → "▁in▁Minsk": one vocabulary piece for a whole (possibly multi-word) text. */
export function toPiece(text: string): string {
  return WORD_MARKER + text.replaceAll(' ', WORD_MARKER);
}

const LATVIAN_LOWER = 'aābcčdeēfgģhiījkķlļmnņoprsštuūvzž';
const FOREIGN_LOWER = 'qwxyöüäéóáíåøõ';
const DIGITS = '0123456789';
const PUNCTUATION = '.,:;!?-–—…%„”“"\'’‘«»()[]{}/\\+=&@#*€$£§°<>|_~^`';

/**
 * Characters every generated vocabulary holds as single pieces (bare and with
 * the word marker), so any Latvian news text tokenizes without `<unk>`.
 */
export const FALLBACK_CHARACTERS: readonly string[] = [
  ...LATVIAN_LOWER,
  ...LATVIAN_LOWER.toLocaleUpperCase('lv'),
  ...FOREIGN_LOWER,
  ...FOREIGN_LOWER.toUpperCase(),
  ...DIGITS,
  ...PUNCTUATION,
];
