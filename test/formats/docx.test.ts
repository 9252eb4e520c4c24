import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLv2en, type Lv2en } from '../../src/index.js';
import { untranslated } from '../../src/formats/document/index.js';
import { docx } from '../../src/formats/docx/index.js';
import { detectDocumentFormat } from '../../src/formats/index.js';

/**
 * Word documents end to end: the report is made by pandoc and python-docx
 * (test/fixtures/docx/make-report.py), translated through the session with
 * the toy model, and the result read back by python-docx
 * (test/fixtures/docx/dump.py) and converted by LibreOffice.
 */

const FIXTURES = join(import.meta.dirname, '../fixtures/docx');
const PYTHON = '/usr/bin/python3';
const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const run = promisify(execFile);

interface Dump {
  body: { text: string; runs: [string, boolean, boolean][] }[];
  cells: string[];
  header: string[];
  footer: string[];
  footnotes: string[];
  textboxes: string[];
  instructions: string[];
  deleted: string[];
  inserted: string[];
  entries: [string, string][];
}

const dump = (path: string): Dump =>
  JSON.parse(execFileSync(PYTHON, [join(FIXTURES, 'dump.py'), path], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));

/** LibreOffice converting `path` to `format` in `outDir` (its own profile, so runs never share one); the converted file. */
async function soffice(path: string, format: string, outDir: string): Promise<string> {
  const profile = await mkdtemp(join(tmpdir(), 'lv2en-soffice-'));
  execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', format, '--outdir', outDir, path], {
    stdio: 'pipe',
    timeout: 120_000,
  });
  const name = path
    .split('/')
    .at(-1)!
    .replace(/\.[^.]+$/, `.${format.split(':')[0]}`);
  return join(outDir, name);
}

const textOfHtml = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#?\w+;/g, ' ')
    .replace(/\s+/g, ' ');

async function makeReport(dir: string): Promise<string> {
  const path = join(dir, 'report.docx');
  execFileSync(PYTHON, [join(FIXTURES, 'make-report.py'), path, join(dir, 'work')], { stdio: 'pipe' });
  return path;
}

/** Neighbouring runs of the same formatting as one. */
const merged = (dumped: Omit<Dump, 'entries'>) => ({
  ...dumped,
  body: dumped.body.map((p) => ({
    text: p.text,
    runs: p.runs.reduce<[string, boolean, boolean][]>((runs, run) => {
      const last = runs.at(-1);
      if (last && last[1] === run[1] && last[2] === run[2]) last[0] += run[0];
      else runs.push([...run]);
      return runs;
    }, []),
  })),
});

/** The document written back with every block's own text (no translation). */
async function identity(bytes: Uint8Array, file: string): Promise<Buffer> {
  const blocks = await docx.read(bytes, file);
  let i = 0;
  const chunks: Buffer[] = [];
  await docx.write(bytes, { next: async () => untranslated(blocks[i++]!) }, { write: async (c) => void chunks.push(Buffer.from(c)) }, file);
  expect(i).toBe(blocks.length);
  return Buffer.concat(chunks);
}

