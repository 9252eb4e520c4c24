import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
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
import { DecodingModel } from '../../src/decode/index.js';
import { generatedModelDir } from '../../src/models/cache.js';
import { exportFilesIn, readModelConfig } from '../../src/models/load.js';
import { SMALL_DIMS, generateRandomMarian } from '../../src/models/generate/index.js';

export interface Loaded {
  tokenizer: PreTrainedTokenizer;
  model: PreTrainedModel;
  decoding: DecodingModel;
}

export async function loadFolder(dir: string, dtype: 'fp32' | 'q8' = 'fp32'): Promise<Loaded> {
  env.allowRemoteModels = false;
  env.useFSCache = false;
  env.logLevel = 40;
  const tokenizer = await AutoTokenizer.from_pretrained(dir);
  const model = await AutoModelForSeq2SeqLM.from_pretrained(dir, { dtype, session_options: { intraOpNumThreads: 1 } });
  const decoding = await DecodingModel.load(await exportFilesIn(dir, dtype), await readModelConfig(dir), { session: { threads: 1 } });
  return { tokenizer, model, decoding };
}

export interface ToyAndSmall {
  toy: Loaded;
  small: Loaded;
  /** The same small Marian's q8 files (loaded when asked for). */
  smallQ8?: Loaded;
  dispose(): Promise<void>;
}

/**
 * Real sessions, no stubs: the toy dictionary model and a small random-weight
 * Marian generated with `seed` into a temp folder (removed by dispose()).
 */
export async function loadToyAndSmallMarian(seed: number, options: { q8?: boolean } = {}): Promise<ToyAndSmall> {
  const root = await mkdtemp(join(tmpdir(), 'lv2en-small-marian-'));
  await generateRandomMarian(join(root, 'small'), { dims: SMALL_DIMS, seed });
  const [toy, small, smallQ8] = await Promise.all([
    loadFolder(generatedModelDir('toy')),
    loadFolder(join(root, 'small')),
    options.q8 ? loadFolder(join(root, 'small'), 'q8') : undefined,
  ]);
  const loaded = [toy, small, ...(smallQ8 ? [smallQ8] : [])];
  return {
    toy,
    small,
    ...(smallQ8 ? { smallQ8 } : {}),
    async dispose() {
      await Promise.all(loaded.flatMap((l) => [l.model.dispose(), l.decoding.release()]));
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Latvian sentences of varied length from the glossary fixture. */
export function latvianSentences(count: number): string[] {
  const url = new URL('../fixtures/glossary/sentences.gold.jsonl', import.meta.url);
  return readFileSync(url, 'utf8')
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { text: string }).text)
    .slice(0, count);
}

/**
 * transformers.js's own greedy generate() on one sentence alone: the reference.
 * Returns the generated ids without the start token, cut before the first `</s>`.
 */
export async function libraryGreedy(
  loaded: Loaded,
  sentence: string,
  options: { maxNewTokens: number; minNewTokens?: number },
): Promise<number[]> {
  const inputs = loaded.tokenizer([sentence]);
  const output = (await loaded.model.generate({
    ...inputs,
    num_beams: 1,
    do_sample: false,
    max_new_tokens: options.maxNewTokens,
    ...(options.minNewTokens ? { min_new_tokens: options.minNewTokens } : {}),
  } as never)) as Tensor;
  const row = (output.tolist() as bigint[][])[0]!.map(Number).slice(1);
  const end = row.indexOf(loaded.decoding.tokens.eos);
  return end === -1 ? row : row.slice(0, end);
}
