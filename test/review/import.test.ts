import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create } from 'xmlbuilder2';
import { describe, expect, it } from 'vitest';
import { Lv2enError } from '../../src/core/errors.js';
import { reviewedInMemory, reviewKey } from '../../src/memory/reviewed.js';
import { importReviewFile, parseReviewFile, readReviewFile } from '../../src/review/import.js';
import { lookupOne } from '../helpers/reviewed.js';
import { hostileDocument, renderFormat, segment } from '../write/helpers.js';

const segments = [
  segment(1, 0, 'Tihanovska aicina Eiropu neatzīt Lukašenko uzvaru', 'Tsikhanouskaya urges Europe not to recognise Lukashenko victory'),
  segment(2, 1, 'Oficiāli viņš ieguva 80,1% balsu.', 'Officially he received 80,1% of the votes.', { flags: ['number-format:80,1%'] }),
  segment(3, 1, 'Kipra iebilst pret sankcijām.', 'Cyprus objects against sanctions.'),
  segment(4, 2, '20 Foto', '20 Foto', { kind: 'boilerplate', flags: ['boilerplate'] }),
];
const corrected = 'Officially he received 80.1% of the votes.';

/** Edits an XML file the way a CAT tool would: parse, change the DOM, serialise (xmlbuilder2 both ways). */
function editXml(xml: string, change: (root: DomElement) => void): string {
  const doc = create(xml);
  change(doc.root().node as unknown as DomElement);
  return doc.end({ prettyPrint: false });
}
interface DomElement {
  nodeType: number;
  localName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomElement>;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
}
function find(root: DomElement, test: (e: DomElement) => boolean): DomElement[] {
  const out: DomElement[] = [];
  const walk = (node: DomElement) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType !== 1) continue;
      if (test(child)) out.push(child);
      walk(child);
    }
  };
  walk(root);
  return out;
}
const unitOf = (root: DomElement, tag: string, idAttribute: string, id: string) =>
  find(root, (e) => e.localName === tag && e.getAttribute(idAttribute) === id)[0]!;
const first = (root: DomElement, tag: string) => find(root, (e) => e.localName === tag)[0]!;

describe('import from XLIFF 2', () => {
  const xlf = renderFormat('xlf', 'doc', segments);

  it('takes nothing from a file nobody touched', () => {
    const read = parseReviewFile(xlf, 'doc.xlf');
    expect(read).toMatchObject({
      format: 'xliff-2',
      document: 'doc',
      units: 4,
      reviewed: [],
      skipped: { unchanged: 3, notTranslatable: 1, empty: 0, unmarked: 0 },
    });
  });

  it('takes an edited target, found by the fingerprint of what lv2en wrote', () => {
    const edited = editXml(xlf, (root) => (first(unitOf(root, 'unit', 'id', '2'), 'target').textContent = corrected));
    const read = parseReviewFile(edited, 'out/doc.xlf');
    expect(read.reviewed).toEqual([{ source: 'Oficiāli viņš ieguva 80,1% balsu.', target: corrected, origin: 'doc.xlf#2' }]);
    expect(read.skipped.unchanged).toBe(2);
  });

  it('takes a target confirmed as reviewed or final without an edit', () => {
    const confirmed = editXml(xlf, (root) => {
      first(unitOf(root, 'unit', 'id', '1'), 'segment').setAttribute('state', 'reviewed');
      first(unitOf(root, 'unit', 'id', '3'), 'segment').setAttribute('state', 'final');
    });
    expect(parseReviewFile(confirmed, 'doc.xlf').reviewed.map((r) => r.origin)).toEqual(['doc.xlf#1', 'doc.xlf#3']);
  });

  it('takes every translated unit with `all`, never one marked translate="no"', () => {
    expect(parseReviewFile(xlf, 'doc.xlf', { all: true }).reviewed.map((r) => r.origin)).toEqual(['doc.xlf#1', 'doc.xlf#2', 'doc.xlf#3']);
  });

  it('reads units a CAT tool split into segments, with inline codes', () => {
    const foreign = `<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="lv" trgLang="en-GB">
  <file id="f"><unit id="u1">
    <segment state="final"><source>Kipra <pc id="1">iebilst</pc>.</source><target>Cyprus <pc id="1">objects</pc>.</target></segment>
    <ignorable><source> </source></ignorable>
    <segment state="reviewed"><source>Tab<cp hex="0009"/>šeit<ph id="2"/>.</source><target>Tab<cp hex="0009"/>here<ph id="2"/>.</target></segment>
  </unit>
  <unit id="u2"><segment state="translated"><source>Bez zīmes.</source><target>Unmarked.</target></segment></unit></file>
</xliff>`;
    const read = parseReviewFile(foreign, 'tool.xlf');
    expect(read.reviewed).toMatchObject([
      { source: 'Kipra iebilst. Tab\tšeit.', target: 'Cyprus objects. Tab\there.', origin: 'tool.xlf#u1' },
    ]);
    // The codes come along, ids linking the target's to the source's.
    const at = (tags: readonly { kind: string; id: string; at: number }[] | undefined) => tags?.map((t) => `${t.kind}:${t.id}@${t.at}`);
    expect(at(read.reviewed[0]!.sourceTags)).toEqual(['open:1@6', 'close:1@13', 'isolated:2@23']);
    expect(at(read.reviewed[0]!.targetTags)).toEqual(['open:1@7', 'close:1@14', 'isolated:2@24']);
    expect(read.skipped.unmarked).toBe(1);
  });
});

