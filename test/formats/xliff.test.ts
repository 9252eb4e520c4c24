import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { untranslated } from '../../src/formats/document/index.js';
import { readReviewText } from '../../src/formats/index.js';
import { oneSpanPerCode, withAttributes, xliff } from '../../src/formats/xliff/index.js';
import { createLv2en, type Lv2en } from '../../src/index.js';
import { validate } from '../write/schemas.js';

const fixtures = fileURLToPath(new URL('../fixtures/xliff/', import.meta.url));
const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const run = promisify(execFile);
const bytes = (text: string) => new TextEncoder().encode(text);

async function read(xml: string, overwriteTargets = false) {
  return xliff.read(bytes(xml), 'job.xlf', undefined, { overwriteTargets });
}

async function lv2enCli(args: string[], cwd: string): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await run(process.execPath, [cli, ...args], { cwd });
    return { code: 0, stderr };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

/** The file without its targets and the attributes a pre-translation sets: what must stay byte for byte. */
const outsideTargets = (xml: string) =>
  xml
    .replace(/\s*<target\b[^>]*\/>|\s*<target\b[^>]*>[\s\S]*?<\/target>/g, '')
    .replace(/ (?:state|subState|state-qualifier|trgLang)="[^"]*"/g, '');

/** Each unit's codes (kind, id, type), sorted: the same in the target as in the source. */
const codes = (tags: readonly { kind: string; id: string; type: string }[] | undefined) =>
  (tags ?? []).map((t) => `${t.kind}:${t.id}:${t.type}`).sort();

