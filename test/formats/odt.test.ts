import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { untranslated } from '../../src/formats/document/index.js';
import type { DocumentBlock, DocumentFormat, TranslatedBlock } from '../../src/formats/index.js';
import { detectDocumentFormat } from '../../src/formats/index.js';
import { fodt, odt } from '../../src/formats/odt/index.js';
import { readPart, TextStyles, writePart } from '../../src/formats/odt/text.js';
import { ZipArchive } from '../../src/formats/office/zip.js';
import { createLv2en, type Lv2en } from '../../src/index.js';

/**
 * OpenDocument text made by the real tools, in the test itself: pandoc
 * (headings, emphasis, links, lists, a table, a footnote), LibreOffice from a
 * flat ODT (headers and footers, a text box, an endnote, fields, tabs, line
 * breaks, a comment, tracked changes, macros) and LibreOffice from a Word
 * file python-docx wrote. The translated files are read back by LibreOffice
 * and translate-toolkit's odf2xliff.
 */
const run = promisify(execFile);
const has = (command: string, args: string[]) => {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const missing = [
  ...(has('soffice', ['--version']) ? [] : ['soffice (libreoffice-writer-nogui)']),
  ...(has('pandoc', ['--version']) ? [] : ['pandoc']),
  ...(has('odf2xliff', ['--version']) ? [] : ['odf2xliff (translate-toolkit)']),
  ...(has('/usr/bin/python3', ['-c', 'import docx']) ? [] : ['python-docx (python3-docx)']),
];
const skipped = missing.length > 0 ? ` (skipped: needs ${missing.join(', ')}; .ci/run installs them)` : '';

const MARKDOWN = `# Baltkrievijas opozīcija

Svetlana *Tihanovska* pirmdien tikās ar **Eiropas Savienības** ārlietu ministriem.[^1]

Viņa aicināja [neatzīt](https://eu.example/x?a=1&b=2) rezultātus.

- Demonstranti pulcējās Minskā.
- Protesti Minskā.

| Pilsēta | Balsis |
|---------|--------|
| Minska  | 80,1%  |

[^1]: Tikšanās notika Minskā.
`;

const PYTHON_DOCX = `
import docx, sys
document = docx.Document()
section = document.sections[0]
section.header.paragraphs[0].text = "Ziņojums par vēlēšanām"
section.footer.paragraphs[0].text = "Opozīcijas ziņojums"
paragraph = document.add_paragraph("Svetlana ")
paragraph.add_run("Tihanovska").italic = True
paragraph.add_run(" pirmdien tikās ar ministriem.")
table = document.add_table(rows=1, cols=2)
table.cell(0, 0).text = "Minska"
table.cell(0, 1).text = "Protesti Minskā"
document.save(sys.argv[1])
`;

/** LibreOffice's flat ODT keeps a document's Basic macros in office:scripts; saved as .odt they become Basic/ entries. */
const withMacros = (fodt: string) =>
  fodt.replace(
    '<office:styles>',
    '<office:scripts><office:script script:language="ooo:Basic" xmlns:script="urn:oasis:names:tc:opendocument:xmlns:script:1.0">' +
      '<ooo:libraries xmlns:ooo="http://openoffice.org/2004/office"><ooo:library-embedded ooo:name="Standard">' +
      '<ooo:module ooo:name="Module1"><ooo:source-code>Sub Main\n  MsgBox "Sveiki"\nEnd Sub\n</ooo:source-code></ooo:module>' +
      '</ooo:library-embedded></ooo:libraries></office:script></office:scripts><office:styles>',
  );

let dir: string;
/** soffice with a profile of its own: instances sharing one lock each other out. */
const soffice = (args: string[]) =>
  run('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', ...args], { cwd: dir, timeout: 180_000 });

let fixtures: Promise<void> | undefined;
/** The fixtures, made once for both suites. */
const makeFixtures = () => {
  fixtures ??= buildFixtures();
  return fixtures;
};

