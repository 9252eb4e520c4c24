/**
 * The words that word alignment and tag placement count: runs of letters,
 * marks and digits (an apostrophe or hyphen between two of them stays inside
 * the word: "Belarus's", "Jean-Claude", "COVID-19"), and each run of other
 * non-space characters (punctuation, symbols) as a word of its own. One
 * definition, so an alignment made from the model's tokens and the placement
 * that reads it count the same words.
 */
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’\-‐][\p{L}\p{M}\p{N}]+)*|[^\s\p{L}\p{M}\p{N}]+/gu;

/** [start, end) of each word of `text`, in order. */
export function words(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const match of text.matchAll(WORD)) out.push([match.index, match.index + match[0].length]);
  return out;
}

/** Whether a word holds a letter or a digit (not punctuation alone). */
export const isContentWord = (word: string) => /[\p{L}\p{N}]/u.test(word);

/** Index of the word holding offset `at`, or of the first word after it (words.length past the last). */
export function wordAtOrAfter(ranges: readonly (readonly [number, number])[], at: number): number {
  let low = 0;
  let high = ranges.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (ranges[middle]![1] <= at) low = middle + 1;
    else high = middle;
  }
  return low;
}
