import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Segment } from '../../src/core/segment-record.js';
import { alignmentFits, placeTags, words } from '../../src/inline/index.js';
import { alignmentRows } from '../../src/inline/alignment.js';
import { findModel, loadModelsConfig } from '../../src/models/config.js';
import { type LoadedModel, loadModel } from '../../src/models/load.js';
import { createLv2en, type Lv2en } from '../../src/index.js';
import { type AlignedTranslation, MarianTranslator, translateSegments, type Translator } from '../../src/translate/index.js';
import { segment } from '../write/helpers.js';

/**
 * A document sentence with inline tags gets the word alignment of the toy
 * model's own cross-attention (a forced pass over its chosen tokens), and the
 * tags stage places its tags by it; plain text is translated exactly as
 * before and never pays for the pass.
 */
const example = fileURLToPath(new URL('../../examples/belarus-2020-09.lv.txt', import.meta.url));

let lv2en: Lv2en;
let dir: string;
let sentences: string[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lv2en-attention-tags-'));
  lv2en = await createLv2en({ model: 'toy', memory: false });
  sentences = lv2en
    .segment(await readFile(example, 'utf8'))
    .map((s) => s.text)
    .filter((s) => s.split(' ').length >= 5)
    .slice(0, 24);
});

afterAll(async () => {
  await lv2en.close();
  await rm(dir, { recursive: true, force: true });
});

/** The sentence with word `k` (of its space-separated words, a pure-letter one) in bold. */
function bolded(sentence: string, k: number): { html: string; word: string } {
  const parts = sentence.split(' ');
  const candidates = parts.map((_, i) => i).filter((i) => /^\p{L}+$/u.test(parts[i]!));
  const at = candidates[k % candidates.length]!;
  const word = parts[at]!;
  parts[at] = `<b>${word}</b>`;
  return { html: parts.join(' '), word };
}

describe('tag placement by the model’s cross-attention (toy model)', () => {
  it('aligns each tagged sentence and puts the bold on the target words the attention links to the bold word', async () => {
    const picks = sentences.map((s, i) => bolded(s, i * 3 + 1));
    await writeFile(join(dir, 'page.html'), `<!DOCTYPE html><html><body>${picks.map((p) => `<p>${p.html}</p>`).join('\n')}</body></html>`);
    const [result] = await lv2en.translateFiles([join(dir, 'page.html')], { outDir: join(dir, 'out') });
    const tagged = result!.segments.filter((s) => s.sourceTags?.length);
    expect(tagged.length).toBe(sentences.length);
    let differsFromFallback = 0;
    for (const segment of tagged) {
      const target = segment.target!;
      expect(alignmentFits(segment.alignment, segment.source, target), segment.source).toBe(true);
      const [open, close] = segment.sourceTags!;
      const boldWord = words(segment.source).findIndex(([start]) => start === open!.at);
      expect(words(segment.source)[boldWord]?.[1], segment.source).toBe(close!.at);
      // The target words whose strongest link is the bold source word: where the attention says it went.
      const targetWords = words(target);
      const linked = alignmentRows(segment.alignment!).flatMap((row, t) => (row[0]?.[0] === boldWord ? [t] : []));
      expect(linked.length, `${segment.source} → ${target}`).toBeGreaterThan(0);
      const [placedOpen, placedClose] = segment.targetTags!;
      expect([placedOpen!.at, placedClose!.at], `${segment.source} → ${target}`).toEqual([
        targetWords[linked[0]!]![0],
        targetWords[linked.at(-1)!]![1],
      ]);
      expect(segment.flags).not.toContain('tag-placement');
      const fallback = placeTags({ source: segment.source, tags: segment.sourceTags!, target });
      if (fallback.tags[0]!.at !== placedOpen!.at || fallback.tags[1]!.at !== placedClose!.at) differsFromFallback += 1;
    }
    // The alignment decided something: without it, some bolds land elsewhere (identical words and proportion only).
    expect(differsFromFallback).toBeGreaterThan(0);
  });

  it('translates the same text without markup to the same English, aligning only the sentences with tags', async () => {
    const picks = sentences.slice(0, 8).map((s, i) => bolded(s, i));
    await writeFile(
      join(dir, 'mixed.html'),
      `<!DOCTYPE html><html><body>${picks.map((p, i) => `<p>${i % 2 ? p.html : sentences[i]}</p>`).join('\n')}</body></html>`,
    );
    await writeFile(join(dir, 'plain.txt'), sentences.slice(0, 8).join('\n\n'));
    const [mixed, plain] = await lv2en.translateFiles([join(dir, 'mixed.html'), join(dir, 'plain.txt')], { outDir: join(dir, 'out2') });
    expect(mixed!.segments.map((s) => s.target)).toEqual(plain!.segments.map((s) => s.target));
    for (const segment of plain!.segments) expect(segment).not.toHaveProperty('alignment');
    // In the page, only the sentences with a tag were aligned.
    for (const segment of mixed!.segments)
      expect(segment.alignment !== undefined, segment.source).toBe((segment.sourceTags?.length ?? 0) > 0);
  });
});

