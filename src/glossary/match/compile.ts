/**
 * The matcher's index: every form of every entry as a word sequence, keyed by
 * its first word. Built once per glossary object and cached, so callers can
 * pass the same glossary for every sentence.
 */
import type { Glossary, GlossaryEntry } from '../types.js';
import { fold, normaliseGap, tokenize } from '../text/tokens.js';

export interface CompiledForm {
  words: string[];
  keys: string[];
  gaps: string[];
  length: number;
  entry: GlossaryEntry;
  entryIndex: number;
  /** Written in the glossary (lemma, explicit form, alias) rather than generated; wins a collision. */
  authored: boolean;
}

export interface CompiledGlossary {
  byFirstWord: Map<string, CompiledForm[]>;
}

const cache = new WeakMap<Glossary, CompiledGlossary>();

export function splitForm(form: string): { words: string[]; gaps: string[] } {
  const tokens = tokenize(form.normalize('NFC'));
  const gaps = tokens.slice(1).map((t, i) => normaliseGap(form.normalize('NFC').slice(tokens[i]?.end ?? 0, t.start)));
  return { words: tokens.map((t) => t.text), gaps };
}

/** Longer forms first (longest match wins), then authored before generated, then glossary order. */
function compareForms(a: CompiledForm, b: CompiledForm): number {
  return b.words.length - a.words.length || b.length - a.length || Number(b.authored) - Number(a.authored) || a.entryIndex - b.entryIndex;
}

export function authoredForms(entry: GlossaryEntry): Set<string> {
  return new Set([entry.lemma, ...entry.explicitForms, ...entry.aliases]);
}

export function compileGlossary(glossary: Glossary): CompiledGlossary {
  const cached = cache.get(glossary);
  if (cached) return cached;
  const byFirstWord = new Map<string, CompiledForm[]>();
  glossary.entries.forEach((entry, entryIndex) => {
    const authored = authoredForms(entry);
    for (const form of new Set(entry.forms)) {
      const { words, gaps } = splitForm(form);
      const first = words[0];
      if (first === undefined) continue;
      const compiled: CompiledForm = { words, keys: words.map(fold), gaps, length: form.length, entry, entryIndex, authored: authored.has(form) };
      const key = fold(first);
      const list = byFirstWord.get(key);
      if (list) list.push(compiled);
      else byFirstWord.set(key, [compiled]);
    }
  });
  for (const list of byFirstWord.values()) list.sort(compareForms);
  const compiled = { byFirstWord };
  cache.set(glossary, compiled);
  return compiled;
}
