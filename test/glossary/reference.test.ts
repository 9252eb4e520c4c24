import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildReferenceSet } from '../../scripts/hunspell-noun-forms.js';
import { REFERENCE_PATH, readReference, scoreReference, totals } from './reference.js';

/**
 * The real-Latvian set (case forms from the Latvian Hunspell dictionary): each lemma a one-entry
 * glossary without hints. Its first score, before the engine knew plural -i lemmas, -šanās nouns
 * and the dictionary's 6th declension list, was 77.9% of name forms and 82.9% of noun forms.
 */
describe('real-Latvian declension set (test/fixtures/glossary/hunspell-nouns.jsonl)', () => {
  const lemmas = readReference();
  const scores = scoreReference(lemmas);

  it('has at least 300 names and 300 common nouns across the declension classes', () => {
    expect(lemmas.filter((l) => l.set === 'names').length).toBeGreaterThanOrEqual(300);
    expect(lemmas.filter((l) => l.set === 'nouns').length).toBeGreaterThanOrEqual(300);
    expect(new Set(scores.map((s) => `${s.set} ${s.class}`)).size).toBeGreaterThanOrEqual(20);
  });

  it('is what scripts/hunspell-noun-forms.ts makes of the dictionary', () => {
    const text = `${buildReferenceSet()
      .map((l) => JSON.stringify(l))
      .join('\n')}\n`;
    expect(readFileSync(REFERENCE_PATH, 'utf8')).toBe(text);
  });

  it.each(['names', 'nouns'])('%s: at least 99.5%% of the reference forms are found', (set) => {
    const t = totals(scores, set);
    expect(t.found / t.forms).toBeGreaterThanOrEqual(0.995);
  });

  it('finds every vocative of a 1st declension name as a form of address', () => {
    const rows = scores.filter((s) => s.vocatives > 0);
    expect(rows.reduce((n, s) => n + s.vocativesFound, 0)).toBe(rows.reduce((n, s) => n + s.vocatives, 0));
  });

  it('fires on another lemma only where the two share a spelling', () => {
    // Uldus (3rd declension, plural Uldi) and the place Uldi; Ludi and the dictionary's separate lemma Ludos.
    expect(scores.flatMap((s) => s.falses).sort()).toEqual([
      'Ludi fires on Ludos (Ludos)',
      'Uldi fires on Uldus (Uldus)',
      'Uldus fires on Uldi (Uldi)',
    ]);
  });
});