describe('with a translation memory', () => {
  it('aligns through it and leaves aligned translations out of it; a translation it holds comes back without alignment', async () => {
    let hits = 0;
    // No glossary: its constrained re-decodes are memory hits of their own.
    const withMemory = await createLv2en({
      model: 'toy',
      glossary: null,
      onEvent: (e) => (e.type === 'memory' ? (hits = e.hits) : undefined),
    });
    try {
      const sentence = sentences[3]!;
      const page = `<!DOCTYPE html><html><body><p>${bolded(sentence, 2).html}</p></body></html>`;
      for (const name of ['first.html', 'second.html', 'third.html']) await writeFile(join(dir, name), page);
      await writeFile(join(dir, 'same.txt'), sentence);
      const translate = async (name: string) =>
        (await withMemory.translateFiles([join(dir, name)], { outDir: join(dir, 'out3') }))[0]!.segments[0]!;
      const first = await translate('first.html');
      expect(alignmentFits(first.alignment, first.source, first.target!)).toBe(true);
      // The second page is decoded again, not answered from the memory without attention.
      expect(await translate('second.html')).toEqual(first);
      expect(hits).toBe(0);
      // Plain text stores the sentence; a tagged page then gets the memory's translation, without alignment,
      // and its tag placed by the other anchors.
      expect((await translate('same.txt')).target).toBe(first.target);
      const third = await translate('third.html');
      expect(hits).toBe(1);
      expect(third.target).toBe(first.target);
      expect(third).not.toHaveProperty('alignment');
      expect(third.targetTags).toHaveLength(first.targetTags!.length);
    } finally {
      await withMemory.close();
    }
  });
});

describe('translateSegments asks for alignment only where told', () => {
  let loaded: LoadedModel;
  beforeAll(async () => {
    loaded = await loadModel(findModel(await loadModelsConfig(), 'toy'), { threads: 1 });
  });
  afterAll(() => loaded?.model.dispose());

  const record = (source: string, i: number, withTag: boolean): Segment =>
    segment(i + 1, i, source, null, withTag ? { sourceTags: [{ kind: 'isolated', id: 'x', at: 0, type: 'image', data: '<img>' }] } : {});

  it('sends only the tagged sentences through the aligned path, in batches of their own, with the plain path’s English', async () => {
    const marian = new MarianTranslator(loaded);
    const asked: string[][] = [];
    const plainAsked: string[][] = [];
    const counting: Translator = {
      modelName: marian.modelName,
      maxInputTokens: marian.maxInputTokens,
      countTokens: (text) => marian.countTokens(text),
      translateBatch: (sources) => {
        plainAsked.push([...sources]);
        return marian.translateBatch(sources);
      },
      translateAligned: (sources): Promise<AlignedTranslation[]> => {
        asked.push([...sources]);
        return marian.translateAligned(sources);
      },
    };
    const texts = sentences.slice(0, 10);
    const records = texts.map((t, i) => record(t, i, i % 3 === 0));
    const out = await translateSegments(records, counting, { batchTokens: 4096, align: (s) => (s.sourceTags?.length ?? 0) > 0 });
    expect(asked.flat().sort()).toEqual(texts.filter((_, i) => i % 3 === 0).sort());
    expect(plainAsked.flat().sort()).toEqual(texts.filter((_, i) => i % 3 !== 0).sort());
    const plain = await marian.translateBatch(texts);
    expect(out.map((s) => s.target)).toEqual(plain);
    out.forEach((s, i) => expect(s.alignment !== undefined).toBe(i % 3 === 0));
    // Without `align`, nothing is aligned and the records are what they were.
    asked.length = 0;
    const unasked = await translateSegments(records, counting, { batchTokens: 4096 });
    expect(asked).toEqual([]);
    for (const s of unasked) expect(s).not.toHaveProperty('alignment');
  });
});
