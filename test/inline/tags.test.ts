import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InlineTag } from '../../src/core/segment-record.js';
import { joinSentences, nestingProblem, placeTags, tagsOverSentences, wordAlignmentFromTokens, words } from '../../src/inline/index.js';
import { arbitraryTagged } from './arbitrary.js';

const open = (id: string, at: number): InlineTag => ({ kind: 'open', id, at, type: 'bold', data: `<b${id}>` });
const close = (id: string, at: number): InlineTag => ({ kind: 'close', id, at, type: 'bold', data: `</b${id}>` });
const code = (id: string, at: number): InlineTag => ({ kind: 'isolated', id, at, type: 'note', data: `<n${id}/>` });

describe('a block’s tags over its sentences', () => {
  const text = 'Viens divi. Trīs četri.';
  const sentences: [number, number][] = [
    [0, 11],
    [12, 23],
  ];

  it('closes a span at a sentence end and reopens it at the next start, both halves marked split', () => {
    const [first, second] = tagsOverSentences([open('1', 6), close('1', 17)], sentences);
    expect(first).toEqual([open('1', 6), { ...close('1', 11), split: true }]);
    expect(second).toEqual([{ ...open('1', 0), split: true }, close('1', 5)]);
  });

  it('gives a code between sentences to the earlier one, an open there to the later one', () => {
    const [first, second] = tagsOverSentences([code('1', 11), open('2', 12), close('2', 16)], sentences);
    expect(first).toEqual([code('1', 11)]);
    expect(second).toEqual([open('2', 0), close('2', 4)]);
  });

  it('joins the halves again when both still meet at the boundary', () => {
    const split = tagsOverSentences([open('1', 6), close('1', 17)], sentences);
    const joined = joinSentences(
      text,
      sentences.map(([start, end], i) => ({ start, end, target: text.slice(start, end), tags: split[i]! })),
    );
    expect(joined).toEqual({ text, tags: [open('1', 6), close('1', 17)] });
  });

  it('keeps every tag and valid nesting for any layout, and joins back to the input', () => {
    fc.assert(
      fc.property(arbitraryTagged(), fc.array(fc.nat(), { maxLength: 4 }), ({ text, tags }, cuts) => {
        // Sentences: the text cut at word boundaries.
        const bounds = words(text);
        const points = [...new Set(cuts.map((c) => bounds[c % Math.max(1, bounds.length)]?.[1] ?? text.length))].sort((a, b) => a - b);
        const ranges: [number, number][] = [];
        let start = 0;
        for (const point of [...points.filter((p) => p > 0 && p < text.length), text.length]) {
          ranges.push([start, point]);
          start = point;
        }
        const parts = tagsOverSentences(tags, ranges);
        parts.forEach((part, i) => expect(nestingProblem(part, ranges[i]![1] - ranges[i]![0])).toBeNull());
        const joined = joinSentences(
          text,
          ranges.map(([s, e], i) => ({ start: s, end: e, target: text.slice(s, e), tags: parts[i]! })),
        );
        expect(joined.text).toBe(text);
        expect(joined.tags.map(({ split, ...t }) => t)).toEqual(tags);
      }),
    );
  });
});

