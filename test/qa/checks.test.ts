import { describe, expect, it } from 'vitest';
import type { GlossaryHit, Segment } from '../../src/core/segment-record.js';
import { countFlags, describeFlag, flagName, flagSeverity, needsReview } from '../../src/flags/index.js';
import { findLoop, runQa, translationLoop, typicalRatio, lengthRatioOutlier, DEFAULT_LENGTH_RATIO } from '../../src/qa/index.js';

let nextId = 0;
const seg = (source: string, target: string | null, extra: Partial<Segment> = {}): Segment => {
  nextId += 1;
  return {
    id: String(nextId),
    paragraph: 0,
    start: 0,
    end: source.length,
    source,
    kind: 'sentence',
    target,
    glossary: [],
    flags: [],
    ...extra,
  };
};
const flagsOf = (segments: Segment[]) => runQa(segments).map((s) => s.flags);
const hit = (surface: string, target: string, status: GlossaryHit['status'] = 'found'): GlossaryHit => ({
  start: 0,
  end: surface.length,
  surface,
  lemma: surface,
  target,
  status,
});

describe('untranslated', () => {
  it('flags a translation that repeats the source', () => {
    expect(flagsOf([seg('Ministri apsolīja atbalstu.', 'Ministri apsolīja atbalstu.')])[0]).toEqual(['untranslated']);
    expect(flagsOf([seg('Kipra iebilst pret sankcijām.', ' Kipra iebilst pret sankcijām.')])[0]).toEqual(['untranslated']);
  });

  it('lets a heading of names or acronyms stay as it is', () => {
    expect(flagsOf([seg('NATO', 'NATO')])[0]).toEqual([]);
  });

  it('flags Latvian-only letters outside names', () => {
    const [flags] = flagsOf([
      seg('Tikmēr Minskā svētdien atkal notika plašs protesta gājiens.', 'Tikmēr in Minsk on Sunday again took place large protest march.'),
    ]);
    expect(flags).toContain('untranslated:Tikmēr');
  });

  it('lets names keep their Latvian letters', () => {
    const segments = [
      seg(
        'Premjerministrs Krišjānis Kariņš sacīja, ka valdība strādās.',
        'Prime Minister Krišjānis Kariņš said that the government would work.',
      ),
      seg('Kariņš piebilda, ka budžets būs gatavs.', 'Kariņš added that the budget would be ready.'),
    ];
    expect(flagsOf(segments)).toEqual([[], []]);
  });

  it('flags Latvian words copied without Latvian letters', () => {
    const [flags] = flagsOf([
      seg('Tautas runa ilga apmēram stundu, un ministri klausījās.', 'The runa ilga about an hour, and ministri listened.'),
    ]);
    expect(flags!.find((f) => f.startsWith('untranslated'))).toMatch(/runa.*ilga.*ministri/);
  });
});

describe('length ratio', () => {
  const long = 'Baltkrievijas opozīcijas līdere Svetlana Tihanovska pirmdien tikās ar Eiropas Savienības ārlietu ministriem.';

  it('flags a translation far shorter or longer than usual', () => {
    expect(lengthRatioOutlier(long, 'She met.', 1.05)).not.toBeNull();
    expect(
      lengthRatioOutlier(long, 'Belarus opposition leader Sviatlana Tsikhanouskaya met European Union foreign ministers on Monday.', 1.05),
    ).toBeNull();
    expect(
      lengthRatioOutlier(
        long,
        `${'Belarus opposition leader Sviatlana Tsikhanouskaya met European Union foreign ministers on Monday and '.repeat(3)}.`,
        1.05,
      ),
    ).not.toBeNull();
  });

  it('gives short sentences room', () => {
    expect(lengthRatioOutlier('Jā.', 'Yes, indeed.', 1.05)).toBeNull();
    expect(lengthRatioOutlier('20 Foto', 'Photos', 1.05)).toBeNull();
  });

  it('learns the centre from the segments, within the prior bounds', () => {
    const few = [seg(long, long)];
    expect(typicalRatio(few)).toBe(DEFAULT_LENGTH_RATIO.prior);
    const wordy = Array.from({ length: 10 }, () => seg(long, long + long.slice(0, 20)));
    expect(typicalRatio(wordy)).toBeCloseTo((long.length + 20) / long.length, 5);
    const broken = Array.from({ length: 10 }, () => seg(long, 'x'.repeat(20)));
    expect(typicalRatio(broken)).toBe(DEFAULT_LENGTH_RATIO.centreBounds[0]);
    expect(runQa(broken).every((s) => s.flags.some((f) => f.startsWith('length-ratio:')))).toBe(true);
  });
});

