import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { translateFile, type DocumentResult } from 'lv2en';

const example = fileURLToPath(new URL('../../examples/belarus-2020-09.lv.txt', import.meta.url));
const shippedGlossary = fileURLToPath(new URL('../../glossary/', import.meta.url));
const squash = (s: string) => s.replace(/\s+/g, '');

describe('translate job on the example article with the toy model', () => {
  let outDir: string;
  let first: DocumentResult;
  let input: string;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'lv2en-job-'));
    input = await readFile(example, 'utf8');
    first = await translateFile(example, { model: 'toy', outDir });
  });

  it('writes the default outputs: jsonl, tsv, en.txt and the review page', () => {
    expect(first.outputs.map((p) => p.slice(outDir.length + 1)).sort()).toEqual([
      'belarus-2020-09.en.txt',
      'belarus-2020-09.html',
      'belarus-2020-09.jsonl',
      'belarus-2020-09.provenance.json',
      'belarus-2020-09.tsv',
    ]);
  });

  it('has every source sentence once, in order, and the sources rebuild the input', async () => {
    const records = (await readFile(join(outDir, 'belarus-2020-09.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records.map((r) => r.id)).toEqual(records.map((_, i) => String(i + 1)));
    expect(squash(records.map((r) => r.source).join(''))).toBe(squash(input));
    for (const r of records) {
      expect(input.slice(r.start, r.end)).toBe(r.source);
      expect(typeof r.target).toBe('string');
      expect(Array.isArray(r.flags)).toBe(true);
    }
    const starts = records.map((r) => r.start);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
  });

  it('aligns the tsv with the jsonl', async () => {
    const rows = (await readFile(join(outDir, 'belarus-2020-09.tsv'), 'utf8')).trimEnd().split('\n');
    expect(rows[0]).toBe('id\tsource\ttarget');
    expect(rows.length - 1).toBe(first.segments.length);
    rows.slice(1).forEach((row, i) => expect(row.split('\t')[0]).toBe(first.segments[i]!.id));
  });

  it('keeps the paragraph layout in the English text', async () => {
    const english = await readFile(join(outDir, 'belarus-2020-09.en.txt'), 'utf8');
    expect(english.split('\n').length).toBe(input.split('\n').length);
    expect(english.split(/\n\s*\n/).length).toBe(input.split(/\n\s*\n/).length);
  });

  it('reuses every stage when nothing changed, without loading the model', async () => {
    const again = await translateFile(example, { model: 'toy', outDir });
    expect(again.ran).toEqual(['ingest']);
    expect(again.reused).toEqual(['segment', 'translate', 'glossary', 'qa', 'write']);
    expect(again.segments).toEqual(first.segments);
  });

  it('re-runs only glossary, qa and write after a glossary edit', async () => {
    const glossaryDir = await mkdtemp(join(tmpdir(), 'lv2en-glossary-'));
    await cp(shippedGlossary, glossaryDir, { recursive: true });
    const once = await translateFile(example, { model: 'toy', outDir, glossary: glossaryDir });
    expect(once.reused).toContain('translate');
    await writeFile(join(glossaryDir, 'extra.yaml'), 'terms:\n  - lemma: Kipra\n    target: Cyprus\n    type: place\n');
    const edited = await translateFile(example, { model: 'toy', outDir, glossary: glossaryDir });
    expect(edited.reused).toEqual(['segment', 'translate']);
    expect(edited.ran).toEqual(['ingest', 'glossary', 'qa', 'write']);
  });
});
