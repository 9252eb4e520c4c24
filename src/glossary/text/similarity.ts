/** String similarity used to suggest keys and to find a model's rendering of a term. */

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const ac = [...a];
  const bc = [...b];
  let previous = Array.from({ length: bc.length + 1 }, (_, j) => j);
  for (let i = 1; i <= ac.length; i++) {
    const current = [i];
    for (let j = 1; j <= bc.length; j++) {
      const cost = ac[i - 1] === bc[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[bc.length] ?? 0;
}

/** 1 for equal strings, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  const longest = Math.max([...a].length, [...b].length);
  return longest === 0 ? 1 : 1 - levenshtein(a, b) / longest;
}

export function closest(word: string, options: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = 0.5;
  for (const option of options) {
    const score = similarity(word.toLowerCase(), option.toLowerCase());
    if (score > bestScore) {
      best = option;
      bestScore = score;
    }
  }
  return best;
}
