import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Segment } from '../../src/core/segment-record.js';
import { LV2EN_VERSION } from '../../src/core/version.js';
import { checkWellFormed } from '../../src/formats/xml-check.js';
import { checkFormats, DEFAULT_FORMATS, outputFormats } from '../../src/formats/index.js';
import { loadPipeline } from '../../src/pipeline/definition.js';
import { isXmlSafe, xmlText } from '../../src/formats/xml.js';
import { descendantsOf, elementsOf, hostileDocument, parseXml, renderFormat, segment } from './helpers.js';

const XLIFF2 = 'urn:oasis:names:tc:xliff:document:2.0';
const XLIFF12 = 'urn:oasis:names:tc:xliff:document:1.2';
const segments = hostileDocument();
const ids = segments.map((s) => s.id);
const xmlFormats = ['tmx', 'xlf', 'v12.xlf'] as const;
const name = 'doc<&>"\u0001name';

describe('format registry', () => {
  it('has the one default output list, the one the shipped pipeline file names', async () => {
    expect(DEFAULT_FORMATS).toEqual(['jsonl', 'tsv', 'txt', 'html']);
    expect((await loadPipeline()).outputs).toEqual(DEFAULT_FORMATS);
    checkFormats(DEFAULT_FORMATS);
    const dir = await mkdtemp(join(tmpdir(), 'lv2en-pipeline-'));
    await writeFile(join(dir, 'no-outputs.yaml'), 'stages: [ingest, segment, translate, write]\n');
    expect((await loadPipeline(join(dir, 'no-outputs.yaml'))).outputs).toEqual(DEFAULT_FORMATS);
  });

  it('offers every format --format accepts, with its suffix', () => {
    expect(() => checkFormats(['tsv', 'jsonl', 'txt', 'tmx', 'xlf', 'v12.xlf', 'html'])).not.toThrow();
    expect(Object.fromEntries(Object.entries(outputFormats).map(([k, f]) => [k, f.suffix]))).toMatchObject({
      tmx: '.tmx',
      xlf: '.xlf',
      'v12.xlf': '.v12.xlf',
      html: '.html',
    });
  });
});

describe.each(xmlFormats)('%s output', (format) => {
  const xml = renderFormat(format, name, segments);

  it('is well-formed whatever the text held', () => {
    expect(checkWellFormed(xml)).toBeNull();
    expect(isXmlSafe(xml)).toBe(true);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(xml).not.toContain('<script>');
    expect(xml).not.toMatch(/]]>/);
  });

  it('is the same streamed in chunks that split a paragraph as in one piece', () => {
    expect(renderFormat(format, name, segments, [2, 1, 1])).toBe(xml);
    expect(renderFormat(format, name, segments, [1, 1, 1, 1, 1, 1, 1])).toBe(xml);
  });

  it('is well-formed for an empty document', () => {
    const empty = renderFormat(format, 'empty', []);
    expect(checkWellFormed(empty)).toBeNull();
  });
});

