/**
 * Symbols a translation carries over unchanged: emoji and pictographs, currency
 * (€ stays €), mathematical and other symbols (°, ±, ©, ✓). A model that drops
 * one loses meaning a reader cannot see is gone. What English legitimately
 * rewrites is not a symbol here: quotes („ “ « ») and dashes are punctuation,
 * % is punctuation and stays anyway, and modifier symbols (^ ` ´ ¨, emoji skin
 * tones) ride on what they modify. The few symbols English writes as words or
 * letters are left out below.
 */
const CARRIED = /[\p{Extended_Pictographic}\p{Sm}\p{Sc}\p{So}]/u;

/** Symbols English often writes otherwise: № → No., ~ → about, × → x (3×4 m → 3 x 4 m). */
const REWRITTEN: ReadonlySet<string> = new Set(['№', '~', '×']);

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * Counts by grapheme, so a flag (🇱🇻, two regional indicators) or an emoji with
 * its skin tone is one symbol.
 */
const symbolCounts = (text: string) => {
  const counts = new Map<string, number>();
  if (!CARRIED.test(text)) return counts;
  for (const { segment } of graphemes.segment(text)) {
    const first = segment.match(CARRIED)?.[0];
    if (first !== undefined && !REWRITTEN.has(first)) counts.set(segment, (counts.get(segment) ?? 0) + 1);
  }
  return counts;
};

/** The symbols of the source that the translation has fewer of, each once, in source order. */
export function missingSymbols(source: string, target: string): string[] {
  const wanted = symbolCounts(source);
  if (wanted.size === 0) return [];
  const found = symbolCounts(target);
  return [...wanted].filter(([symbol, count]) => (found.get(symbol) ?? 0) < count).map(([symbol]) => symbol);
}
