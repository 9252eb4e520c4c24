import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { translateText } from '../../src/index.js';
import { missingSymbols, runQa } from '../../src/qa/index.js';

const qaFlags = (source: string, target: string) =>
  runQa([{ id: '1', paragraph: 0, start: 0, end: source.length, source, kind: 'sentence', target, glossary: [], flags: [] }])[0]!.flags;

describe('symbols of the source missing from the translation', () => {
  it('names emoji, flags and symbols the translation lost, each once', () => {
    expect(missingSymbols('Prieks 😀 un karogs 🇱🇻!', 'Joy and flag!')).toEqual(['😀', '🇱🇻']);
    expect(missingSymbols('Cena 5 € un 20 °C, © 2020, ✓.', 'Price 5 and 20 C, 2020.')).toEqual(['€', '°', '©', '✓']);
    expect(missingSymbols('Divi 😀 un 😀.', 'Two 😀 and.')).toEqual(['😀']);
    expect(qaFlags('Prieks 😀.', 'Joy.')).toEqual(['symbol-missing:😀']);
  });

  it('lets through what English legitimately rewrites: quotes, dashes, №, ~, ×, and symbols kept', () => {
    expect(missingSymbols('„Labi” – teica viņš, «jā».', '"Fine" - he said, "yes".')).toEqual([]);
    expect(missingSymbols('Likums № 5, ~20 km, 3×4 m.', 'Law No. 5, about 20 km, 3 x 4 m.')).toEqual([]);
    expect(missingSymbols('Pieauga par 5 % līdz 100 €; 😀 🇱🇻', 'Rose by 5% to €100; 😀 🇱🇻')).toEqual([]);
    expect(qaFlags('Cena ir 5 €.', 'The price is €5.')).not.toContainEqual(expect.stringMatching(/^symbol-missing/));
  });

  it('raises nothing on the example article through the toy model', async () => {
    const text = await readFile(new URL('../../examples/belarus-2020-09.lv.txt', import.meta.url), 'utf8');
    const segments = await translateText(text, { model: 'toy', memory: false });
    expect(segments.length).toBeGreaterThan(10);
    expect(segments.flatMap((s) => s.flags).filter((f) => f.startsWith('symbol-missing'))).toEqual([]);
  });
});