describe('TMX 1.4b', () => {
  const root = parseXml(renderFormat('tmx', name, segments));
  const tus = descendantsOf(root, 'tu');

  it('has the header TMX 1.4b asks for', () => {
    expect(root.localName).toBe('tmx');
    expect(root.getAttribute('version')).toBe('1.4');
    const header = elementsOf(root, 'header')[0]!;
    expect({
      creationtool: header.getAttribute('creationtool'),
      creationtoolversion: header.getAttribute('creationtoolversion'),
      segtype: header.getAttribute('segtype'),
      'o-tmf': header.getAttribute('o-tmf'),
      adminlang: header.getAttribute('adminlang'),
      srclang: header.getAttribute('srclang'),
      datatype: header.getAttribute('datatype'),
    }).toEqual({
      creationtool: 'lv2en',
      creationtoolversion: LV2EN_VERSION,
      segtype: 'sentence',
      'o-tmf': 'lv2en',
      adminlang: 'en',
      srclang: 'lv',
      datatype: 'plaintext',
    });
  });

  it('has one tu per segment, tuid = segment id, in order', () => {
    expect(tus.map((tu) => tu.getAttribute('tuid'))).toEqual(ids);
  });

  it('has a Latvian and an English tuv holding the text as written (minus what XML forbids)', () => {
    tus.forEach((tu, i) => {
      const s = segments[i]!;
      const tuvs = elementsOf(tu, 'tuv');
      expect(tuvs.map((t) => t.getAttribute('xml:lang'))).toEqual(s.target === null ? ['lv'] : ['lv', 'en']);
      expect(elementsOf(tuvs[0]!, 'seg')[0]!.textContent).toBe(xmlText(s.source));
      if (s.target !== null) expect(elementsOf(tuvs[1]!, 'seg')[0]!.textContent).toBe(xmlText(s.target));
    });
    expect(xmlText('a\u0000b\uD800c\r\nd😀')).toBe('abc\nd😀');
  });

  it('puts each flag in a prop, with the status', () => {
    tus.forEach((tu, i) => {
      const props = elementsOf(tu, 'prop');
      expect(props.filter((p) => p.getAttribute('type') === 'x-lv2en-flag').map((p) => p.textContent)).toEqual(
        segments[i]!.flags.map(xmlText),
      );
    });
    const status = (i: number) => elementsOf(tus[i]!, 'prop').find((p) => p.getAttribute('type') === 'x-lv2en-status')!.textContent;
    expect([0, 3, 4, 5, 6].map(status)).toEqual(['machine', 'needs-review', 'boilerplate', 'reviewed', 'untranslated']);
  });
});

describe('XLIFF 2.1', () => {
  const root = parseXml(renderFormat('xlf', name, segments));
  const units = descendantsOf(root, 'unit');
  const segmentOf = (i: number) => elementsOf(units[i]!, 'segment')[0]!;

  it('declares version 2.1, the core namespace and the languages', () => {
    expect([
      root.localName,
      root.namespaceURI,
      root.getAttribute('version'),
      root.getAttribute('srcLang'),
      root.getAttribute('trgLang'),
    ]).toEqual(['xliff', XLIFF2, '2.1', 'lv', 'en']);
    expect(units.every((u) => u.namespaceURI === XLIFF2)).toBe(true);
  });

  it('has one unit per segment, id = segment id, grouped by paragraph', () => {
    expect(units.map((u) => u.getAttribute('id'))).toEqual(ids);
    const groups = descendantsOf(root, 'group');
    expect(groups.map((g) => g.getAttribute('id'))).toEqual(['p1', 'p2', 'p3', 'p4']);
    units.forEach((u, i) => expect(u.parentNode!.getAttribute('id')).toBe(`p${segments[i]!.paragraph + 1}`));
  });

  it('keeps source and target text, and writes no target for an untranslated segment', () => {
    units.forEach((_u, i) => {
      const s = segments[i]!;
      expect(elementsOf(segmentOf(i), 'source')[0]!.textContent).toBe(xmlText(s.source));
      const target = elementsOf(segmentOf(i), 'target')[0];
      expect(target?.textContent ?? null).toBe(s.target === null ? null : xmlText(s.target));
    });
  });

  it('marks flagged segments needs-review and reviewed ones reviewed', () => {
    const states = units.map((_, i) => [segmentOf(i).getAttribute('state'), segmentOf(i).getAttribute('subState')]);
    expect(states).toEqual([
      ['translated', 'lv2en:machine'],
      ['translated', 'lv2en:machine'],
      ['translated', 'lv2en:needs-review'],
      ['translated', 'lv2en:needs-review'],
      ['final', null],
      ['reviewed', null],
      ['initial', null],
    ]);
    expect(units[4]!.getAttribute('translate')).toBe('no');
  });

  it('carries QA flags and glossary hits as notes', () => {
    const notes = (i: number) => descendantsOf(units[i]!, 'note').map((n) => [n.getAttribute('category'), n.textContent]);
    expect(notes(0)).toEqual([
      ['lv2en:info', 'glossary-repaired — the glossary stage replaced a wrong rendering of a term'],
      ['lv2en:glossary', 'Tihanovska → Tsikhanouskaya (glossary: Tihanovska, repaired)'],
      ['lv2en:glossary', 'Lukašenko → Lukashenko (glossary: Lukašenko, found)'],
    ]);
    expect(notes(3)).toEqual([['lv2en:qa', 'number-missing — a number or date of the source is not in the translation: 80,1%']]);
    expect(descendantsOf(units[3]!, 'note')[0]!.getAttribute('priority')).toBe('1');
  });

  it('orders unit children as the schema does: module data, notes, segment', () => {
    expect(elementsOf(units[0]!).map((e) => e.localName)).toEqual(['metadata', 'notes', 'segment']);
  });
});