describe('the CAT-tool XLIFF reader', () => {
  it('XLIFF 1.2: a block per trans-unit to fill, codes as tags; locked, approved, translated and number-only units left alone', async () => {
    const blocks = await read(await readFile(join(fixtures, 'job-1.2.xlf'), 'utf8'));
    expect(blocks.map((b) => b.text)).toEqual([
      'Svetlana Tihanovska pirmdien tikās ar Eiropas Savienības ārlietu ministriem.',
      'Viņa aicināja neatzīt vēlēšanu rezultātus.\nRīga, pirmdiena',
    ]);
    expect(blocks[0]!.tags.map((t) => [t.kind, t.type, t.at, t.data])).toEqual([
      ['open', 'bold', 9, '<g id="1" ctype="bold">'],
      ['close', 'bold', 19, '</g>'],
      ['open', 'italic', 38, '<g id="2" ctype="italic">'],
      ['close', 'italic', 56, '</g>'],
    ]);
    // bpt/ept pair into a link span; the line break is a break standing for "\n".
    expect(blocks[1]!.tags.map((t) => [t.kind, t.type, t.data])).toEqual([
      ['open', 'link', '<bpt id="3" ctype="link">&lt;a href="https://eu.example/"&gt;</bpt>'],
      ['close', 'link', '<ept id="3">&lt;/a&gt;</ept>'],
      ['isolated', 'break', '<x id="4" ctype="lb"/>'],
    ]);
    const overwriting = await read(await readFile(join(fixtures, 'job-1.2.xlf'), 'utf8'), true);
    expect(overwriting.map((b) => b.text)).toContain('Opozīcijas līdere  runāja Briselē.');
    expect(overwriting.map((b) => b.text)).not.toContain('Eiropas Savienība');
  });

  it('XLIFF 2.1: a block per segment to fill; pc, sc/ec and sm/em as spans, ph as codes; final, translate="no" and translated left alone', async () => {
    const blocks = await read(await readFile(join(fixtures, 'job-2.1.xlf'), 'utf8'));
    expect(blocks.map((b) => b.text)).toEqual([
      'Svetlana Tihanovska pirmdien tikās ar Eiropas Savienības ārlietu ministriem.',
      'Viņa aicināja neatzīt rezultātus.\nRīga',
      'Baltkrievijas opozīcija Viļņā',
    ]);
    expect(blocks.map((b) => b.tags.map((t) => `${t.kind} ${t.type}`))).toEqual([
      ['open bold', 'close bold', 'open italic', 'close italic'],
      ['open link', 'close link', 'isolated break'],
      ['open other', 'close other'],
    ]);
    expect((await read(await readFile(join(fixtures, 'job-2.1.xlf'), 'utf8'), true)).map((b) => b.text)).toContain(
      'Opozīcijas līdere runāja Briselē.',
    );
  });

  it('a pair whose halves cross a span, or whose other half is elsewhere, is two codes; foreign elements are codes', async () => {
    const xml = `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="lv" trgLang="en" xmlns:x="urn:x"><file id="f"><unit id="u"><segment><source><sc id="1"/>Rīga <pc id="2">un<ec startRef="1"/> Viļņa</pc> <ec id="9" isolated="yes"/><x:y>z</x:y>beigas <cp hex="0007"/>.</source></segment></unit></file></xliff>`;
    const [block] = await read(xml);
    expect(block!.text).toBe('Rīga un Viļņa beigas \u0007.');
    expect(block!.tags.map((t) => `${t.kind}:${t.data}`)).toEqual([
      'isolated:<sc id="1"/>',
      'open:<pc id="2">',
      'isolated:<ec startRef="1"/>',
      'close:</pc>',
      'isolated:<ec id="9" isolated="yes"/>',
      'isolated:<x:y>z</x:y>',
    ]);
  });

  it('XLIFF 1.2 seg-source (SDLXLIFF): each segment a block, Trados-locked ones and filled ones left alone', async () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?><xliff xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0" xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file original="a.docx" source-language="lv-LV" target-language="en-US" datatype="x-sdlfilterframework2"><body>
<trans-unit id="t1"><source><g id="1">Rīga ir galvaspilsēta. Viļņa arī. Tallina arī.</g></source><seg-source><g id="1"><mrk mtype="seg" mid="1">Rīga ir galvaspilsēta.</mrk> <mrk mtype="seg" mid="2">Viļņa arī.</mrk> <mrk mtype="seg" mid="3">Tallina arī.</mrk></g></seg-source><target><g id="1"><mrk mtype="seg" mid="1"/> <mrk mtype="seg" mid="2">Vilnius too.</mrk> <mrk mtype="seg" mid="3"></mrk></g></target><sdl:seg-defs><sdl:seg id="1"/><sdl:seg id="2" conf="Translated"/><sdl:seg id="3" locked="true"/></sdl:seg-defs></trans-unit>
<trans-unit id="t2"><source>Pirmdien. Otrdien.</source><seg-source><mrk mtype="seg" mid="4">Pirmdien.</mrk> <mrk mtype="seg" mid="5">Otrdien.</mrk></seg-source></trans-unit>
</body></file></xliff>`;
    const blocks = await read(xml);
    expect(blocks.map((b) => b.text)).toEqual(['Rīga ir galvaspilsēta.', 'Pirmdien.', 'Otrdien.']);
    const chunks: (string | Uint8Array)[] = [];
    let i = 0;
    await xliff.write(
      bytes(xml),
      { next: async () => ({ ...untranslated(blocks[i]!), text: `EN ${blocks[i++]!.text}` }) },
      { write: async (c) => void chunks.push(c) },
      'job.sdlxliff',
    );
    const out = new TextDecoder().decode(chunks[0] as Uint8Array);
    expect(out).toContain(
      '<target><g id="1"><mrk mtype="seg" mid="1">EN Rīga ir galvaspilsēta.</mrk> <mrk mtype="seg" mid="2">Vilnius too.</mrk>',
    );
    expect(out).toContain(
      '</seg-source><target state="translated" state-qualifier="mt-suggestion"><mrk mtype="seg" mid="4">EN Pirmdien.</mrk> <mrk mtype="seg" mid="5">EN Otrdien.</mrk></target>',
    );
    expect(outsideTargets(out)).toBe(outsideTargets(xml));
  });

  it('writes each code once: split halves that did not meet again are joined where that nests, else the span keeps its first half', () => {
    const tag = (kind: 'open' | 'close', id: string, at: number) => ({
      kind,
      id,
      at,
      type: 'bold' as const,
      data: kind === 'open' ? `<g id="${id}">` : '</g>',
    });
    const layout = (tags: readonly { kind: string; id: string; at: number }[]) => tags.map((t) => `${t.kind[0]}${t.id}@${t.at}`).join(' ');
    // "<1>a b</1> <1>c</1>" → "<1>a b c</1>"
    expect(layout(oneSpanPerCode([tag('open', '1', 0), tag('close', '1', 3), tag('open', '1', 4), tag('close', '1', 5)], 5))).toBe(
      'o1@0 c1@5',
    );
    // "<1>a</1> <2>b <1>c</1></2>": joining 1 would cross 2, so the second half goes.
    expect(
      layout(
        oneSpanPerCode(
          [tag('open', '1', 0), tag('close', '1', 1), tag('open', '2', 2), tag('open', '1', 4), tag('close', '1', 5), tag('close', '2', 5)],
          5,
        ),
      ),
    ).toBe('o1@0 c1@1 o2@2 c2@5');
  });

  it('sets and removes attributes in a start tag, leaving the rest of it as written', () => {
    expect(withAttributes(`<segment id='s1'  state="initial" subState="x:y">`, { state: 'translated', subState: null })).toBe(
      `<segment id='s1'  state="translated">`,
    );
    expect(withAttributes('<target xml:lang="en"/>', { state: 'needs-review-translation', 'state-qualifier': 'mt-suggestion' })).toBe(
      '<target xml:lang="en" state="needs-review-translation" state-qualifier="mt-suggestion"/>',
    );
  });

  it('refuses an XLIFF version it does not know', async () => {
    const versions = [
      '<xliff version="1.0"><file/></xliff>',
      '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="3.0"/>',
      '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="2.1"/>',
      '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0"/>',
    ];
    for (const xml of versions) await expect(read(xml)).rejects.toMatchObject({ code: 'XLIFF_VERSION_UNKNOWN', exitCode: 26 });
  });
});

describe('pre-translating CAT-tool XLIFF (toy model)', () => {
  let lv2en: Lv2en;
  let dir: string;
  const out: Record<string, string> = {};

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lv2en-xliff-'));
    lv2en = await createLv2en({ model: 'toy', memory: false, formats: ['jsonl'] });
    for (const name of ['job-1.2', 'job-2.1']) {
      await copyFile(join(fixtures, `${name}.xlf`), join(dir, `${name}.xlf`));
      await lv2en.translateFile(join(dir, `${name}.xlf`), { outDir: join(dir, 'out') });
      out[name] = await readFile(join(dir, 'out', `${name}.en.xlf`), 'utf8');
    }
  });
  afterAll(() => lv2en.close());

  it('writes out/<name>.en.xlf beside the usual outputs', async () => {
    expect((await readdir(join(dir, 'out'))).filter((f) => !f.startsWith('.')).sort()).toEqual([
      'job-1.2.en.xlf',
      'job-1.2.jsonl',
      'job-1.2.provenance.json',
      'job-2.1.en.xlf',
      'job-2.1.jsonl',
      'job-2.1.provenance.json',
    ]);
  });

  it('the filled files are valid against the OASIS schemas', async () => {
    for (const schema of ['xliff-1.2-strict', 'xliff-1.2-transitional'] as const)
      expect(await validate(schema, out['job-1.2']!)).toEqual({ valid: true, errors: [] });
    expect(await validate('xliff-2.1+metadata', out['job-2.1']!)).toEqual({ valid: true, errors: [] });
  });

  it('every unit has a target now, with every inline code of its source, and bold and italics on the right words', () => {
    for (const [name, units] of [
      ['job-1.2', ['tu1', 'tu2', 'tu4', 'tu5']],
      ['job-2.1', ['u1', 'u3', 'u4']],
    ] as const) {
      const read = readReviewText(out[name]!, `${name}.en.xlf`);
      expect(read.units.filter((u) => u.target !== null).map((u) => u.id)).toEqual(units);
      for (const unit of read.units.filter((u) => u.target !== null)) expect(codes(unit.targetTags)).toEqual(codes(unit.sourceTags));
    }
    expect(out['job-1.2']).toMatch(/<g id="1" ctype="bold">[^<]*Tsikhanouskaya<\/g>/);
    expect(out['job-1.2']).toMatch(/<g id="2" ctype="italic">European Union<\/g>/);
    expect(out['job-1.2']).toContain('<x id="4" ctype="lb"/>');
    expect(out['job-2.1']).toMatch(/<pc id="1" dataRefStart="d1" dataRefEnd="d2" type="fmt" subType="xlf:b">[^<]*Tsikhanouskaya<\/pc>/);
    expect(out['job-2.1']).toMatch(/<sc id="3" type="link"\/>[^<]+<ec startRef="3"\/>/);
  });

  it('sets the state a CAT tool reads: translated, or needs review where a sentence is flagged', () => {
    const states12 = [...out['job-1.2']!.matchAll(/<target xml:lang="en" state="([^"]+)" state-qualifier="mt-suggestion">/g)].map(
      (m) => m[1],
    );
    expect(states12).toHaveLength(2);
    for (const state of states12) expect(['translated', 'needs-review-translation']).toContain(state);
    const states2 = [...out['job-2.1']!.matchAll(/<segment id="(s\d)" state="translated" subState="lv2en:(machine|needs-review)">/g)].map(
      (m) => m[1],
    );
    expect(states2).toEqual(['s1', 's2', 's6']);
  });

  it('leaves every byte outside the new targets and their states as it was', async () => {
    for (const name of ['job-1.2', 'job-2.1'])
      expect(outsideTargets(out[name]!)).toBe(outsideTargets(await readFile(join(fixtures, `${name}.xlf`), 'utf8')));
    // Finished, locked and already translated units are untouched.
    expect(out['job-1.2']).toContain('<target xml:lang="en" state="signed-off">European Union</target>');
    expect(out['job-1.2']).toContain(
      '<target xml:lang="en" state="translated">The opposition leader <ph id="5">{name}</ph> spoke in Brussels.</target>',
    );
    expect(out['job-2.1']).toContain('<segment id="s4" state="final">');
    expect(out['job-2.1']).toContain(
      '<unit id="u2" translate="no">\n        <segment id="s3">\n          <source>Tihanovska</source>\n        </segment>',
    );
  });

  it('lv2en translate --overwrite-targets replaces a target already there, never a locked one', async () => {
    const result = await lv2enCli(
      [
        'translate',
        join(fixtures, 'job-1.2.xlf'),
        '--model',
        'toy',
        '--no-memory',
        '-q',
        '-f',
        'jsonl',
        '-o',
        join(dir, 'over'),
        '--overwrite-targets',
      ],
      dir,
    );
    expect(result).toEqual({ code: 0, stderr: '' });
    const written = await readFile(join(dir, 'over', 'job-1.2.en.xlf'), 'utf8');
    expect(written).not.toContain('The opposition leader <ph id="5">{name}</ph> spoke in Brussels.');
    expect(written).toMatch(
      /<target xml:lang="en" state="(translated|needs-review-translation)" state-qualifier="mt-suggestion">[^<]*<ph id="5">\{name\}<\/ph>/,
    );
    expect(written).toContain('<target xml:lang="en" state="signed-off">European Union</target>');
  });

  it('bad XLIFF: its own error line and exit status, and no output', async () => {
    const cases: [string, string, number, RegExp][] = [
      ['v3.xlf', '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="3.0"/>', 26, /XLIFF 3\.0 .*which lv2en does not read/],
      ['xxe.xlf', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xliff version="1.2">&e;</xliff>', 24, /DTD/],
      [
        'cut.xlf',
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file><body><trans-unit id="1"><source>Rīga',
        20,
        /not well-formed/,
      ],
    ];
    for (const [file, xml, code, message] of cases) {
      await writeFile(join(dir, file), xml);
      const result = await lv2enCli(['translate', file, '--model', 'toy', '--no-memory', '-o', join(dir, `bad-${file}`)], dir);
      expect(result.code).toBe(code);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(message);
      expect(await readdir(join(dir, `bad-${file}`)).catch(() => [])).toEqual([]);
    }
  });
});