describe('import from XLIFF 1.2', () => {
  const xlf = renderFormat('v12.xlf', 'doc', segments);

  it('takes edits and approved units, not unchanged machine translations', () => {
    const edited = editXml(xlf, (root) => {
      first(unitOf(root, 'trans-unit', 'id', '2'), 'target').textContent = corrected;
      unitOf(root, 'trans-unit', 'id', '3').setAttribute('approved', 'yes');
    });
    const read = parseReviewFile(edited, 'doc.v12.xlf');
    expect(read.format).toBe('xliff-1.2');
    expect(read.reviewed.map((r) => [r.origin, r.target])).toEqual([
      ['doc.v12.xlf#2', corrected],
      ['doc.v12.xlf#3', 'Cyprus objects against sanctions.'],
    ]);
    expect(read.skipped).toEqual({ unchanged: 1, empty: 0, notTranslatable: 1, unmarked: 0 });
  });

  it('reads text through <g> and <mrk>, and leaves native code in <ph>/<x/> out', () => {
    const foreign = `<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="lv" datatype="plaintext"><body>
<trans-unit id="a"><source>Kipra <g id="1">iebilst</g><x id="2"/>.</source><target state="signed-off">Cyprus <g id="1">objects</g><ph id="3">&lt;br/&gt;</ph><mrk mtype="term">.</mrk></target></trans-unit>
<trans-unit id="b"><source>Tukšs.</source><target state="final"></target></trans-unit>
<trans-unit id="c" approved="yes"><source><g id="1">Divi</g> <g id="2">vārdi</g></source><target><g id="1">Two</g> <g id="2">words</g></target></trans-unit>
</body></file></xliff>`;
    const read = parseReviewFile(foreign, 'tool.xlf');
    expect(read.reviewed).toMatchObject([
      { source: 'Kipra iebilst.', target: 'Cyprus objects.', origin: 'tool.xlf#a' },
      { source: 'Divi vārdi', target: 'Two words', origin: 'tool.xlf#c' },
    ]);
    expect(read.reviewed[0]!.targetTags?.map((t) => `${t.kind}:${t.type}`)).toEqual([
      'open:format',
      'close:format',
      'isolated:other',
      'open:other',
      'close:other',
    ]);
    expect(read.skipped.empty).toBe(1);
  });
});

