import { describe, expect, it } from 'vitest';
import { applyGlossary, glossaryFromYaml, loadGlossary, requiredTargets } from '../../src/glossary/index.js';

const glossary = await loadGlossary();
const statuses = (source: string, target: string) => applyGlossary(source, target, glossary).hits.map((h) => `${h.lemma}:${h.status}`);

describe('applyGlossary', () => {
  it('marks targets already in the English as found and changes nothing', () => {
    const source = 'ANO augstā komisāre Mičela Bačeleta pieprasīja atbrīvot visus.';
    const target = 'UN High Commissioner Michelle Bachelet demanded the release of all.';
    expect(applyGlossary(source, target, glossary)).toEqual({
      target,
      hits: [
        { start: 0, end: 3, surface: 'ANO', lemma: 'ANO', target: 'UN', status: 'found' },
        { start: 20, end: 35, surface: 'Mičela Bačeleta', lemma: 'Mičela Bačeleta', target: 'Michelle Bachelet', status: 'found' },
      ],
      flags: [],
    });
  });

  it('repairs a wrong rendering and keeps the possessive', () => {
    const result = applyGlossary('Tihanovskas runa ilga 20 minūtes.', "Tikhanovskaya's speech lasted 20 minutes.", glossary);
    expect(result.target).toBe("Tsikhanouskaya's speech lasted 20 minutes.");
    expect(result.hits[0]?.status).toBe('repaired');
    expect(result.flags).toEqual(['glossary-repaired']);
  });

  it.each([
    [
      'Tihanovsku piespieda pamest valsti.',
      'Tihanovsku was forced to leave the country.',
      'Tsikhanouskaya was forced to leave the country.',
    ],
    ['Bačeletai jāiesniedz ziņojums.', 'Bacheleta must submit a report.', 'Bachelet must submit a report.'],
    ['Baltkrievija ir pamodusies.', 'Belorussia has woken up.', 'Belarus has woken up.'],
    [
      'Iekšlietu ministrija ziņoja par 774 aizturētajiem.',
      'The Interior Ministry reported 774 detainees.',
      'The Ministry of Internal Affairs reported 774 detainees.',
    ],
    ['Putins uzņems Lukašenko.', 'Putin will host Lukashenka.', 'Putin will host Lukashenko.'],
    [
      'Opozīcija runāja ar Tihanovskai tuviem cilvēkiem.',
      'The opposition spoke to people close to Tikhanovskaya.',
      'The opposition spoke to people close to Tsikhanouskaya.',
    ],
    ['ES ārlietu ministri tikās.', 'The European Union foreign ministers met.', 'The EU foreign ministers met.'],
    [
      'Ziņojums ANO Cilvēktiesību padomei.',
      'A report to the United Nations Human Rights Council.',
      'A report to the UN Human Rights Council.',
    ],
    [
      'Svetlana Tihanovska tikās ar ministriem.',
      'Svetlana Tikhanovskaya met the ministers.',
      'Sviatlana Tsikhanouskaya met the ministers.',
    ],
    ['Viņš palika Maskavā.', 'He stayed in Maskava.', 'He stayed in Moscow.'],
  ])('repairs %s', (source, target, repaired) => {
    const result = applyGlossary(source, target, glossary);
    expect(result.target).toBe(repaired);
    expect(result.hits.filter((h) => h.status === 'repaired')).toHaveLength(1);
  });

  it('replaces only the wrong part of a longer name, and keeps headline capitals', () => {
    expect(applyGlossary('Aleksandrs Lukašenko runāja.', 'Alexander Lukashenka spoke.', glossary).target).toBe(
      'Alexander Lukashenko spoke.',
    );
    expect(applyGlossary('Tihanovska runāja.', 'Svetlana Tikhanovskaya spoke.', glossary).target).toBe('Svetlana Tsikhanouskaya spoke.');
    expect(applyGlossary('TIHANOVSKA AICINA ES RĪKOTIES', 'TIKHANOVSKAYA CALLS ON EU TO ACT', glossary).target).toBe(
      'TSIKHANOUSKAYA CALLS ON EU TO ACT',
    );
  });

  it('pairs each mention with its own rendering, longer terms first', () => {
    const result = applyGlossary(
      'Svetlana Tihanovska teica, ka Tihanovskas komanda strādā.',
      "Svetlana Tsikhanouskaya said that Tsikhanouskaya's team is working.",
      glossary,
    );
    expect(result.target).toBe("Sviatlana Tsikhanouskaya said that Tsikhanouskaya's team is working.");
    expect(result.hits.map((h) => h.status)).toEqual(['repaired', 'found']);
  });

  it('accepts adjectives built on place names and listed accept words', () => {
    expect(
      statuses('Krievijas prezidents tikās ar Baltkrievijas opozīciju.', 'The Russian president met the Belarusian opposition.'),
    ).toEqual(['Krievija:found', 'Baltkrievija:found']);
    expect(statuses('Filipīnu valdība iebilst.', 'The Philippine government objects.')).toEqual(['Filipīnas:found']);
  });

  it('marks a term missing when nothing resembles it, without touching the text', () => {
    const result = applyGlossary('Tikmēr Minskā atkal notika gājiens.', 'Meanwhile, another march took place in the capital.', glossary);
    expect(result.target).toBe('Meanwhile, another march took place in the capital.');
    expect(result.hits[0]?.status).toBe('missing');
    expect(result.flags).toEqual(['glossary-missing']);
  });

  it('does not replace unrelated words', () => {
    const result = applyGlossary('ANO pārstāvis ieradās.', 'A US representative arrived.', glossary);
    expect(result.target).toBe('A US representative arrived.');
    expect(result.hits[0]?.status).toBe('missing');
  });

  it('does not turn another body into the term', () => {
    const ministry = applyGlossary(
      'Iekšlietu ministrija un Ārlietu ministrija klusē.',
      'The police and the Ministry of Foreign Affairs are silent.',
      glossary,
    );
    expect(ministry.target).toBe('The police and the Ministry of Foreign Affairs are silent.');
    expect(ministry.hits[0]?.status).toBe('missing');
    const council = applyGlossary(
      'ANO Cilvēktiesību padome un Drošības padome.',
      'The UN Security Council and the Security Council.',
      glossary,
    );
    expect(council.target).toBe('The UN Security Council and the Security Council.');
  });

  it('completes a partial rendering of a multiword name', () => {
    const result = applyGlossary(
      'Mičela Bačeleta pieprasīja atbrīvot aizturētos.',
      'Bachelet demanded the release of detainees.',
      glossary,
    );
    expect(result.target).toBe('Michelle Bachelet demanded the release of detainees.');
  });

  it('needs one target occurrence per source occurrence', () => {
    expect(statuses('Putins un Putina padomnieki.', 'Putin and his advisers.')).toEqual(['Putins:found', 'Putins:missing']);
  });

  it('reports targets with no source term behind them', () => {
    const result = applyGlossary(
      'Kremlis paziņoja, ka Putins un Lukašenko tiksies.',
      'The Kremlin said that Putin and Lukashenko would meet in Moscow.',
      glossary,
    );
    expect(result.flags).toEqual(['glossary-unsourced:Moscow']);
    const inside = applyGlossary('ANO Cilvēktiesību padome sanāca.', 'The UN Human Rights Council met.', glossary);
    expect(inside.flags).toEqual([]);
  });

  it('does not count a repaired span as unsourced', () => {
    const result = applyGlossary('ES ministri tikās.', 'European Union ministers met.', glossary);
    expect(result).toMatchObject({ target: 'EU ministers met.', flags: ['glossary-repaired'] });
  });

  it('reports enforced targets when the decoder says it forced them', () => {
    const result = applyGlossary('Putins runāja.', 'Putin spoke.', glossary, { enforced: ['Putin'] });
    expect(result.hits[0]?.status).toBe('enforced');
    expect(applyGlossary('Putins runāja.', 'Putin spoke.', glossary, { enforced: true }).hits[0]?.status).toBe('enforced');
  });

  it('uses replace lists from custom glossaries and is pure', () => {
    const g = glossaryFromYaml('terms:\n  - lemma: Kijiva\n    target: Kyiv\n    replace: [Kiev]\n');
    const source = 'Kijivā notika protesti.';
    const target = 'Protests took place in Kiev.';
    const first = applyGlossary(source, target, g);
    expect(first.target).toBe('Protests took place in Kyiv.');
    expect(applyGlossary(source, target, g)).toEqual(first);
  });

  it('handles an empty translation', () => {
    expect(applyGlossary('Putins runāja.', '', glossary)).toMatchObject({ target: '', flags: ['glossary-missing'] });
  });
});

describe('requiredTargets', () => {
  it('lists what each sentence must contain, for a constrained decoder', () => {
    const required = requiredTargets('Putins un Putina padomnieki apmeklēja Filipīnas.', glossary);
    expect(required).toEqual([
      expect.objectContaining({ target: 'Putin', lemma: 'Putins', count: 2 }),
      expect.objectContaining({ target: 'Philippines', count: 1, accept: expect.arrayContaining(['Philippine']) }),
    ]);
  });
});
