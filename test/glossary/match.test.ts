import { describe, expect, it } from 'vitest';
import { findTerms, glossaryFromYaml, loadGlossary } from '../../src/glossary/index.js';
import type { Glossary } from '../../src/glossary/index.js';
import { GOLD_PATH, goldPath, listSets, readGold, readMarked, renderGold } from './gold.js';
import { scoreSet } from './bench.js';
import { readFileSync } from 'node:fs';

const glossary: Glossary = await loadGlossary();
const lemmas = (text: string, g: Glossary = glossary) => findTerms(text, g).map((m) => m.lemma);
const surfaces = (text: string, g: Glossary = glossary) => findTerms(text, g).map((m) => m.surface);

describe('detection suite (test/fixtures/glossary)', () => {
  const sentences = readGold();

  it('has at least 80 sentences and a gold file in step with the marked text', () => {
    expect(sentences.length).toBeGreaterThanOrEqual(80);
    expect(readFileSync(GOLD_PATH, 'utf8')).toBe(renderGold(readMarked()));
    for (const s of sentences) for (const t of s.terms) expect(s.text.slice(t.start, t.end)).toBe(t.surface);
  });

  it('finds every gold term and nothing else', () => {
    const key = (t: { start: number; end: number; lemma: string }) => `${t.start}-${t.end} ${t.lemma}`;
    let gold = 0;
    const missed: string[] = [];
    const falseHits: string[] = [];
    for (const s of sentences) {
      const found = findTerms(s.text, glossary);
      const expected = new Set(s.terms.map(key));
      const got = new Set(found.map(key));
      gold += expected.size;
      for (const k of expected) if (!got.has(k)) missed.push(`#${s.id} ${k}: ${s.text}`);
      for (const k of got) if (!expected.has(k)) falseHits.push(`#${s.id} ${k}: ${s.text}`);
    }
    expect(gold).toBeGreaterThan(140);
    expect(missed).toEqual([]);
    expect(falseHits).toEqual([]);
  });
});

describe('every glossary gold set (dev and blind)', () => {
  it.each(listSets())('%s: gold file in step with the marked text, offsets right', (set) => {
    expect(readFileSync(goldPath(set), 'utf8')).toBe(renderGold(readMarked(set)));
    for (const s of readGold(set)) for (const t of s.terms) expect(s.text.slice(t.start, t.end)).toBe(t.surface);
  });

  // Regression guard for sets that were already scored blind; their first scores are in the git log.
  // KNOWN lists what is still wrong, so a new error and a silent fix both show up here.
  // blind2 first scored 44/45 with "Ludmila Putina" (his ex-wife) taken for Putin; the shipped
  // `Vladimirs Putins` full-name entry settles it, since a namesake's first name now rules him out.
  const KNOWN: Record<string, string[]> = {};
  it.each(listSets().filter((s) => s !== 'sentences'))('%s: finds every gold term and nothing else', (set) => {
    const score = scoreSet(readMarked(set), glossary);
    expect(score.errors).toEqual(KNOWN[set] ?? []);
  });
});