describe('XLIFF 1.2', () => {
  const root = parseXml(renderFormat('v12.xlf', name, segments));
  const units = descendantsOf(root, 'trans-unit');
  const target = (i: number) => elementsOf(units[i]!, 'target')[0];

  it('declares version 1.2, its namespace and the file languages', () => {
    const file = elementsOf(root, 'file')[0]!;
    expect([root.namespaceURI, root.getAttribute('version')]).toEqual([XLIFF12, '1.2']);
    expect([
      file.getAttribute('source-language'),
      file.getAttribute('target-language'),
      file.getAttribute('datatype'),
      file.getAttribute('original'),
    ]).toEqual(['lv', 'en', 'plaintext', xmlText(name)]);
  });

  it('has one trans-unit per segment, id = segment id, grouped by paragraph', () => {
    expect(units.map((u) => u.getAttribute('id'))).toEqual(ids);
    units.forEach((u, i) =>
      expect(u.parentNode!.localName === 'group' && u.parentNode!.getAttribute('id')).toBe(`p${segments[i]!.paragraph + 1}`),
    );
    units.forEach((u) => expect(u.getAttribute('xml:space')).toBe('preserve'));
  });

  it('gives source and target their languages and states', () => {
    units.forEach((u, _i) => expect(elementsOf(u, 'source')[0]!.getAttribute('xml:lang')).toBe('lv'));
    expect(units.map((_, i) => target(i)?.getAttribute('state') ?? null)).toEqual([
      'translated',
      'translated',
      'needs-review-translation',
      'needs-review-translation',
      'final',
      'signed-off',
      null,
    ]);
    expect(units.map((u) => u.getAttribute('approved'))).toEqual([null, null, null, null, null, 'yes', null]);
    expect(target(0)!.getAttribute('state-qualifier')).toBe('mt-suggestion');
    expect(target(0)!.getAttribute('xml:lang')).toBe('en');
    expect(units[4]!.getAttribute('translate')).toBe('no');
  });

  it('carries flags and glossary hits as notes after the target', () => {
    expect(elementsOf(units[0]!).map((e) => e.localName)).toEqual(['source', 'target', 'context-group', 'note', 'note', 'note']);
    expect(descendantsOf(units[3]!, 'note').map((n) => [n.getAttribute('priority'), n.textContent])).toEqual([
      ['1', 'number-missing — a number or date of the source is not in the translation: 80,1%'],
    ]);
  });
});

describe('paragraph groups with many segments', () => {
  it('opens a group per paragraph in order', () => {
    const many: Segment[] = Array.from({ length: 50 }, (_, i) =>
      segment(i + 1, Math.floor(i / 7), `Teikums ${i + 1}.`, `Sentence ${i + 1}.`),
    );
    const root = parseXml(renderFormat('xlf', 'many', many, [10, 10, 10]));
    expect(descendantsOf(root, 'group')).toHaveLength(8);
    expect(descendantsOf(root, 'unit')).toHaveLength(50);
  });
});
