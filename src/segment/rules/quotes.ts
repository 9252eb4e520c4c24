/**
 * Quotation marks and brackets. Latvian uses „…” (and "…", «…», “…”). Closing
 * marks after final punctuation belong to the sentence they close
 * ("… beigām.” Opozīcija …"); opening marks before a capital start the next one.
 */
export const OPENING = '„“"«‘\'([{‹';
export const CLOSING = '”"»’\')]}›“';

export function isOpening(ch: string | undefined): boolean {
  return ch !== undefined && OPENING.includes(ch);
}

export function isClosing(ch: string | undefined): boolean {
  return ch !== undefined && CLOSING.includes(ch);
}

/** Strip opening marks from the start and closing marks from the end of a token. */
export function stripQuotes(token: string): string {
  let s = 0;
  let e = token.length;
  while (s < e && isOpening(token[s])) s++;
  while (e > s && isClosing(token[e - 1])) e--;
  return token.slice(s, e);
}
