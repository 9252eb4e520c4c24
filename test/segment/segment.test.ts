/**
 * The segment() contract: spans in order, trimmed, non-overlapping, covering every
 * non-space character once, with offsets into the input; line structure; a realistic
 * scraped article; and the same invariants on fuzzed input.
 */
import { describe, expect, it } from 'vitest';
import { segment } from '../../src/segment/index.js';
import { mulberry32, randomText } from './fuzz.js';
import { boilerplate, checkInvariants, sentences } from './helpers.js';

/** A scraped article in the shape the pipeline receives (written for this test). */
const ARTICLE = [
  ' date 2020-09 Šī ir pirmā ministra vizīte ārvalstīs kopš 9.augustā notikušajām vēlēšanām, kuras izraisīja plašus protestus.',
  '',
  'Saskaņā ar oficiālajiem datiem prezidents, kurš ir pie varas kopš 1994.gada, ieguva 80,1% balsu. Opozīcija rezultātus neatzīst.',
  '',
  'ANO cilvēktiesību komisāre M. Bačeleta pirmdien uzsvēra, ka apsūdzības jāizmeklē, "lai vainīgos sauktu pie atbildības".',
  '',
  'Debates pieprasīja ES, un tās atbalstīja 25 no 47 padomes dalībvalstīm. Pret iebilda divas valstis.',
  '',
  '14 Foto Protesta gājiens Minskā: cilvēki pulcējas pie parlamenta ēkas +10 Skatīties vairāk',
  '',
].join('\n');

describe('segment()', () => {
  it('returns nothing for empty and blank input', () => {
    expect(segment('')).toEqual([]);
    expect(segment(' \n\n\t ')).toEqual([]);
  });

  it('returns trimmed spans with offsets into the input', () => {
    const text = '  Pirmais teikums.   Otrais teikums!\n';
    expect(segment(text)).toEqual([
      { text: 'Pirmais teikums.', start: 2, end: 18 },
      { text: 'Otrais teikums!', start: 21, end: 36 },
    ]);
  });

  it('segments a scraped article: date header, sentences, gallery line', () => {
    const spans = segment(ARTICLE);
    checkInvariants(ARTICLE, spans);
    expect(spans.map((s) => s.text)).toEqual([
      'date 2020-09',
      'Šī ir pirmā ministra vizīte ārvalstīs kopš 9.augustā notikušajām vēlēšanām, kuras izraisīja plašus protestus.',
      'Saskaņā ar oficiālajiem datiem prezidents, kurš ir pie varas kopš 1994.gada, ieguva 80,1% balsu.',
      'Opozīcija rezultātus neatzīst.',
      'ANO cilvēktiesību komisāre M. Bačeleta pirmdien uzsvēra, ka apsūdzības jāizmeklē, "lai vainīgos sauktu pie atbildības".',
      'Debates pieprasīja ES, un tās atbalstīja 25 no 47 padomes dalībvalstīm.',
      'Pret iebilda divas valstis.',
      '14 Foto',
      'Protesta gājiens Minskā: cilvēki pulcējas pie parlamenta ēkas',
      '+10 Skatīties vairāk',
    ]);
    expect(boilerplate(ARTICLE)).toEqual(['date 2020-09', '14 Foto', '+10 Skatīties vairāk']);
  });

  it('makes a headline without final punctuation its own segment', () => {
    expect(sentences('Rīgā atklāj jaunu tramvaja līniju\nPirmie pasažieri brauca sestdien. Līnija ir gara.')).toEqual([
      'Rīgā atklāj jaunu tramvaja līniju',
      'Pirmie pasažieri brauca sestdien.',
      'Līnija ir gara.',
    ]);
  });

  it('joins a line that plainly continues the sentence above', () => {
    expect(sentences('Ministrija paziņoja, ka svētdien aizturēti\nvairāk nekā 700 cilvēku. Daļa atbrīvoti.')).toEqual([
      'Ministrija paziņoja, ka svētdien aizturēti\nvairāk nekā 700 cilvēku.',
      'Daļa atbrīvoti.',
    ]);
    expect(sentences('Dienaskārtībā ir enerģētika, tirdzniecība,\nKultūras ministrijas projekti.')).toHaveLength(1);
    expect(sentences('Saeima lems par\nbudžetu.')).toHaveLength(1);
  });

  it('never joins across a blank line', () => {
    expect(sentences('Prezidents izsludinājis likumu\n\nun tas stāsies spēkā rīt.')).toHaveLength(2);
  });

  it('splits glued sentences between a lower-case word and a capitalised one', () => {
    expect(sentences('Spēle beidzās neizšķirti.Nākamā kārta būs svētdien.')).toHaveLength(2);
    expect(sentences('Vairāk vietnē www.Latvija.lv un J.Bērziņa blogā.')).toHaveLength(1);
  });

  it('keeps the invariants on 3,000 fuzzed inputs', () => {
    const rand = mulberry32(20200913);
    for (let n = 0; n < 3000; n++) {
      const input = randomText(rand);
      checkInvariants(input, segment(input));
    }
  });

  it('keeps the invariants on pathological input', () => {
    for (const input of [
      '.'.repeat(5000),
      '…'.repeat(3000),
      'a. '.repeat(3000),
      'A. '.repeat(3000),
      'ab.Cd.'.repeat(3000),
      '1. '.repeat(3000),
      `${'„'.repeat(1000)}Teksts.${'”'.repeat(1000)}`,
      'x'.repeat(20000),
      `${'\n'.repeat(1000)}Teksts.`,
      `${'Dalīties '.repeat(500)}X`,
      `${'foto galerija '.repeat(40)}Valdība.`,
    ]) {
      checkInvariants(input, segment(input));
    }
  });

  it('is linear: a 2 MB article segments in well under the time a model takes', () => {
    const para = `${ARTICLE}\n`;
    const big = para.repeat(Math.ceil(2_000_000 / para.length));
    const t0 = performance.now();
    const spans = segment(big);
    const ms = performance.now() - t0;
    expect(spans.length).toBeGreaterThan(10_000);
    expect(ms).toBeLessThan(10_000);
    const oneLine = big.replace(/\n/gu, ' ');
    const t1 = performance.now();
    segment(oneLine);
    expect(performance.now() - t1).toBeLessThan(10_000);
  });
});