async function buildFixtures(): Promise<void> {
  dir = await mkdtemp(join(tmpdir(), 'lv2en-odt-'));
  const fodt = await readFile(new URL('../fixtures/odt/report.fodt', import.meta.url), 'utf8');
  await writeFile(join(dir, 'report.fodt'), fodt);
  await writeFile(join(dir, 'macros.fodt'), withMacros(fodt));
  await writeFile(join(dir, 'pandoc.md'), MARKDOWN);
  await run('pandoc', ['pandoc.md', '-o', 'pandoc.odt'], { cwd: dir });
  await run('/usr/bin/python3', ['-c', PYTHON_DOCX, join(dir, 'word.docx')]);
  await soffice(['--convert-to', 'odt', 'report.fodt', 'macros.fodt', 'word.docx']);
}

const fixture = async (name: string) => new Uint8Array(await readFile(join(dir, name)));

/** The document written back with each block's translation from `translate` (the block itself by default). */
async function rewrite(
  bytes: Uint8Array,
  translate: (block: DocumentBlock) => TranslatedBlock = untranslated,
  format: DocumentFormat = odt,
): Promise<Uint8Array> {
  const blocks = await format.read(bytes, 'in.odt');
  let i = 0;
  const chunks: Buffer[] = [];
  await format.write(
    bytes,
    { next: async () => translate(blocks[i++]!) },
    { write: async (chunk) => void chunks.push(Buffer.from(chunk)) },
    'in.odt',
  );
  expect(i).toBe(blocks.length);
  return new Uint8Array(Buffer.concat(chunks));
}

/** Every entry's name and inflated bytes, in archive order. */
async function entries(bytes: Uint8Array): Promise<Map<string, Buffer>> {
  const archive = await ZipArchive.open(bytes, 'x.odt', 'ODT');
  try {
    const out = new Map<string, Buffer>();
    for (const entry of archive.entries) out.set(entry.name, entry.name.endsWith('/') ? Buffer.alloc(0) : await archive.read(entry.name));
    return out;
  } finally {
    archive.close();
  }
}

/** Python's zipfile on the archive: the first entry's name and whether it is stored, and whether the archive tests clean. */
async function zipInfo(path: string): Promise<{ first: string; stored: boolean; bad: string | null }> {
  const script =
    'import json, sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\ni = z.infolist()[0]\n' +
    'print(json.dumps({"first": i.filename, "stored": i.compress_type == zipfile.ZIP_STORED, "bad": z.testzip()}))';
  const { stdout } = await run('/usr/bin/python3', ['-c', script, path]);
  return JSON.parse(stdout);
}

const spanText = (block: DocumentBlock, type: string) => {
  const open = block.tags.find((t) => t.kind === 'open' && t.type === type)!;
  const close = block.tags.find((t) => t.kind === 'close' && t.id === open.id)!;
  return block.text.slice(open.at, close.at);
};