describe('the Word reader', () => {
  let dir: string;
  let report: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lv2en-docx-read-'));
    report = await makeReport(dir);
  });

  it('finds every paragraph of body, tables, header, footer, footnote and text box, runs merged into words', async () => {
    const blocks = await docx.read(await readFile(report), 'report.docx');
    const byText = new Map(blocks.map((b) => [b.text, b]));
    // "Tihan" + "ovska" (another rsid, a proofing language, a proofing mark between) are one word of plain text.
    const split = byText.get('Svetlana Tihanovska pirmdien tikās ar Eiropas Savienības ārlietu ministriem.')!;
    expect(split.tags.map((t) => [t.kind, t.type, t.at])).toEqual([
      ['open', 'italic', 38],
      ['close', 'italic', 56],
    ]);
    expect(split.tags[0]!.data).toBe('<w:rPr><w:i/></w:rPr>');
    expect(byText.get('Minska\tRīga\nViļņa')).toMatchObject({ context: 'table' });
    expect(byText.get('Minska\tRīga\nViļņa')!.tags.map((t) => t.type)).toEqual(['tab', 'break']);
    expect(blocks.filter((b) => b.context === 'header').map((b) => b.text)).toEqual(['Baltkrievijas opozīcija']);
    expect(blocks.filter((b) => b.context === 'footer').map((b) => b.text)).toEqual(['Minska 1']);
    expect(blocks.filter((b) => b.context === 'footnote').map((b) => b.text.trim())).toEqual([
      'Kremlis paziņojis, ka Putins un Lukašenko apspriedīs ekonomisko sadarbību.',
    ]);
    // The text box's VML copy (mc:Fallback) says the same: it is written from the same translation, not read twice.
    expect(blocks.filter((b) => b.context === 'text box').map((b) => b.text)).toEqual([
      'Kremlis paziņojis, ka Putins apspriedīs sadarbību.',
    ]);
    // Field instructions and deleted text are never text.
    expect(blocks.some((b) => /REF|DOCPROPERTY|PAGE|Rīgā/.test(b.text))).toBe(false);
    expect(byText.get('Skatīt Tihanovskai un Minska.')!.tags.map((t) => [t.kind, t.type, t.at])).toEqual([
      ['open', 'field', 7],
      ['close', 'field', 18],
      ['open', 'field', 22],
      ['close', 'field', 28],
    ]);
    expect(byText.get('Protesta gājiens notika Minskā.')!.tags.map((t) => [t.kind, t.type, t.at])).toEqual([
      ['open', 'change', 24],
      ['close', 'change', 30],
      ['isolated', 'change', 30],
    ]);
  });

  it('writes the document back with the same text everywhere when nothing is translated', async () => {
    const bytes = await readFile(report);
    const same = join(dir, 'same.docx');
    await writeFile(same, await identity(bytes, 'report.docx'));
    const before = dump(report);
    const after = dump(same);
    const { entries: entriesBefore, ...textBefore } = before;
    const { entries: entriesAfter, ...textAfter } = after;
    // Runs that look the same are one run now; the text and what is bold or italic are as they were.
    expect(merged(textAfter)).toEqual(merged(textBefore));
    expect(entriesAfter.map(([name]) => name)).toEqual(entriesBefore.map(([name]) => name));
    // Parts with paragraphs rewritten keep every byte outside them: the paragraphs' properties and the section's.
    const xml = async (path: string, part: string) => execFileSync('unzip', ['-p', path, part], { encoding: 'utf8' });
    const properties = (source: string) =>
      [...source.matchAll(/<w:pPr>.*?<\/w:pPr>|<w:sectPr>.*?<\/w:sectPr>|<w:tblPr>.*?<\/w:tblPr>/g)].map((m) => m[0]);
    const original = await xml(report, 'word/document.xml');
    const rewritten = await xml(same, 'word/document.xml');
    expect(properties(rewritten)).toEqual(properties(original));
    expect(rewritten.slice(0, rewritten.indexOf('<w:p>'))).toBe(original.slice(0, original.indexOf('<w:p>')));
  });
});

