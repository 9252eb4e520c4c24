import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beamDecode, beamDecodeNBest } from '../../src/decode/index.js';
import { findModel, loadModelsConfig } from '../../src/models/config.js';
import { loadModel, type LoadedModel } from '../../src/models/load.js';
import { MarianTranslator } from '../../src/translate/index.js';
import { latvianSentences, loadToyAndSmallMarian, type Loaded, type ToyAndSmall } from './helpers.js';

// Real sessions, no stubs: the toy dictionary model and a small random-weight Marian.
let models: ToyAndSmall;
let small: Loaded;
let toy: LoadedModel;
const sentences = latvianSentences(12);

beforeAll(async () => {
  models = await loadToyAndSmallMarian(5);
  ({ small } = models);
  toy = await loadModel(findModel(await loadModelsConfig(), 'toy'), { threads: 1 });
});

afterAll(async () => {
  await models?.dispose();
  await toy?.model.dispose();
});

const ids = (loaded: Loaded, texts: readonly string[]) => texts.map((t) => loaded.tokenizer.encode(t));
const key = (tokens: readonly number[]) => tokens.join(' ');

describe('n-best beam search', () => {
  it('puts the beam search result first, then other finished hypotheses, best score first', async () => {
    const input = { sources: ids(small, sentences), maxNewTokens: 16 };
    for (const settings of [
      { numBeams: 4, lengthPenalty: 1 },
      { numBeams: 5, lengthPenalty: 0.6, earlyStopping: 'never' as const },
    ]) {
      const best = await beamDecode(small.decoding, input, settings);
      const lists = await beamDecodeNBest(small.decoding, input, settings, settings.numBeams);
      expect(lists).toHaveLength(sentences.length);
      lists.forEach((list, i) => {
        expect(list[0]).toEqual(best[i]);
        expect(list.length).toBeGreaterThan(1);
        expect(list.length).toBeLessThanOrEqual(settings.numBeams);
        expect(new Set(list.map((d) => key(d.tokens))).size).toBe(list.length);
        for (let k = 1; k < list.length; k++) expect(list[k]!.score).toBeLessThanOrEqual(list[k - 1]!.score);
        for (const d of list) expect(d.score).toBeCloseTo(d.logProb / (d.tokens.length + 1) ** settings.lengthPenalty, 4);
      });
    }
  });

  it('returns at most the count asked for, the same list in a batch as alone', async () => {
    const input = { sources: ids(small, sentences), maxNewTokens: 16 };
    const batched = await beamDecodeNBest(small.decoding, input, { numBeams: 4 }, 3);
    for (let i = 0; i < sentences.length; i++) {
      const [alone] = await beamDecodeNBest(small.decoding, { sources: [input.sources[i]!], maxNewTokens: 16 }, { numBeams: 4 }, 3);
      expect(batched[i]!.length).toBeLessThanOrEqual(3);
      expect(batched[i]!.map((d) => d.tokens)).toEqual(alone!.map((d) => d.tokens));
    }
  });

  it('refuses more hypotheses than the beam keeps', async () => {
    const input = { sources: ids(small, sentences.slice(0, 1)), maxNewTokens: 8 };
    await expect(beamDecodeNBest(small.decoding, input, { numBeams: 2 }, 3)).rejects.toThrow(/from 1 to numBeams \(2\)/);
    await expect(beamDecodeNBest(small.decoding, input, { numBeams: 2 }, 0)).rejects.toThrow(/whole number/);
  });
});

describe('MarianTranslator.translateAlternatives', () => {
  it('gives distinct English strings best first, from a beam as wide as the count asks (the toy decodes greedily)', async () => {
    const translator = new MarianTranslator(toy);
    expect(translator.rowsPerSentence).toBe(1);
    const texts = latvianSentences(8);
    const lists = await translator.translateAlternatives(texts, 3);
    const model = await translator.decodingModel();
    const tokens = texts.map((t) => toy.tokenizer.encode(t));
    const direct = await beamDecodeNBest(
      model,
      { sources: tokens, maxNewTokens: tokens.map((s) => 2 * s.length + 16) },
      { numBeams: 3, lengthPenalty: 1, earlyStopping: false },
      3,
    );
    lists.forEach((list, i) => {
      const decoded = direct[i]!.map((d) => toy.tokenizer.decode(d.tokens, { skip_special_tokens: true }).trim());
      expect(list).toEqual([...new Set(decoded)]);
      expect(new Set(list).size).toBe(list.length);
    });
    // Hypotheses past the first exist: the toy's dictionary pieces compete with their sub-word spellings.
    expect(lists.some((list) => list.length > 1)).toBe(true);
  });

  it('returns one list per source in input order across batches of at most 64 rows', async () => {
    const translator = new MarianTranslator(toy);
    const texts = [...latvianSentences(30), ...latvianSentences(4)];
    const lists = await translator.translateAlternatives(texts, 3);
    expect(lists).toHaveLength(texts.length);
    for (const [i, text] of texts.entries()) {
      const [alone] = await translator.translateAlternatives([text], 3);
      expect(lists[i]).toEqual(alone);
    }
  });
});