describe('import from TMX', () => {
  const tmx = renderFormat('tmx', 'doc', segments);

  it('takes an edited target and skips boilerplate', () => {
    const edited = editXml(tmx, (root) => {
      const tu = unitOf(root, 'tu', 'tuid', '2');
      const en = find(tu, (e) => e.localName === 'tuv' && e.getAttribute('xml:lang') === 'en')[0]!;
      first(en, 'seg').textContent = corrected;
    });
    const read = parseReviewFile(edited, 'doc.tmx');
    expect(read).toMatchObject({ format: 'tmx', document: 'doc', units: 4, skipped: { unchanged: 2, notTranslatable: 1 } });
    expect(read.reviewed.map((r) => r.target)).toEqual([corrected]);
  });

  it('takes a whole TMX another tool exported, with a DOCTYPE and regional language codes', () => {
    const foreign = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4"><header creationtool="X" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en-US" srclang="lv-LV" datatype="plaintext"/>
<body>
  <tu><tuv xml:lang="LV-LV"><seg>Kipra iebilst.</seg></tuv><tuv xml:lang="EN-GB"><seg>Cyprus <hi>objects</hi><ph>{1}</ph>.</seg></tuv></tu>
  <tu><tuv xml:lang="lv"><seg>Tikai avots.</seg></tuv></tu>
</body></tmx>`;
    const read = parseReviewFile(foreign, 'memoq.tmx');
    expect(read.reviewed).toEqual([{ source: 'Kipra iebilst.', target: 'Cyprus objects.', origin: 'memoq.tmx#1' }]);
    expect(read.skipped.empty).toBe(1);
  });
});

describe('import from the review page export', () => {
  const edits = (segmentsOut: unknown[]) =>
    JSON.stringify({
      format: 'lv2en-review-edits',
      version: 1,
      document: 'doc',
      exportedAt: '2026-01-01T00:00:00Z',
      segments: segmentsOut,
    });

  it('takes every exported segment as reviewed', () => {
    const read = parseReviewFile(
      edits([
        { id: '2', source: 'Oficiāli viņš ieguva 80,1% balsu.', target: corrected, machineTarget: 'x', edited: true },
        { id: '3', source: 'Kipra iebilst pret sankcijām.', target: 'Cyprus objects to the sanctions.', machineTarget: 'x', edited: true },
        { id: '5', source: 'Tukšs.', target: ' ', machineTarget: null, edited: true },
      ]),
      'doc.edits.json',
    );
    expect(read).toMatchObject({ format: 'edits', document: 'doc', units: 3, skipped: { empty: 1 } });
    expect(read.reviewed.map((r) => r.origin)).toEqual(['doc.edits.json#2', 'doc.edits.json#3']);
  });

  it('refuses a file of another shape, saying what is wrong', () => {
    expect(() => parseReviewFile('{"format":"other"}', 'x.json')).toThrow(/not a review page edits file: "format" is "other"/);
    expect(() => parseReviewFile(edits([{ id: 1, source: 'a', target: 'b' }]), 'x.json')).toThrow(/segments\[0\]\.id is not a string/);
    expect(() => parseReviewFile('{"format":', 'x.json')).toThrow(/not valid JSON/);
  });

  it("reads a document sentence's codes with it, and refuses codes that are not offsets into their text", () => {
    const bold = (at: number, end: number) => [
      { kind: 'open', id: '1', at, type: 'bold' },
      { kind: 'close', id: '1', at: end, type: 'bold' },
    ];
    const read = parseReviewFile(
      edits([{ id: '4', source: 'Kipra iebilst.', target: 'Cyprus objects.', sourceTags: bold(0, 5), targetTags: bold(0, 6) }]),
      'doc.edits.json',
    );
    expect(read.reviewed[0]).toMatchObject({
      source: 'Kipra iebilst.',
      sourceTags: [
        { kind: 'open', at: 0 },
        { kind: 'close', at: 5 },
      ],
      targetTags: [
        { kind: 'open', at: 0 },
        { kind: 'close', at: 6 },
      ],
    });
    expect(() =>
      parseReviewFile(edits([{ id: '4', source: 'Kipra.', target: 'Cyprus.', sourceTags: bold(0, 5), targetTags: bold(0, 60) }]), 'x.json'),
    ).toThrow(/segments\[0\]\.targetTags\[1\]\.at is not an offset into the text/);
    expect(() =>
      parseReviewFile(edits([{ id: '4', source: 'Kipra.', target: 'Cyprus.', sourceTags: [{ kind: 'span' }] }]), 'x.json'),
    ).toThrow(/sourceTags\[0\] is not an inline code/);
  });
});

describe('damaged and foreign files', () => {
  const xlf = renderFormat('xlf', 'doc', segments);

  it('refuses a file cut short, before storing anything, with where it broke', () => {
    const cut = xlf.slice(0, xlf.indexOf(corrected.slice(0, 10)) > 0 ? xlf.indexOf('80,1% of') : xlf.length / 2);
    let error: unknown;
    try {
      parseReviewFile(cut, 'doc.xlf');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Lv2enError);
    expect((error as Lv2enError).message).toMatch(/^not well-formed XML: element <target> is not closed/);
    expect((error as Lv2enError).location.line).toBeGreaterThan(1);
  });

  it('refuses mismatched tags and bare ampersands that xmlbuilder2 would let through', () => {
    expect(() => parseReviewFile('<xliff version="2.1"><file><unit id="1"></file></xliff>', 'a.xlf')).toThrow(
      /not well-formed XML: <\/file> closes <unit>/,
    );
    expect(() => parseReviewFile('<tmx version="1.4"><body>a & b</body></tmx>', 'a.tmx')).toThrow(/not well-formed XML/);
  });

  it('refuses what it cannot read', () => {
    expect(() => parseReviewFile('<html><body/></html>', 'page.html')).toThrow(/not a file lv2en can import/);
    expect(() => parseReviewFile('id\tsource\ttarget\n', 'doc.tsv')).toThrow(/not a file lv2en can import/);
  });

  it('refuses a file that is not UTF-8, and names a missing one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lv2en-import-'));
    await writeFile(join(dir, 'latin1.tmx'), Buffer.from([0x3c, 0x61, 0x3e, 0xe9, 0x3c, 0x2f, 0x61, 0x3e]));
    await expect(readReviewFile(join(dir, 'latin1.tmx'))).rejects.toThrow(/not UTF-8/);
    await expect(readReviewFile(join(dir, 'missing.xlf'))).rejects.toThrow(/does not exist/);
  });
});

describe('hostile text survives the round trip to the memory key', () => {
  it.each(['xlf', 'v12.xlf', 'tmx'])('%s: every source read back has the key of the sentence it came from', (format) => {
    const hostile = hostileDocument();
    const read = parseReviewFile(renderFormat(format, 'doc', hostile), `doc.${format}`, { all: true });
    const translated = hostile.filter((s) => s.kind === 'sentence' && s.target !== null);
    expect(read.reviewed.map((r) => reviewKey(r.source))).toEqual(translated.map((s) => reviewKey(s.source)));
    expect(read.reviewed[1]!.source).toContain('& &amp; &lt;i&gt; &#38; ]]>');
  });
});

describe('characters XML forbids', () => {
  const bell = [segment(1, 0, 'Zvans\u0007 un NUL\u0000, \uFFFE, \uD800.', 'Bell\u0007 and NUL\u0000, \uFFFE, \uD800.')];

  it('come back from XLIFF 2 exactly as they went out (<cp hex>)', () => {
    const xlf = renderFormat('xlf', 'doc', bell);
    expect(xlf).toContain('Zvans<cp hex="0007"/> un NUL<cp hex="0000"/>, <cp hex="FFFE"/>, <cp hex="D800"/>.');
    expect(parseReviewFile(xlf, 'doc.xlf', { all: true }).reviewed).toEqual([
      { source: bell[0]!.source, target: bell[0]!.target, origin: 'doc.xlf#1' },
    ]);
  });

  it('are dropped by XLIFF 1.2 and TMX, which cannot hold them, under the same memory key', () => {
    for (const format of ['v12.xlf', 'tmx']) {
      const [read] = parseReviewFile(renderFormat(format, 'doc', bell), `doc.${format}`, { all: true }).reviewed;
      expect(read!.source, format).toBe('Zvans un NUL, , .');
      expect(reviewKey(read!.source), format).toBe(reviewKey(bell[0]!.source));
    }
  });

  it('an untouched XLIFF 2 target with them is still the machine translation lv2en wrote', () => {
    const read = parseReviewFile(renderFormat('xlf', 'doc', bell), 'doc.xlf');
    expect(read.skipped.unchanged).toBe(1);
  });
});

describe('storing', () => {
  it('stores into the memory and reports what changed; a dry run stores nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lv2en-import-'));
    const path = join(dir, 'doc.xlf');
    await writeFile(path, renderFormat('xlf', 'doc', segments));
    const memory = reviewedInMemory();
    expect((await importReviewFile(path, memory, { all: true })).stored).toEqual({ added: 3, updated: 0, unchanged: 0 });
    expect((await importReviewFile(path, memory, { all: true })).stored).toEqual({ added: 0, updated: 0, unchanged: 3 });
    expect(lookupOne(memory, '  Kipra iebilst   pret sankcijām. ')).toBe('Cyprus objects against sanctions.');
    expect((await importReviewFile(path, null, { all: true })).stored).toBeNull();
  });
});
