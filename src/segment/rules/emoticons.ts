/**
 * Emoticons and emoji after a sentence's final punctuation: "Uz tikšanos! :) Rīt būs labāk.",
 * "Paldies visiem! 😀👍 Tiekamies rīt." They close the sentence before them, so the next sentence
 * starts after them, and whether it starts at all is decided by what follows them, as it would be
 * without them.
 *
 * Emoji that mark what follows (👉 ➡️ 📍 ✅ ⚠️) are the exception: after a sentence end they open the
 * next one ("Pieteikšanās līdz piektdienai. 👉 Saite komentāros."), unless nothing but emoji follows.
 */

/**
 * ASCII emoticons: eyes, an optional nose, a mouth (:) :-) ;) :D :( :P :'( =) :))), the reversed
 * forms ((: (-:), and ^_^ ^^ <3 xD o_O -_- T_T. "8)" and "B)" are left out: they are list markers too.
 */
export const ASCII_EMOTICON_FORMS = String.raw`[:;=][-'^o]?[)(\]\[DPpOo3*|\\/$@>]+|\(+[-'^]?[:;=]|\^[_\-.]?\^|<\/?3+|[oO][_.][oO]|xD+|-_-|T_T|>_<`;

/** An ASCII emoticon at the start of the text, standing alone (a space or the end after it). */
export const ASCII_EMOTICON = new RegExp(`^(?:${ASCII_EMOTICON_FORMS})(?=\\s|$)`, 'u');

/** One emoji: a pictograph with its presentation selector, skin tone and ZWJ parts, or a flag (© ® ™ are text, not emoji). */
export const EMOJI =
  /^(?:\p{Regional_Indicator}{2}|(?![©®™])\p{Extended_Pictographic}[\uFE0E\uFE0F]?\p{Emoji_Modifier}?(?:\u200D\p{Extended_Pictographic}[\uFE0E\uFE0F]?\p{Emoji_Modifier}?)*)/u;

/** Emoji that point at or mark what follows them: bullets in posts and announcements. */
export const MARKER_EMOJI: readonly string[] = [
  '👉',
  '👇',
  '👆',
  '👈',
  '➡',
  '⬇',
  '⬆',
  '⬅',
  '↔',
  '↕',
  '↗',
  '↘',
  '▶',
  '◀',
  '📌',
  '📍',
  '✅',
  '✔',
  '☑',
  '❗',
  '❕',
  '⚠',
  '🔹',
  '🔸',
  '🔷',
  '🔶',
  '🔴',
  '🟢',
  '🟡',
  '🔵',
  '▪',
  '▫',
  '◾',
  '◽',
  '📅',
  '📆',
  '📞',
  '☎',
  '✉',
  '📧',
  '📩',
  '🔗',
  '⏰',
];

const markers = new Set(MARKER_EMOJI);
const WS = /\s/u;

/** Length of the emoticon or emoji run (no spaces inside) at the start of `text`, 0 if none, and whether it holds a marker. */
function emoticonAt(text: string): { length: number; marker: boolean } {
  const ascii = ASCII_EMOTICON.exec(text);
  if (ascii) return { length: ascii[0].length, marker: false };
  let length = 0;
  let marker = false;
  for (let m = EMOJI.exec(text); m !== null; m = EMOJI.exec(text.slice(length))) {
    if (markers.has(String.fromCodePoint(m[0].codePointAt(0)!))) marker = true;
    length += m[0].length;
  }
  return { length, marker };
}

/**
 * Emoticons right after a sentence's final punctuation, from `from` (after the punctuation and
 * closing quotes) within the unit ending at `end`: the position after the last one that belongs to
 * the sentence, or `from` when none does. Markers belong to it only when nothing else follows.
 */
export function emoticonsEnd(text: string, from: number, end: number): number {
  let last = from;
  let beforeMarker = -1;
  for (;;) {
    let s = last;
    while (s < end && WS.test(text[s]!)) s++;
    if (s >= end) return last;
    const { length, marker } = emoticonAt(text.slice(s, Math.min(end, s + 64)));
    if (length === 0) return beforeMarker === -1 ? last : beforeMarker;
    if (marker && beforeMarker === -1) beforeMarker = last;
    last = s + length;
  }
}
