import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GlossaryHit } from '../../src/core/segment-record.js';
import {
  checkGlossary,
  checkText,
  formatParadigm,
  formatProblem,
  glossaryFingerprint,
  glossaryFromYaml,
  lintGlossary,
  loadGlossary,
  paradigm,
  summariseHits,
} from '../../src/glossary/index.js';

const hit = (lemma: string, target: string, status: GlossaryHit['status']): GlossaryHit => ({
  start: 0,
  end: 1,
  surface: lemma,
  lemma,
  target,
  status,
});

describe('summariseHits', () => {
  it('counts hits per term by status, most frequent first', () => {
    const rows = summariseHits([
      hit('Putins', 'Putin', 'found'),
      hit('Tihanovska', 'Tsikhanouskaya', 'repaired'),
      hit('Putins', 'Putin', 'missing'),
      hit('Putins', 'Putin', 'enforced'),
      hit('Bačeleta', 'Bachelet', 'found'),
    ]);
    expect(rows).toEqual([
      { lemma: 'Putins', target: 'Putin', total: 3, found: 1, enforced: 1, repaired: 0, missing: 1 },
      { lemma: 'Bačeleta', target: 'Bachelet', total: 1, found: 1, enforced: 0, repaired: 0, missing: 0 },
      { lemma: 'Tihanovska', target: 'Tsikhanouskaya', total: 1, found: 0, enforced: 0, repaired: 1, missing: 0 },
    ]);
    expect(summariseHits([])).toEqual([]);
  });
});

describe('glossaryFingerprint', () => {
  const yaml = 'terms:\n  - lemma: Rīga\n    target: Riga\n    note: capital\n';
  it('is stable for the same content and ignores notes and file names', () => {
    const a = glossaryFingerprint(glossaryFromYaml(yaml, 'a.yaml'));
    expect(glossaryFingerprint(glossaryFromYaml(yaml.replace('capital', 'the capital'), 'b.yaml'))).toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });
  it('changes when a target, form or rule changes', () => {
    const a = glossaryFingerprint(glossaryFromYaml(yaml));
    expect(glossaryFingerprint(glossaryFromYaml(yaml.replace('target: Riga', 'target: Rīga')))).not.toBe(a);
    expect(glossaryFingerprint(glossaryFromYaml(`${yaml}    forms: [Rīgā]\n`))).not.toBe(a);
    expect(glossaryFingerprint(glossaryFromYaml(`${yaml}    case: exact\n`))).not.toBe(a);
  });
});

describe('lint and check', () => {
  it('finds nothing to complain about in the shipped glossary', async () => {
    expect(lintGlossary(await loadGlossary())).toEqual([]);
  });

  it('warns about common words, ill-fitting hints and unrelated forms', () => {
    const g = glossaryFromYaml(`terms:
  - lemma: Es
    target: Es (band)
  - lemma: Rīga
    target: Riga
    declension: 2
  - lemma: Kijiva
    target: Kyiv
    forms: [Kiev]
`);
    expect(lintGlossary(g).map((p) => p.code)).toEqual(['common-word', 'hint-mismatch', 'unrelated-form']);
  });

  it('points at words that look like an unlisted form of a term', async () => {
    const g = glossaryFromYaml('terms:\n  - lemma: Rīga\n    target: Riga\n    forms: [Rīgas]\n');
    const result = checkText('Rīgas centrs.\nRīgā līst.', g, 'a.txt');
    expect(result.matches.map((m) => m.surface)).toEqual(['Rīgas']);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'possible-form', file: 'a.txt', line: 2, column: 1 })]);
    const shipped = await loadGlossary();
    expect(checkText('Putinisms un Tihanovskis.', shipped).problems).toEqual([]);
  });

  it('collects every problem of a glossary and checks a text file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lv2en-check-'));
    await writeFile(
      join(dir, 'bad.yaml'),
      'terms:\n  - lemma: Rīga\n    tagret: Riga\n  - lemma: Kijiva\n    target: Kyiv\n    gender: female\n',
    );
    const bad = await checkGlossary(dir);
    expect(bad.ok).toBe(false);
    expect(bad.problems.map((p) => `${p.line}:${p.column} ${p.code}`)).toEqual(['2:5 missing-target', '3:5 unknown-key', '6:13 bad-value']);
    expect(formatProblem(bad.problems[1]!)).toMatch(/bad\.yaml:3:5: error: Unknown key `tagret`\. Did you mean `target`\?/);

    await writeFile(join(dir, 'text.txt'), 'Tihanovska tikās ar Putinu.');
    const good = await checkGlossary(undefined, join(dir, 'text.txt'));
    expect(good.ok).toBe(true);
    expect(good.matches?.map((m) => m.lemma)).toEqual(['Tihanovska', 'Putins']);
    const missing = await checkGlossary(undefined, join(dir, 'nope.txt'));
    expect(missing).toMatchObject({ ok: false, problems: [expect.objectContaining({ code: 'not-found', file: join(dir, 'nope.txt') })] });
  });
});

describe('formatParadigm', () => {
  it('prints how the lemma was read and its forms by case', () => {
    const text = formatParadigm(paradigm('Kremlis'));
    expect(text).toContain('Kremlis: head, -is: 2nd declension');
    expect(text).toMatch(/genitive\s+Kremļa\s+Kremļu/);
  });
});
