import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InlineTag } from '../../src/core/segment-record.js';
import { parseJsonl } from '../../src/formats/jsonl.js';
import { createLv2en, type Lv2en } from '../../src/index.js';
import { TranslationStore } from '../../src/memory/index.js';
import { applyReviewed, type ReviewedTranslations, reviewedIn, reviewedInMemory, reviewKey } from '../../src/memory/reviewed.js';
import { segment } from '../write/helpers.js';

const source = 'Svetlana Tihanovska tikās ar ministriem.';
const boldName: InlineTag[] = [
  { kind: 'open', id: '1', at: 9, type: 'bold', data: '<b>' },
  { kind: 'close', id: '1', at: 19, type: 'bold', data: '</b>' },
];
/** The same layout as another document has it: other ids, other markup. */
const boldNameElsewhere: InlineTag[] = [
  { kind: 'open', id: '7', at: 9, type: 'bold', data: '<w:r><w:rPr><w:b/></w:rPr>' },
  { kind: 'close', id: '7', at: 19, type: 'bold', data: '</w:r>' },
];
const reviewed = 'Tsikhanouskaya met the ministers.';
const reviewerTags: InlineTag[] = [
  { kind: 'open', id: '1', at: 0, type: 'bold', data: '' },
  { kind: 'close', id: '1', at: 14, type: 'bold', data: '' },
];

describe.each([
  ['in memory', () => reviewedInMemory()],
  ['in the translation store', () => reviewedIn(TranslationStore.open(':memory:'))],
] as [string, () => ReviewedTranslations][])('reviewed translations with inline codes, %s', (_where, open) => {
  it('keys plain text as before and a document sentence by its text and the shape of its codes', () => {
    expect(reviewKey(source, [])).toBe(reviewKey(source));
    expect(reviewKey(source, boldName)).toBe(`${reviewKey(source)}\nobold@9 cbold@19`);
    // A CAT tool's reflowed whitespace moves the codes' offsets in the key alike.
    const reflowed = `  Svetlana   Tihanovska tikās ar ministriem.`;
    expect(
      reviewKey(
        reflowed,
        boldName.map((t) => ({ ...t, at: t.at + 4 })),
      ),
    ).toBe(reviewKey(source, boldName));
  });

  it('applies a reviewed translation only to the same text with codes of the same shape, with the codes where the reviewer put them', () => {
    const memory = open();
    memory.store([{ source, target: reviewed, origin: 'a.xlf#1', sourceTags: boldName, targetTags: reviewerTags }]);
    const segments = [
      segment(1, 0, source, 'machine', { sourceTags: boldNameElsewhere }),
      segment(2, 0, source, 'machine'),
      segment(3, 0, source, 'machine', {
        sourceTags: [
          { kind: 'open', id: '1', at: 0, type: 'bold', data: '<b>' },
          { kind: 'close', id: '1', at: 8, type: 'bold', data: '</b>' },
        ],
      }),
    ];
    const [same, plain, otherShape] = applyReviewed(segments, memory);
    expect(same).toMatchObject({ target: reviewed, flags: ['tm:reviewed'] });
    // The codes are this document's (ids and markup), at the reviewer's places.
    expect(same!.targetTags).toEqual([
      { ...boldNameElsewhere[0]!, at: 0 },
      { ...boldNameElsewhere[1]!, at: 14 },
    ]);
    expect(plain).toEqual(segments[1]);
    expect(otherShape).toEqual(segments[2]);
  });

  it('a plain-text translation is not applied to the sentence with codes, nor the other way round', () => {
    const memory = open();
    memory.store([{ source, target: 'plain review', origin: 'a.tmx#1' }]);
    const [tagged, plain] = applyReviewed([segment(1, 0, source, 'm', { sourceTags: boldName }), segment(2, 0, source, 'm')], memory);
    expect(tagged!.target).toBe('m');
    expect(plain!.target).toBe('plain review');
    expect(memory.lookup([source]).get(source)).toBe('plain review');
  });

  it('a target whose codes do not match the source’s one for one is stored as text: the tags stage places the codes', () => {
    const memory = open();
    memory.store([{ source, target: reviewed, origin: 'a.xlf#1', sourceTags: boldName, targetTags: reviewerTags.slice(0, 1) }]);
    const [applied] = applyReviewed([segment(1, 0, source, 'm', { sourceTags: boldName })], memory);
    expect(applied!.target).toBe(reviewed);
    expect(applied).not.toHaveProperty('targetTags');
  });
});

describe('a reviewer moves the bold in the XLIFF, lv2en review import reads it, the next run puts it there (toy model)', () => {
  let dir: string;
  let lv2en: Lv2en;
  const page = `<!DOCTYPE html><html lang="lv"><head><meta charset="utf-8"><title>Ziņas</title></head><body>
<p>Svetlana <b>Tihanovska</b> tikās ar ministriem.</p>
<p>Svetlana Tihanovska tikās ar ministriem.</p>
</body></html>
`;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lv2en-review-tags-'));
    await writeFile(join(dir, 'page.html'), page);
    lv2en = await createLv2en({ model: 'toy', memory: join(dir, 'translations.sqlite'), formats: ['jsonl', 'xlf'] });
  });
  afterAll(() => lv2en.close());

  it('stores it under the text and the codes’ shape, and applies it with the reviewer’s codes to that sentence only', async () => {
    await lv2en.translateFile(join(dir, 'page.html'), { outDir: join(dir, 'out') });
    const xlf = await readFile(join(dir, 'out', 'page.xlf'), 'utf8');
    const target = /<target>([^\n]*<pc [^>]*>[^<]*<\/pc>[^\n]*)<\/target>/.exec(xlf)!;
    const pc = /<pc [^>]*>/.exec(target[1]!)![0];
    // The reviewer's English, the bold moved onto "the ministers".
    const edited = xlf.replace(target[0], `<target>Tsikhanouskaya met ${pc}the ministers</pc>.</target>`);
    await writeFile(join(dir, 'page.reviewed.xlf'), edited);
    const [report] = await lv2en.importReview([join(dir, 'page.reviewed.xlf')]);
    expect(report!.stored).toEqual({ added: 1, updated: 0, unchanged: 0 });

    await lv2en.translateFile(join(dir, 'page.html'), { outDir: join(dir, 'again') });
    const html = await readFile(join(dir, 'again', 'page.en.html'), 'utf8');
    expect(html).toContain('<p>Tsikhanouskaya met <b>the ministers</b>.</p>');
    const records = parseJsonl(await readFile(join(dir, 'again', 'page.jsonl'), 'utf8'));
    const [withBold, withoutBold] = records.filter((r) => r.source === 'Svetlana Tihanovska tikās ar ministriem.');
    expect(withBold!.flags).toContain('tm:reviewed');
    expect(withBold!.targetTags?.map((t) => [t.kind, t.at, t.data])).toEqual([
      ['open', 19, '<b>'],
      ['close', 32, '</b>'],
    ]);
    // The same words without the bold are another sentence for the memory: the model's translation.
    expect(withoutBold!.flags).not.toContain('tm:reviewed');
  });
});