describe('placing tags on a translation', () => {
  it('keeps every tag, nests validly and stays inside the target, whatever the alignment says', () => {
    fc.assert(
      fc.property(
        arbitraryTagged(),
        fc.array(fc.constantFrom('the', 'Union', 'of', 'Europe', ',', 'met', 'ministers', '.'), { maxLength: 12 }),
        fc.option(
          fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 12 }),
        ),
        ({ text, tags }, targetWords, weights) => {
          const target = targetWords.join(' ');
          const alignment = weights
            ? wordAlignmentFromTokens(text, target, {
                source: words(text),
                target: words(target),
                weights: words(target).map((_, t) =>
                  words(text).map((_, s) => weights[t % weights.length]![s % weights[t % weights.length]!.length]!),
                ),
              })
            : undefined;
          const placed = placeTags({ source: text, tags, target, alignment });
          expect(nestingProblem(placed.tags, target.length)).toBeNull();
          const key = (t: InlineTag) => `${t.kind}:${t.id}:${t.data}`;
          expect(placed.tags.map(key).sort()).toEqual(tags.map(key).sort());
        },
      ),
      { numRuns: Number(process.env.LV2EN_PROPERTY_RUNS ?? 300) },
    );
  });

  it('keeps sibling spans and codes in order when a span must move up to where the next one starts', () => {
    // Two cases the property above found: near-zero attention puts a span before its earlier sibling's end.
    const cases = [
      {
        source: 'Svetlana Svetlana Svetlana Svetlana',
        tags: [open('1', 9), close('1', 17), open('2', 18), close('2', 26), open('3', 27), close('3', 35)],
        target: 'the the the the the',
        weights: [
          [0, 0, 5e-324],
          [0, 0, 0, 5e-324],
          [0, 5e-324],
          [5e-324, 0],
          [0, 5e-324, 0],
        ],
      },
      {
        source: 'Svetlana Svetlana Svetlana',
        tags: [open('1', 0), close('1', 8), code('2', 9), open('3', 17), close('3', 26)],
        target: 'the the the',
        weights: [[0, 0, 5e-324], [0], [0, 0, 5e-324]],
      },
    ];
    for (const { source, tags, target, weights } of cases) {
      const attention = words(target).map((_, t) => words(source).map((_, s) => weights[t]![s % weights[t]!.length]!));
      const alignment = wordAlignmentFromTokens(source, target, { source: words(source), target: words(target), weights: attention });
      const placed = placeTags({ source, tags, target, alignment });
      expect(nestingProblem(placed.tags, target.length)).toBeNull();
      expect(placed.tags.map((t) => t.data).sort()).toEqual(tags.map((t) => t.data).sort());
    }
  });

  it('puts each span on the words it covered when the alignment is one to one', () => {
    const source = 'Svetlana Tihanovska pirmdien tikās ar Eiropas Savienības ministriem';
    const target = 'Sviatlana Tsikhanouskaya on-Monday met with European Union ministers';
    const diagonal = words(source).map((_, t) => words(source).map((_, s) => (s === t ? 1 : 0)));
    const alignment = wordAlignmentFromTokens(source, target, { source: words(source), target: words(target), weights: diagonal });
    const tags = [
      open('1', 9),
      close('1', 19),
      { ...open('2', 38), type: 'italic' as const },
      { ...close('2', 56), type: 'italic' as const },
      code('3', 68),
    ];
    const placed = placeTags({ source, tags, target, alignment });
    expect(placed.confident).toBe(true);
    const spanText = (id: string) =>
      target.slice(
        placed.tags.find((t) => t.id === id && t.kind === 'open')!.at,
        placed.tags.find((t) => t.id === id && t.kind === 'close')!.at,
      );
    expect(spanText('1')).toBe('Tsikhanouskaya');
    expect(spanText('2')).toBe('European Union');
    expect(placed.tags.find((t) => t.id === '3')!.at).toBe(target.length);
  });

  it('uses glossary anchors where there is no alignment, and says where it had to guess', () => {
    const source = 'Svetlana Tihanovska pirmdien tikās ar ministriem';
    const target = 'on Monday Sviatlana Tsikhanouskaya met ministers';
    const anchored = placeTags({ source, tags: [open('1', 9), close('1', 19)], target, anchors: [{ source: [0, 19], target: [10, 34] }] });
    expect(target.slice(anchored.tags[0]!.at, anchored.tags[1]!.at)).toBe('Tsikhanouskaya');
    expect(anchored.confident).toBe(true);
    const guessed = placeTags({ source, tags: [open('1', 20), close('1', 28)], target });
    expect(guessed.confident).toBe(false);
    expect(nestingProblem(guessed.tags, target.length)).toBeNull();
  });
});
