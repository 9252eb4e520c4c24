/**
 * splitLongSentence: a sentence whose token count exceeds the model's input limit
 * is cut at its best clause boundary (see rules/clauses.ts), recursively, until
 * every part fits. Never truncates: the parts cover every non-space character of
 * the input exactly once, in order, and only whitespace lies between them. Falls
 * back to word boundaries, and to characters only for a single word that is too long.
 */
import { CUT_COST, NESTING_COST, isBareCutConjunction, isParenthetical, opensClause } from './rules/clauses.js';

export interface SentencePart {
  text: string;
  /** Offsets into the `text` given to splitLongSentence. */
  start: number;
  end: number;
}

interface Cut {
  /** End of the left part (exclusive). The right part starts at the next non-space character. */
  at: number;
  cost: number;
}

const WS = /\s/u;
const OPEN = '(„«“[{';
const CLOSE = ')”»]}';

function trimRange(text: string, s: number, e: number): [number, number] {
  while (s < e && WS.test(text[s]!)) s++;
  while (e > s && WS.test(text[e - 1]!)) e--;
  return [s, e];
}

/** All places to cut [s, e) with their cost, balance not included. */
function cutsIn(text: string, s: number, e: number): Cut[] {
  const cuts: Cut[] = [];
  let depth = 0;
  let straightQuote = false;
  for (let i = s; i < e; i++) {
    const ch = text[i]!;
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch)) depth = Math.max(0, depth - 1);
    else if (ch === '"') straightQuote = !straightQuote;
    if (!WS.test(ch)) continue;
    if (i === s || WS.test(text[i - 1]!)) continue; // only the first space of a run
    const nest = (depth + (straightQuote ? 1 : 0)) * NESTING_COST;
    const prev = text[i - 1]!;
    let j = i;
    while (j < e && WS.test(text[j]!)) j++;
    if (j >= e) continue;
    const nextWord = /^[\p{L}]+/u.exec(text.slice(j, Math.min(e, j + 24)))?.[0] ?? '';
    let cost: number = CUT_COST.word;
    if (prev === ';') cost = CUT_COST.semicolon;
    else if (prev === ':') cost = CUT_COST.colon;
    else if (prev === ',') {
      const before = /(\p{L}+),$/u.exec(text.slice(Math.max(s, i - 24), i))?.[1] ?? '';
      if (isParenthetical(before)) cost = CUT_COST.afterParenthetical;
      else cost = opensClause(nextWord) ? CUT_COST.commaClause : CUT_COST.comma;
    } else if ('–—'.includes(text[j]!) && j + 1 < e && WS.test(text[j + 1]!))
      cost = CUT_COST.dash; // cut before " – "
    else if (isBareCutConjunction(nextWord)) cost = CUT_COST.conjunction;
    cuts.push({ at: i, cost: cost + nest });
  }
  return cuts;
}

/** Code-point boundaries of [s, e), so a cut never falls inside a surrogate pair. */
function codePointEnds(text: string, s: number, e: number): number[] {
  const ends: number[] = [];
  for (let i = s; i < e; ) {
    const cp = text.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    ends.push(Math.min(i, e));
  }
  return ends;
}

/** A single word too long for the model: the longest prefixes that fit, at least one character each. */
function splitWord(text: string, s: number, e: number, fits: (a: number, b: number) => boolean, out: SentencePart[]): void {
  let from = s;
  while (from < e) {
    const ends = codePointEnds(text, from, e);
    let lo = 0; // ends[lo] always accepted (one character at least)
    let hi = ends.length - 1;
    if (fits(from, ends[hi]!)) lo = hi;
    else {
      while (lo < hi - 1) {
        const mid = (lo + hi) >> 1;
        if (fits(from, ends[mid]!)) lo = mid;
        else hi = mid;
      }
    }
    const to = ends[lo]!;
    out.push({ text: text.slice(from, to), start: from, end: to });
    from = to;
  }
}

export function splitLongSentence(text: string, countTokens: (s: string) => number, maxTokens: number): SentencePart[] {
  const out: SentencePart[] = [];
  const fits = (a: number, b: number): boolean => countTokens(text.slice(a, b)) <= maxTokens;
  // Work stack of trimmed ranges, processed left to right.
  const stack: [number, number][] = [];
  const [s0, e0] = trimRange(text, 0, text.length);
  if (s0 < e0) stack.push([s0, e0]);
  while (stack.length > 0) {
    const [s, e] = stack.pop()!;
    if (fits(s, e)) {
      out.push({ text: text.slice(s, e), start: s, end: e });
      continue;
    }
    const cuts = cutsIn(text, s, e);
    if (cuts.length === 0) {
      splitWord(text, s, e, fits, out);
      continue;
    }
    const mid = (s + e) / 2;
    const len = e - s;
    let best = cuts[0]!;
    let bestScore = Infinity;
    for (const c of cuts) {
      const score = c.cost + Math.abs(c.at - mid) / len;
      if (score < bestScore) {
        bestScore = score;
        best = c;
      }
    }
    const [ls, le] = trimRange(text, s, best.at);
    const [rs, re] = trimRange(text, best.at, e);
    // Right first so the left part is popped (and emitted) first.
    if (rs < re) stack.push([rs, re]);
    if (ls < le) stack.push([ls, le]);
  }
  return out;
}
