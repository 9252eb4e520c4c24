/**
 * Years, centuries and relative years written with an abbreviation ("2004.g.", "2004. g.", "19. gs.",
 * "p.g.", "š.g."): inside the clause before a date, a locative place or when the year opens the
 * sentence; a sentence end before a sentence opener or an ordinary new sentence.
 */
import { describe, expect, it } from 'vitest';
import { classifyAbbreviation, splitGluedNumber } from '../../src/segment/rules/abbreviations.js';
import { isLocativeName, isYearAbbreviation, isYearLeadWord, yearPhraseContinues } from '../../src/segment/rules/years.js';
import { sentences } from './helpers.js';
import { YEAR_PHRASE_INSIDE, YEAR_PHRASE_ENDING, DOTTED_YEAR_INSIDE, DOTTED_YEAR_ENDING } from './shapes.js';

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
    for (const w of [
      'Centrālā',
      'Apvienotā',
      'Augstākā',
      'Valdošā',
      'Jaunā',
      'Tā',
      'Šī',
      'Tajā',
      'Sākās',
      'Latvija',
      'ASV',
      'rīgā',
      'Jūnijā',
      'Decembrī',
    ]) {
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
  it.each(YEAR_PHRASE_INSIDE)('keeps "%s" whole', (text) => {
    expect(sentences(text)).toEqual([text]);
  });

  it.each(YEAR_PHRASE_ENDING)('splits "%s" from "%s"', (first, second) => {
    expect(sentences(`${first} ${second}`)).toEqual([first, second]);
  });
});

describe('dotted abbreviations of this, last and next year', () => {
  it.each(DOTTED_YEAR_INSIDE)('keeps "%s" whole', (text) => {
    expect(sentences(text)).toEqual([text]);
  });

  it.each(DOTTED_YEAR_ENDING)('splits "%s" from "%s"', (first, second) => {
    expect(sentences(`${first} ${second}`)).toEqual([first, second]);
  });
});
