import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLv2en, type Lv2en } from 'lv2en';
import type { Segment } from '../../src/core/segment-record.js';

// Real decoding on the generated toy, no translation memory: the plain decode
// and the glossary's constrained re-decode both run for every sentence.
const article = readFileSync(new URL('../../examples/belarus-2020-09.lv.txt', import.meta.url), 'utf8');
const glossarySentences = ['sentences', 'blind', 'blind2'].flatMap((set) =>
  readFileSync(new URL(`../fixtures/glossary/${set}.gold.jsonl`, import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { text: string }).text),
);

const record = (s: Segment) => ({ source: s.source, target: s.target, glossary: s.glossary, flags: s.flags });
const sentencesOf = (segments: readonly Segment[]) => segments.filter((s) => s.kind === 'sentence').map(record);

describe('a sentence translates the same alone as inside a document (glossary re-decode included)', () => {
  let session: Lv2en;
  beforeAll(async () => {
    session = await createLv2en({ model: 'toy', memory: false });
  });
  afterAll(() => session?.close());

  it('every sentence of the example article and of the glossary test sets, alone and inside the article', async () => {
    // The glossary sentences follow the article in one document, so each has the article's sentences as batch neighbours.
    const inside = sentencesOf(await session.translateText([article.trim(), ...glossarySentences].join('\n\n')));
    expect(inside.length).toBeGreaterThan(280);
    // The property bites: many sentences are re-decoded under constraints, some kept, some refused.
    expect(inside.filter((s) => s.glossary.some((h) => h.status === 'enforced')).length).toBeGreaterThan(50);
    expect(inside.filter((s) => s.flags.some((f) => f.startsWith('constraint-refused:'))).length).toBeGreaterThan(20);
    const differing: string[] = [];
    for (const sentence of inside) {
      const alone = sentencesOf(await session.translateText(sentence.source));
      if (alone.length !== 1 || JSON.stringify(alone[0]) !== JSON.stringify(sentence)) differing.push(sentence.source);
    }
    expect(differing).toEqual([]);
  });

  it('the sentence of the harm report keeps its whole clause and one first name, alone as in the article', async () => {
    const source =
      'Baltkrievijas opozīcijas līdere Svetlana Tihanovska pirmdien tikās ar Eiropas Savienības ārlietu ministriem un aicināja neatzīt prezidenta vēlēšanu rezultātus.';
    const [alone] = sentencesOf(await session.translateText(source));
    expect(alone!.target).toContain('on Monday met with');
    expect(alone!.target).toContain('foreign ministers');
    expect(alone!.target).not.toContain('Svetlana Sviatlana');
    expect(alone!.flags.some((f) => f.startsWith('constraint-refused:words-lost'))).toBe(true);
  });
});