describe.skipIf(missing.length > 0)(`the ODT reader and writer${skipped}`, () => {
  beforeAll(makeFixtures);

  it('recognises an ODT by its mimetype entry, whatever the file is called', async () => {
    const bytes = await fixture('report.odt');
    expect(odt.sniff(bytes)).toBe(true);
    expect(detectDocumentFormat('report.bin', bytes)?.name).toBe('odt');
    expect(odt.sniff(new TextEncoder().encode('<html></html>'))).toBe(false);
  });

  it('makes a block of each paragraph: body, heading, list, section, table, footnote, endnote, text box, alt text, header and footer', async () => {
    const blocks = await odt.read(await fixture('report.odt'), 'report.odt');
    expect(blocks.map((b) => [b.text, b.context])).toEqual([
      ['Baltkrievijas opozīcija', 'heading'],
      // A note's body is its own block, listed before the paragraph it sits in; the paragraph keeps the note as one code.
      ['Tikšanās notika Minskā.', 'footnote'],
      ['Svetlana Tihanovska pirmdien tikās ar Eiropas Savienības ārlietu ministriem.', undefined],
      ['Ziņojums par protestiem.', 'endnote'],
      ['Viņa aicināja neatzīt rezultātus.', undefined],
      ['Protesti Minskā', 'text box'],
      ['Protesti\tMinskā\nun Viļņā.', undefined],
      // An image's title and description, then the list item (in a section) it sits in.
      ['Protesti Minskā', 'alt text'],
      ['Demonstranti pulcējās Minskā.', 'alt text'],
      ['Demonstranti pulcējās Minskā.', undefined],
      ['Minska', 'table'],
      ['Ziņojums par vēlēšanām', 'header'],
      // The space before the page number field is the field's: it stays in the block.
      ['Opozīcijas ziņojums ', 'footer'],
    ]);
    // Neither the comment ("Piezīme par Tihanovsku") nor the deleted text ("Lukašenko uzvaru") is a block.
    expect(blocks.some((b) => /Piezīme|Lukašenko/.test(b.text))).toBe(false);
  });

  it('keeps spans with their formatting, and notes, comments, change marks, fields, frames and whitespace as codes', async () => {
    const blocks = await odt.read(await fixture('report.odt'), 'report.odt');
    const body = blocks[2]!;
    expect(spanText(body, 'italic')).toBe('Tihanovska');
    expect(spanText(body, 'bold')).toBe('Eiropas Savienības');
    const note = body.tags.find((t) => t.type === 'note')!;
    expect(note.at).toBe(body.text.length);
    expect(note.data).toMatch(
      /^<text:note [^>]*text:note-class="footnote".*<text:p[^>]*>Tikšanās notika Minskā\.<\/text:p>.*<\/text:note>$/s,
    );
    expect(blocks[4]!.tags.map((t) => t.type)).toEqual(['change', 'comment', 'note']);
    expect(blocks[4]!.tags[1]!.data).toMatch(/^<office:annotation.*Piezīme par Tihanovsku.*<\/office:annotation>$/s);
    expect(blocks[6]!.tags.map((t) => [t.type, t.data.replace(/ .*/s, '')])).toEqual([
      ['bookmark', '<text:bookmark'],
      ['tab', '<text:tab/>'],
      ['break', '<text:line-break/>'],
      ['space', '<text:s/>'],
      ['image', '<draw:frame'],
    ]);
    // Inserted text (between change marks) is the document's text now: translated, the marks kept around it.
    expect(blocks[9]!.tags.map((t) => t.data.replace(/ .*/s, ''))).toEqual(['<text:change-start', '<text:change-end', '<draw:frame']);
    expect(blocks[9]!.text.slice(blocks[9]!.tags[0]!.at, blocks[9]!.tags[1]!.at)).toBe('pulcējās');
    const footer = blocks[12]!;
    expect(footer.tags).toMatchObject([{ kind: 'isolated', type: 'field', at: footer.text.length }]);
    expect(footer.tags[0]!.data).toMatch(/^<text:page-number[^>]*>1<\/text:page-number>$/);

    const pandoc = await odt.read(await fixture('pandoc.odt'), 'pandoc.odt');
    const link = pandoc.find((b) => b.text.startsWith('Viņa'))!;
    expect(spanText(link, 'link')).toBe('neatzīt');
    expect(link.tags[0]!.data).toContain('xlink:href="https://eu.example/x?a=1&amp;b=2"');
    expect(pandoc.map((b) => b.context)).toEqual([
      'heading',
      'footnote',
      undefined,
      undefined,
      undefined,
      undefined,
      'table',
      'table',
      'table',
    ]);
    const word = await odt.read(await fixture('word.odt'), 'word.odt');
    expect(word.map((b) => [b.text, b.context])).toEqual([
      ['Svetlana Tihanovska pirmdien tikās ar ministriem.', undefined],
      ['Minska', 'table'],
      ['Protesti Minskā', 'table'],
      ['Ziņojums par vēlēšanām', 'header'],
      ['Opozīcijas ziņojums', 'footer'],
    ]);
    expect(spanText(word[0]!, 'italic')).toBe('Tihanovska');
  });

  it('writes every entry back byte for byte when each block comes back as it was, mimetype first and stored', async () => {
    for (const name of ['report.odt', 'pandoc.odt', 'word.odt']) {
      const input = await fixture(name);
      const output = await rewrite(input);
      const [before, after] = [await entries(input), await entries(output)];
      expect([...after.keys()], name).toEqual([...before.keys()]);
      for (const [entry, bytes] of before) expect(after.get(entry)!.equals(bytes), `${name}: ${entry}`).toBe(true);
      await writeFile(join(dir, `same-${name}`), output);
      expect(await zipInfo(join(dir, `same-${name}`))).toEqual({ first: 'mimetype', stored: true, bad: null });
    }
  });

  it('puts mimetype first and stored even when the input had it last and deflated', async () => {
    const script =
      'import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1]) as zin, zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as zout:\n' +
      '    for info in sorted(zin.infolist(), key=lambda i: i.filename == "mimetype"):\n' +
      '        zout.writestr(info.filename, zin.read(info))\n';
    await run('/usr/bin/python3', ['-c', script, join(dir, 'report.odt'), join(dir, 'careless.odt')]);
    expect((await zipInfo(join(dir, 'careless.odt'))).first).not.toBe('mimetype');
    const careless = await fixture('careless.odt');
    expect(odt.sniff(careless)).toBe(false);
    expect(detectDocumentFormat('careless.odt', careless)?.name).toBe('odt');
    await writeFile(join(dir, 'careful.odt'), await rewrite(careless));
    expect(await zipInfo(join(dir, 'careful.odt'))).toEqual({ first: 'mimetype', stored: true, bad: null });
  });

  it('changes only the translated paragraphs, escaping their text, and LibreOffice reads what it wrote', async () => {
    const input = await fixture('report.odt');
    const output = await rewrite(input, (block) => ({ ...untranslated(block), text: block.text.replace('Minska', 'Minsk <&> "Rīga"') }));
    const [before, after] = [await entries(input), await entries(output)];
    for (const [entry, bytes] of before) if (entry !== 'content.xml') expect(after.get(entry)!.equals(bytes), entry).toBe(true);
    const content = after.get('content.xml')!.toString('utf8');
    expect(content).toContain('<text:p text:style-name="Standard">Minsk &lt;&amp;&gt; "Rīga"</text:p>');
    expect(content).toContain('Lukašenko uzvaru');
    await writeFile(join(dir, 'escaped.odt'), output);
    await soffice(['--convert-to', 'txt:Text (encoded):UTF8', '--outdir', 'escaped', 'escaped.odt']);
    expect(await readFile(join(dir, 'escaped', 'escaped.txt'), 'utf8')).toContain('Minsk <&> "Rīga"');
  });

  it('reads and writes a flat ODT (.fodt) the same way, byte for byte where nothing changes', async () => {
    const flat = await fixture('report.fodt');
    expect(fodt.sniff(flat)).toBe(true);
    expect(odt.sniff(flat)).toBe(false);
    expect(detectDocumentFormat('report.xml', flat)?.name).toBe('fodt');
    const blocks = await fodt.read(flat, 'report.fodt');
    // Master pages come before the body in one file: header and footer first.
    expect(blocks.map((b) => b.context)).toEqual([
      'header',
      'footer',
      'heading',
      'footnote',
      undefined,
      'endnote',
      undefined,
      'text box',
      undefined,
      'alt text',
      'alt text',
      undefined,
      'table',
    ]);
    expect(Buffer.from(await rewrite(flat, untranslated, fodt)).equals(Buffer.from(flat))).toBe(true);
    await expect(fodt.read(await fixture('macros.fodt'), 'macros.fodt')).rejects.toMatchObject({
      code: 'DOCUMENT_HAS_MACROS',
      message: expect.stringMatching(/Basic Module1/),
    });
  });

  it('refuses a damaged, an encrypted, a macro-carrying or a non-text package, saying what to do', async () => {
    const report = await fixture('report.odt');
    await expect(odt.read(await fixture('macros.odt'), 'macros.odt')).rejects.toMatchObject({
      code: 'DOCUMENT_HAS_MACROS',
      message: expect.stringMatching(/macros \(Basic\//),
      hint: expect.stringMatching(/Tools ▸ Macros/),
    });
    await expect(odt.read(report.subarray(0, report.length - 200), 'cut.odt')).rejects.toMatchObject({ code: 'DOCUMENT_DAMAGED' });
    // The nogui LibreOffice cannot save with a password from the command line: an encrypted package is one whose
    // manifest lists how each entry was encrypted, as LibreOffice writes it.
    const encrypted = await repack(report, 'META-INF/manifest.xml', (manifest) =>
      manifest.replace(
        /(<manifest:file-entry[^>]*manifest:full-path="content.xml"[^>]*?)\s*\/>/,
        '$1><manifest:encryption-data manifest:checksum-type="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k" manifest:checksum="AAAA"><manifest:algorithm manifest:algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc" manifest:initialisation-vector="AAAA"/></manifest:encryption-data></manifest:file-entry>',
      ),
    );
    await expect(odt.read(encrypted, 'secret.odt')).rejects.toMatchObject({
      code: 'DOCUMENT_ENCRYPTED',
      hint: expect.stringMatching(/password/),
    });
    const spreadsheet = await repack(report, 'mimetype', () => 'application/vnd.oasis.opendocument.spreadsheet');
    await expect(odt.read(spreadsheet, 'sheet.odt')).rejects.toMatchObject({
      code: 'INPUT_NOT_TEXT',
      message: expect.stringMatching(/spreadsheet/),
    });
    const broken = await repack(report, 'content.xml', (content) => content.replace('</office:text>', ''));
    await expect(odt.read(broken, 'broken.odt')).rejects.toMatchObject({ code: 'DOCUMENT_DAMAGED', message: /content\.xml/ });
  });
});

/** The package with one entry's text changed (Python's zipfile, keeping `mimetype` first and stored). */
async function repack(bytes: Uint8Array, name: string, change: (text: string) => string): Promise<Uint8Array> {
  const input = join(dir, 'repack-in.odt');
  const output = join(dir, 'repack-out.odt');
  const replacement = join(dir, 'repack-entry');
  await writeFile(input, bytes);
  const before = (await entries(bytes)).get(name)!.toString('utf8');
  await writeFile(replacement, change(before));
  const script =
    'import sys, zipfile\nsource, target, name, path = sys.argv[1:5]\n' +
    'with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:\n' +
    '    for info in zin.infolist():\n' +
    '        data = open(path, "rb").read() if info.filename == name else zin.read(info)\n' +
    '        zout.writestr(info, data, compress_type=info.compress_type)\n';
  await run('/usr/bin/python3', ['-c', script, input, output, name, replacement]);
  return new Uint8Array(await readFile(output));
}

describe.skipIf(missing.length > 0)(`an ODT through the pipeline (toy model)${skipped}`, () => {
  let lv2en: Lv2en;
  let outDir: string;
  let translated: Map<string, Buffer>;

  beforeAll(async () => {
    await makeFixtures();
    outDir = join(dir, 'out');
    lv2en = await createLv2en({ model: 'toy', memory: false });
    await lv2en.translateFile(join(dir, 'report.odt'), { outDir });
    await lv2en.translateFile(join(dir, 'pandoc.odt'), { outDir });
    await lv2en.translateFile(join(dir, 'report.fodt'), { outDir: join(dir, 'flat-out') });
    translated = await entries(new Uint8Array(await readFile(join(outDir, 'report.en.odt'))));
  });
  afterAll(() => lv2en?.close());

  it('writes report.en.odt beside the usual outputs, with every entry but the two text parts as it was', async () => {
    expect((await readdir(outDir)).filter((f) => f.startsWith('report.')).sort()).toEqual([
      'report.en.odt',
      'report.en.txt',
      'report.html',
      'report.jsonl',
      'report.provenance.json',
      'report.tsv',
    ]);
    const original = await entries(await fixture('report.odt'));
    expect([...translated.keys()]).toEqual([...original.keys()]);
    expect([...original.keys()].filter((name) => name.startsWith('Pictures/'))).toHaveLength(1);
    for (const [name, bytes] of original)
      if (name !== 'content.xml' && name !== 'styles.xml') expect(translated.get(name)!.equals(bytes), name).toBe(true);
    expect(await zipInfo(join(outDir, 'report.en.odt'))).toEqual({ first: 'mimetype', stored: true, bad: null });
  });

  it('keeps the emphasis on English words, the note, comment, fields and tracked changes intact', async () => {
    const original = await entries(await fixture('report.odt'));
    const content = translated.get('content.xml')!.toString('utf8');
    const italic = /<text:span text:style-name="Emphasis">([^<]*)<\/text:span>/.exec(content)?.[1];
    const bold = /<text:span text:style-name="T1">([^<]*)<\/text:span>/.exec(content)?.[1];
    expect(italic).toMatch(/^Ts?ikhanouskaya$/);
    expect(bold).toBe('European Union');
    expect(content).toMatch(
      /<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1<\/text:note-citation><text:note-body><text:p[^>]*>[^<]*Minsk[^<]*<\/text:p>/,
    );
    expect(content).toContain('Piezīme par Tihanovsku');
    const trackedChanges = (xml: string) => /<text:tracked-changes>.*<\/text:tracked-changes>/s.exec(xml)![0];
    expect(trackedChanges(content)).toBe(trackedChanges(original.get('content.xml')!.toString('utf8')));
    expect(trackedChanges(content)).toContain('<text:p text:style-name="Standard">Lukašenko uzvaru</text:p>');
    expect(content.match(/<text:change-(start|end) text:change-id="ct\d+"\/>/g)).toHaveLength(2);
    expect(content).not.toMatch(/Svetlana|pirmdien|Ziņojums par protestiem|Protesti/);
    expect(content).toMatch(/<svg:title>Protests in Minsk<\/svg:title><svg:desc>Demonstrators gathered in Minsk\.<\/svg:desc>/);
    const styles = translated.get('styles.xml')!.toString('utf8');
    expect(styles).toMatch(/<style:header><text:p[^>]*>Report[^<]*election<\/text:p><\/style:header>/i);
    expect(styles).toMatch(/<text:page-number text:select-page="current">1<\/text:page-number>/);
  });

  it('opens in LibreOffice with the English in the body, table, footnote and header', async () => {
    await soffice(['--convert-to', 'txt:Text (encoded):UTF8', '--outdir', 'read', join(outDir, 'report.en.odt')]);
    const text = await readFile(join(dir, 'read', 'report.en.txt'), 'utf8');
    expect(text).toMatch(/European Union foreign ministers/);
    expect(text).toMatch(/^Minsk\s*$/m);
    expect(text).not.toMatch(/Svetlana|pirmdien|Minska\b/);
    // Writer's text export leaves out headers and notes; its HTML export has them.
    await soffice(['--convert-to', 'html', '--outdir', 'read', join(outDir, 'report.en.odt')]);
    const html = (await readFile(join(dir, 'read', 'report.en.html'), 'utf8')).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
    expect(html).toMatch(/Report on the election/i);
    expect(html).toMatch(/took place in Minsk/);
    expect(html).not.toMatch(/Ziņojums|Tikšanās/);
  });

  it('is an ODT translate-toolkit reads, text box included', async () => {
    await run('odf2xliff', [join(outDir, 'report.en.odt'), join(dir, 'report.en.xlf')], { timeout: 120_000 });
    const xliff = await readFile(join(dir, 'report.en.xlf'), 'utf8');
    const sources = [...xliff.matchAll(/<source[^>]*>([\s\S]*?)<\/source>/g)].map((m) => m[1]!.replace(/<[^>]*>/g, ''));
    expect(sources.some((s) => /^Protests in Minsk$/.test(s))).toBe(true);
    expect(sources.some((s) => /European Union/.test(s))).toBe(true);
  });

  it('translates a flat ODT into one LibreOffice opens', async () => {
    const flat = await readFile(join(dir, 'flat-out', 'report.en.fodt'), 'utf8');
    expect(flat).toMatch(/<style:header><text:p>Report[^<]*election<\/text:p><\/style:header>/i);
    expect(flat).toContain('<text:p>Piezīme par Tihanovsku</text:p>');
    await soffice(['--convert-to', 'txt:Text (encoded):UTF8', '--outdir', 'flat-read', join(dir, 'flat-out', 'report.en.fodt')]);
    const text = await readFile(join(dir, 'flat-read', 'report.en.txt'), 'utf8');
    expect(text).toMatch(/European Union foreign ministers/);
    expect(text).not.toMatch(/Svetlana|pirmdien/);
  });

  it('translates a pandoc document: footnote, link, list and table', async () => {
    const content = (await entries(new Uint8Array(await readFile(join(outDir, 'pandoc.en.odt'))))).get('content.xml')!.toString('utf8');
    expect(content).toMatch(
      /<text:a xlink:type="simple" xlink:href="https:\/\/eu.example\/x\?a=1&amp;b=2" office:name=""><text:span text:style-name="Definition">[a-z ]+<\/text:span><\/text:a>/,
    );
    expect(content).toMatch(/<text:p text:style-name="Table_20_Contents">Minsk<\/text:p>/);
    expect(content).toMatch(/<text:note-body><text:p text:style-name="Footnote">[^<]*Minsk[^<]*<\/text:p>/);
    expect(content).not.toMatch(/Minskā|pulcējās/);
  });
});

const CONTENT_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ' +
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:xlink="http://www.w3.org/1999/xlink"><office:body><office:text>';
const CONTENT_TAIL = '</office:text></office:body></office:document-content>';

/**
 * What each paragraph shows, as ODF defines it: runs of whitespace are one
 * space, none at a paragraph's start or end; text:s is that many spaces that
 * never collapse into the text before them; each character keeps the spans around it; other elements
 * are opaque (with the text they hold outside paragraphs of their own), and
 * paragraphs inside them are listed after their own.
 */
function shown(xml: string): string[] {
  const parser = new SaxesParser({ xmlns: true });
  type Paragraph = { tokens: string[]; spans: string[]; soft: boolean; code: { token: string[]; depth: number } | null };
  const done: string[][] = [];
  const open: Paragraph[] = [];
  let depth = 0;
  const describe = (tag: { name: string; attributes: Record<string, { value: string }> }) =>
    `${tag.name}[${Object.entries(tag.attributes)
      .map(([k, v]) => `${k}=${v.value}`)
      .join(',')}]`;
  parser.on('opentag', (tag) => {
    depth++;
    const paragraph = open.at(-1);
    if ((tag.name === 'text:p' || tag.name === 'text:h') && (!paragraph || paragraph.code)) {
      const entry: Paragraph = { tokens: [], spans: [], soft: true, code: null };
      open.push(entry);
      done.push(entry.tokens);
      return;
    }
    if (!paragraph || paragraph.code) return;
    if ((tag.name === 'text:span' || tag.name === 'text:a') && !tag.isSelfClosing) paragraph.spans.push(describe(tag));
    else if (tag.name === 'text:s') {
      for (let i = 0; i < Number(tag.attributes['text:c']?.value ?? 1); i++) paragraph.tokens.push(`${paragraph.spans.join('/')}/S`);
      // Whitespace right after a text:s is folded into it by lv2en (LibreOffice and pandoc never write any there:
      // they count it in text:c), as next to a tab or a line break.
      paragraph.soft = true;
    } else {
      paragraph.code = { token: [describe(tag)], depth };
      paragraph.tokens.push('');
    }
  });
  parser.on('text', (text) => {
    const paragraph = open.at(-1);
    if (!paragraph) return;
    if (paragraph.code) return void paragraph.code.token.push(text);
    for (const c of text) {
      if (/[ \t\n\r]/.test(c)) {
        if (!paragraph.soft) paragraph.tokens.push(`${paragraph.spans.join('/')}/ `);
        paragraph.soft = true;
      } else {
        paragraph.tokens.push(`${paragraph.spans.join('/')}/${c}`);
        paragraph.soft = false;
      }
    }
  });
  parser.on('closetag', (tag) => {
    const paragraph = open.at(-1);
    if (paragraph?.code && paragraph.code.depth === depth) {
      paragraph.tokens[paragraph.tokens.lastIndexOf('')] = paragraph.code.token.join('');
      // Whitespace next to a tab or a line break is the code's (lv2en folds it in).
      if (/^text:(tab|line-break)\[/.test(paragraph.code.token[0]!)) {
        while (paragraph.tokens.at(-2)?.endsWith('/ ')) paragraph.tokens.splice(-2, 1);
        paragraph.soft = true;
      }
      paragraph.code = null;
    } else if (paragraph && !paragraph.code && (tag.name === 'text:p' || tag.name === 'text:h')) {
      while (paragraph.tokens.at(-1)?.endsWith('/ ')) paragraph.tokens.pop();
      open.pop();
    } else if (paragraph && !paragraph.code && (tag.name === 'text:span' || tag.name === 'text:a') && !tag.isSelfClosing)
      paragraph.spans.pop();
    depth--;
  });
  parser.write(xml).close();
  return done.map((tokens) => tokens.join('\u0000'));
}

describe('any paragraph content', () => {
  const text = fc.constantFrom('Rīga', ' ', '  ', 'un &amp; ', '&lt;', 'ā', '\n', 'Tihanovska. Viņa', '\t');
  const leaf = fc.oneof(
    text,
    fc.constantFrom(
      '<text:s/>',
      '<text:s text:c="3"/>',
      '<text:tab/>',
      '<text:line-break/>',
      '<text:bookmark text:name="b"/>',
      '<text:page-number text:select-page="current">1</text:page-number>',
      '<office:annotation><text:p>Piezīme  par <text:s/>to</text:p></office:annotation>',
      '<text:span text:style-name="T1"/>',
      '<!-- c -->',
    ),
  );
  const { inline } = fc.letrec<{ inline: string }>((tie) => ({
    inline: fc.oneof(
      { depthSize: 'small' },
      leaf,
      fc
        .tuple(fc.constantFrom('text:span text:style-name="T1"', 'text:a xlink:href="#x"'), fc.array(tie('inline'), { maxLength: 4 }))
        .map(([tag, children]) => `<${tag}>${children.join('')}</${tag.split(' ')[0]}>`),
      fc
        .array(tie('inline'), { maxLength: 4 })
        .map(
          (children) =>
            `<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>${children.join('')}</text:p></text:note-body></text:note>`,
        ),
    ),
  }));
  const paragraph = fc
    .tuple(fc.constantFrom('text:p', 'text:h'), fc.array(inline, { maxLength: 6 }))
    .map(([name, children]) => `<${name}>${children.join('')}</${name}>`);

  it('shows the same after a round trip in which every block comes back unchanged', () => {
    fc.assert(
      fc.property(fc.array(paragraph, { minLength: 1, maxLength: 4 }), (paragraphs) => {
        const source = CONTENT_HEAD + paragraphs.join('\n') + CONTENT_TAIL;
        const layout = readPart(source, 'x.odt', 'content.xml', new TextStyles());
        const written = writePart(source, layout, layout.blocks.map(untranslated));
        expect(shown(written)).toEqual(shown(source));
      }),
      { numRuns: 500 },
    );
  });
});
