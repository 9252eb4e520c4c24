/**
 * splitLongSentence: cut a sentence too long for the model at its best clause
 * boundary until every part fits; never truncate, never lose a character.
 */
import { describe, expect, it } from 'vitest';
import { splitLongSentence, type SentencePart } from '../../src/segment/index.js';
import { mulberry32 } from './fuzz.js';

/** A stand-in for the model tokenizer: one token per word piece of up to 6 letters, one per punctuation mark, plus EOS. */
function countTokens(s: string): number {
  const pieces = s.match(/\p{L}{1,6}|\p{N}+|[^\s\p{L}\p{N}]/gu) ?? [];
  return pieces.length + 1;
}

function checkParts(text: string, parts: readonly SentencePart[], max: number, count = countTokens): void {
  let last = 0;
  for (const p of parts) {
    expect(p.text).toBe(text.slice(p.start, p.end));
    expect(p.text).toBe(p.text.trim());
    expect(p.text.length).toBeGreaterThan(0);
    expect(text.slice(last, p.start).trim()).toBe(''); // only whitespace between parts
    expect(count(p.text)).toBeLessThanOrEqual(max);
    last = p.end;
  }
  expect(text.slice(last).trim()).toBe('');
  // Never truncates: the parts and the whitespace between them rebuild the text.
  const rebuilt = parts.map((p, i) => (i === 0 ? '' : text.slice(parts[i - 1]!.end, p.start)) + p.text).join('');
  expect(rebuilt).toBe(text.trim());
}

