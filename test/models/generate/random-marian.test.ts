import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AutoModelForSeq2SeqLM,
  AutoTokenizer,
  env,
  type PreTrainedModel,
  type PreTrainedTokenizer,
  type Tensor,
} from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMALL_DIMS, generateRandomMarian, isGeneratedModelCurrent, readStamp } from '../../../src/models/generate/index.js';
import { randomMarianWeights } from '../../../src/models/generate/marian/weights.js';
import { referenceDecoderLogits, referenceEncoder } from './marian-reference.js';

const SEED = 7;
const SENTENCE = 'Baltkrievijas opozīcijas līdere Svetlana Tihanovska pirmdien tikās ar Eiropas Savienības ārlietu ministriem.';
const SHORT = 'Tikmēr Minskā notika protesta gājiens.';

let root: string;
let dir: string;
let tokenizer: PreTrainedTokenizer;
let model: PreTrainedModel;

interface Seq2SeqOutput {
  logits: Tensor;
}
type Forward = (inputs: Record<string, Tensor>) => Promise<Seq2SeqOutput>;
interface OrtOutput {
  data: Float32Array;
  dims: readonly number[];
}
interface EncoderSession {
  run(feeds: Record<string, unknown>): Promise<Record<string, OrtOutput>>;
}

/** Runs the encoder session transformers.js loaded (sessions.model), fed the tokenizer's own tensors. */
async function encoderOutput(texts: string[]): Promise<OrtOutput> {
  const inputs = tokenizer(texts, { padding: true }) as unknown as Record<string, { ort_tensor: unknown }>;
  const session = (model as unknown as { sessions: Record<string, EncoderSession> }).sessions.model!;
  const output = await session.run({ input_ids: inputs.input_ids!.ort_tensor, attention_mask: inputs.attention_mask!.ort_tensor });
  return output.last_hidden_state!;
}

async function generateIds(m: PreTrainedModel, texts: string[], maxNewTokens = 12): Promise<number[][]> {
  const inputs = tokenizer(texts, { padding: true });
  const output = (await m.generate({ ...inputs, max_new_tokens: maxNewTokens } as never)) as Tensor;
  return (output.tolist() as bigint[][]).map((row) => row.map(Number));
}

function argmaxRows(logits: Tensor): number[] {
  const [, length, vocab] = logits.dims as [number, number, number];
  const data = logits.data as Float32Array;
  return Array.from({ length }, (_, position) => {
    let best = 0;
    for (let id = 1; id < vocab; id++) if (data[position * vocab + id]! > data[position * vocab + best]!) best = id;
    return best;
  });
}

beforeAll(async () => {
  env.allowRemoteModels = false;
  env.useFSCache = false;
  env.logLevel = 40;
  root = await mkdtemp(join(tmpdir(), 'lv2en-random-marian-'));
  dir = join(root, 'small');
  await generateRandomMarian(dir, { dims: SMALL_DIMS, seed: SEED });
  tokenizer = await AutoTokenizer.from_pretrained(dir);
  model = await AutoModelForSeq2SeqLM.from_pretrained(dir, { dtype: 'fp32' });
});

afterAll(async () => {
  await model?.dispose();
  await rm(root, { recursive: true, force: true });
});

