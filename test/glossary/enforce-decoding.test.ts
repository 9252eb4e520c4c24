import { beforeAll, describe, expect, it } from 'vitest';
import { findModel, loadModelsConfig } from '../../src/models/config.js';
import { loadModel, type LoadedModel } from '../../src/models/load.js';
import { MarianTranslator } from '../../src/translate/index.js';
import { CachedTranslator, TranslationStore } from '../../src/memory/index.js';
import { loadGlossary, type Glossary } from '../../src/glossary/index.js';
import { acceptableStrings, planSentence, sentenceConstraints, settleSentence } from '../../src/glossary/enforce/constrained.js';
import { matchEntries } from '../../src/glossary/match/find.js';

// Real loading and decoding through transformers.js on the generated toy,
// which misrenders these names with the right one as its runner-up.
const sentences = [
  'Tihanovska pirmdien tikās ar ministriem.',
  'Tihanovskas runa ilga apmēram 20 min., un ministri to uzņēma ar aplausiem.',
  'Ministri apsolīja Tihanovskai atbalstu, bet vienoties par sankcijām pret Lukašenko režīmu neizdevās.',
  'Tihanovsku pēc vēlēšanām piespieda pamest valsti, un tagad viņa dzīvo Lietuvā.',
  'Bačeletas birojs saņēmis simtiem liecību par spīdzināšanu.',
  'Bačeletai līdz gada beigām jāiesniedz ziņojums ANO Cilvēktiesību padomei.',
  'Vairākas valstis jau aicinājušas Bačeletu apmeklēt Baltkrieviju.',
  'Pēc tikšanās viņa teica: „Baltkrievija ir pamodusies, un tauta vairs nebaidās.”',
  'Lietuva, Latvija un Igaunija jau iepriekš noteica ieceļošanas aizliegumu Lukašenko un vēl 29 Baltkrievijas amatpersonām.',
];

describe('glossary enforcement inside decoding, on the toy model', () => {
  let loaded: LoadedModel;
  let translator: MarianTranslator;
  let glossary: Glossary;
  let plain: string[];

  beforeAll(async () => {
    loaded = await loadModel(findModel(await loadModelsConfig(), 'toy'), { threads: 1 });
    translator = new MarianTranslator(loaded);
    glossary = await loadGlossary();
    plain = await translator.translateBatch(sentences);
  });

  it('the plain translations lack the targets', () => {
    sentences.forEach((source, i) => {
      const plan = planSentence(source, plain[i]!, glossary);
      expect(plan.constraints, source).not.toBeNull();
      expect(plan.lacking.length).toBeGreaterThan(0);
    });
  });

  it('constrained decoding puts every target in, marked enforced, and leaves the other words as they were', async () => {
    const plans = sentences.map((source, i) => planSentence(source, plain[i]!, glossary));
    const constrained = await translator.translateConstrained(
      sentences.map((source, i) => ({ source, constraints: plans[i]!.constraints! })),
    );
    sentences.forEach((source, i) => {
      const result = settleSentence(source, plans[i]!, constrained[i], glossary);
      expect(result.target, source).toBe(constrained[i]);
      for (const hit of result.hits) {
        expect(constrained[i]).toContain(hit.target);
        expect(hit.status, `${source}: ${hit.target}`).toBe(plans[i]!.lacking.includes(hit.target) ? 'enforced' : 'found');
      }
      // The toy's runner-up is the right name in the same slot: the constrained
      // output is the plain one with the wrong names swapped, word for word what
      // the string repair makes of it.
      expect(constrained[i], source).toBe(plans[i]!.plain.target);
      expect(constrained[i]).not.toBe(plain[i]);
    });
  });

  it('gives each sentence in a batch what it gets alone', async () => {
    const items = sentences.map((source) => ({ source, constraints: sentenceConstraints(source, glossary) }));
    const batched = await translator.translateConstrained(items);
    for (const [i, item] of items.entries()) expect(await translator.translateConstrained([item])).toEqual([batched[i]]);
  });

  it('constraints accept every string verification accepts: a place’s derived forms', () => {
    const belarus = matchEntries('Baltkrievijas', glossary)[0]!.entry;
    expect(acceptableStrings(belarus)).toEqual(expect.arrayContaining(['Belarus', 'Belarusian', 'Belarusians']));
  });

  it('caches constrained output apart from plain output, keyed by the constraints', async () => {
    const store = TranslationStore.open(':memory:');
    const cached = new CachedTranslator(translator, store, 'toy-key');
    const source = sentences[0]!;
    const constraints = sentenceConstraints(source, glossary);
    const first = await cached.translateConstrained!([{ source, constraints }]);
    expect(cached.stats).toMatchObject({ hits: 0, misses: 1 });
    expect(
      await cached.translateConstrained!([
        { source, constraints },
        { source, constraints },
      ]),
    ).toEqual([first[0], first[0]]);
    expect(cached.stats).toMatchObject({ hits: 2, misses: 1 });
    // A plain request and other constraints are not answered with it.
    expect(await cached.translateBatch([source])).toEqual([plain[0]]);
    expect(await cached.translateConstrained!([{ source, constraints: [['Lukashenko']] }])).not.toEqual(first);
    expect(cached.stats.misses).toBe(3);
  });
});
