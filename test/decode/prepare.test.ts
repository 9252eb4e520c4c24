import { copyFile, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecodingModel, beamDecode, greedyDecode } from '../../src/decode/index.js';
import { JSON_FILES, onnxFile } from '../../src/models/files.js';
import { SMALL_DIMS, generateRandomMarian } from '../../src/models/generate/index.js';
import { exportFilesIn, readModelConfig } from '../../src/models/load.js';
import { latvianSentences, loadFolder, type Loaded } from './helpers.js';

// A small random Marian in two shapes: the full optimum file set, and an export
// that ships only the merged decoder (lv2en then takes both decoders out of it).
let root: string;
let full: string;
let mergedOnly: string;
const sentences = latvianSentences(16);
const lengths = sentences.map((_, i) => 4 + ((i * 5) % 13));

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'lv2en-prepare-'));
  full = join(root, 'full');
  mergedOnly = join(root, 'merged-only');
  await generateRandomMarian(full, { dims: SMALL_DIMS, seed: 23 });
  await mkdir(join(mergedOnly, 'onnx'), { recursive: true });
  for (const file of [
    ...JSON_FILES,
    ...(['fp32', 'q8'] as const).flatMap((d) => [onnxFile('encoder_model', d), onnxFile('decoder_model_merged', d)]),
  ]) {
    await copyFile(join(full, file), join(mergedOnly, file));
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const open = async (dir: string, dtype: 'fp32' | 'q8', perRowQuantization = true) =>
  DecodingModel.load(await exportFilesIn(dir, dtype), await readModelConfig(dir), { session: { threads: 1 }, perRowQuantization });

describe('decoders lv2en prepares', () => {
  it('q8 with per-row quantisation: onnxruntime optimised computes what the graph says (each bias added once, unscaled)', async () => {
    // onnxruntime fuses MatMulInteger → Cast → Mul → Add(bias) into a MatMulIntegerToFloat that scales the bias by the row scale too.
    const files = await exportFilesIn(full, 'q8');
    const config = await readModelConfig(full);
    const optimised = await DecodingModel.load(files, config, { session: { threads: 1 }, perRowQuantization: true });
    const plain = await DecodingModel.load(files, config, { session: { threads: 1, optimization: 'disabled' }, perRowQuantization: true });
    let reference: Loaded | null = null;
    try {
      reference = await loadFolder(full);
      const ids = sentences.map((s) => reference!.tokenizer.encode(s));
      const input = { sources: ids, maxNewTokens: lengths, minNewTokens: lengths };
      const [fast, exact] = [await greedyDecode(optimised, input, { scores: true }), await greedyDecode(plain, input, { scores: true })];
      let largest = 0;
      for (const [i, decoded] of fast.entries()) {
        expect(decoded.tokens, sentences[i]).toEqual(exact[i]!.tokens);
        for (const [j, lp] of decoded.tokenLogProbs.entries()) largest = Math.max(largest, Math.abs(lp - exact[i]!.tokenLogProbs[j]!));
      }
      expect(largest).toBeLessThan(1e-4);
    } finally {
      await Promise.all([optimised.release(), plain.release()]);
      await reference?.model.dispose();
      await reference?.decoding.release();
    }
  });

  it('takes both decoders out of a merged-only export and decodes exactly as with the separate files', async () => {
    let reference: Loaded | null = null;
    try {
      reference = await loadFolder(full);
      const ids = sentences.map((s) => reference!.tokenizer.encode(s));
      const fromMerged = await open(mergedOnly, 'fp32');
      expect(fromMerged.files.origin.cachedStep).toMatch(/with-past branch/);
      expect(fromMerged.files.origin.crossCache).toMatch(/no-past branch/);
      expect(reference.decoding.files.origin.cachedStep).toBe('decoder_with_past_model.onnx');
      const input = { sources: ids, maxNewTokens: lengths, minNewTokens: lengths };
      expect(await greedyDecode(fromMerged, input, { scores: true })).toEqual(
        await greedyDecode(reference.decoding, input, { scores: true }),
      );
      expect(await beamDecode(fromMerged, input, { numBeams: 3 })).toEqual(await beamDecode(reference.decoding, input, { numBeams: 3 }));
      await fromMerged.release();
    } finally {
      await reference?.model.dispose();
      await reference?.decoding.release();
    }
  });

  it('runs one decoder for every step: the with-past one returns only the new cache position, and the first step needs only the cross-attention projections', async () => {
    for (const dir of [full, mergedOnly]) {
      const model = await open(dir, 'q8');
      try {
        const self = model.cache.filter((slot) => slot.kind === 'decoder');
        expect(self.length).toBeGreaterThan(0);
        expect(self.every((slot) => slot.appends && slot.output.startsWith('lv2en_appended.'))).toBe(true);
        expect(model.cachedStep.outputNames.some((name) => name.startsWith('present.'))).toBe(false);
        // No second decoder: the cross-attention graph holds a small share of the decoder's weights.
        const [cross, decoder] = await Promise.all([stat(model.files.crossCache), stat(model.files.cachedStep)]);
        expect(cross.size).toBeLessThan(decoder.size / 3);
        expect(model.crossCache.outputNames.every((name) => /^present\.\d+\.encoder\./.test(name))).toBe(true);
      } finally {
        await model.release();
      }
    }
  });

  it('caches prepared graphs next to the source, keyed by its content', async () => {
    const first = await open(mergedOnly, 'q8');
    const prepared = first.files.cachedStep;
    expect(prepared.startsWith(join(mergedOnly, 'onnx'))).toBe(true);
    const written = (await stat(prepared)).mtimeMs;
    await first.release();
    const again = await open(mergedOnly, 'q8');
    expect(again.files.cachedStep).toBe(prepared);
    expect((await stat(prepared)).mtimeMs).toBe(written);
    await again.release();
    // A changed source file is prepared anew under another name, and the stale preparation is removed.
    const merged = join(mergedOnly, onnxFile('decoder_model_merged', 'q8'));
    const other = await generateOther();
    await copyFile(join(other, onnxFile('decoder_model_merged', 'q8')), merged);
    const changed = await open(mergedOnly, 'q8');
    expect(changed.files.cachedStep).not.toBe(prepared);
    await changed.release();
    const cachedSteps = (await readdir(join(mergedOnly, 'onnx'))).filter((f) =>
      f.startsWith('decoder_model_merged_quantized.lv2en-cached-step'),
    );
    expect(cachedSteps.map((f) => join(mergedOnly, 'onnx', f))).toEqual([changed.files.cachedStep]);
  });

  it('q8 with per-row activation quantisation: each sentence decodes in a batch exactly as alone, scores included', async () => {
    const perRow = await open(full, 'q8', true);
    const wholeTensor = await open(full, 'q8', false);
    let reference: Loaded | null = null;
    try {
      reference = await loadFolder(full);
      const ids = sentences.map((s) => reference!.tokenizer.encode(s));
      const input = { sources: ids, maxNewTokens: lengths, minNewTokens: lengths };
      const batched = await greedyDecode(perRow, input, { scores: true });
      const batchedWhole = await greedyDecode(wholeTensor, input, { scores: true });
      let wholeTensorDiffers = 0;
      for (const [i, source] of ids.entries()) {
        const alone = { sources: [source], maxNewTokens: lengths[i]!, minNewTokens: lengths[i]! };
        const [own] = await greedyDecode(perRow, alone, { scores: true });
        expect(batched[i], sentences[i]).toEqual(own);
        const [ownWhole] = await greedyDecode(wholeTensor, alone, { scores: true });
        if (JSON.stringify(ownWhole) !== JSON.stringify(batchedWhole[i])) wholeTensorDiffers += 1;
      }
      // The export's own quantisation (one scale per batch) is what made this necessary: there, neighbours change the scores.
      expect(wholeTensorDiffers).toBeGreaterThan(0);
    } finally {
      await Promise.all([perRow.release(), wholeTensor.release()]);
      await reference?.model.dispose();
      await reference?.decoding.release();
    }
  });
});

async function generateOther(): Promise<string> {
  const dir = join(root, 'other');
  await generateRandomMarian(dir, { dims: SMALL_DIMS, seed: 24 });
  return dir;
}
