import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beamDecode, greedyDecode, standardSelection, type CandidateSelector, type Decoded } from '../../src/decode/index.js';
import { latvianSentences, libraryGreedy, loadToyAndSmallMarian, type Loaded, type ToyAndSmall } from './helpers.js';

// Real sessions, no stubs: the toy dictionary model (its padded rows emit
// garbage after </s>, the batch defect) and a small random-weight Marian
// generated into a temp folder (it rarely ends early, so lengths are forced).
let models: ToyAndSmall;
let toy: Loaded;
let small: Loaded;
const sentences = latvianSentences(24);

beforeAll(async () => {
  models = await loadToyAndSmallMarian(11);
  ({ toy, small } = models);
});

afterAll(() => models?.dispose());

const ids = (loaded: Loaded, texts: readonly string[]) => texts.map((t) => loaded.tokenizer.encode(t));
/** Output lengths that differ per sentence, so rows finish at different steps and leave the batch. */
const forcedLengths = (texts: readonly string[]) => texts.map((_, i) => 3 + ((i * 7) % 17));

describe('greedy decoding', () => {
  it('equals transformers.js greedy, sentence by sentence, on the toy model (rows end on </s> at different steps)', async () => {
    const ours = await greedyDecode(toy.decoding, { sources: ids(toy, sentences), maxNewTokens: 64 });
    for (const [i, sentence] of sentences.entries()) {
      expect(ours[i]!.tokens, sentence).toEqual(await libraryGreedy(toy, sentence, { maxNewTokens: 64 }));
    }
    // Some rows end well before others, so the batch really had finished rows in it.
    const lengths = ours.map((o) => o.tokens.length);
    expect(Math.max(...lengths) - Math.min(...lengths)).toBeGreaterThan(5);
  });

  it('equals transformers.js greedy on a small random Marian, with forced per-sentence lengths', async () => {
    const lengths = forcedLengths(sentences);
    const ours = await greedyDecode(small.decoding, { sources: ids(small, sentences), maxNewTokens: lengths, minNewTokens: lengths });
    for (const [i, sentence] of sentences.entries()) {
      const reference = await libraryGreedy(small, sentence, { maxNewTokens: lengths[i]!, minNewTokens: lengths[i]! });
      expect(reference).toHaveLength(lengths[i]! - 1);
      expect(ours[i]!.tokens, sentence).toEqual(reference);
    }
  });

  it('equals transformers.js greedy on the small model when lengths are free (cap forces </s>)', async () => {
    const ours = await greedyDecode(small.decoding, { sources: ids(small, sentences.slice(0, 8)), maxNewTokens: 20 });
    for (const [i, sentence] of sentences.slice(0, 8).entries()) {
      expect(ours[i]!.tokens).toEqual(await libraryGreedy(small, sentence, { maxNewTokens: 20 }));
    }
  });

  it('gives each sentence in a batch what it gets alone', async () => {
    // The toy ends on its own </s> (past it, its padded rows emit garbage by design); the small model gets forced lengths.
    const lengths = forcedLengths(sentences);
    for (const [loaded, minNew] of [
      [toy, sentences.map(() => 0)],
      [small, lengths],
    ] as const) {
      const input = { sources: ids(loaded, sentences), maxNewTokens: lengths.map((l) => l + 20), minNewTokens: minNew };
      const batched = await greedyDecode(loaded.decoding, input, { scores: true });
      for (let i = 0; i < sentences.length; i++) {
        const [alone] = await greedyDecode(
          loaded.decoding,
          { sources: [input.sources[i]!], maxNewTokens: input.maxNewTokens[i]!, minNewTokens: minNew[i]! },
          { scores: true },
        );
        expect(batched[i]!.tokens).toEqual(alone!.tokens);
        expect(batched[i]!.logProb).toBeCloseTo(alone!.logProb, 4);
      }
    }
  });

  it('runs the encoder once per batch and the decoder once per step', async () => {
    const before = { ...small.decoding.calls };
    await greedyDecode(small.decoding, { sources: ids(small, sentences), maxNewTokens: 9, minNewTokens: 9 });
    expect(small.decoding.calls.encoder - before.encoder).toBe(1);
    expect(small.decoding.calls.decoder - before.decoder).toBe(9);
  });

  it('tells onStep each step its rows: finished rows leave the batch before they are a quarter of it', async () => {
    const lengths = forcedLengths(sentences);
    const rows: number[] = [];
    small.decoding.onStep = (count, ms) => {
      expect(ms).toBeGreaterThan(0);
      rows.push(count);
    };
    try {
      await greedyDecode(small.decoding, { sources: ids(small, sentences), maxNewTokens: lengths, minNewTokens: lengths });
    } finally {
      small.decoding.onStep = null;
    }
    expect(rows).toHaveLength(Math.max(...lengths));
    rows.forEach((count, step) => {
      const live = lengths.filter((l) => l > step).length;
      expect(count).toBeGreaterThanOrEqual(live);
      // Dead rows stay only while they are under a quarter of the batch (they joined it this step at most).
      const finishedThisStep = lengths.filter((l) => l === step).length;
      expect(count - live - finishedThisStep).toBeLessThan(Math.max(1, count * 0.25));
    });
    expect(rows.at(-1)).toBeLessThan(sentences.length);
  });
});

