/**
 * Years, centuries and relative years written with an abbreviation ("2004.g.", "2004. g.", "19. gs.",
 * "p.g.", "š.g."): inside the clause before a date, a locative place or when the year opens the
 * sentence; a sentence end before a sentence opener or an ordinary new sentence.
 */
import { describe, expect, it } from 'vitest';
import { classifyAbbreviation, splitGluedNumber } from '../../src/segment/rules/abbreviations.js';
import { isLocativeName, isYearAbbreviation, isYearLeadWord, yearPhraseContinues } from '../../src/segment/rules/years.js';
import { sentences } from './helpers.js';

describe('year abbreviation rules', () => {
  it('splits a number glued to its abbreviation', () => {
    expect(splitGluedNumber('2004.g')).toEqual({ number: '2004.', abbreviation: 'g' });
    expect(splitGluedNumber('2004.–2008.g')).toEqual({ number: '2004.–2008.', abbreviation: 'g' });
    expect(splitGluedNumber('19.gs')).toEqual({ number: '19.', abbreviation: 'gs' });
    expect(splitGluedNumber('13.09.2020')).toBeNull();
    expect(splitGluedNumber('š.g')).toBeNull();
    expect(splitGluedNumber('g')).toBeNull();
  });

  it('knows year phrases by the number before the abbreviation', () => {
    expect(isYearAbbreviation('g', '2004.')).toBe(true);
    expect(isYearAbbreviation('g', '2004.–2008.')).toBe(true);
    expect(isYearAbbreviation('gs', '19.')).toBe(true);
    expect(isYearAbbreviation('gs', 'XIX')).toBe(true);
    expect(isYearAbbreviation('p.g', '')).toBe(true);
    expect(isYearAbbreviation('g', '200')).toBe(false); // 200 g. is grams: no ordinal period
    expect(isYearAbbreviation('g', '5.')).toBe(false);
    expect(isYearAbbreviation('proc', '2004.')).toBe(false);
  });

  it('classifies the dotted year and month abbreviations', () => {
    for (const a of ['š.g', 'š.m', 't.g', 't.m', 't.sk']) expect(classifyAbbreviation(a), a).toBe('never-final');
    for (const a of ['p.g', 'pr.g', 'n.g', 'p.m.ē', 'm.ē']) expect(classifyAbbreviation(a), a).toBe('unit');
    expect(classifyAbbreviation('u.t.jpr')).toBe('list-end');
  });

  it('recognises locative place names, not nominative adjectives, pronouns or reflexive verbs', () => {
    for (const w of ['Latvijā', 'Rīgā', 'Kuldīgā', 'Ogrē', 'Ventspilī', 'Saldū', 'Limbažos', 'Cēsīs', 'Briselē', 'Jelgavā']) {
      expect(isLocativeName(w), w).toBe(true);
    }
    for (const w of ['Centrālā', 'Apvienotā', 'Augstākā', 'Valdošā', 'Jaunā', 'Tā', 'Šī', 'Tajā', 'Sākās', 'Latvija', 'ASV', 'rīgā']) {
      expect(isLocativeName(w), w).toBe(false);
    }
  });

  it('reads lead words before a year phrase', () => {
    for (const w of ['Kopš', 'no', 'līdz', 'Jau', '2003.', '–', '„Sākot']) expect(isYearLeadWord(w), w).toBe(true);
    for (const w of ['dibināts', 'Latvija', 'gadā.']) expect(isYearLeadWord(w), w).toBe(false);
  });

  it('decides from the next words whether the clause goes on', () => {
    expect(yearPhraseContinues('Latvijā', 'Latvijā bezdarbs', false)).toBe(true);
    expect(yearPhraseContinues('Latvijas', 'Latvijas Universitātē.', false)).toBe(true);
    expect(yearPhraseContinues('Rīgas', 'Rīgas Stradiņa universitātē.', false)).toBe(true);
    expect(yearPhraseContinues('Padomju', 'Padomju laikā tajā', false)).toBe(false);
    expect(yearPhraseContinues('Tā', 'Tā galvenā darbība', false)).toBe(false);
    expect(yearPhraseContinues('Tā', 'Tā galvenā darbība', true)).toBe(false);
    expect(yearPhraseContinues('Saeima', 'Saeima pieņēma', true)).toBe(true);
    expect(yearPhraseContinues('Saeima', 'Saeima pieņēma', false)).toBe(false);
  });
});

