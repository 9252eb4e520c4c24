import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanXml } from '../../src/formats/document/xml-scan.js';
import type { DocumentBlock, TranslatedBlock } from '../../src/formats/document/index.js';
import { untranslated } from '../../src/formats/document/index.js';
import { docx } from '../../src/formats/docx/index.js';
import { ZipArchive, ZipWriter } from '../../src/formats/office/zip.js';

/**
 * The Word reader and writer on paragraphs as Word writes them but python-docx
 * cannot make: content controls, smart tags, a table of contents whose field
 * runs over several paragraphs, nested fields, endnotes. The documents are
 * built from their XML here; test/formats/docx.test.ts checks real tools read
 * what lv2en writes.
 */

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

async function makeDocx(body: string, endnotes?: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const zip = new ZipWriter({ write: async (c) => void chunks.push(Buffer.from(c)) });
  const modified = new Date('2020-09-14T10:00:00Z');
  const add = (name: string, text: string) => zip.add({ name, modified, stored: false }, text);
  add(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  add(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`,
  );
  add(
    'word/_rels/document.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${endnotes ? `<Relationship Id="rId5" Type="${REL}/endnotes" Target="/word/endnotes.xml"/>` : ''}</Relationships>`,
  );
  add(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${W} ${R}><w:body>${body}<w:sectPr/></w:body></w:document>`,
  );
  if (endnotes) add('word/endnotes.xml', `<?xml version="1.0" encoding="UTF-8"?><w:endnotes ${W}>${endnotes}</w:endnotes>`);
  await zip.finish();
  return Buffer.concat(chunks);
}

/** Reads, translates each block with `translate` and writes; the blocks, the warnings and the written parts. */
async function roundTrip(bytes: Uint8Array, translate: (block: DocumentBlock) => TranslatedBlock = untranslated) {
  const warnings: string[] = [];
  const blocks = await docx.read(bytes, 'test.docx', { warn: (m) => warnings.push(m) });
  let i = 0;
  const chunks: Buffer[] = [];
  await docx.write(
    bytes,
    { next: async () => translate(blocks[i++]!) },
    { write: async (c) => void chunks.push(Buffer.from(c)) },
    'test.docx',
  );
  expect(i).toBe(blocks.length);
  const archive = await ZipArchive.open(Buffer.concat(chunks), 'out.docx', 'Word document');
  const part = async (name: string) => archive.text(name);
  const document = await part('word/document.xml');
  const endnotes = archive.has('word/endnotes.xml') ? await part('word/endnotes.xml') : '';
  archive.close();
  return { blocks, warnings, document, endnotes };
}

const upper = (block: DocumentBlock): TranslatedBlock => ({ text: block.text.toUpperCase(), tags: block.tags });
const shape = (block: DocumentBlock) => block.tags.map((t) => `${t.kind[0]}:${t.type}@${t.at}`).join(' ');
const run = (text: string, properties = '') => `<w:r>${properties}<w:t xml:space="preserve">${text}</w:t></w:r>`;
const fieldRuns = (instruction: string, result: string) =>
  `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">${instruction}</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${run(result)}<w:r><w:fldChar w:fldCharType="end"/></w:r>`;

describe('Word paragraphs the way Word writes them', () => {
  it('reads a content control and a smart tag as spans, writing their properties back as they were', async () => {
    const paragraph =
      '<w:p><w:sdt><w:sdtPr><w:alias w:val="Vieta"/><w:id w:val="5"/></w:sdtPr><w:sdtContent>' +
      run('Rīga') +
      '</w:sdtContent></w:sdt><w:smartTag w:uri="urn:x" w:element="place"><w:smartTagPr><w:attr w:name="a" w:val="b"/></w:smartTagPr>' +
      run(' un Minska') +
      '</w:smartTag></w:p>';
    const { blocks, document } = await roundTrip(await makeDocx(paragraph), upper);
    expect(blocks.map((b) => [b.text, shape(b)])).toEqual([['Rīga un Minska', 'o:other@0 c:other@4 o:other@4 c:other@14']]);
    expect(document).toContain(
      '<w:p><w:sdt><w:sdtPr><w:alias w:val="Vieta"/><w:id w:val="5"/></w:sdtPr><w:sdtContent><w:r><w:t>RĪGA</w:t></w:r></w:sdtContent></w:sdt>' +
        '<w:smartTag w:uri="urn:x" w:element="place"><w:smartTagPr><w:attr w:name="a" w:val="b"/></w:smartTagPr><w:r><w:t xml:space="preserve"> UN MINSKA</w:t></w:r></w:smartTag></w:p>',
    );
  });

  it('reads a table of contents whose field runs over several paragraphs: the instruction and the end are codes, the entries text', async () => {
    const entry = (title: string, page: string, anchor: string) =>
      `<w:hyperlink w:anchor="${anchor}">${run(title)}<w:r><w:tab/></w:r>${fieldRuns(` PAGEREF ${anchor} \\h `, page)}</w:hyperlink>`;
    const body =
      '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr><w:sdtContent>' +
      `<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${entry('Baltkrievijas opozīcija', '1', '_Toc1')}</w:p>` +
      `<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr>${entry('Kremlis', '2', '_Toc2')}</w:p>` +
      `<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>` +
      '</w:sdtContent></w:sdt>';
    const { blocks, document, warnings } = await roundTrip(await makeDocx(body), upper);
    expect(warnings).toEqual([]);
    expect(blocks.map((b) => [b.text, shape(b)])).toEqual([
      ['Baltkrievijas opozīcija\t1', 'i:field@0 o:link@0 i:tab@23 o:field@24 c:field@25 c:link@25'],
      ['Kremlis\t2', 'o:link@0 i:tab@7 o:field@8 c:field@9 c:link@9'],
    ]);
    expect(document).toContain(
      '<w:pPr><w:pStyle w:val="TOC1"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>' +
        '<w:hyperlink w:anchor="_Toc1"><w:r><w:t>BALTKRIEVIJAS OPOZĪCIJA</w:t></w:r><w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGEREF _Toc1 \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink></w:p>',
    );
    expect(document).toContain('<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:sdtContent></w:sdt>');
  });

  it('keeps a field nested in another field instruction inside that instruction', async () => {
    const paragraph =
      `<w:p>${run('Sveiki, ')}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> IF </w:instrText></w:r>` +
      `${fieldRuns(' MERGEFIELD Vārds ', '«Vārds»')}<w:r><w:instrText xml:space="preserve"> = "Rīga" "Minska" </w:instrText></w:r>` +
      `<w:r><w:fldChar w:fldCharType="separate"/></w:r>${run('Minska')}<w:r><w:fldChar w:fldCharType="end"/></w:r>${run('!')}</w:p>`;
    const { blocks, document } = await roundTrip(await makeDocx(paragraph), upper);
    expect(blocks.map((b) => [b.text, shape(b)])).toEqual([['Sveiki, Minska!', 'o:field@8 c:field@14']]);
    expect(document).toContain('<w:instrText xml:space="preserve"> MERGEFIELD Vārds </w:instrText>');
    expect(document).toContain('<w:t xml:space="preserve">«Vārds»</w:t>');
    expect(document).toContain('<w:t>MINSKA</w:t>');
  });

  it('leaves a paragraph alone, with a warning, when a field instruction runs on into the next one', async () => {
    const body =
      `<w:p>${run('Rīga ')}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>REF </w:instrText></w:r></w:p>` +
      `<w:p><w:r><w:instrText>Rīga</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${run('Minska')}<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>` +
      `<w:p>${run('Viļņa')}</w:p>`;
    const { blocks, document, warnings } = await roundTrip(await makeDocx(body), upper);
    expect(blocks.map((b) => b.text)).toEqual(['Viļņa']);
    expect(warnings).toEqual([
      expect.stringMatching(/word\/document\.xml, line 2: a field instruction goes on into the next paragraph/),
      expect.stringMatching(/a field instruction starts in an earlier paragraph/),
    ]);
    expect(document).toContain(`<w:p>${run('Rīga ')}`);
    expect(document).toContain('<w:p><w:r><w:t>VIĻŅA</w:t></w:r></w:p>');
  });

  it('reads endnotes, and copies a part whose paragraphs hold nothing to translate', async () => {
    const endnotes =
      '<w:endnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:endnote>' +
      `<w:endnote w:id="1"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:endnoteRef/></w:r>${run(' Minska')}</w:p></w:endnote>`;
    const body = `<w:p>${run('Rīga')}<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:endnoteReference w:id="1"/></w:r></w:p><w:p>${run('100 000')}</w:p>`;
    const { blocks, endnotes: written } = await roundTrip(await makeDocx(body, endnotes), upper);
    expect(blocks.map((b) => [b.text, b.context, shape(b)])).toEqual([
      ['Rīga', undefined, 'i:note@4'],
      [' Minska', 'endnote', 'i:note@0'],
    ]);
    expect(written).toContain(
      '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:endnoteRef/></w:r><w:r><w:t xml:space="preserve"> MINSKA</w:t></w:r>',
    );
  });

  it('takes the formatting of most of the text as plain, so a mostly bold paragraph has its one plain word as the span', async () => {
    const bold = '<w:rPr><w:b/><w:color w:val="FF0000"/></w:rPr>';
    const paragraph = `<w:p>${run('Tihanovska aicina ', bold)}${run('Eiropu')}${run(' neatzīt &amp; <rezultātus>', bold.replace('<w:rPr>', '<w:rPr w:rsidR="1">'))}</w:p>`;
    const { blocks, document } = await roundTrip(await makeDocx(paragraph.replace('<rezultātus>', '&lt;rezultātus&gt;')), upper);
    expect(blocks.map((b) => [b.text, shape(b)])).toEqual([['Tihanovska aicina Eiropu neatzīt & <rezultātus>', 'o:format@18 c:format@24']]);
    expect(blocks[0]!.tags[0]!.data).toBe('');
    expect(document).toContain(
      `<w:r>${bold}<w:t xml:space="preserve">TIHANOVSKA AICINA </w:t></w:r><w:r><w:t>EIROPU</w:t></w:r><w:r>${bold}<w:t xml:space="preserve"> NEATZĪT &amp; &lt;REZULTĀTUS&gt;</w:t></w:r>`,
    );
  });

  it('translates a text box standing alone, and both branches when its fallback copy says something else', async () => {
    const box = (text: string) => `<w:txbxContent><w:p>${run(text)}</w:p></w:txbxContent>`;
    const paragraph =
      '<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps">' +
      `<w:drawing><wps:txbx xmlns:wps="urn:wps">${box('Rīga')}</wps:txbx></w:drawing></mc:Choice>` +
      `<mc:Fallback><w:pict><v:textbox xmlns:v="urn:schemas-microsoft-com:vml">${box('Minska')}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`;
    const { blocks, document } = await roundTrip(await makeDocx(paragraph), upper);
    expect(blocks.map((b) => [b.text, b.context])).toEqual([
      ['Rīga', 'text box'],
      ['Minska', 'text box'],
    ]);
    expect(document).toContain(`<wps:txbx xmlns:wps="urn:wps"><w:txbxContent><w:p><w:r><w:t>RĪGA</w:t></w:r></w:p></w:txbxContent>`);
    expect(document).toContain(
      `<v:textbox xmlns:v="urn:schemas-microsoft-com:vml"><w:txbxContent><w:p><w:r><w:t>MINSKA</w:t></w:r></w:p></w:txbxContent>`,
    );
  });

  it('writes a hyperlink or an insertion that a sentence boundary cut in two once, as it was', async () => {
    const paragraph = `<w:p>${run('Rīga. ')}<w:hyperlink r:id="rId9">${run('Minska. Viļņa')}</w:hyperlink>${run('.')}</w:p>`;
    const { blocks, document } = await roundTrip(await makeDocx(paragraph), (block) => ({
      text: 'Riga. Minsk. Vilnius.',
      // As the tags stage hands them over: the link closed at the end of "Minsk." and reopened before "Vilnius".
      tags: [
        { ...block.tags[0]!, at: 6 },
        { ...block.tags[1]!, at: 12, split: true },
        { ...block.tags[0]!, at: 13, split: true },
        { ...block.tags[1]!, at: 20 },
      ],
    }));
    expect(shape(blocks[0]!)).toBe('o:link@6 c:link@19');
    expect(document).toContain(
      '<w:p><w:r><w:t xml:space="preserve">Riga. </w:t></w:r><w:hyperlink r:id="rId9"><w:r><w:t>Minsk. Vilnius</w:t></w:r></w:hyperlink><w:r><w:t>.</w:t></w:r></w:p>',
    );
  });
});

/** Each paragraph's characters with what a reader sees of them: bold, italic, inside a link; bookmarks as they stand. */
function characters(xml: string): string[][] {
  const paragraphs: string[][] = [];
  let current: string[] = [];
  let bold = false;
  let italic = false;
  let properties = false;
  let text = false;
  let links = 0;
  const mark = (c: string) => current.push(`${c}|${bold ? 'b' : ''}${italic ? 'i' : ''}${links > 0 ? 'a' : ''}`);
  scanXml(xml, { file: 'document.xml' }, (event) => {
    if (event.type === 'text' && text) for (const c of event.text) mark(c);
    if (event.type === 'close') {
      if (event.name === 'w:rPr') properties = false;
      if (event.name === 'w:t') text = false;
      if (event.name === 'w:hyperlink') links--;
      if (event.name === 'w:p') paragraphs.push(current);
    }
    if (event.type !== 'open') return;
    if (event.name === 'w:p') current = [];
    else if (event.name === 'w:r') bold = italic = false;
    else if (event.name === 'w:rPr') properties = true;
    else if (event.name === 'w:b' && properties) bold = true;
    else if (event.name === 'w:i' && properties) italic = true;
    else if (event.name === 'w:t') text = true;
    else if (event.name === 'w:tab') mark('\t');
    else if (event.name === 'w:br') mark('\n');
    else if (event.name === 'w:hyperlink' && !event.selfClosing) links++;
    else if (event.name === 'w:bookmarkStart') current.push('[bookmark]');
  });
  return paragraphs;
}

/**
 * Spaces right beside a tab or a line break left out: a code standing for
 * whitespace takes the spaces next to it (blockPieces drops them, so that a
 * translation's own space there is not doubled).
 */
const besideCodes = (paragraphs: string[][]) =>
  paragraphs.map((chars) =>
    chars.filter((c, i) => {
      if (!c.startsWith(' |')) return true;
      const code = (k: number) => chars[k]?.startsWith('\t|') || chars[k]?.startsWith('\n|');
      let k = i;
      while (chars[k - 1]?.startsWith(' |')) k--;
      let m = i;
      while (chars[m + 1]?.startsWith(' |')) m++;
      return !code(k - 1) && !code(m + 1);
    }),
  );

describe('Word paragraphs of any runs', () => {
  const piece = fc.record({
    text: fc.stringMatching(/^[a-zāēš ]{1,6}$/),
    bold: fc.boolean(),
    italic: fc.boolean(),
    rsid: fc.boolean(),
    language: fc.boolean(),
    proofing: fc.boolean(),
    link: fc.boolean(),
    code: fc.constantFrom(null, 'tab', 'br', 'bookmark'),
  });
  type Piece = typeof piece extends fc.Arbitrary<infer T> ? T : never;
  const paragraphXml = (pieces: Piece[][]) =>
    pieces
      .map((runs, p) => {
        const content = runs.map((r, k) => {
          const properties = `${r.bold ? '<w:b/>' : ''}${r.italic ? '<w:i/>' : ''}${r.language ? '<w:lang w:val="lv-LV"/>' : ''}`;
          const start = r.rsid ? `<w:r w:rsidR="00${p}${k}">` : '<w:r>';
          const code =
            r.code === 'tab'
              ? `${start}<w:tab/></w:r>`
              : r.code === 'br'
                ? '<w:r><w:br/></w:r>'
                : r.code === 'bookmark'
                  ? `<w:bookmarkStart w:id="${p}${k}" w:name="b${p}${k}"/>`
                  : '';
          const run = `${start}${properties ? `<w:rPr>${properties}</w:rPr>` : ''}<w:t xml:space="preserve">${r.text}</w:t></w:r>`;
          return `${r.proofing ? '<w:proofErr w:type="spellStart"/>' : ''}${code}${r.link ? `<w:hyperlink w:anchor="x">${run}</w:hyperlink>` : run}`;
        });
        return `<w:p><w:pPr><w:jc w:val="left"/></w:pPr>${content.join('')}</w:p>`;
      })
      .join('');

  it('writes every character back with its bold, italics and link when nothing is translated', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(piece, { minLength: 1, maxLength: 7 }), { minLength: 1, maxLength: 4 }), async (pieces) => {
        const body = paragraphXml(pieces);
        const { document } = await roundTrip(await makeDocx(body));
        const original = `<w:document ${W} ${R}><w:body>${body}<w:sectPr/></w:body></w:document>`;
        expect(besideCodes(characters(document))).toEqual(besideCodes(characters(original)));
        // The paragraphs' properties stay where they were.
        expect(document.match(/<w:pPr>.*?<\/w:pPr>/g)?.length).toBe(pieces.length);
      }),
      { numRuns: 150 },
    );
  });
});
