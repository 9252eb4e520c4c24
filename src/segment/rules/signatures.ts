/**
 * A signature or source set between slashes after the text it signs: "… beidzas. /J. K. Bērziņš./",
 * "/Sagatavoja I. Ozola/", "/LETA/". The opening slash stands before a word as an opening bracket
 * would (so "/J." is the initial J.), and a slash right after final punctuation closes the
 * signature as a closing bracket would ("Bērziņš./ Nākamais …" ends after the slash). A slash
 * inside a word ("eiro/mēn.", "2020./2021.") is neither.
 */
export const SIGNATURE_SLASH = '/';

const WS = /\s/u;

/**
 * Is text[i] a slash that opens a signature: at the start of a token, with a capital after it (a name,
 * LETA, Sagatavoja)? A lower-case letter after it is a path or a unit ("/var/log", "/mēn.").
 */
export function opensSignature(text: string, i: number, min: number): boolean {
  return text[i] === SIGNATURE_SLASH && (i === min || WS.test(text[i - 1]!)) && /\p{Lu}/u.test(text[i + 1] ?? '');
}

/**
 * Is text[j] a slash that closes a signature: right after the punctuation, followed by a space or
 * the end of the unit, with an opening slash earlier on the same stretch of text (at most `reach` back)?
 */
export function closesSignature(text: string, j: number, min: number, end: number, reach: number): boolean {
  if (text[j] !== SIGNATURE_SLASH || (j + 1 < end && !WS.test(text[j + 1]!))) return false;
  for (let k = j - 1; k >= Math.max(min, j - reach); k--) if (opensSignature(text, k, min)) return true;
  return false;
}
