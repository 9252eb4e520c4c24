import { describe, expect, it } from 'vitest';
import { loadGlossary } from '../../src/glossary/index.js';
import { planSentence, settleSentence } from '../../src/glossary/enforce/constrained.js';
import { constrainedRefusal, MAX_LENGTH_RATIO } from '../../src/glossary/enforce/harm.js';
import { matchEntries } from '../../src/glossary/match/find.js';

const glossary = await loadGlossary();
const source =
  'Baltkrievijas opozīcijas līdere Svetlana Tihanovska pirmdien tikās ar Eiropas Savienības ārlietu ministriem un aicināja neatzīt prezidenta vēlēšanu rezultātus.';
/** The plain translation of the toy model, its terms misrendered. */
const plain =
  "Belorussia's opposition leader Svetlana Tikhanovskaya on Monday met with European Union foreign ministers and urged not to recognise presidential election results.";
/** What the constrained re-decode once returned for it, accepted as `enforced`. */
const harmful =
  "Belarus's opposition leader Svetlana Sviatlana Tsikhanouskaya not to recognise presidential election results. European Union";
const terms = matchEntries(source, glossary);
const plan = planSentence(source, plain, glossary);

describe('the harm check of a constrained output, against the repaired plain translation', () => {
  it('the repaired plain translation carries every term and the whole sentence', () => {
    expect(plan.plain.target).toBe(
      "Belarus's opposition leader Sviatlana Tsikhanouskaya on Monday met with European Union foreign ministers and urged not to recognise presidential election results.",
    );
  });

  it('refuses the output that dropped half the clause, naming the words lost', () => {
    expect(constrainedRefusal(plan.plain.target, harmful, terms)).toEqual({
      reason: 'words-lost',
      detail: 'Monday met foreign ministers urged',
    });
  });

  it('refuses a part of a term said twice, even with nothing lost', () => {
    const twice = plan.plain.target.replace('Sviatlana', 'Svetlana Sviatlana');
    expect(constrainedRefusal(plan.plain.target, twice, terms)).toEqual({
      reason: 'term-repeated',
      detail: 'Svetlana (Sviatlana Tsikhanouskaya)',
    });
    const whole = plan.plain.target.replace('results.', 'results of Sviatlana Tsikhanouskaya.');
    expect(constrainedRefusal(plan.plain.target, whole, terms)?.reason).toBe('term-repeated');
  });

  it('refuses an output much longer than the plain one', () => {
    const longer = `${plan.plain.target.slice(0, -1)} in the end, at last, and once more, again and again, yes, it is so indeed.`;
    expect(longer.length).toBeGreaterThan(MAX_LENGTH_RATIO * plan.plain.target.length);
    expect(constrainedRefusal(plan.plain.target, longer, terms)?.reason).toBe('length');
  });

  it('accepts a different word order and different function words', () => {
    const reordered =
      "Belarus's opposition leader Sviatlana Tsikhanouskaya met on Monday with the European Union's foreign ministers, and she urged not to recognise the presidential election results.";
    expect(constrainedRefusal(plan.plain.target, reordered, terms)).toBeNull();
    // A negation is content, not a function word.
    expect(constrainedRefusal(plan.plain.target, reordered.replace('not ', ''), terms)).toEqual({ reason: 'words-lost', detail: 'not' });
  });

  it('settles the sentence on the repaired plain translation, flagged with the reason', () => {
    const result = settleSentence(source, plan, harmful, glossary);
    expect(result.target).toBe(plan.plain.target);
    expect(result.hits.map((h) => h.status)).toEqual(['repaired', 'repaired', 'found']);
    expect(result.flags).toEqual(['glossary-repaired', 'constraint-refused:words-lost: Monday met foreign ministers urged']);
    const accepted = settleSentence(source, plan, plan.plain.target, glossary);
    expect(accepted.hits.map((h) => h.status)).toEqual(['enforced', 'enforced', 'found']);
    expect(accepted.flags).toEqual([]);
  });

  it('refuses, with the warnings named, an output the caller finds harmful', () => {
    const result = settleSentence(source, plan, plan.plain.target, glossary, () => ['number-missing']);
    expect(result.flags).toContain('constraint-refused:new warnings: number-missing');
  });
});
