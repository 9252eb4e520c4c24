/**
 * The detection suite's gold standard. Sentences are authored with inline
 * marks, [[surface|lemma]], in test/fixtures/glossary/<set>.marked.txt;
 * <set>.gold.jsonl holds the same data with explicit offsets (regenerate every
 * set with `npx tsx test/glossary/gold.ts --write`). The dev set is
 * `sentences`; `blind*` sets were written without looking at the matcher.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
export const DEV_SET = 'sentences';
export const markedPath = (set: string = DEV_SET): string => fileURLToPath(new URL(`${set}.marked.txt`, FIXTURES));
export const goldPath = (set: string = DEV_SET): string => fileURLToPath(new URL(`${set}.gold.jsonl`, FIXTURES));
export const MARKED_PATH = markedPath();
export const GOLD_PATH = goldPath();

/** Every set in the fixtures folder (a `<set>.marked.txt`), the dev set first. */
export function listSets(): string[] {
  return readdirSync(fileURLToPath(FIXTURES))
    .filter((f) => f.endsWith('.marked.txt'))
    .map((f) => f.slice(0, -'.marked.txt'.length))
    .sort((a, b) => Number(b === DEV_SET) - Number(a === DEV_SET) || a.localeCompare(b));
}

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

export function readMarked(set: string = DEV_SET): GoldSentence[] {
  return readFileSync(markedPath(set), 'utf8')
    .normalize('NFC')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line, i) => parseMarked(line, i + 1));
}

export function readGold(set: string = DEV_SET): GoldSentence[] {
  return readFileSync(goldPath(set), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as GoldSentence);
}

export function renderGold(sentences: readonly GoldSentence[]): string {
  return `${sentences.map((s) => JSON.stringify(s)).join('\n')}\n`;
}

if (process.argv.includes('--write')) {
  for (const set of listSets()) {
    writeFileSync(goldPath(set), renderGold(readMarked(set)));
    console.log(`wrote ${goldPath(set)}`);
  }
}
