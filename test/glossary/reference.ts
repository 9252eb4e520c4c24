/**
 * The real-Latvian declension set (test/fixtures/glossary/hunspell-nouns.jsonl, expanded from the
 * Latvian Hunspell dictionary by scripts/hunspell-noun-forms.ts): each lemma becomes a one-entry
 * glossary without hints, and every case form the dictionary gives must be found as a whole term.
 *
 * Recall: reference forms found / reference forms (distinct per lemma; vocatives apart, see below).
 * False hits: a lemma's matcher firing on another lemma's reference form that is not one of its own.
 *
 *   npx tsx test/glossary/reference.ts [--errors] [other.jsonl]
 *
 * Vocatives are scored on their own, with a `type: person` entry: the matcher takes the bare-stem
 * vocative of a 1st declension name (Arved) only from a person entry, and any bare-stem vocative
 * only as a form of address ("Paldies, Arved!").
 */
import { readFileSync } from 'node:fs';
import type { ReferenceLemma } from '../../scripts/hunspell-noun-forms.js';
import { findTerms, glossaryFromYaml } from '../../src/glossary/index.js';
import type { Glossary } from '../../src/glossary/index.js';
import { fold } from '../../src/glossary/text/tokens.js';

export const REFERENCE_PATH = new URL('../fixtures/glossary/hunspell-nouns.jsonl', import.meta.url);

export function readReference(path: URL | string = REFERENCE_PATH): ReferenceLemma[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as ReferenceLemma);
}

export interface ClassScore {
  set: string;
  class: string;
  lemmas: number;
  forms: number;
  found: number;
  falseHits: number;
  vocatives: number;
  vocativesFound: number;
  misses: string[];
  falses: string[];
}

function oneEntry(lemma: string, type?: string): Glossary {
  return glossaryFromYaml(`terms:\n  - lemma: ${JSON.stringify(lemma)}\n    target: TARGET\n${type ? `    type: ${type}\n` : ''}`);
}

function matchesWhole(text: string, start: number, form: string, glossary: Glossary): boolean {
  return findTerms(text, glossary).some((m) => m.start === start && m.end === start + form.length);
}

const isVocative = (cell: string) => cell.endsWith('.voc');

export function scoreReference(lemmas: readonly ReferenceLemma[] = readReference()): ClassScore[] {
  // Every non-vocative reference form, by its comparison key, for the false-hit search.
  const byKey = new Map<string, { lemma: ReferenceLemma; form: string }[]>();
  for (const lemma of lemmas) {
    for (const [form, cell] of lemma.forms) {
      if (isVocative(cell)) continue;
      const list = byKey.get(fold(form)) ?? [];
      list.push({ lemma, form });
      byKey.set(fold(form), list);
    }
  }
  const scores = new Map<string, ClassScore>();
  for (const lemma of lemmas) {
    const id = `${lemma.set}\u0000${lemma.class}`;
    const score = scores.get(id) ?? {
      set: lemma.set,
      class: lemma.class,
      lemmas: 0,
      forms: 0,
      found: 0,
      falseHits: 0,
      vocatives: 0,
      vocativesFound: 0,
      misses: [],
      falses: [],
    };
    scores.set(id, score);
    score.lemmas += 1;
    const glossary = oneEntry(lemma.lemma);
    const own = new Set(lemma.forms.map(([f]) => fold(f)));
    const cases = new Set(lemma.forms.filter(([, c]) => !isVocative(c)).map(([f]) => f));
    for (const form of cases) {
      score.forms += 1;
      if (matchesWhole(form, 0, form, glossary)) score.found += 1;
      else score.misses.push(`${lemma.lemma} (${lemma.po}): ${form}`);
    }
    const vocatives = new Set(lemma.forms.filter(([f, c]) => isVocative(c) && !cases.has(f)).map(([f]) => f));
    if (lemma.set === 'names' && vocatives.size > 0) {
      const person = oneEntry(lemma.lemma, 'person');
      for (const form of vocatives) {
        score.vocatives += 1;
        if (matchesWhole(`Paldies, ${form}!`, 9, form, person)) score.vocativesFound += 1;
        else score.misses.push(`${lemma.lemma} (${lemma.po}): vocative ${form}`);
      }
    }
    const entry = glossary.entries[0];
    for (const generated of new Set(entry?.forms ?? [])) {
      for (const other of byKey.get(fold(generated)) ?? []) {
        if (other.lemma === lemma || own.has(fold(other.form))) continue;
        if (!matchesWhole(other.form, 0, other.form, glossary)) continue;
        score.falseHits += 1;
        score.falses.push(`${lemma.lemma} fires on ${other.form} (${other.lemma.lemma})`);
      }
    }
  }
  return [...scores.values()];
}

export function totals(scores: readonly ClassScore[], set?: string): { forms: number; found: number; falseHits: number } {
  const rows = scores.filter((s) => set === undefined || s.set === set);
  return {
    forms: rows.reduce((n, s) => n + s.forms, 0),
    found: rows.reduce((n, s) => n + s.found, 0),
    falseHits: rows.reduce((n, s) => n + s.falseHits, 0),
  };
}

export function formatReference(scores: readonly ClassScore[], showErrors = false): string {
  const pct = (a: number, b: number) => (b === 0 ? '     -' : `${((100 * a) / b).toFixed(1)}%`.padStart(6));
  const lines = [`${'set'.padEnd(6)} ${'class'.padEnd(16)} lemmas  forms  found recall  false  vocatives`];
  for (const s of scores) {
    lines.push(
      `${s.set.padEnd(6)} ${s.class.padEnd(16)} ${String(s.lemmas).padStart(6)} ${String(s.forms).padStart(6)} ${String(s.found).padStart(6)} ${pct(s.found, s.forms)} ${String(s.falseHits).padStart(6)}  ${s.vocatives === 0 ? '-' : `${s.vocativesFound}/${s.vocatives}`}`,
    );
  }
  for (const set of ['names', 'nouns']) {
    const t = totals(scores, set);
    lines.push(
      `${set.padEnd(6)} ${'all'.padEnd(16)} ${''.padStart(6)} ${String(t.forms).padStart(6)} ${String(t.found).padStart(6)} ${pct(t.found, t.forms)} ${String(t.falseHits).padStart(6)}`,
    );
  }
  if (showErrors) for (const s of scores) for (const e of [...s.misses, ...s.falses]) lines.push(`  ${s.set} ${s.class}: ${e}`);
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
  console.log(formatReference(scoreReference(file ? readReference(file) : undefined), process.argv.includes('--errors')));
}
