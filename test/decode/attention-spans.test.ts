import { describe, expect, it } from 'vitest';
import { tokenSpans } from '../../src/translate/aligned.js';

const pieces = (text: string, spans: readonly (readonly [number, number])[]) => spans.map(([s, e]) => text.slice(s, e));

describe('token spans on the text', () => {
  it('places each token on its own characters, skipping the spaces between', () => {
    const text = 'Protesters gathered in Minsk.';
    const spans = tokenSpans(text, [' Protest', 'ers', ' gathered', ' in Minsk', '.', '']);
    expect(pieces(text, spans)).toEqual(['Protest', 'ers', 'gathered', 'in Minsk', '.', '']);
    // `</s>` decodes to nothing and spans nothing, at the end.
    expect(spans.at(-1)).toEqual([text.length, text.length]);
  });

  it('gives a token that is not in the text (<unk>, a cleaned-up piece) what lies before the next one found', () => {
    const text = 'Rīga ☃ snow, and so on';
    const spans = tokenSpans(text, [' Rīga', '<unk>', ' snow', ' ,', ' and', ' so', '<unk>']);
    expect(pieces(text, spans)).toEqual(['Rīga', '☃', 'snow', ',', 'and', 'so', 'on']);
  });
});
