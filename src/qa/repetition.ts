/**
 * Decoder loops: a greedy or beam decoder that loses its way repeats itself
 * ("the people of the people of the people of"). A loop is
 *   - one word three or more times in a row ("no no no"),
 *   - two words three or more times in a row,
 *   - three to eight words twice or more in a row,
 *   - four or more words three or more times anywhere in the sentence,
 * unless the source repeats itself as much (a quoted chant, "nē, nē, nē").
 */
export interface Loop {
  /** The repeated words. */
  ngram: string;
  /** How many times they occur. */
  times: number;
}

const WORD = /[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*/gu;
const MAX_N = 8;

const tokens = (text: string) => [...text.toLowerCase().matchAll(WORD)].map((m) => m[0]);
const minimumRun = (n: number) => (n <= 2 ? 3 : 2);

/** The most repeated back-to-back or scattered n-gram that counts as a loop, or null. */
export function findLoop(text: string): Loop | null {
  const words = tokens(text);
  let worst: Loop | null = null;
  const consider = (ngram: string, times: number) => {
    if (!worst || times * ngram.length > worst.times * worst.ngram.length) worst = { ngram, times };
  };
  for (let n = 1; n <= MAX_N; n++) {
    for (let i = 0; i + 2 * n <= words.length; i++) {
      let times = 1;
      while (i + (times + 1) * n <= words.length && sameRun(words, i, i + times * n, n)) times += 1;
      if (times >= minimumRun(n)) consider(words.slice(i, i + n).join(' '), times);
    }
  }
  for (let n = 4; n <= MAX_N; n++) {
    const counts = new Map<string, number>();
    for (let i = 0; i + n <= words.length; i++) {
      const ngram = words.slice(i, i + n).join(' ');
      counts.set(ngram, (counts.get(ngram) ?? 0) + 1);
    }
    for (const [ngram, times] of counts) if (times >= 3) consider(ngram, times);
  }
  return worst;
}

function sameRun(words: readonly string[], a: number, b: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (words[a + k] !== words[b + k]) return false;
  return true;
}

/** A loop in the translation the source does not account for. */
export function translationLoop(source: string, target: string): Loop | null {
  const loop = findLoop(target);
  if (!loop) return null;
  const sourceLoop = findLoop(source);
  return sourceLoop && sourceLoop.times >= loop.times ? null : loop;
}
