/**
 * Glossary targets that appear in the English with no source term behind them
 * (the model wrote "Belarus" where the Latvian said nothing of it, or a term
 * the matcher missed). Reported, never changed.
 */
import type { Glossary } from '../types.js';
import { tokenize } from '../text/tokens.js';
import type { Span } from './english.js';
import { overlaps } from './english.js';

interface TargetWords {
  target: string;
  words: string[];
}

const cache = new WeakMap<Glossary, Map<string, TargetWords[]>>();

function targetIndex(glossary: Glossary): Map<string, TargetWords[]> {
  const cached = cache.get(glossary);
  if (cached) return cached;
  const index = new Map<string, TargetWords[]>();
  for (const target of new Set(glossary.entries.map((e) => e.target.normalize('NFC')))) {
    const words = tokenize(target).map((t) => t.text);
    const first = words[0];
    if (first === undefined) continue;
    const list = index.get(first.toUpperCase()) ?? [];
    list.push({ target, words });
    index.set(first.toUpperCase(), list);
  }
  for (const list of index.values()) list.sort((a, b) => b.words.length - a.words.length);
  cache.set(glossary, index);
  return index;
}

/** Same word as in the target, or the all-caps version of it (headlines). */
function sameWord(text: string, word: string): boolean {
  return text === word || text === word.toUpperCase();
}

export function unsourcedTargets(english: string, glossary: Glossary, covered: readonly Span[]): string[] {
  const index = targetIndex(glossary);
  const tokens = tokenize(english);
  const found = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token) continue;
    for (const candidate of index.get(token.text.toUpperCase()) ?? []) {
      const n = candidate.words.length;
      const run = tokens.slice(i, i + n);
      if (run.length < n || !run.every((t, k) => sameWord(t.text, candidate.words[k] ?? ''))) continue;
      // Multiword targets need plain spaces between their words, as written.
      if (run.some((t, k) => k > 0 && !/^\s+$/u.test(english.slice(run[k - 1]?.end ?? 0, t.start)))) continue;
      const span = { start: token.start, end: run[n - 1]?.end ?? token.end };
      if (!covered.some((c) => overlaps(c, span))) found.add(candidate.target);
      i += n - 1;
      break;
    }
  }
  return [...found];
}