describe('beam search', () => {
  const score = (d: Decoded) => d.score;

  it('with one beam equals greedy, tokens and scores', async () => {
    for (const loaded of [toy, small]) {
      const input = { sources: ids(loaded, sentences), maxNewTokens: 30 };
      const greedy = await greedyDecode(loaded.decoding, input, { scores: true });
      const beam = await beamDecode(loaded.decoding, input, { numBeams: 1 });
      expect(beam.map((b) => b.tokens)).toEqual(greedy.map((g) => g.tokens));
      beam.forEach((b, i) => expect(b.score).toBeCloseTo(greedy[i]!.score, 5));
    }
  });

  it('finds a translation scoring at least as well as greedy under the same length penalty', async () => {
    for (const lengthPenalty of [1, 0.6]) {
      const input = { sources: ids(small, sentences), maxNewTokens: 24 };
      const greedy = await greedyDecode(small.decoding, input, { scores: true, lengthPenalty });
      const beam = await beamDecode(small.decoding, input, { numBeams: 4, lengthPenalty });
      beam.forEach((b, i) => expect(score(b)).toBeGreaterThanOrEqual(score(greedy[i]!) - 1e-5));
      // On random weights the search does find different, better sequences.
      expect(beam.some((b, i) => score(b) > score(greedy[i]!) + 1e-3)).toBe(true);
    }
  });

  it('scores as it reports: score = sum of token log-probs / length^α', async () => {
    const [b] = await beamDecode(
      small.decoding,
      { sources: ids(small, sentences.slice(0, 1)), maxNewTokens: 12 },
      { numBeams: 3, lengthPenalty: 0.8 },
    );
    const sum = b!.tokenLogProbs.reduce((x, y) => x + y, 0);
    expect(b!.tokenLogProbs).toHaveLength(b!.tokens.length + 1);
    expect(b!.logProb).toBeCloseTo(sum, 4);
    expect(b!.score).toBeCloseTo(sum / (b!.tokens.length + 1) ** 0.8, 4);
  });

  it('gives each sentence in a batch what it gets alone, as sentences finish at different steps', async () => {
    const input = { sources: ids(toy, sentences), maxNewTokens: 64 };
    const batched = await beamDecode(toy.decoding, input, { numBeams: 4 });
    for (let i = 0; i < sentences.length; i++) {
      const [alone] = await beamDecode(toy.decoding, { sources: [input.sources[i]!], maxNewTokens: 64 }, { numBeams: 4 });
      expect(batched[i]!.tokens).toEqual(alone!.tokens);
    }
  });

  it('honours forced lengths and every early-stopping mode', async () => {
    const lengths = forcedLengths(sentences);
    for (const earlyStopping of [true, false, 'never'] as const) {
      const out = await beamDecode(
        small.decoding,
        { sources: ids(small, sentences), maxNewTokens: lengths, minNewTokens: lengths },
        { numBeams: 4, earlyStopping },
      );
      expect(out.map((o) => o.tokens.length)).toEqual(lengths.map((l) => l - 1));
    }
  });

  it('takes its candidates from a replaceable selector that sees per-beam log-probs', async () => {
    const banned = new Set<number>();
    let checked = 0;
    const selector: CandidateSelector = (view) => {
      for (let b = 0; b < view.beams.length; b++) {
        const top = view.top(b);
        top.tokens.forEach((token, i) => {
          // The view's log-prob of any token agrees with its top list.
          expect(view.logProb(b, token)).toBeCloseTo(top.logProbs[i]!, 4);
          checked += 1;
        });
        if (view.position === 1) banned.add(top.tokens[0]!);
      }
      return standardSelection(view).filter((c) => !banned.has(c.token));
    };
    const input = { sources: ids(small, sentences.slice(0, 4)), maxNewTokens: 10, minNewTokens: 10 };
    const out = await beamDecode(small.decoding, input, { numBeams: 3, selectCandidates: selector });
    expect(checked).toBeGreaterThan(0);
    for (const o of out) for (const token of o.tokens) expect(banned.has(token)).toBe(false);
  });
});
