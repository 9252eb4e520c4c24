import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { translateFile, type DocumentResult } from 'lv2en';

const example = fileURLToPath(new URL('../../examples/belarus-2020-09.lv.txt', import.meta.url));
const shippedGlossary = fileURLToPath(new URL('../../glossary/', import.meta.url));

const hits = (result: DocumentResult) => result.segments.flatMap((s) => s.glossary);

describe('glossary enforcement in the pipeline (example article, toy model)', () => {
  let outDir: string;
  let glossaryDir: string;
  let first: DocumentResult;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'lv2en-enforce-'));
    glossaryDir = await mkdtemp(join(tmpdir(), 'lv2en-enforce-glossary-'));
    await cp(shippedGlossary, glossaryDir, { recursive: true });
    first = await translateFile(example, { model: 'toy', outDir, glossary: glossaryDir });
  });

  it('puts the glossary terms in by decoding, repairs only where forcing would break the sentence, misses none', () => {
    const all = hits(first);
    expect(all.length).toBeGreaterThan(20);
    expect(all.filter((h) => h.status === 'missing')).toEqual([]);
    // The toy misrenders the names: decoding, not the plain output, carries them.
    const enforced = all.filter((h) => h.status === 'enforced');
    expect(enforced.map((h) => h.target)).toEqual(expect.arrayContaining(['Tsikhanouskaya', 'Bachelet', 'Belarus']));
    expect(enforced.length).toBeGreaterThan(all.filter((h) => h.status === 'repaired').length);
    for (const segment of first.segments) {
      for (const hit of segment.glossary) expect(segment.target).toContain(hit.target);
      expect(segment.flags.filter((f) => f === 'glossary-missing')).toEqual([]);
    }
  });

  it('keeps the plain, repaired translation where the forced one loses something else (the toy cannot spell Sviatlana without dropping words)', () => {
    const dateline = first.segments.find((s) => s.source.startsWith('Baltkrievijas opozīcijas līdere'))!;
    expect(dateline.glossary.find((h) => h.target === 'Sviatlana Tsikhanouskaya')?.status).toBe('repaired');
    expect(dateline.target).not.toContain('#garbage#');
    const numbers = first.segments.find((s) => s.source.includes('100 000'))!;
    expect(numbers.target).toContain('100 000');
    expect(numbers.flags.some((f) => f.startsWith('number-missing'))).toBe(false);
  });

  it('a glossary edit re-runs the glossary stage (and its re-decoding) but not the translate stage', async () => {
    await writeFile(join(glossaryDir, 'extra.yaml'), 'terms:\n  - lemma: Kipra\n    target: Cyprus\n    type: place\n');
    const edited = await translateFile(example, { model: 'toy', outDir, glossary: glossaryDir });
    expect(edited.reused).toEqual(['segment', 'translate']);
    expect(edited.ran).toEqual(['ingest', 'glossary', 'qa', 'write']);
    const all = hits(edited);
    expect(all.some((h) => h.target === 'Cyprus')).toBe(true);
    expect(all.filter((h) => h.status === 'missing')).toEqual([]);
    expect(all.filter((h) => h.status === 'enforced').length).toBe(hits(first).filter((h) => h.status === 'enforced').length);
  });
});
