import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Segment } from '../../src/core/segment-record.js';
import { findModel, loadModelsConfig } from '../../src/models/config.js';
import { loadModel, type LoadedModel } from '../../src/models/load.js';
import { beamDecode } from '../../src/decode/index.js';
import { MAX_BATCH_ROWS, MarianTranslator, translateSegments, type Translator } from '../../src/translate/index.js';
import { latvianSentences } from './helpers.js';

let loaded: LoadedModel;

beforeAll(async () => {
  loaded = await loadModel(findModel(await loadModelsConfig(), 'toy'), { threads: 1 });
});

afterAll(async () => {
  await loaded?.model.dispose();
});

function segments(texts: readonly string[]): Segment[] {
  let offset = 0;
  return texts.map((source, i) => {
    const segment: Segment = {
      id: String(i + 1),
      paragraph: i,
      start: offset,
      end: offset + source.length,
      source,
      kind: i % 7 === 3 ? 'boilerplate' : 'sentence',
      target: null,
      glossary: [],
      flags: [],
    };
    offset += source.length + 1;
    return segment;
  });
}

describe('MarianTranslator over lv2en decoding', () => {
  it('returns every input once, in input order, whatever the batches', async () => {
    const texts = [...latvianSentences(40), ...latvianSentences(5)];
    const translator = new MarianTranslator(loaded);
    const alone = new Map<string, string>();
    for (const text of new Set(texts)) alone.set(text, (await translator.translateBatch([text]))[0]!);
    for (const budget of [40, 300, 5000]) {
      const out = await translateSegments(segments(texts), translator, { batchTokens: budget });
      expect(out.map((s) => s.id)).toEqual(texts.map((_, i) => String(i + 1)));
      out.forEach((segment, i) => expect(segment.target).toBe(segment.kind === 'boilerplate' ? texts[i] : alone.get(texts[i]!)));
    }
  });

  it('decodes with the configured beam width', async () => {
    const texts = latvianSentences(6);
    const translator = new MarianTranslator(loaded, { decode: { numBeams: 4 } });
    expect(translator.rowsPerSentence).toBe(4);
    const ids = texts.map((t) => loaded.tokenizer.encode(t));
    const direct = await beamDecode(
      await translator.decodingModel(),
      { sources: ids, maxNewTokens: ids.map((s) => 2 * s.length + 16) },
      { numBeams: 4, lengthPenalty: 1, earlyStopping: false },
    );
    expect(await translator.translateBatch(texts)).toEqual(
      direct.map((d) => loaded.tokenizer.decode(d.tokens, { skip_special_tokens: true }).trim()),
    );
  });

  it('forces output lengths when asked (benchmarks on random weights)', async () => {
    const seen: number[] = [];
    const translator = new MarianTranslator(loaded, {
      forceOutputLength: (n) => n + 3,
      onDecoded: (sources, decoded) => decoded.forEach((d, i) => seen.push(d.tokens.length - sources[i]!.length)),
    });
    await translator.translateBatch(latvianSentences(5));
    expect(seen).toEqual([2, 2, 2, 2, 2]);
  });
});

describe('translateSegments batching', () => {
  function spy(rowsPerSentence: number, known?: (s: readonly string[]) => (string | undefined)[]): Translator & { batches: string[][] } {
    const batches: string[][] = [];
    return {
      batches,
      modelName: 'spy',
      maxInputTokens: 512,
      rowsPerSentence,
      known,
      countTokens: (text) => text.split(' ').length,
      async translateBatch(sources) {
        batches.push([...sources]);
        return sources.map((s) => s.toUpperCase());
      },
    };
  }
  const texts = Array.from({ length: 100 }, (_, i) => `teikums ${'vārds '.repeat(i % 13)}${i}`);

  it('plans beams into the budget: rows × padded length, and at most MAX_BATCH_ROWS rows', async () => {
    for (const rows of [1, 4]) {
      const translator = spy(rows);
      await translateSegments(segments(texts), translator, { batchTokens: 256 });
      for (const batch of translator.batches) {
        const longest = Math.max(...batch.map((s) => s.split(' ').length));
        expect(batch.length * rows).toBeLessThanOrEqual(MAX_BATCH_ROWS);
        expect(batch.length === 1 || batch.length * longest * rows <= 256).toBe(true);
      }
    }
  });

  it('sends only what the translator does not already know, and each distinct sentence once', async () => {
    const translator = spy(1, (sources) => sources.map((s) => (s.endsWith('7') ? `known ${s}` : undefined)));
    const doubled = [...texts, ...texts];
    const out = await translateSegments(segments(doubled), translator, { batchTokens: 256 });
    const sent = translator.batches.flat();
    expect(sent.some((s) => s.endsWith('7'))).toBe(false);
    expect(new Set(sent).size).toBe(sent.length);
    out.forEach((segment, i) => {
      if (segment.kind === 'boilerplate') return;
      expect(segment.target).toBe(doubled[i]!.endsWith('7') ? `known ${doubled[i]}` : doubled[i]!.toUpperCase());
    });
  });
});