describe('a Word document through the pipeline (toy model)', () => {
  let lv2en: Lv2en;
  let dir: string;
  let outDir: string;
  let report: string;
  let translated: string;
  let before: Dump;
  let after: Dump;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lv2en-docx-'));
    outDir = join(dir, 'out');
    report = await makeReport(dir);
    lv2en = await createLv2en({ model: 'toy', memory: false });
    await lv2en.translateFile(report, { outDir });
    translated = join(outDir, 'report.en.docx');
    before = dump(report);
    after = dump(translated);
  });
  afterAll(() => lv2en.close());

  it('writes report.en.docx beside the usual outputs', async () => {
    expect((await readdir(outDir)).filter((f) => !f.startsWith('.')).sort()).toEqual([
      'report.en.docx',
      'report.en.txt',
      'report.html',
      'report.jsonl',
      'report.provenance.json',
      'report.tsv',
    ]);
  });

  it('is what `lv2en translate report.docx` writes, and a macro-enabled file stops it with exit status 22', async () => {
    const cwd = join(dir, 'cli');
    await mkdir(cwd, { recursive: true });
    await copyFile(report, join(cwd, 'report.docx'));
    await run(process.execPath, [cli, 'translate', 'report.docx', '-o', 'out', '-m', 'toy', '--no-memory', '-q'], { cwd });
    expect(dump(join(cwd, 'out', 'report.en.docx')).header).toEqual(["Belarus's the opposition"]);
    await copyFile(report, join(cwd, 'report.docm'));
    const failed = await run(process.execPath, [cli, 'translate', 'report.docm', '-o', 'docm-out', '-m', 'toy', '--no-memory', '-q'], {
      cwd,
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 22, stderr: expect.stringMatching(/macro-enabled[\s\S]*Save As › Word Document/) });
  });

  it('comes back from an upload (what lv2en serve answers /translate_file with) as a Word document', async () => {
    const upload = await lv2en.translateUpload({ name: 'report.docx', bytes: await readFile(report) });
    expect(upload).toMatchObject({
      name: 'report.en.docx',
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    const path = join(dir, 'uploaded.docx');
    await writeFile(path, upload.bytes);
    expect(dump(path).footer).toEqual(['Minsk 1']);
  });

  it('has the English in the body, the tables, the header, the footer, the footnote and both copies of the text box', () => {
    const body = after.body.map((p) => p.text);
    expect(body).toContain('Sviatlana Tsikhanouskaya on Monday met with European Union foreign ministers.');
    expect(body).toContain('Ministers promised to Tsikhanouskaya support.');
    expect(body.some((t) => t.includes('Protest march took place in Minsk'))).toBe(true);
    expect(after.cells).toContain('Ministry of Internal Affairs reported');
    expect(after.cells).toContain('in Minsk');
    expect(after.header).toEqual(["Belarus's the opposition"]);
    expect(after.footer).toEqual(['Minsk 1']);
    expect(after.footnotes.map((t) => t.trim())).toEqual([
      'the Kremlin has announced, that Putin and Lukashenko will discuss economic cooperation.',
    ]);
    expect(after.textboxes).toEqual([
      'the Kremlin has announced, that Putin will discuss cooperation.',
      'the Kremlin has announced, that Putin will discuss cooperation.',
    ]);
    expect(after.inserted).toEqual([expect.stringMatching(/Minsk/)]);
    // Nothing Latvian is left in the paragraphs the model knows every word of.
    expect(JSON.stringify([after.header, after.footer, after.footnotes, after.textboxes])).not.toMatch(/[āēīūčšžņļķģ]/);
  });

  it('keeps a bold word bold and the italics on the right words', () => {
    const runs = after.body.flatMap((p) => p.runs);
    // The bold word is the dative "Tihanovskai": its English, "to Tsikhanouskaya" or the name alone, is what is bold.
    expect(runs.filter(([, bold]) => bold).map(([text]) => text)).toEqual([expect.stringMatching(/^(to )?Tsikhanouskaya$/)]);
    expect(runs.filter(([, , italic]) => italic).map(([text]) => text)).toEqual(['European Union']);
    const tabs = after.cells.find((t) => t.includes('Vilna'))!;
    expect(tabs).toMatch(/\t\n/);
  });

  it('never translates a field instruction or deleted text', () => {
    expect(after.instructions).toEqual(before.instructions);
    expect(after.instructions).toEqual([' REF atbalsts \\h Tihanovska ', ' PAGE ', ' DOCPROPERTY Minska ']);
    expect(after.deleted).toEqual(['Tihanovska Rīgā']);
  });

  it('copies every entry without translated text byte for byte', () => {
    const rewritten = new Set(['word/document.xml', 'word/header1.xml', 'word/footer1.xml', 'word/footnotes.xml']);
    expect(after.entries.map(([name]) => name)).toEqual(before.entries.map(([name]) => name));
    const untouched = (entries: [string, string][]) => entries.filter(([name]) => !rewritten.has(name));
    expect(untouched(after.entries)).toEqual(untouched(before.entries));
    expect(untouched(after.entries).map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'word/styles.xml',
        'word/numbering.xml',
        'word/media/image1.png',
        'word/comments.xml',
        '[Content_Types].xml',
      ]),
    );
    for (const name of rewritten)
      expect(after.entries.find(([n]) => n === name)![1]).not.toBe(before.entries.find(([n]) => n === name)![1]);
  });

  it('opens in LibreOffice, which finds the English everywhere', async () => {
    const converted = join(dir, 'converted');
    await mkdir(converted, { recursive: true });
    const text = await readFile(await soffice(translated, 'txt:Text', converted), 'utf8');
    expect(text).toContain('Sviatlana Tsikhanouskaya on Monday met with European Union foreign ministers.');
    const html = textOfHtml(await readFile(await soffice(translated, 'html', converted), 'utf8'));
    for (const expected of [
      "Belarus's the opposition",
      'Minsk 1',
      'the Kremlin has announced, that Putin and Lukashenko will discuss economic cooperation.',
      'the Kremlin has announced, that Putin will discuss cooperation.',
      'Ministry of Internal Affairs reported',
    ])
      expect(html).toContain(expected);
  });

  it('translates a document LibreOffice wrote', async () => {
    const odtDir = join(dir, 'lo');
    await mkdir(odtDir, { recursive: true });
    await writeFile(join(odtDir, 'lo.md'), 'Svetlana **Tihanovska** pirmdien tikās ar *Eiropas Savienības* ārlietu ministriem.\n');
    execFileSync('pandoc', [join(odtDir, 'lo.md'), '-o', join(odtDir, 'lo.odt')]);
    const made = await soffice(join(odtDir, 'lo.odt'), 'docx:MS Word 2007 XML', odtDir);
    expect(existsSync(made)).toBe(true);
    await lv2en.translateFile(made, { outDir: join(odtDir, 'out') });
    const result = dump(join(odtDir, 'out', 'lo.en.docx'));
    const paragraph = result.body.find((p) => p.text.includes('Tsikhanouskaya'))!;
    expect(paragraph.text).toBe('Sviatlana Tsikhanouskaya on Monday met with European Union foreign ministers.');
    expect(paragraph.runs.filter(([, bold]) => bold).map(([text]) => text)).toEqual(['Tsikhanouskaya']);
    expect(paragraph.runs.filter(([, , italic]) => italic).map(([text]) => text)).toEqual(['European Union']);
  });

  describe('refuses what it cannot translate, with what to do', () => {
    const refusal = async (name: string, bytes: Uint8Array) => {
      await writeFile(join(dir, name), bytes);
      const error = await lv2en.translateFile(join(dir, name), { outDir: join(dir, `${name}-out`) }).catch((e: unknown) => e);
      expect(existsSync(join(dir, `${name}-out`, name.replace(/\.\w+$/, '.en.docx')))).toBe(false);
      return error;
    };

    it('a damaged archive', async () => {
      const bytes = await readFile(report);
      expect(await refusal('cut.docx', bytes.subarray(0, bytes.length >> 1))).toMatchObject({ code: 'DOCUMENT_DAMAGED', exitCode: 20 });
    });

    it('a password-protected document (an OLE compound file)', async () => {
      const compound = new Uint8Array(4096);
      compound.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
      expect(await refusal('secret.docx', compound)).toMatchObject({ code: 'DOCUMENT_ENCRYPTED', exitCode: 21, hint: /password/ });
    });

    it('a macro-enabled document, by its name or by its macros', async () => {
      await copyFile(report, join(dir, 'macros.docm'));
      const byName = await lv2en.translateFile(join(dir, 'macros.docm'), { outDir: join(dir, 'docm-out') }).catch((e: unknown) => e);
      expect(byName).toMatchObject({ code: 'DOCUMENT_HAS_MACROS', exitCode: 22, hint: /Save As › Word Document/ });
      const withMacros = join(dir, 'hidden.docx');
      execFileSync(PYTHON, [
        '-c',
        'import shutil, sys, zipfile; shutil.copy(sys.argv[1], sys.argv[2]); zipfile.ZipFile(sys.argv[2], "a").writestr("word/vbaProject.bin", b"\\xd0\\xcf")',
        report,
        withMacros,
      ]);
      expect(await refusal('hidden.docx', await readFile(withMacros))).toMatchObject({
        code: 'DOCUMENT_HAS_MACROS',
        message: /vbaProject\.bin/,
      });
    });

    it('knows a Word file by its content whatever it is called', async () => {
      const bytes = await readFile(report);
      expect(detectDocumentFormat('report.bin', bytes)?.name).toBe('docx');
      expect(detectDocumentFormat('report.docx', bytes)?.name).toBe('docx');
    });
  });
});