describe('year phrases in sentences', () => {
  it.each([
    ['2004.g. Latvijā bezdarbs samazinājās.'],
    ['2004. g. Latvijā bezdarbs samazinājās.'],
    ['Viņš dzimis 1950. g. Rīgā un bērnību pavadīja Cēsīs.'],
    ['Uzņēmums reģistrēts 1998.g. Ventspilī.'],
    ['Festivāls pirmoreiz notika 1987.g. Limbažos, bet vēlāk pārcēlās uz galvaspilsētu.'],
    ['Pētījums veikts 2019.g. Latvijas Universitātē.'],
    ['Kongress notika 2012.g. Eiropas Parlamentā Briselē.'],
    ['Apbalvojumu viņš saņēma 2001. g. Ogrē.'],
    ['Kopš 2004.g. Latvija ir NATO dalībvalsts.'],
    ['Jau 1991. g. Saeima pieņēma pirmos likumus.'],
    ['No 2003. līdz 2008.g. Latvijas ekonomika auga.'],
    ['Baznīca uzcelta 18. gs. Kurzemē, bet pārbūvēta vēlāk.'],
    ['19.gs. Eiropā valdīja impērijas.'],
    ['Projekts īstenots 2015.–2018.g. Rēzeknē un Daugavpilī.'],
    ['Pēc 2009.g. Igaunijā sākās straujš izaugsmes periods.'],
    ['Līgums parakstīts 2016.g. 3. martā Tallinā.'],
  ])('keeps "%s" whole', (text) => {
    expect(sentences(text)).toEqual([text]);
  });

  it.each([
    ['Uzņēmums dibināts 1991.g.', 'Tā galvenā darbība ir tirdzniecība.'],
    ['Ēka celta 19. gs.', 'Padomju laikā tajā atradās skola.'],
    ['Latvija iestājās ES 2004. g.', 'Savukārt eiro ieviesa 2014. gadā.'],
    ['Krīze sākās 2008.g.', 'Latvijas iedzīvotāju skaits samazinājās.'],
    ['Projekts noslēdzās 2008.g.', 'Centrālā banka to atzina par veiksmīgu.'],
    ['Likums pieņemts 2010. g.', 'Tajā bija noteikts jauns regulējums.'],
    ['Ekonomika auga strauji.', '2006.g. Iekšzemes kopprodukts pieauga par 12 %.'],
    ['Māja nodega 1944.g.', 'Vēlāk to atjaunoja.'],
  ])('splits "%s" from "%s"', (first, second) => {
    expect(sentences(`${first} ${second}`)).toEqual([first, second]);
  });
});

describe('dotted abbreviations of this, last and next year', () => {
  it.each([
    ['Sanāksme notiks š.g. 3.decembrī Rīgā.'],
    ['Komisija sanāks š. g. 20. novembrī.'],
    ['Š.g. 1. jūlijā stāsies spēkā jaunais likums.'],
    ['Līgums noslēgts p.g. 12.maijā, un tas ir spēkā trīs gadus.'],
    ['Apgrozījums pr.g. 4. ceturksnī pieauga par 7 %.'],
    ['Nodoklis būs jāmaksā līdz n.g. 31. martam.'],
    ['Ziņojums par t.g. 9 mēnešiem publicēts vakar.'],
    ['Izmaiņas stājās spēkā š.m. 5. datumā.'],
    ['Sēde notiks š.g. Dziesmu svētku laikā.'],
    ['Atbalstu saņems 40 uzņēmumi, t.sk. 12 lauksaimnieki.'],
    ['Forumā piedalījās 40 dalībnieki, t.sk. Latvijas un Lietuvas pārstāvji.'],
    ['P.g. Latvijā bija rekordliela raža.'],
  ])('keeps "%s" whole', (text) => {
    expect(sentences(text)).toEqual([text]);
  });

  it.each([
    ['Pieteikumi jāiesniedz līdz š.g. 15. janvārim.', 'Rezultātus paziņos februārī.'],
    ['Peļņa pieauga salīdzinājumā ar p.g.', 'Tas ir labākais rezultāts.'],
    ['Kapitāls pieauga par 5 % salīdzinājumā ar pr.g.', 'Investori ir apmierināti.'],
    ['Pilsēta dibināta 3. gs. p.m.ē.', 'Vēlāk to iekaroja romieši.'],
    ['Tirgū pārdeva medu, sieru u.c.', 'Pircēju bija daudz.'],
    ['Tika pārdoti dzīvokļi, mājas u.tml.', 'Cenas kāpa.'],
    ['Kolekcijā ir monētas no 2. gs. m.ē.', 'Tās atrastas Kurzemē.'],
  ])('splits "%s" from "%s"', (first, second) => {
    expect(sentences(`${first} ${second}`)).toEqual([first, second]);
  });
});
