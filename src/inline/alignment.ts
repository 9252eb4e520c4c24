import { diffArrays } from 'diff';
import type { WordAlignment } from '../core/segment-record.js';
import { words } from './words.js';

/**
 * The model's token-level cross-attention (as the decoder returns it for the
 * chosen hypothesis) with each token's place in its text. Declared here by
 * shape so this module needs nothing from the translator.
 */
export interface TokenAttention {
  /** [start, end) of each source token in the source. */
  source: readonly (readonly [number, number])[];
  /** [start, end) of each target token in the target. */
  target: readonly (readonly [number, number])[];
  /** weights[t][s]: attention of target token t on source token s. */
  weights: readonly (readonly number[])[];
}

/** Links kept per target word, and the smallest share of its attention a kept link must hold. */
const LINKS_PER_WORD = 3;
const MIN_LINK_SHARE = 0.05;

/** The words each token overlaps (a token may span two words, "▁in▁Minsk"; a word is often several tokens). */
function tokenWords(tokens: readonly (readonly [number, number])[], ranges: readonly [number, number][]): number[][] {
  return tokens.map(([start, end]) => {
    const hit: number[] = [];
    if (end <= start) return hit;
    for (let w = 0; w < ranges.length; w++) {
      const [ws, we] = ranges[w]!;
      if (ws >= end) break;
      if (we > start) hit.push(w);
    }
    return hit;
  });
}

/**
 * Word-level alignment from token attention: a target word's weight on a
 * source word is the mean, over the word's tokens, of the attention those
 * tokens paid to the source word's tokens; each target word keeps its
 * strongest links, as shares of 100.
 */
export function wordAlignmentFromTokens(source: string, target: string, attention: TokenAttention): WordAlignment {
  const sourceWords = words(source);
  const targetWords = words(target);
  const sourceOf = tokenWords(attention.source, sourceWords);
  const targetOf = tokenWords(attention.target, targetWords);
  const rows = targetWords.map(() => new Float64Array(sourceWords.length));
  const tokensPerWord = new Array<number>(targetWords.length).fill(0);
  attention.weights.forEach((row, t) => {
    for (const tw of targetOf[t] ?? []) {
      tokensPerWord[tw]! += 1;
      row.forEach((weight, s) => {
        for (const sw of sourceOf[s] ?? []) rows[tw]![sw]! += weight;
      });
    }
  });
  const links: number[] = [];
  rows.forEach((row, tw) => {
    const total = row.reduce((a, b) => a + b, 0);
    if (total <= 0 || tokensPerWord[tw] === 0) return;
    const ranked = [...row.keys()].sort((a, b) => row[b]! - row[a]! || a - b);
    for (const sw of ranked.slice(0, LINKS_PER_WORD)) {
      const share = row[sw]! / total;
      if (share < MIN_LINK_SHARE) break;
      links.push(tw, sw, Math.round(share * 100));
    }
  });
  return { sourceWords: sourceWords.length, targetWords: targetWords.length, links };
}

/** An alignment's links as rows: for each target word, [source word, weight 0–1] strongest first. */
export function alignmentRows(alignment: WordAlignment): [number, number][][] {
  const rows: [number, number][][] = Array.from({ length: alignment.targetWords }, () => []);
  for (let i = 0; i + 2 < alignment.links.length; i += 3) {
    const row = rows[alignment.links[i]!];
    if (row) row.push([alignment.links[i + 1]!, alignment.links[i + 2]! / 100]);
  }
  return rows;
}

/** Whether the alignment was made for these two texts (same word counts). */
export const alignmentFits = (alignment: WordAlignment | undefined, source: string, target: string): alignment is WordAlignment =>
  alignment !== undefined && alignment.sourceWords === words(source).length && alignment.targetWords === words(target).length;

/**
 * The alignment of `before` carried over to `after`, a rewrite of it (the
 * glossary replacing a rendering by its term): target words that survive
 * unchanged keep their links, words that are new have none. Null where the
 * alignment did not fit `before`.
 */
export function remapAlignment(
  alignment: WordAlignment | undefined,
  source: string,
  before: string,
  after: string,
): WordAlignment | undefined {
  if (!alignmentFits(alignment, source, before)) return undefined;
  if (before === after) return alignment;
  const text = (t: string) => words(t).map(([s, e]) => t.slice(s, e));
  const oldWords = text(before);
  const newWords = text(after);
  const newIndex = new Map<number, number>();
  let o = 0;
  let n = 0;
  for (const part of diffArrays(oldWords, newWords)) {
    const count = part.count ?? part.value.length;
    if (part.added) n += count;
    else if (part.removed) o += count;
    else for (let k = 0; k < count; k++) newIndex.set(o++, n++);
  }
  const links: number[] = [];
  for (let i = 0; i + 2 < alignment.links.length; i += 3) {
    const moved = newIndex.get(alignment.links[i]!);
    if (moved !== undefined) links.push(moved, alignment.links[i + 1]!, alignment.links[i + 2]!);
  }
  return { sourceWords: alignment.sourceWords, targetWords: newWords.length, links };
}
