/**
 * The detection suite's gold standard. Sentences are authored with inline
 * marks, [[surface|lemma]], in test/fixtures/glossary/sentences.marked.txt;
 * sentences.gold.jsonl holds the same data with explicit offsets (regenerate
 * with `npx tsx test/glossary/gold.ts --write`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface GoldTerm {
  start: number;
  end: number;
  surface: string;
  lemma: string;
}

export interface GoldSentence {
  id: number;
  text: string;
  terms: GoldTerm[];
}

const FIXTURES = new URL('../fixtures/glossary/', import.meta.url);
export const MARKED_PATH = fileURLToPath(new URL('sentences.marked.txt', FIXTURES));
export const GOLD_PATH = fileURLToPath(new URL('sentences.gold.jsonl', FIXTURES));

const MARK = /\[\[([^|\]]+)\|([^\]]+)\]\]/gu;

export function parseMarked(line: string, id: number): GoldSentence {
  let text = '';
  let cursor = 0;
  const terms: GoldTerm[] = [];
  for (const m of line.matchAll(MARK)) {
    text += line.slice(cursor, m.index);
    const surface = m[1] ?? '';
    terms.push({ start: text.length, end: text.length + surface.length, surface, lemma: m[2] ?? '' });
    text += surface;
    cursor = m.index + m[0].length;
  }
  text += line.slice(cursor);
  return { id, text, terms };
}

export function readMarked(): GoldSentence[] {
  return readFileSync(MARKED_PATH, 'utf8')
    .normalize('NFC')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line, i) => parseMarked(line, i + 1));
}

export function readGold(): GoldSentence[] {
  return readFileSync(GOLD_PATH, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as GoldSentence);
}

export function renderGold(sentences: readonly GoldSentence[]): string {
  return sentences.map((s) => JSON.stringify(s)).join('\n') + '\n';
}

if (process.argv.includes('--write')) {
  writeFileSync(GOLD_PATH, renderGold(readMarked()));
  console.log(`wrote ${GOLD_PATH}`);
}
