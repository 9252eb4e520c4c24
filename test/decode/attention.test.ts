import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CrossAttentionModel, forcedInputs, greedyDecode, type TokenAttentionRows } from '../../src/decode/index.js';
import { decoderBranch, wholeGraph } from '../../src/decode/graphs/branch.js';
import { crossAttentionSoftmaxes } from '../../src/decode/graphs/cross-attention.js';
import { generatedModelDir } from '../../src/models/cache.js';
import { SMALL_DIMS, generateRandomMarian } from '../../src/models/generate/index.js';
import { exportFilesIn } from '../../src/models/load.js';
import { parseModel } from '../../src/onnx/read-model.js';
import { latvianSentences, type Loaded, loadFolder } from './helpers.js';

// Real sessions on generated models: the toy dictionary model (its decoder reads source position t at step t
// through a one-hot cross-attention) and a small random-weight Marian, fp32 and q8.
interface WithAttention {
  dir: string;
  loaded: Loaded;
  attention: CrossAttentionModel;
}

let root: string;
const models: Record<'toy' | 'small' | 'smallQ8', WithAttention> = {} as never;
const sentences = latvianSentences(12);

async function open(dir: string, dtype: 'fp32' | 'q8' = 'fp32'): Promise<WithAttention> {
  const loaded = await loadFolder(dir, dtype);
  const attention = await CrossAttentionModel.load(await exportFilesIn(dir, dtype), loaded.decoding, {
    session: { threads: 1 },
    preparedFallbackDir: join(root, 'prepared'),
  });
  return { dir, loaded, attention };
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'lv2en-attention-'));
  await generateRandomMarian(join(root, 'small'), { dims: SMALL_DIMS, seed: 5 });
  models.toy = await open(generatedModelDir('toy'));
  models.small = await open(join(root, 'small'));
  models.smallQ8 = await open(join(root, 'small'), 'q8');
});

afterAll(async () => {
  for (const m of Object.values(models)) await Promise.all([m.loaded.model.dispose(), m.loaded.decoding.release(), m.attention.release()]);
  await rm(root, { recursive: true, force: true });
});

const ids = (loaded: Loaded, texts: readonly string[]) => texts.map((t) => loaded.tokenizer.encode(t));

async function decodeAndAttend(m: WithAttention, texts: readonly string[]) {
  const sources = ids(m.loaded, texts);
  const decoded = await greedyDecode(m.loaded.decoding, { sources, maxNewTokens: sources.map((s) => s.length + 4) });
  const pairs = sources.map((source, i) => ({ source, target: decoded[i]!.tokens }));
  return { pairs, attention: await m.attention.attention(pairs) };
}

const argmax = (row: ArrayLike<number>) => {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i]! > row[best]!) best = i;
  return best;
};

describe('the cross-attention graph', () => {
  it("finds every decoder layer's cross-attention Softmax by structure, in the separate decoder and in the merged one's no-past branch", async () => {
    for (const file of ['decoder_model.onnx', 'decoder_model_merged.onnx']) {
      const model = parseModel(new Uint8Array(await readFile(join(root, 'small', 'onnx', file))));
      const decoder = file === 'decoder_model.onnx' ? wholeGraph(model.graph) : decoderBranch(model.graph, 'no_past');
      const found = crossAttentionSoftmaxes(decoder);
      expect([...found.keys()].sort(), file).toEqual([...Array(SMALL_DIMS.decoderLayers).keys()]);
      // Two layers, two different Softmaxes (each layer also has a self-attention Softmax, which must not be taken).
      expect(new Set(found.values()).size).toBe(SMALL_DIMS.decoderLayers);
      const softmaxCount = decoder.nodes.filter((n) => n.opType === 'Softmax').length;
      expect(softmaxCount).toBe(2 * SMALL_DIMS.decoderLayers);
    }
  });
});

describe('the forced pass', () => {
  it('gives one row per chosen token, each a distribution over the source tokens (sums to 1, padding gets 0)', async () => {
    for (const [name, m] of Object.entries(models)) {
      const { pairs, attention } = await decodeAndAttend(m, sentences);
      pairs.forEach((pair, i) => {
        const rows = attention[i]!;
        expect(rows, name).toHaveLength(pair.target.length);
        for (const row of rows) {
          expect(row).toHaveLength(pair.source.length);
          expect(Math.min(...row)).toBeGreaterThanOrEqual(0);
          expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
        }
      });
      // The batch had rows of different lengths: padding really was masked, not merely absent.
      expect(new Set(pairs.map((p) => p.source.length)).size).toBeGreaterThan(1);
    }
  });

  it('feeds exactly the decoded tokens: teacher forcing them through the export decoder picks each one again', async () => {
    // The small Marian's greedy choices, re-derived from its own decoder_model's logits at the forced positions.
    const m = models.small;
    const { pairs } = await decodeAndAttend(m, sentences);
    const { tokens } = m.loaded.decoding;
    const forced = forcedInputs(pairs, tokens);
    const session = await ort.InferenceSession.create(join(m.dir, 'onnx', 'decoder_model.onnx'), { intraOpNumThreads: 1 });
    const encoded = await m.loaded.decoding.encode(forced.inputIds, forced.attentionMask);
    const out = await session.run(
      { input_ids: forced.decoderInputIds, encoder_hidden_states: encoded, encoder_attention_mask: forced.attentionMask },
      ['logits'],
    );
    await session.release();
    const logits = out.logits!.data as Float32Array;
    const [, length, vocab] = out.logits!.dims as [number, number, number];
    let checked = 0;
    pairs.forEach((pair, r) => {
      pair.target.forEach((token, t) => {
        const row = logits.slice((r * length + t) * vocab, (r * length + t + 1) * vocab);
        for (const banned of tokens.banned) row[banned] = Number.NEGATIVE_INFINITY;
        expect(argmax(row), `sentence ${r} token ${t}`).toBe(token);
        checked += 1;
      });
    });
    expect(checked).toBeGreaterThan(50);
  });

  it('points where the toy model reads: target token t attends to source token t', async () => {
    const { pairs, attention } = await decodeAndAttend(models.toy, sentences);
    pairs.forEach((pair, i) => {
      // The toy emits one token per source token (</s> last), so token t was read from source position t.
      expect(pair.target.length).toBe(pair.source.length - 1);
      attention[i]!.forEach((row, t) => {
        expect(argmax(row)).toBe(t);
        expect(row[t]).toBeCloseTo(1, 6);
      });
    });
  });

  it('gives each sentence in a batch the attention it gets alone (fp32 and per-row q8)', async () => {
    for (const name of ['small', 'smallQ8'] as const) {
      const m = models[name];
      const { pairs, attention } = await decodeAndAttend(m, sentences);
      const alone: TokenAttentionRows[] = [];
      for (const pair of pairs) alone.push((await m.attention.attention([pair]))[0]!);
      pairs.forEach((_, i) => {
        attention[i]!.forEach((row, t) => {
          const single = alone[i]![t]!;
          const gap = Math.max(...row.map((v, s) => Math.abs(v - single[s]!)));
          expect(gap, `${name} sentence ${i} token ${t}`).toBeLessThan(1e-5);
        });
      });
    }
  });
});
