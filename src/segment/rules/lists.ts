/**
 * List lines: "- atjaunot …;", "– Jānis Strazdiņš", "• valdība …", "1) palielināt",
 * "2. Valdes ziņojums.", "a) …". A line that starts with a list marker starts a new
 * segment even without final punctuation on the line before, and the period of a
 * numbered marker ("1. Gada pārskats") is not a sentence end.
 */
export const LIST_MARKER = /^(?:[-–—•*·▪►●○■□✓✔➢→]\s|\d{1,3}[.)]\s|\(\d{1,3}\)\s|\p{Ll}\)\s|[IVXLC]{1,5}\.\s)/u;

export function startsWithListMarker(line: string): boolean {
  return LIST_MARKER.test(line);
}

/** Length of the list marker at the start of `line` (0 when none). */
export function listMarkerLength(line: string): number {
  const m = LIST_MARKER.exec(line);
  return m ? m[0].length : 0;
}
