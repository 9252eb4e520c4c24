import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLv2en, type Lv2en, type Segment } from '../../src/index.js';
import { nestingProblem } from '../../src/inline/index.js';

/**
 * Documents whose sentences carry random inline markup translate to the same
 * plain English as the same text without markup, and every tag of every
 * sentence comes out on the English, well nested: the model never sees the
 * markup, and placement never drops a tag.
 */
const example = fileURLToPath(new URL('../../examples/belarus-2020-09.lv.txt', import.meta.url));

describe('inline markup through the pipeline (toy model)', () => {
  let lv2en: Lv2en;
  let dir: string;
  let sentences: string[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lv2en-tags-'));
    lv2en = await createLv2en({ model: 'toy', memory: false });
    const text = await readFile(example, 'utf8');
    sentences = lv2en
      .segment(text)
      .map((s) => s.text)
      .filter((s) => s.split(' ').length >= 4)
      .slice(0, 30);
  });
  afterAll(() => lv2en.close());

  /** Wraps random word ranges of each paragraph in nested or side-by-side b/i/a, with images between words. */
  const markup = (paragraph: string, picks: readonly [number, number, number][]): string => {
    const words = paragraph.split(' ');
    const spans: { start: number; end: number; tag: string }[] = [];
    for (const [a, b, kind] of picks) {
      const start = a % words.length;
      const end = start + (b % (words.length - start));
      if (kind % 4 === 3) {
        words[start] = `${words[start]}<img src="x.png" alt="">`;
        continue;
      }
      const nests = spans.every(
        (s) => end < s.start || start > s.end || (start >= s.start && end <= s.end) || (start <= s.start && end >= s.end),
      );
      // HTML has no link inside a link: such a pair would be markup the parser repairs (and lv2en leaves alone).
      const overlapsLink = spans.some((s) => s.tag.startsWith('a') && !(end < s.start || start > s.end));
      const tag = ['b', 'i', overlapsLink ? 'b' : 'a href="#x"'][kind % 3]!;
      if (nests && !spans.some((s) => s.start === start && s.end === end)) spans.push({ start, end, tag });
    }
    return words
      .map((word, i) => {
        // At one word, longer spans open first and close last.
        const open = spans.filter((s) => s.start === i).sort((x, y) => y.end - x.end);
        const close = spans.filter((s) => s.end === i).sort((x, y) => y.start - x.start);
        return `${open.map((s) => `<${s.tag}>`).join('')}${word}${close.map((s) => `</${s.tag.split(' ')[0]}>`).join('')}`;
      })
      .join(' ');
  };

  it('gives the plain translation of the text without markup, with every tag placed and well nested', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { maxLength: 5 }),
        fc.integer({ min: 0, max: 25 }),
        async (picks, first) => {
          const paragraphs = sentences.slice(first, first + 4);
          const page = `<!DOCTYPE html><html><body>${paragraphs.map((p) => `<p>${markup(p, picks)}</p>`).join('\n')}</body></html>`;
          await writeFile(join(dir, 'page.html'), page);
          await writeFile(join(dir, 'plain.txt'), paragraphs.join('\n\n'));
          const [tagged, plain] = await lv2en.translateFiles([join(dir, 'page.html'), join(dir, 'plain.txt')], {
            outDir: join(dir, 'out'),
          });
          const withTags = tagged!.segments;
          expect(
            withTags.map((s) => s.source),
            page,
          ).toEqual(plain!.segments.map((s) => s.source));
          expect(
            withTags.map((s) => s.target!.replace(/\s+/g, ' ')),
            page,
          ).toEqual(plain!.segments.map((s) => s.target!.replace(/\s+/g, ' ')));
          for (const segment of withTags as Segment[]) {
            const key = (t: { kind: string; id: string }) => `${t.kind}:${t.id}`;
            expect((segment.targetTags ?? []).map(key).sort()).toEqual((segment.sourceTags ?? []).map(key).sort());
            expect(nestingProblem(segment.targetTags ?? [], segment.target!.length)).toBeNull();
          }
        },
      ),
      { numRuns: 15 },
    );
  });
});
