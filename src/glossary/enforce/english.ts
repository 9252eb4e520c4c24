/** Where a glossary target already stands in an English sentence. */
import type { GlossaryEntry } from '../types.js';

export interface Span {
  start: number;
  end: number;
}

export interface Occurrence extends Span {
  /** `derived`: an adjective or demonym built on a place name (Russian, Belarusian) or an `accept` word. */
  kind: 'exact' | 'derived';
}

const NOT_WORD_BEFORE = '(?<![\\p{L}\\p{M}\\p{N}])';
const NOT_WORD_AFTER = '(?![\\p{L}\\p{M}\\p{N}])';
/** English derivations of place names that still carry the name: Russia-n, Belarus-ian, Venezuela-n. */
export const PLACE_SUFFIX_LIST: readonly string[] = ['n', 'an', 'ian', 'ean', 'ese', 'i', 'ish', 'ic', 'ns', 'ans', 'ians', 'eans'];
const PLACE_SUFFIXES = `(?:${PLACE_SUFFIX_LIST.join('|')})`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&').replace(/\s+/gu, '\\s+');
}

interface Patterns {
  exact: RegExp;
  derived?: RegExp;
}

const cache = new WeakMap<GlossaryEntry, Patterns>();

function patternsFor(entry: GlossaryEntry): Patterns {
  const cached = cache.get(entry);
  if (cached) return cached;
  const target = entry.target.normalize('NFC');
  // All-caps is the same target in a headline ("TSIKHANOUSKAYA MEETS EU MINISTERS").
  const spellings = [...new Set([target, target.toUpperCase()])].map(escapeRegExp);
  const patterns: Patterns = { exact: new RegExp(`${NOT_WORD_BEFORE}(?:${spellings.join('|')})${NOT_WORD_AFTER}`, 'gu') };
  const derived: string[] = entry.accept.map(escapeRegExp);
  if (entry.type === 'place' && !/\s/u.test(target)) derived.push(`${escapeRegExp(target)}${PLACE_SUFFIXES}`);
  if (derived.length > 0) patterns.derived = new RegExp(`${NOT_WORD_BEFORE}(?:${derived.join('|')})${NOT_WORD_AFTER}`, 'gu');
  cache.set(entry, patterns);
  return patterns;
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Occurrences of the entry's target in `english`, left to right. */
export function targetOccurrences(english: string, entry: GlossaryEntry): Occurrence[] {
  const { exact, derived } = patternsFor(entry);
  const found: Occurrence[] = [...english.matchAll(exact)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    kind: 'exact' as const,
  }));
  if (derived) {
    for (const m of english.matchAll(derived)) {
      const span = { start: m.index, end: m.index + m[0].length };
      if (!found.some((f) => overlaps(f, span))) found.push({ ...span, kind: 'derived' });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
