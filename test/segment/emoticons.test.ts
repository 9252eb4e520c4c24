/**
 * Emoticons and emoji after final punctuation stay with their sentence; the next sentence starts after
 * them ("Uz tikšanos! :) Rīt būs labāk." is two sentences), and marker emoji (👉 ✅) open the next one.
 */
import { describe, expect, it } from 'vitest';
import { segment } from '../../src/segment/index.js';
import { ASCII_EMOTICON, EMOJI, emoticonsEnd } from '../../src/segment/rules/emoticons.js';
import { mulberry32 } from './fuzz.js';
import { checkInvariants, sentences } from './helpers.js';
import { EMOTICONS } from './shapes.js';

describe('emoticon rules', () => {
  it('recognises ASCII emoticons standing alone, not list markers or words', () => {
    for (const e of [
      ':)',
      ':-)',
      ';)',
      ';-)',
      ':D',
      ':-D',
      ':(',
      ':P',
      ':p',
      ':))',
      ":'(",
      '=)',
      '(:',
      '^_^',
      '^^',
      '<3',
      'xD',
      'o_O',
      '-_-',
      ':*',
      ':/',
    ]) {
      expect(ASCII_EMOTICON.test(`${e} Rīt`), e).toBe(true);
    }
    for (const t of ['8) punkts', 'B) variants', ':Pirmais', 'Dalīties', '1) budžets', '„Viņš', '– Jā'])
      expect(ASCII_EMOTICON.test(t), t).toBe(false);
  });

  it('recognises emoji with skin tones, ZWJ sequences and flags, not © ® ™', () => {
    for (const e of ['😀', '👍🏻', '👨‍👩‍👧', '🇱🇻', '❤️', '🎉']) expect(EMOJI.exec(e)?.[0], e).toBe(e);
    for (const t of ['©', '®', '™', 'A', '1']) expect(EMOJI.test(t), t).toBe(false);
  });

  it('finds where the emoticons after a sentence end stop', () => {
    const at = (text: string): string => text.slice(0, emoticonsEnd(text, text.indexOf('!') + 1, text.length));
    expect(at('Jā! :) :D Rīt')).toBe('Jā! :) :D');
    expect(at('Jā!:) Rīt')).toBe('Jā!:)');
    expect(at('Jā! Rīt')).toBe('Jā!');
    expect(at('Jā! 😀 👉 Saite')).toBe('Jā! 😀');
    expect(at('Jā! ✅')).toBe('Jā! ✅');
  });
});

describe('emoticons in sentences', () => {
  it.each(EMOTICONS)('keeps "%s" together and starts "%s" after it', (first, second) => {
    expect(sentences(`${first} ${second}`)).toEqual([first, second]);
  });

  it('keeps a sentence that goes on in lower case, and a trailing emoticon, with the sentence', () => {
    expect(sentences('Paldies! :) un uz redzēšanos.')).toHaveLength(1);
    expect(sentences('Viss kārtībā. :)')).toEqual(['Viss kārtībā. :)']);
    expect(sentences('Viss kārtībā. 😀')).toEqual(['Viss kārtībā. 😀']);
    expect(sentences('Izdarīts. ✅')).toEqual(['Izdarīts. ✅']);
    expect(sentences('Koncerts sāksies plkst. :) 19.00.')).toHaveLength(1);
  });

  it('starts the next sentence at a marker emoji and keeps © with what it credits', () => {
    expect(sentences('Pieteikšanās līdz piektdienai. 👉 Saite komentāros.')).toEqual([
      'Pieteikšanās līdz piektdienai.',
      '👉 Saite komentāros.',
    ]);
    expect(sentences('Paldies! 😀 📍 Rīgā, Doma laukumā.')).toEqual(['Paldies! 😀', '📍 Rīgā, Doma laukumā.']);
    expect(sentences('Visas tiesības aizsargātas. © LETA')).toEqual(['Visas tiesības aizsargātas.', '© LETA']);
  });

  it('keeps the segment() invariants on random text with emoticons', () => {
    const pieces = [
      'Jā',
      'labi',
      'Rīt',
      '!',
      '.',
      '?',
      '...',
      ':)',
      ':-(',
      ';)',
      ':D',
      '^_^',
      '<3',
      '😀',
      '👍🏻',
      '🇱🇻',
      '👉',
      '✅',
      '/',
      '/J.',
      'K.',
      'Bērziņš./',
      '2004.g.',
      'Latvijā',
      'š.g.',
      '3.decembrī',
      ' ',
      ' ',
      '\n',
    ];
    const rand = mulberry32(7);
    for (let n = 0; n < 2000; n++) {
      let input = '';
      const count = Math.floor(rand() * 30);
      for (let k = 0; k < count; k++) input += pieces[Math.floor(rand() * pieces.length)]! + (rand() < 0.7 ? ' ' : '');
      checkInvariants(input, segment(input));
    }
    for (const input of ['! :) '.repeat(3000), `!${'😀'.repeat(5000)} X`, './ '.repeat(3000), '/J. '.repeat(3000)])
      checkInvariants(input, segment(input));
  });
});
