/**
 * The matcher's index: every form of every entry as a word sequence, keyed by
 * its first word. Built once per glossary object and cached, so callers can
 * pass the same glossary for every sentence.
 */
import type { FormHint, Glossary, GlossaryEntry } from '../types.js';
import { vocativeForm } from '../latvian/vocative.js';
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
  /** A vocative bare stem (Putin): matches only when set off by punctuation. */
  vocative: boolean;
}

export interface CompiledGlossary {
  byFirstWord: Map<string, CompiledForm[]>;
  /**
   * For a surname-only person entry (Tihanovska) whose full name is an entry too (Svetlana
   * Tihanovska): the folded first names of that full name in every form. Another first name
   * before the surname means another person (Sergeja Tihanovska, her husband's genitive).
   */
  ownFirstNames: Map<GlossaryEntry, Set<string>>;
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

function hintOf(entry: GlossaryEntry): FormHint {
  const hint: FormHint = { fixed: entry.fixed };
  if (entry.type !== undefined) hint.type = entry.type;
  if (entry.declension !== undefined) hint.declension = entry.declension;
  if (entry.gender !== undefined) hint.gender = entry.gender;
  if (entry.number !== undefined) hint.number = entry.number;
  return hint;
}

/**
 * Bare-stem vocatives of the lemma and aliases that no generated form covers (Putins → Putin for a
 * person, Anniņa → Anniņ for a person or an entry without a type); none when forms are explicit.
 */
export function vocativeForms(entry: GlossaryEntry): string[] {
  if (entry.explicitForms.length > 0) return [];
  const hint = hintOf(entry);
  const forms = new Set(entry.forms);
  const out = new Set<string>();
  for (const name of [entry.lemma, ...entry.aliases]) {
    const v = vocativeForm(name, { ...hint, fixed: entry.fixed.filter((w) => name.split(/[\s-]+/u).includes(w)) });
    if (v !== undefined && !forms.has(v)) out.add(v);
  }
  return [...out];
}

function lastWord(s: string): string {
  const words = tokenize(s);
  return fold(words[words.length - 1]?.text ?? '');
}

/** First names (every form) of the full-name entries of each surname-only person entry. */
function firstNamesOf(glossary: Glossary): Map<GlossaryEntry, Set<string>> {
  const out = new Map<GlossaryEntry, Set<string>>();
  const people = glossary.entries.filter((e) => e.type === 'person');
  for (const surname of people) {
    if (tokenize(surname.lemma).length !== 1) continue;
    const names = new Set([surname.lemma, ...surname.aliases].map(lastWord));
    for (const full of people) {
      if (full === surname || tokenize(full.lemma).length < 2) continue;
      const sameTarget = full.target.endsWith(` ${surname.target}`);
      if (!sameTarget && ![full.lemma, ...full.aliases].some((n) => names.has(lastWord(n)))) continue;
      const own = out.get(surname) ?? new Set<string>();
      for (const form of [...full.forms, ...vocativeForms(full)]) {
        const words = tokenize(form);
        for (const w of words.slice(0, -1)) own.add(fold(w.text));
      }
      out.set(surname, own);
    }
  }
  return out;
}

export function compileGlossary(glossary: Glossary): CompiledGlossary {
  const cached = cache.get(glossary);
  if (cached) return cached;
  const byFirstWord = new Map<string, CompiledForm[]>();
  const add = (form: string, entry: GlossaryEntry, entryIndex: number, authored: boolean, vocative: boolean): void => {
    const { words, gaps } = splitForm(form);
    const first = words[0];
    if (first === undefined) return;
    const compiled: CompiledForm = { words, keys: words.map(fold), gaps, length: form.length, entry, entryIndex, authored, vocative };
    const key = fold(first);
    const list = byFirstWord.get(key);
    if (list) list.push(compiled);
    else byFirstWord.set(key, [compiled]);
  };
  glossary.entries.forEach((entry, entryIndex) => {
    const authored = authoredForms(entry);
    for (const form of new Set(entry.forms)) add(form, entry, entryIndex, authored.has(form), false);
    for (const form of vocativeForms(entry)) add(form, entry, entryIndex, false, true);
  });
  for (const list of byFirstWord.values()) list.sort(compareForms);
  const compiled = { byFirstWord, ownFirstNames: firstNamesOf(glossary) };
  cache.set(glossary, compiled);
  return compiled;
}
