import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beamDecode, type Decoded } from '../../src/decode/index.js';
import { ConstraintSet, constrainedSelection, type TokenConstraint } from '../../src/decode/constrained.js';
import { latvianSentences, loadToyAndSmallMarian, type Loaded, type ToyAndSmall } from './helpers.js';

// Real sessions, no stubs: the toy dictionary model and a small random-weight
// Marian generated into a temp folder.
let models: ToyAndSmall;
let toy: Loaded;
let small: Loaded;
let smallQ8: Loaded;
const sentences = latvianSentences(12);

beforeAll(async () => {
  models = await loadToyAndSmallMarian(23, { q8: true });
  ({ toy, small } = models);
  smallQ8 = models.smallQ8!;
});

afterAll(() => models?.dispose());

const ids = (loaded: Loaded, texts: readonly string[]) => texts.map((t) => loaded.tokenizer.encode(t));

/** Does `tokens` hold `phrase` as a contiguous run? */
const holds = (tokens: readonly number[], phrase: readonly number[]) =>
  tokens.some((_, i) => phrase.length > 0 && phrase.every((t, k) => tokens[i + k] === t));

/** A seeded generator, so the random constraints are the same on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('constraint progress (derived from the tokens)', () => {
  const set = new ConstraintSet([
    [[7, 8, 9], [20]], // a three-token phrase, or one token
    [[5, 5, 6]], // a phrase that overlaps itself
  ]);

  it('meets a constraint by any of its alternatives', () => {
    expect(set.progressOf([1, 20, 2]).met).toEqual([true, false]);
    expect(set.progressOf([1, 7, 8, 9]).met).toEqual([true, false]);
    expect(set.allMet(set.progressOf([7, 8, 9, 3, 5, 5, 6]))).toBe(true);
  });

  it('resets an abandoned phrase, and still finds a phrase starting inside it', () => {
    const abandoned = set.progressOf([7, 8, 3]);
    expect(abandoned).toEqual({ met: [false, false], pending: [], matched: 0 });
    expect(set.tokensMet(set.progressOf([7, 8]))).toBe(0); // size of constraint 0 is 1 (its shortest spelling): a partial phrase stays below it
    expect(set.tokensMet(set.progressOf([5, 5]))).toBe(2);
    expect(set.progressOf([5, 5, 5, 6]).met).toEqual([false, true]);
  });

  it('counts a constraint listed twice only once per occurrence', () => {
    const twice = new ConstraintSet([[[4]], [[4]]]);
    expect(twice.progressOf([4, 1]).met).toEqual([true, false]);
    expect(twice.progressOf([4, 1, 4]).met).toEqual([true, true]);
  });

  it('advances step by step exactly as the replay from the start', () => {
    const tokens = [5, 7, 8, 5, 5, 5, 6, 7, 8, 3, 20, 1];
    let progress = set.initial();
    tokens.forEach((token, i) => {
      progress = set.advance(progress, tokens.slice(0, i), token);
      expect(progress).toEqual(set.progressOf(tokens.slice(0, i + 1)));
    });
  });
});

describe('constrained selection', () => {
  it('with no constraints decodes exactly as the standard beam search', async () => {
    for (const [loaded, minNew, maxNew] of [
      [toy, 0, 64],
      [small, 6, 14],
    ] as const) {
      const input = { sources: ids(loaded, sentences), maxNewTokens: maxNew, minNewTokens: minNew };
      for (const earlyStopping of [false, true, 'never'] as const) {
        const settings = { numBeams: 4, lengthPenalty: 1, earlyStopping };
        const standard = await beamDecode(loaded.decoding, input, settings);
        const selected = await beamDecode(loaded.decoding, input, {
          ...settings,
          selectCandidates: constrainedSelection(sentences.map(() => [])),
        });
        expect(selected).toEqual(standard);
      }
    }
  });

  it('places random multi-token constraints on a small random Marian, and ends every output properly', async () => {
    const rand = random(5);
    const vocab = small.decoding.vocabSize;
    const { eos, pad, banned } = small.decoding.tokens;
    const token = () => {
      for (;;) {
        const t = Math.floor(rand() * vocab);
        if (t !== eos && t !== pad && !banned.includes(t)) return t;
      }
    };
    const texts = sentences.slice(0, 8);
    // 1–3 constraints per sentence, 1–3 tokens each, some with a second spelling.
    const constraints: TokenConstraint[][] = texts.map(() =>
      Array.from({ length: 1 + Math.floor(rand() * 3) }, () => {
        const phrase = Array.from({ length: 1 + Math.floor(rand() * 3) }, token);
        return rand() < 0.3 ? [phrase, [token(), token()]] : [phrase];
      }),
    );
    const maxNewTokens = 24;
    const decoded = await beamDecode(
      small.decoding,
      { sources: ids(small, texts), maxNewTokens },
      { numBeams: 4, selectCandidates: constrainedSelection(constraints) },
    );
    decoded.forEach((d, s) => {
      for (const constraint of constraints[s]!)
        expect(
          constraint.some((phrase) => holds(d.tokens, phrase)),
          `sentence ${s}`,
        ).toBe(true);
      expect(d.tokens).not.toContain(eos);
      expect(d.tokens.length).toBeLessThan(maxNewTokens);
      // One log-prob per token plus the final </s>, all finite.
      expect(d.tokenLogProbs).toHaveLength(d.tokens.length + 1);
      expect(d.tokenLogProbs.every(Number.isFinite)).toBe(true);
      expect(d.logProb).toBeCloseTo(
        d.tokenLogProbs.reduce((a, b) => a + b, 0),
        3,
      );
    });
  });

  it('gives a sentence the same tokens and score alone, in any batch and in any order, at fp32 and q8', async () => {
    const rand = random(9);
    const texts = latvianSentences(16);
    // Constraints of the toy's own target pieces, some it ranks low, so hypotheses run past their source's end.
    const pieceIds = [...toy.tokenizer.get_vocab().values()].map(Number).filter((id) => id > 2);
    for (const loaded of [toy, small, smallQ8]) {
      const { eos, pad, banned } = loaded.decoding.tokens;
      const token = () => {
        for (;;) {
          const t = pieceIds[Math.floor(rand() * pieceIds.length)]!;
          if (t !== eos && t !== pad && !banned.includes(t) && t < loaded.decoding.vocabSize) return t;
        }
      };
      const sources = ids(loaded, texts);
      const constraints: TokenConstraint[][] = texts.map(() =>
        Array.from({ length: 1 + Math.floor(rand() * 3) }, () => [Array.from({ length: 1 + Math.floor(rand() * 3) }, token)]),
      );
      const maxNew = sources.map((source) => source.length + 4 + (source.length % 5));
      const run = async (order: readonly number[]) => {
        const decoded = await beamDecode(
          loaded.decoding,
          { sources: order.map((i) => sources[i]!), maxNewTokens: order.map((i) => maxNew[i]!) },
          { numBeams: 4, selectCandidates: constrainedSelection(order.map((i) => constraints[i]!)) },
        );
        return new Map(order.map((i, k) => [i, decoded[k]!]));
      };
      const all = texts.map((_, i) => i);
      const batched = await run(all);
      const shuffled = await run(
        all
          .map((i) => [rand(), i] as const)
          .sort((a, b) => a[0] - b[0])
          .map(([, i]) => i),
      );
      const halves = new Map([...(await run(all.filter((i) => i % 2 === 0))), ...(await run(all.filter((i) => i % 2 === 1)))]);
      for (const i of all) {
        const [alone] = (await run([i])).values();
        for (const other of [alone!, shuffled.get(i)!, halves.get(i)!]) {
          expect(other.tokens, `sentence ${i}`).toEqual(batched.get(i)!.tokens);
          expect(other.score).toBe(batched.get(i)!.score);
        }
      }
    }
  });

  it('falls back to the best unconstrained hypothesis when the length limit leaves no room', async () => {
    const source = ids(small, sentences.slice(0, 1));
    const phrase = [11, 12, 13, 14, 15, 16];
    const [plain] = await beamDecode(small.decoding, { sources: source, maxNewTokens: 4 }, { numBeams: 4 });
    const [constrained] = (await beamDecode(
      small.decoding,
      { sources: source, maxNewTokens: 4 },
      { numBeams: 4, selectCandidates: constrainedSelection([[[phrase]]]) },
    )) as Decoded[];
    expect(holds(constrained!.tokens, phrase)).toBe(false);
    expect(constrained!.tokens.length).toBeLessThanOrEqual(3);
    expect(constrained!.score).toBeLessThanOrEqual(plain!.score + 1e-6);
  });
});
