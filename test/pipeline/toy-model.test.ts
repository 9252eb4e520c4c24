import { describe, expect, it, beforeAll } from 'vitest';
import { pipeline } from '@huggingface/transformers';
import { findModel, loadModelsConfig } from '../../src/models/config.js';
import { loadModel, type LoadedModel } from '../../src/models/load.js';
import { MarianTranslator } from '../../src/translate/index.js';

// Real loading and generation through transformers.js on the generated toy model: nothing stubbed.
const sentences = [
  'Tihanovska pirmdien tikās ar ministriem.',
  'Bačeleta',
  'ANO augstā cilvēktiesību komisāre Mičela Bačeleta pieprasīja atbrīvot visus nelikumīgi aizturētos.',
  'Lukašenko pie varas ir kopš 1994. gada.',
  'Vārds, kura vārdnīcā nav: žņaudzējķēde.',
  'Tikmēr Minskā svētdien atkal notika plašs protesta gājiens.',
];

describe('toy model through transformers.js', () => {
  let loaded: LoadedModel;
  let translator: MarianTranslator;

  beforeAll(async () => {
    loaded = await loadModel(findModel(await loadModelsConfig(), 'toy'), { threads: 1 });
    translator = new MarianTranslator(loaded);
  });

  it('translates a batch of different lengths exactly as one sentence at a time', async () => {
    const batched = await translator.translateBatch(sentences);
    const single: string[] = [];
    for (const sentence of sentences) single.push(...(await translator.translateBatch([sentence])));
    expect(batched).toEqual(single);
    expect(batched.every((t) => t.length > 0)).toBe(true);
  });

  it('equals the library pipeline’s own one-sentence output', async () => {
    const translate = await pipeline('translation', loaded.location, { dtype: 'fp32' });
    for (const sentence of sentences) {
      const [reference] = (await translate(sentence)) as { translation_text: string }[];
      expect((await translator.translateBatch([sentence]))[0]).toBe(reference!.translation_text.trim());
    }
  });

  it('renders names wrongly, as a real model might, so the glossary has work to do', async () => {
    const [english] = await translator.translateBatch(['Tihanovska pirmdien tikās ar ministriem.']);
    expect(english).not.toContain('Tsikhanouskaya');
    expect(english).toMatch(/Tikhanovskaya/);
  });

  it('copies words it does not know', async () => {
    const [english] = await translator.translateBatch(['Vārds žņaudzējķēde.']);
    expect(english).toContain('žņaudzējķēde');
  });
});
