import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InlineTag, Segment } from '../../src/core/segment-record.js';
import { INLINE_TAG_TYPES } from '../../src/formats/inline-codes.js';
import { readReviewText } from '../../src/formats/index.js';
import { parseJsonl } from '../../src/formats/jsonl.js';
import { tagShape } from '../../src/inline/index.js';
import { arbitraryTagged } from '../inline/arbitrary.js';
import { renderFormat, segment } from './helpers.js';
import { validate } from './schemas.js';

/** A document's sentence as the bilingual files get it: codes in source and target, ids alike. */
const bold = (id: string, at: number, end: number): InlineTag[] => [
  { kind: 'open', id, at, type: 'bold', data: '<b>' },
  { kind: 'close', id, at: end, type: 'bold', data: '</b>' },
];
const TAGGED: Segment[] = [
  segment(1, 0, 'Svetlana Tihanovska pirmdien tikās ar ministriem.', 'Sviatlana Tsikhanouskaya met ministers on Monday.', {
    sourceTags: [...bold('1', 9, 19), { kind: 'isolated', id: '2', at: 49, type: 'note', data: '<w:footnoteReference w:id="1"/>' }],
    targetTags: [...bold('1', 10, 24), { kind: 'isolated', id: '2', at: 49, type: 'note', data: '<w:footnoteReference w:id="1"/>' }],
  }),
  segment(2, 0, 'Skatīt vietni\nRīga & Viļņa', 'See the site\nRiga & Vilnius', {
    sourceTags: [
      { kind: 'open', id: '3', at: 7, type: 'link', data: '<a href="https://x.example/?a=1&amp;b=2">' },
      { kind: 'close', id: '3', at: 13, type: 'link', data: '</a>' },
      { kind: 'isolated', id: '4', at: 13, type: 'break', data: '<br>' },
    ],
    targetTags: [
      { kind: 'open', id: '3', at: 4, type: 'link', data: '<a href="https://x.example/?a=1&amp;b=2">' },
      { kind: 'close', id: '3', at: 12, type: 'link', data: '</a>' },
      { kind: 'isolated', id: '4', at: 12, type: 'break', data: '<br>' },
    ],
  }),
  segment(3, 1, 'Bez formatējuma.', 'Without formatting.'),
];
const DIALECTS = [
  ['tmx', 'tmx-1.4b'],
  ['xlf', 'xliff-2.1+metadata'],
  ['v12.xlf', 'xliff-1.2-strict'],
] as const;

describe('inline codes in the bilingual files', () => {
  it.each(DIALECTS)('%s: a document sentence has its codes in source and target, and the file stays valid', async (format, schema) => {
    const xml = renderFormat(format, 'doc', TAGGED);
    expect(await validate(schema, xml)).toEqual({ valid: true, errors: [] });
    if (format === 'tmx') {
      expect(xml).toContain('<seg>Svetlana <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>Tihanovska<ept i="1">&lt;/b&gt;</ept>');
      expect(xml).toContain('<ph x="2" type="fnote">&lt;w:footnoteReference w:id="1"/&gt;</ph>');
    } else if (format === 'xlf') {
      expect(xml).toContain('<data id="d1">&lt;b&gt;</data>');
      expect(xml).toContain(
        '<target>Sviatlana <pc id="1" type="fmt" subType="xlf:b" dataRefStart="d1" dataRefEnd="d2">Tsikhanouskaya</pc>',
      );
      expect(xml).toContain('<ph id="2" type="fmt" subType="xlf:lb" dataRef="d3"/>');
    } else {
      expect(xml).toContain(
        '<target state="translated" state-qualifier="mt-suggestion" xml:lang="en">Sviatlana <g id="1" ctype="bold">Tsikhanouskaya</g>',
      );
      expect(xml).toContain('<x id="2" ctype="lb"/>');
    }
    // Plain text is written as it always was.
    expect(xml).toMatch(/>Bez formatējuma\.</);
  });

  it.each(DIALECTS)('%s: read back, each unit has the text and the codes (same shape, source ids linked to the target’s)', (format) => {
    const read = readReviewText(renderFormat(format, 'doc', TAGGED), `doc.${format}`);
    expect(read.units.map((u) => [u.source, u.target])).toEqual(TAGGED.map((s) => [s.source, s.target]));
    read.units.forEach((unit, i) => {
      expect(tagShape(unit.sourceTags)).toBe(tagShape(TAGGED[i]!.sourceTags));
      expect(tagShape(unit.targetTags)).toBe(tagShape(TAGGED[i]!.targetTags));
      const link = (tags: readonly InlineTag[] | undefined) => (tags ?? []).map((t) => `${t.kind}:${t.id}`).sort();
      expect(link(unit.targetTags)).toEqual(link(unit.sourceTags));
    });
    expect(read.units[2]).not.toHaveProperty('sourceTags');
  });

  it('random code layouts of every type come back with the same text and shape in every format', () => {
    const tagged = arbitraryTagged().chain(({ text, tags }) =>
      fc.array(fc.constantFrom(...INLINE_TAG_TYPES), { minLength: tags.length, maxLength: tags.length }).map((types) => {
        const byId = new Map(tags.map((t, i) => [t.id, types[i]!]));
        return { text, tags: tags.map((t) => ({ ...t, type: byId.get(t.id)! })) };
      }),
    );
    fc.assert(
      fc.property(tagged, ({ text, tags }) => {
        const segments = [segment(1, 0, text, text, { sourceTags: tags, targetTags: tags })];
        for (const [format] of DIALECTS) {
          const [unit] = readReviewText(renderFormat(format, 'doc', segments), 'doc').units;
          expect([unit!.source, unit!.target]).toEqual([text, text]);
          expect([tagShape(unit!.sourceTags), tagShape(unit!.targetTags)]).toEqual([tagShape(tags), tagShape(tags)]);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('jsonl: the record carries sourceTags and targetTags, and parseJsonl reads them back', () => {
    const jsonl = renderFormat('jsonl', 'doc', TAGGED);
    expect(parseJsonl(jsonl)).toEqual(TAGGED);
    expect(jsonl.split('\n')[2]).not.toMatch(/Tags/);
  });
});