describe('small random Marian', () => {
  it('is stamped with its kind, dims and seed', async () => {
    expect(await readStamp(dir)).toMatchObject({ kind: 'small', dims: SMALL_DIMS, seed: SEED });
    expect(await isGeneratedModelCurrent(dir, 'small', { dims: SMALL_DIMS, seed: SEED })).toBe(true);
    expect(await isGeneratedModelCurrent(dir, 'small', { seed: SEED + 1 })).toBe(false);
    const config = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(config).toMatchObject({ model_type: 'marian', d_model: SMALL_DIMS.dModel, vocab_size: SMALL_DIMS.vocabSize });
  });

  it('generates deterministically, also from a second folder with the same seed', async () => {
    const first = await generateIds(model, [SENTENCE]);
    expect(await generateIds(model, [SENTENCE])).toEqual(first);
    const twin = join(root, 'twin');
    await generateRandomMarian(twin, { dims: SMALL_DIMS, seed: SEED });
    const twinModel = await AutoModelForSeq2SeqLM.from_pretrained(twin, { dtype: 'fp32' });
    expect(await generateIds(twinModel, [SENTENCE])).toEqual(first);
    await twinModel.dispose();
  });

  it('cached step-by-step decoding matches one uncached pass over the same tokens', async () => {
    // Exercises the KV cache, the If on use_cache_branch, positions past 0 and the causal mask (L > 1).
    const [generated] = await generateIds(model, [SENTENCE], 10);
    const inputs = tokenizer([SENTENCE]);
    const decoderInputIds = generated!.slice(0, -1);
    const output = await (model as unknown as Forward)({
      ...inputs,
      decoder_input_ids: new (inputs.input_ids.constructor as typeof Tensor)('int64', BigInt64Array.from(decoderInputIds, BigInt), [
        1,
        decoderInputIds.length,
      ]),
    });
    // The last generated token is </s> forced at max_new_tokens (forced_eos_token_id), not the model's choice.
    expect(argmaxRows(output.logits).slice(0, -1)).toEqual(generated!.slice(1, -1));
  });

  it('computes what a plain MarianMT forward pass computes', async () => {
    const weights = randomMarianWeights(SMALL_DIMS, SEED, tokenizer.get_vocab().get('<pad>')!);
    const ids = tokenizer.encode(SHORT);
    const expectedEncoded = referenceEncoder(weights, ids);
    const encoded = await encoderOutput([SHORT]);
    const d = SMALL_DIMS.dModel;
    expectedEncoded.forEach((row, position) => {
      row.forEach((value, c) => expect(encoded.data[position * d + c]).toBeCloseTo(value, 3));
    });

    const decoderIds = [tokenizer.get_vocab().get('<pad>')!, 5, 77, 300];
    const inputs = tokenizer([SHORT]);
    const output = await (model as unknown as Forward)({
      ...inputs,
      decoder_input_ids: new (inputs.input_ids.constructor as typeof Tensor)('int64', BigInt64Array.from(decoderIds, BigInt), [
        1,
        decoderIds.length,
      ]),
    });
    const expectedLogits = referenceDecoderLogits(weights, expectedEncoded, decoderIds);
    const logits = output.logits.data as Float32Array;
    const vocab = SMALL_DIMS.vocabSize;
    let maxDifference = 0;
    expectedLogits.forEach((row, position) =>
      row.forEach((value, id) => (maxDifference = Math.max(maxDifference, Math.abs(logits[position * vocab + id]! - value)))),
    );
    expect(maxDifference).toBeLessThan(1e-3);
  });

  it('encodes a sentence the same alone and padded in a batch', async () => {
    const alone = await encoderOutput([SHORT]);
    const batched = await encoderOutput([SENTENCE, SHORT]);
    const [, shortLength, d] = alone.dims as [number, number, number];
    const batchLength = batched.dims[1]!;
    expect(batchLength).toBeGreaterThan(shortLength);
    const padded = batched.data.subarray(batchLength * d, batchLength * d + shortLength * d);
    let maxDifference = 0;
    for (let i = 0; i < alone.data.length; i++) maxDifference = Math.max(maxDifference, Math.abs(alone.data[i]! - padded[i]!));
    expect(maxDifference).toBeLessThan(1e-4);
  });

  it('batched generation gives each row what it gets alone, up to its </s>', async () => {
    const [longAlone] = await generateIds(model, [SENTENCE]);
    const [shortAlone] = await generateIds(model, [SHORT]);
    const [longBatched, shortBatched] = await generateIds(model, [SENTENCE, SHORT]);
    expect(longBatched).toEqual(longAlone);
    const eos = tokenizer.get_vocab().get('</s>')!;
    const cut = (row: number[]) => (row.includes(eos) ? row.slice(0, row.indexOf(eos) + 1) : row);
    expect(cut(shortBatched!)).toEqual(cut(shortAlone!));
  });

  it('loads and runs the int8 files', async () => {
    const quantized = await AutoModelForSeq2SeqLM.from_pretrained(dir, { dtype: 'q8' });
    const [row] = await generateIds(quantized, [SENTENCE], 6);
    expect(row).toHaveLength(7);
    await quantized.dispose();
  });

  it('tokenizes Latvian news to a realistic length', () => {
    const ids = tokenizer.encode(SENTENCE);
    const words = SENTENCE.split(' ').length;
    expect(ids.length).toBeGreaterThan(words);
    expect(ids.length).toBeLessThan(words * 3);
    expect(ids).not.toContain(tokenizer.get_vocab().get('<unk>'));
  });
});