describe('findTerms', () => {
  it('returns spans with surface === text.slice(start, end)', () => {
    const text = 'Bačeletai līdz gada beigām jāiesniedz ziņojums ANO Cilvēktiesību padomei.';
    const matches = findTerms(text, glossary);
    expect(matches).toEqual([
      { start: 0, end: 9, surface: 'Bačeletai', lemma: 'Bačeleta', target: 'Bachelet' },
      { start: 47, end: 72, surface: 'ANO Cilvēktiesību padomei', lemma: 'ANO Cilvēktiesību padome', target: 'UN Human Rights Council' },
    ]);
    for (const m of matches) expect(text.slice(m.start, m.end)).toBe(m.surface);
  });

  it('never matches inside a word', () => {
    expect(lemmas('Baltkrievija un Baltkrievijas robeža')).toEqual(['Baltkrievija', 'Baltkrievija']);
    expect(lemmas('Putinisms un putinisms nav Putins.')).toEqual(['Putins']);
    expect(lemmas('Anonīmi avoti, anonīmā vēstule.')).toEqual([]);
    expect(lemmas('ESAO un ANOtācija')).toEqual([]);
  });

  it('prefers the longest match', () => {
    expect(surfaces('Svetlanas Tihanovskas birojs')).toEqual(['Svetlanas Tihanovskas']);
    expect(surfaces('ANO Cilvēktiesību padomes sēde un ANO Drošības padome')).toEqual(['ANO Cilvēktiesību padomes', 'ANO']);
  });

  it('tells the acronym ES from the pronoun Es', () => {
    expect(lemmas('Es domāju, ka ES kavējas.')).toEqual(['ES']);
    expect(lemmas('ES SANKCIJAS STĀJAS SPĒKĀ')).toEqual(['ES']);
    expect(lemmas('„ES ESMU GATAVA ATGRIEZTIES,” SAKA TIHANOVSKA')).toEqual(['Tihanovska']);
    expect(lemmas('ES ATGRIEZĪŠOS MINSKĀ')).toEqual(['Minska']);
  });

  it('looks past adverbs and object pronouns for the first-person verb that vetoes ES', () => {
    expect(lemmas('„ES NEKAD NEPADOŠOS,” SOLA TIHANOVSKA')).toEqual(['Tihanovska']);
    expect(lemmas('„ES TO ZINU JAU SEN,” SAKA DEPUTĀTS')).toEqual([]);
    expect(lemmas('„ES PAZĪSTU PUTINU DIVDESMIT GADUS,” SAKA DIPLOMĀTS')).toEqual(['Putins']);
    // The EU, with an adverb and a third-person verb after it.
    expect(lemmas('ES ARĪ PIEŠĶIRS ATBALSTU BALTKRIEVIJAS OPOZĪCIJAI')).toEqual(['ES', 'Baltkrievija']);
    expect(lemmas('ES jau noteica sankcijas, un ES atbalstu saņems arī Moldova.')).toEqual(['ES', 'ES']);
  });

  it('matches the vocative of a masculine name only as a form of address', () => {
    expect(surfaces('Demonstranti skandēja „Putin, ej mājās!”.')).toEqual(['Putin']);
    expect(surfaces('Uz plakāta bija rakstīts: „Paldies, Putin!”')).toEqual(['Putin']);
    expect(surfaces('Grāmatas nosaukums ir „Putin Khuylo” – tā skan dziesma.')).toEqual([]);
    const g = glossaryFromYaml(`terms:
  - lemma: Vladimirs Putins
    target: Vladimir Putin
    type: person
  - lemma: Kalniņš
    target: Kalnins
    type: person
`);
    expect(surfaces('„Vladimir Putin, apturiet karu!” rakstīts vēstulē.', g)).toEqual(['Vladimir Putin']);
    expect(surfaces('„Kalniņ, nāc uz laukuma!” sauca treneris.', g)).toEqual(['Kalniņ']);
    expect(surfaces('Kalniņ un Kalniņš', g)).toEqual(['Kalniņš']);
  });

  it('matches the vocative of a diminutive only as a form of address', () => {
    const g = glossaryFromYaml(`terms:
  - lemma: Jānītis
    target: Janitis
    type: person
  - lemma: Anniņa
    target: Annina
    type: person
`);
    expect(surfaces('„Jānīt, nāc mājās!” sauca māte.', g)).toEqual(['Jānīt']);
    expect(surfaces('Paldies, Anniņ!', g)).toEqual(['Anniņ']);
    expect(surfaces('Anniņ un Jānīt', g)).toEqual([]);
    // Without a type only the diminutive's bare stem is a vocative.
    const untyped = glossaryFromYaml(`terms:
  - lemma: māmiņa
    target: mummy
  - lemma: Kalniņš
    target: Kalnins
  - lemma: Bērziņa
    target: Berzina
  - lemma: Putins
    target: Putin
`);
    expect(surfaces('„Māmiņ, Kalniņ, Bērziņ, Putin!”', untyped)).toEqual(['Māmiņ', 'Kalniņ', 'Bērziņ']);
  });

  it('accepts inner capitals in organisation, brand and untyped names only', () => {
    const g = glossaryFromYaml(`terms:
  - lemma: Ruslatnafta
    target: Ruslatnafta
    type: organisation
  - lemma: airBaltic
    target: airBaltic
    type: brand
  - lemma: Kalnozols
    target: Kalnozols
    type: place
  - lemma: LatRailNet
    target: LatRailNet
    type: organisation
    case: exact
  - lemma: Latvenergo
    target: Latvenergo
`);
    expect(surfaces('RusLatNafta un RusLatNaftas akcijas; RUSLATNAFTA', g)).toEqual(['RusLatNafta', 'RusLatNaftas', 'RUSLATNAFTA']);
    expect(surfaces('AirBaltic lidmašīnas, Airbaltic un airBaltic reisi', g)).toEqual(['AirBaltic', 'Airbaltic', 'airBaltic']);
    // A place keeps its spelling; an exact entry is matched only as written; the first letter still counts.
    expect(surfaces('KalnOzols un KalnOzolā', g)).toEqual([]);
    expect(surfaces('Latrailnet un LatRailNet', g)).toEqual(['LatRailNet']);
    expect(surfaces('rusLatNafta', g)).toEqual([]);
    // An entry without a type may be an organisation.
    expect(surfaces('LatvEnergo un Latvenergo', g)).toEqual(['LatvEnergo', 'Latvenergo']);
  });

  it('does not take a namesake for the person: another first name before the surname', () => {
    expect(lemmas('Sergeja Tihanovska aizturēšana izraisīja protestu vilni.')).toEqual([]);
    expect(lemmas('Viņa māsai Annai Tihanovskai uzdāvināja ziedus.')).toEqual([]);
    // Her own first names, adverbs and places before the surname are no namesakes.
    expect(lemmas('Svetlana Cihanouska ieradās Viļņā.')).toEqual(['Tihanovska']);
    expect(lemmas('Tikai Tihanovskai izdevās apvienot opozīciju.')).toEqual(['Tihanovska']);
    expect(lemmas('Viļņā Tihanovska tikās ar Lietuvas ministriem.')).toEqual(['Tihanovska']);
    expect(lemmas('Pirms Bačeletas šo amatu ieņēma Zeids Raads al Huseins.')).toEqual(['Bačeleta']);
    expect(lemmas('Kopš Tihanovskas aiziešanas opozīcija ir sašķelta.')).toEqual(['Tihanovska']);
    expect(lemmas('Tiesa Annas Tihanovskas lietu neizskatīja.')).toEqual([]);
    // Without a full-name entry nothing is known about first names: Aleksandrs Lukašenko is him.
    expect(lemmas('Aleksandrs Lukašenko un Vladimira Putina tikšanās.')).toEqual(['Lukašenko', 'Vladimirs Putins']);
    expect(lemmas('Ludmila Putina pēc šķiršanās pazuda no publiskās dzīves.')).toEqual([]);
  });

  it('matches all-caps headlines and keeps capitals on names', () => {
    expect(lemmas('KREMLIS NOLIEDZ, KA PUTINS TIKSIES AR TIHANOVSKU')).toEqual(['Kremlis', 'Putins', 'Tihanovska']);
    expect(lemmas('Pleskavas kremlis un kremļa mūri')).toEqual([]);
  });

  it('lets organisations lose their capital but not people or places', () => {
    expect(lemmas('Baltkrievijas iekšlietu ministrija')).toEqual(['Baltkrievija', 'Iekšlietu ministrija']);
    expect(lemmas('ANO cilvēktiesību padome')).toEqual(['ANO Cilvēktiesību padome']);
    expect(lemmas('maskava un krievija')).toEqual([]);
  });

  it('matches across line breaks and next to punctuation', () => {
    expect(surfaces('Svetlana\nTihanovska')).toEqual(['Svetlana\nTihanovska']);
    expect(surfaces('„Kremlis”, (Putins), ES–Krievijas; Minskā!')).toEqual(['Kremlis', 'Putins', 'ES', 'Krievijas', 'Minskā']);
  });

  it('matches decomposed (NFD) text with offsets into the text as given', () => {
    const text = 'Tikšanās Minskā ar Bačeletu.'.normalize('NFD');
    const matches = findTerms(text, glossary);
    expect(matches.map((m) => m.lemma)).toEqual(['Minska', 'Bačeleta']);
    for (const m of matches) expect(text.slice(m.start, m.end)).toBe(m.surface);
  });

  it('follows per-entry case rules', () => {
    const g = glossaryFromYaml(`terms:
  - lemma: iPhone
    target: iPhone
    case: exact
  - lemma: valdība
    target: government
  - lemma: nato
    target: NATO
    case: insensitive
`);
    expect(lemmas('Jaunais iPhone un IPHONE; iphone', g)).toEqual(['iPhone']);
    expect(lemmas('JAUNAIS IPHONE IR DĀRGS', g)).toEqual(['iPhone']);
    expect(lemmas('Valdība un valdības', g)).toEqual(['valdība', 'valdība']);
    expect(lemmas('NATO, Nato un nato', g)).toEqual(['nato', 'nato', 'nato']);
  });
});
