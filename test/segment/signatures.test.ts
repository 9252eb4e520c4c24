/** Signatures and sources between slashes ("… beidzas. /J. K. Bērziņš./"): one segment, split off once. */
import { describe, expect, it } from 'vitest';
import { closesSignature, opensSignature } from '../../src/segment/rules/signatures.js';
import { sentences } from './helpers.js';
import { SIGNATURES } from './shapes.js';

describe('signature slashes', () => {
  it('opens before a word and closes after punctuation, never inside a word', () => {
    expect(opensSignature('beidzas. /J. K.', 9, 0)).toBe(true);
    expect(opensSignature('/LETA/', 0, 0)).toBe(true);
    expect(opensSignature('eiro/mēn.', 4, 0)).toBe(false);
    expect(opensSignature('2020./2021.', 5, 0)).toBe(false);
    expect(opensSignature('a / b', 2, 0)).toBe(false);
    expect(opensSignature('Fails ir /var/log mapē.', 9, 0)).toBe(false); // a path, not a name
    const text = 'Teksts. /J. K. Bērziņš./ Cits.';
    expect(closesSignature(text, text.indexOf('./') + 1, 0, text.length, 256)).toBe(true);
    expect(closesSignature('Mācību gads 2020./2021.', 17, 0, 23, 256)).toBe(false); // a year range, not a signature
    expect(closesSignature('Cena 5 eiro./ Tas', 11, 0, 17, 256)).toBe(false); // no opening slash
  });

  it.each(SIGNATURES)('splits "%s" once and keeps "%s" whole', (text, signature) => {
    expect(sentences(`${text} ${signature}`)).toEqual([text, signature]);
  });

  it('starts the next sentence after the closing slash', () => {
    expect(sentences('Darbs beidzas. /J. K. Bērziņš./ Nākamais raksts ir par sportu.')).toEqual([
      'Darbs beidzas.',
      '/J. K. Bērziņš./',
      'Nākamais raksts ir par sportu.',
    ]);
    expect(sentences('Paziņojums beidzas. /J. K./ Cits teikums sākas šeit.')).toEqual([
      'Paziņojums beidzas.',
      '/J. K./',
      'Cits teikums sākas šeit.',
    ]);
  });

  it('leaves slashes inside words and sentences alone', () => {
    expect(sentences('Cenas ir norādītas eiro/mēn. Tās var mainīties.')).toEqual(['Cenas ir norādītas eiro/mēn.', 'Tās var mainīties.']);
    expect(sentences('Mācību gads 2020./2021. sākās septembrī.')).toHaveLength(1);
    expect(sentences('Rakstu sagatavoja /J. Kalns/ un /A. Ozols/.')).toHaveLength(1);
    expect(sentences('/J. K. Bērziņš./')).toEqual(['/J. K. Bērziņš./']);
    expect(sentences('Žurnāls saglabāts. /var/log mape ir pilna.')).toEqual(['Žurnāls saglabāts.', '/var/log mape ir pilna.']);
  });
});
