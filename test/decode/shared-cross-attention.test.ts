import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AutoTokenizer, env, type PreTrainedTokenizer } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beamDecode, type CandidateSelector, DecodingModel, greedyDecode, standardSelection } from '../../src/decode/index.js';
import { constrainedSelection } from '../../src/decode/constrained.js';
import { exportFilesIn, readModelConfig } from '../../src/models/load.js';
import { SMALL_DIMS, generateRandomMarian } from '../../src/models/generate/index.js';
import { latvianSentences } from './helpers.js';

// Real sessions on a small random Marian: its decoder reads one copy of the
// cross-attention keys and values per sentence, or (sharedCrossAttention
// false) one per row as before; both must decode every sentence alike, to the
// last bit of every score.
let root: string;
let tokenizer: PreTrainedTokenizer;
const models: Record<string, { shared: DecodingModel; perRow: DecodingModel }> = {};
const texts = latvianSentences(12);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'lv2en-shared-cross-'));
  const dir = join(root, 'small');
  await generateRandomMarian(dir, { dims: SMALL_DIMS, seed: 5 });
  env.allowRemoteModels = false;
  env.useFSCache = false;
  env.logLevel = 40;
  tokenizer = await AutoTokenizer.from_pretrained(dir);
  const config = await readModelConfig(dir);
  for (const dtype of ['fp32', 'q8'] as const) {
    const files = await exportFilesIn(dir, dtype);
    const open = (sharedCrossAttention: boolean) =>
      DecodingModel.load(files, config, { session: { threads: 1 }, sharedCrossAttention, preparedFallbackDir: join(root, 'prepared') });
    models[dtype] = { shared: await open(true), perRow: await open(false) };
  }
});

afterAll(async () => {
  await Promise.all(Object.values(models).flatMap((m) => [m.shared.release(), m.perRow.release()]));
  if (root) await rm(root, { recursive: true, force: true });
});

const sources = () => texts.map((t) => tokenizer.encode(t));
/** Lengths that differ per sentence, so sentences leave the batch at different steps. */
const lengths = () => texts.map((_, i) => 4 + ((i * 5) % 13));

/** The standard selection cut to its best `beams` non-`</s>` candidates: sentences keep fewer live beams than numBeams. */
const narrowing =
  (beams: number): CandidateSelector =>
  (view) => {
    const out = [];
    for (const c of standardSelection(view)) {
      if (c.token === view.eos || out.filter((o) => o.token !== view.eos).length < beams) out.push(c);
    }
    return out;
  };

describe('one cross-attention cache per sentence, shared by its beams', () => {
  it('is what the prepared decoder of a Marian export reads, unless turned off', () => {
    for (const m of Object.values(models)) {
      expect(m.shared.crossAttentionPerSentence).toBe(true);
      expect(m.perRow.crossAttentionPerSentence).toBe(false);
    }
  });

  for (const dtype of ['fp32', 'q8'] as const) {
    it(`decodes exactly as a copy per beam, at ${dtype}: beam search, n beams, early stopping, constraints, fewer live beams than numBeams, greedy`, async () => {
      const { shared, perRow } = models[dtype]!;
      const input = { sources: sources(), maxNewTokens: lengths(), minNewTokens: lengths().map((l) => l - 2) };
      const free = { sources: sources(), maxNewTokens: 14 };
      const cases = [
        () => ({ input, settings: { numBeams: 4 } }),
        () => ({ input: free, settings: { numBeams: 3, earlyStopping: true } }),
        () => ({ input: free, settings: { numBeams: 5, lengthPenalty: 0.6 } }),
        () => ({ input, settings: { numBeams: 4, selectCandidates: narrowing(2) } }),
        () => ({
          input: free,
          settings: { numBeams: 4, selectCandidates: constrainedSelection(texts.map((_, i) => (i % 2 ? [[[40 + i, 41 + i]]] : []))) },
        }),
      ];
      for (const make of cases) {
        // Constrained selectors keep state per call: a fresh one for each model.
        const a = make();
        const b = make();
        const ours = await beamDecode(shared, a.input, a.settings);
        expect(ours).toEqual(await beamDecode(perRow, b.input, b.settings));
        // Sentences of different lengths left the batch at different steps.
        if (a.input === input) expect(new Set(ours.map((d) => d.tokens.length)).size).toBeGreaterThan(1);
      }
      expect(await greedyDecode(shared, input, { scores: true })).toEqual(await greedyDecode(perRow, input, { scores: true }));
    });
  }
});