describe('repeated n-grams', () => {
  it('finds decoder loops', () => {
    expect(findLoop('the people of the people of the people of Belarus')).toEqual({ ngram: 'the people of', times: 3 });
    expect(findLoop('He said no no no no.')).toMatchObject({ ngram: 'no', times: 4 });
    expect(
      translationLoop(
        'Viņš teica, ka tauta vairs nebaidās.',
        'He said that the people no longer the people no longer the people no longer afraid.',
      ),
    ).not.toBeNull();
  });

  it('leaves ordinary repetition alone', () => {
    expect(findLoop('He had had enough, and that that was the end.')).toBeNull();
    expect(findLoop('Step by step, the ministers agreed on the sanctions against the regime.')).toBeNull();
  });

  it('accepts repetition the source has too', () => {
    expect(translationLoop('Nē, nē, nē, viņš kliedza.', 'No, no, no, he shouted.')).toBeNull();
  });

  it('flags a loop once, with the repeated words', () => {
    const [flags] = flagsOf([seg('Baltkrievija ir pamodusies.', 'Belarus is is is is awakened.')]);
    expect(flags).toEqual(['repeated-ngram:is']);
  });
});

describe('glossary and empty targets', () => {
  it('does not repeat a flag the glossary stage already set', () => {
    const [s] = runQa([
      seg('Tihanovska aicina.', 'She urges.', { glossary: [hit('Tihanovska', 'Tsikhanouskaya', 'missing')], flags: ['glossary-missing'] }),
    ]);
    expect(s!.flags).toEqual(['glossary-missing']);
  });

  it('flags an empty translation and nothing else about it', () => {
    expect(flagsOf([seg('Ministri apsolīja atbalstu 20 valstīm.', '  ')])[0]).toEqual(['empty-target', 'number-missing:20']);
  });

  it('passes boilerplate and untranslated segments through untouched', () => {
    const boilerplate = seg('20 Foto', '20 Foto', { kind: 'boilerplate', flags: ['boilerplate'] });
    const pending = seg('Ministri apsolīja atbalstu.', null);
    expect(runQa([boilerplate, pending])).toEqual([boilerplate, pending]);
  });
});

describe('flags', () => {
  it('splits names from details; tm:reviewed is one name', () => {
    expect(flagName('number-format:80,1%; 10,1%')).toBe('number-format');
    expect(flagName('tm:reviewed')).toBe('tm:reviewed');
    expect(describeFlag('number-missing:774')).toBe('a number or date of the source is not in the translation: 774');
  });

  it('tells warnings from information; unknown flags are warnings', () => {
    expect(flagSeverity('glossary-repaired')).toBe('info');
    expect(flagSeverity('boilerplate')).toBe('info');
    expect(flagSeverity('tm:reviewed')).toBe('info');
    expect(flagSeverity('number-missing:774')).toBe('warning');
    expect(flagSeverity('something-new')).toBe('warning');
    expect(needsReview({ flags: ['glossary-repaired', 'split-long'] })).toBe(false);
    expect(needsReview({ flags: ['glossary-repaired', 'length-ratio:0.20'] })).toBe(true);
  });

  it('counts segments per flag name', () => {
    const counts = countFlags([
      seg('a', 'b', { flags: ['number-missing:1', 'tm:reviewed'] }),
      seg('c', 'd', { flags: ['number-missing:2'] }),
    ]);
    expect(Object.fromEntries(counts)).toEqual({ 'number-missing': 2, 'tm:reviewed': 1 });
  });
});
