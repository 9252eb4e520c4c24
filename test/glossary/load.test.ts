import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkGlossaryFiles, defaultGlossaryDir, glossaryFromYaml, loadGlossary } from '../../src/glossary/index.js';
import { thrownLv2enError } from '../helpers/errors.js';

async function tempDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lv2en-glossary-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

describe('loading glossaries', () => {
  it('loads the shipped glossary by default, with every term the issue asks for', async () => {
    const glossary = await loadGlossary();
    const pairs = Object.fromEntries(glossary.entries.map((e) => [e.lemma, e.target]));
    expect(pairs).toMatchObject({
      'Svetlana Tihanovska': 'Sviatlana Tsikhanouskaya',
      Tihanovska: 'Tsikhanouskaya',
      'Mičela Bačeleta': 'Michelle Bachelet',
      Bačeleta: 'Bachelet',
      Lukašenko: 'Lukashenko',
      Putins: 'Putin',
      Minska: 'Minsk',
      Baltkrievija: 'Belarus',
      Krievija: 'Russia',
      Maskava: 'Moscow',
      Kremlis: 'Kremlin',
      Venecuēla: 'Venezuela',
      Filipīnas: 'Philippines',
      ANO: 'UN',
      'ANO Cilvēktiesību padome': 'UN Human Rights Council',
      ES: 'EU',
      'Eiropas Savienība': 'European Union',
      'Iekšlietu ministrija': 'Ministry of Internal Affairs',
    });
    expect(glossary.warnings).toEqual([]);
    expect(glossary.files.every((f) => f.startsWith(defaultGlossaryDir()))).toBe(true);
  });

  it('reads a single file and the short form of a list', () => {
    const glossary = glossaryFromYaml('- lemma: Rīga\n  target: Riga\n');
    expect(glossary.entries[0]?.forms).toEqual(expect.arrayContaining(['Rīgas', 'Rīgā']));
  });

  it('uses explicit forms instead of generated ones, and inflects aliases', () => {
    const glossary = glossaryFromYaml('terms:\n  - lemma: Kijiva\n    target: Kyiv\n    forms: [Kijivas]\n    aliases: [Kijeva]\n');
    const forms = glossary.entries[0]?.forms ?? [];
    expect(forms).toEqual(expect.arrayContaining(['Kijiva', 'Kijivas', 'Kijeva', 'Kijevā']));
    expect(forms).not.toContain('Kijivā');
  });

  it('reports an unknown key with its position and a suggestion', () => {
    const error = thrownLv2enError(() => glossaryFromYaml('terms:\n  - lemma: Rīga\n    target: Riga\n    lemmma: x\n', 'g.yaml'));
    expect(error.code).toBe('GLOSSARY_INVALID');
    expect(error.location).toEqual({ file: 'g.yaml', line: 4, column: 5 });
    expect(error.hint).toMatch(/Did you mean `lemma`/);
    expect(error.toOneLine()).toMatch(/^g\.yaml:4:5: Unknown key `lemmma`/);
  });

  it('reports a missing target, bad values and YAML syntax errors with positions', () => {
    expect(thrownLv2enError(() => glossaryFromYaml('terms:\n  - lemma: Rīga\n', 'a.yaml')).location).toEqual({
      file: 'a.yaml',
      line: 2,
      column: 5,
    });
    const bad = thrownLv2enError(() => glossaryFromYaml('terms:\n  - lemma: Rīga\n    target: Riga\n    type: city\n', 'b.yaml'));
    expect(bad.location).toEqual({ file: 'b.yaml', line: 4, column: 11 });
    expect(bad.hint).toMatch(/person, place, organisation/);
    const syntax = thrownLv2enError(() => glossaryFromYaml('terms:\n  - lemma: "Rīga\n    target: Riga\n', 'c.yaml'));
    expect(syntax.location.file).toBe('c.yaml');
    expect(syntax.location.line).toBeGreaterThan(0);
    expect(
      thrownLv2enError(() => glossaryFromYaml('terms:\n  - lemma: Rīgas pils\n    target: Riga Castle\n    fixed: [Rīga]\n')).message,
    ).toMatch(/not a word/);
  });

  it('merges files and reports conflicts with both locations', async () => {
    const dir = await tempDir({
      'a.yaml': 'terms:\n  - lemma: Krievija\n    target: Russia\n',
      'b.yaml': 'terms:\n  - lemma: Rīga\n    target: Riga\n\n  - lemma: Krievija\n    target: Russian Federation\n',
    });
    const check = await checkGlossaryFiles(dir);
    const conflict = check.problems.find((p) => p.code === 'conflict');
    expect(conflict).toMatchObject({
      severity: 'error',
      file: join(dir, 'b.yaml'),
      line: 5,
      related: { file: join(dir, 'a.yaml'), line: 2 },
    });
    expect(conflict?.message).toMatch(/a\.yaml:2:/);
    await expect(loadGlossary(dir)).rejects.toMatchObject({ code: 'GLOSSARY_INVALID', location: { file: join(dir, 'b.yaml'), line: 5 } });
  });

  it('merges duplicate entries with a warning and reports alias conflicts', async () => {
    const dir = await tempDir({
      'a.yaml': 'terms:\n  - lemma: Rīga\n    target: Riga\n',
      'b.yaml': 'terms:\n  - lemma: Rīga\n    target: Riga\n',
      'c.yml': 'terms:\n  - lemma: Kijiva\n    target: Kyiv\n    aliases: [Rīga]\n',
    });
    const check = await checkGlossaryFiles([join(dir, 'a.yaml'), join(dir, 'b.yaml')]);
    expect(check.glossary?.entries).toHaveLength(1);
    expect(check.problems).toEqual([expect.objectContaining({ severity: 'warning', code: 'duplicate' })]);
    const all = await checkGlossaryFiles(dir);
    expect(all.problems.find((p) => p.code === 'conflict')).toMatchObject({
      file: join(dir, 'c.yml'),
      line: 4,
      related: { file: join(dir, 'a.yaml'), line: 2 },
    });
  });

  it('warns about generated forms shared by two targets and prefers the entry that wrote the form', async () => {
    const glossary = glossaryFromYaml('terms:\n  - lemma: Putins\n    target: Putin\n  - lemma: Putina\n    target: Putina (Lyudmila)\n');
    expect(glossary.warnings).toEqual([expect.objectContaining({ code: 'form-collision' })]);
    const { findTerms } = await import('../../src/glossary/index.js');
    expect(findTerms('Putina kundze', glossary)[0]?.target).toBe('Putina (Lyudmila)');
  });

  it('fails clearly for a missing path or an empty folder', async () => {
    await expect(loadGlossary('/nonexistent/glossary.yaml')).rejects.toMatchObject({
      code: 'GLOSSARY_INVALID',
      location: { file: '/nonexistent/glossary.yaml' },
    });
    const empty = await tempDir({ 'notes.txt': 'nothing' });
    await expect(loadGlossary(empty)).rejects.toThrow(/no \.yaml files/);
  });
});
