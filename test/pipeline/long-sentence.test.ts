import { describe, expect, it } from 'vitest';
import { translateText } from 'lv2en';

describe('a sentence longer than the model accepts', () => {
  it('is split at clause boundaries, translated part by part and joined back under one id, never truncated', async () => {
    const clause = 'protestētāji pieprasīja godīgas vēlēšanas, bet policija aizturēja demonstrantus';
    const words: string[] = [];
    let clauses = 0;
    for (; words.length < 5000; clauses++) words.push(...`${clause} ${clauses}`.split(' '));
    const sentence = `Tihanovska teica, ka ${words.join(' ')}.`;
    const segments = await translateText(sentence, { model: 'toy', glossary: null });
    expect(segments).toHaveLength(1);
    const [only] = segments;
    expect(only!.flags).toContain('split-long');
    // The toy translates word for word, so nothing lost means every numbered clause survives.
    const numbers = only!.target!.match(/\b\d+\b/g)!.map(Number);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i));
    expect(numbers.length).toBe(clauses);
  });
});