describe('splitLongSentence', () => {
  it('returns a sentence that fits as one part, trimmed, with offsets', () => {
    expect(splitLongSentence('  Valdība apstiprināja budžetu. ', countTokens, 100)).toEqual([
      { text: 'Valdība apstiprināja budžetu.', start: 2, end: 31 },
    ]);
    expect(splitLongSentence('   ', countTokens, 100)).toEqual([]);
  });

  it('cuts at a semicolon before a comma', () => {
    const text = 'Valdība apstiprināja budžetu, kas paredz lielākus izdevumus; opozīcija to kritizēja, jo deficīts pieaugs.';
    const parts = splitLongSentence(text, countTokens, countTokens(text) - 1);
    checkParts(text, parts, countTokens(text) - 1);
    expect(parts.map((p) => p.text)).toEqual([
      'Valdība apstiprināja budžetu, kas paredz lielākus izdevumus;',
      'opozīcija to kritizēja, jo deficīts pieaugs.',
    ]);
  });

  it('cuts before a spaced dash and after a colon', () => {
    const dash = 'Ministrs sacīja, ka reforma notiks rudenī – to apstiprināja arī viņa padomnieks sarunā ar žurnālistiem.';
    const d = splitLongSentence(dash, countTokens, countTokens(dash) - 1);
    expect(d[1]!.text.startsWith('– to apstiprināja')).toBe(true);
    const colon = 'Pēc sēdes premjers paziņoja sekojošo: valdība nekavējoties sāks sarunas ar visām arodbiedrībām.';
    const c = splitLongSentence(colon, countTokens, countTokens(colon) - 1);
    expect(c[0]!.text.endsWith('sekojošo:')).toBe(true);
  });

  it('prefers a comma before a clause opener (kas, kurš, bet, jo …) to a plain comma', () => {
    const text = 'Rīgā, Jelgavā, Liepājā un Daugavpilī šodien notika protesti, kuros piedalījās vairāki tūkstoši cilvēku no visas valsts.';
    const parts = splitLongSentence(text, countTokens, countTokens(text) - 2);
    expect(parts[1]!.text.startsWith('kuros piedalījās')).toBe(true);
  });

  it('does not cut after a parenthetical word set off by commas', () => {
    const text = 'Paredzēts pārrunāt arī citus jautājumus, piemēram, enerģētiku un kultūras projektus';
    const parts = splitLongSentence(text, countTokens, countTokens(text) - 2);
    expect(parts[0]!.text).toBe('Paredzēts pārrunāt arī citus jautājumus,');
  });

  it('cuts before un / bet / taču when there is no punctuation', () => {
    const text = 'Latvijas valdība šodien apstiprināja jauno nodokļu reformu un nosūtīja to apspriešanai Saeimas komisijām tūlīt';
    const parts = splitLongSentence(text, countTokens, countTokens(text) - 2);
    expect(parts[1]!.text.startsWith('un nosūtīja')).toBe(true);
  });

  it('falls back to word boundaries, and to characters only for a single over-long word', () => {
    const words = 'vārds '.repeat(40).trim();
    const w = splitLongSentence(words, countTokens, 10);
    checkParts(words, w, 10);
    for (const p of w) expect(p.text.startsWith('vārds') && p.text.endsWith('vārds')).toBe(true);

    const long = 'Pneimonoultramikroskopiskasilikovulkanokonioze'.repeat(6);
    const c = splitLongSentence(`Slimība ${long} ir reta.`, countTokens, 5);
    checkParts(`Slimība ${long} ir reta.`, c, 5);
    expect(c[0]!.text).toBe('Slimība');
    expect(c.filter((p) => long.includes(p.text)).length).toBeGreaterThan(1);
  });

  it('never splits inside a surrogate pair and terminates even when nothing fits', () => {
    const text = '😀😀😀😀😀😀';
    const parts = splitLongSentence(text, (s) => [...s].length, 2);
    expect(parts.map((p) => p.text)).toEqual(['😀😀', '😀😀', '😀😀']);
    const none = splitLongSentence('abc def', () => 99, 1);
    expect(none.map((p) => p.text).join('')).toBe('abcdef');
  });

  it('splits a 5,000-word sentence into parts that all fit, losing nothing', () => {
    const rand = mulberry32(5000);
    const words = [
      'valdība',
      'apstiprināja',
      'budžetu',
      'Saeima',
      'pieņēma',
      'likumu',
      'ministrs',
      'uzsvēra',
      'reformas',
      'nozīmi',
      'iedzīvotāji',
      'gaida',
      'pārmaiņas',
      'ekonomika',
      'aug',
      'nodokļi',
      'pensijas',
      'skolas',
      '2020.',
      'gadā',
      '80,1%',
      'ES',
      'plkst.',
      '19.00',
      '„reforma”',
      '(LETA)',
    ];
    const joins = [' ', ' ', ' ', ' ', ', ', ', kas ', ' un ', ' bet ', '; ', ': ', ' – ', ', kurš ', ' taču '];
    let text = '';
    for (let i = 0; i < 5000; i++) {
      text += words[Math.floor(rand() * words.length)]!;
      if (i < 4999) text += joins[Math.floor(rand() * joins.length)]!;
    }
    text += '.';
    expect(text.split(/\s+/u).length).toBeGreaterThanOrEqual(5000);
    const max = 256;
    const t0 = performance.now();
    const parts = splitLongSentence(text, countTokens, max);
    expect(performance.now() - t0).toBeLessThan(5000);
    checkParts(text, parts, max);
    expect(parts.length).toBeGreaterThan(countTokens(text) / max);
    // Parts end at clause boundaries, not in the middle of a clause.
    const clauseEnds = parts
      .slice(0, -1)
      .filter((p) => /[;:,]$/u.test(p.text) || /^(–|un|bet|taču)\s/u.test(text.slice(p.end).trimStart()));
    expect(clauseEnds.length / (parts.length - 1)).toBeGreaterThan(0.9);
  });

  it('keeps the invariants on fuzzed sentences and limits', () => {
    const rand = mulberry32(7);
    const alphabet = ['a', 'ā', 'b', ' ', ' ', ',', ';', ':', ' – ', ' un ', '(', ')', '„', '”', '😀', 'x'.repeat(30)];
    for (let n = 0; n < 300; n++) {
      let text = '';
      const len = Math.floor(rand() * 200);
      for (let i = 0; i < len; i++) text += alphabet[Math.floor(rand() * alphabet.length)]!;
      const max = 2 + Math.floor(rand() * 20);
      const parts = splitLongSentence(text, countTokens, max);
      // A single character may exceed a tiny limit; everything else must fit.
      checkParts(text, parts, Math.max(max, ...parts.map((p) => ([...p.text].length === 1 ? countTokens(p.text) : 0))));
    }
  });
});
