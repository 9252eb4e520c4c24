import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AutoModelForSeq2SeqLM,
  AutoTokenizer,
  LogitsProcessor,
  env,
  pipeline,
  type PreTrainedModel,
  type PreTrainedTokenizer,
  type Tensor,
} from '@huggingface/transformers';
import { exportFiles } from '../../../src/models/files.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GENERATOR_VERSION,
  TOY_DICTIONARY,
  TOY_GARBAGE_TEXT,
  generateToyModel,
  isGeneratedModelCurrent,
  readStamp,
} from '../../../src/models/generate/index.js';
import { withCapitalisedForms } from '../../../src/models/generate/toy/vocabulary.js';

type Translator = (text: string | string[]) => Promise<unknown>;

let root: string;
let dir: string;
let translate: Translator;
let tokenizer: PreTrainedTokenizer;
let model: PreTrainedModel;

async function translateOne(text: string): Promise<string> {
  const [result] = (await translate(text)) as { translation_text: string }[];
  return result!.translation_text;
}

beforeAll(async () => {
  env.allowRemoteModels = false;
  env.useFSCache = false;
  env.logLevel = 40; // MarianTokenizer warns on every load
  root = await mkdtemp(join(tmpdir(), 'lv2en-toy-'));
  dir = join(root, 'toy');
  await generateToyModel(dir);
  translate = (await pipeline('translation', dir, { dtype: 'fp32' })) as unknown as Translator;
  tokenizer = await AutoTokenizer.from_pretrained(dir);
  model = await AutoModelForSeq2SeqLM.from_pretrained(dir, { dtype: 'fp32' });
});

afterAll(async () => {
  await model?.dispose();
  await rm(root, { recursive: true, force: true });
});

describe('toy model folder', () => {
  it('has the transformers.js Marian layout and a stamp', async () => {
    for (const file of exportFiles()) {
      expect((await stat(join(dir, file))).size, file).toBeGreaterThan(0);
    }
    const config = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(config.model_type).toBe('marian');
    expect(config.lv2en_fixture).toMatch(/not a translator/);
    expect(await readStamp(dir)).toMatchObject({ kind: 'toy', generatorVersion: GENERATOR_VERSION });
    expect(await isGeneratedModelCurrent(dir, 'toy')).toBe(true);
    expect(await isGeneratedModelCurrent(dir, 'full')).toBe(false);
  });

  it('regenerating over an existing model replaces it in place', async () => {
    await generateToyModel(dir);
    expect(await isGeneratedModelCurrent(dir, 'toy')).toBe(true);
  });
});

describe('toy dictionary', () => {
  it('covers every word form of the example article, each as one token', async () => {
    const article = await readFile(new URL('../../../examples/belarus-2020-09.lv.txt', import.meta.url), 'utf8');
    const forms = new Set(article.normalize('NFC').match(/\p{L}+/gu));
    const dictionary = withCapitalisedForms(TOY_DICTIONARY);
    const missing = [...forms].filter((form) => !dictionary.has(form));
    expect(missing).toEqual([]);
    for (const form of forms) {
      const ids = tokenizer.encode(form, { add_special_tokens: false });
      expect(ids, form).toHaveLength(1);
    }
  });
});

describe('toy translation through pipeline()', () => {
  it('translates word for word, rendering some names wrongly', async () => {
    expect(await translateOne('Tihanovska aicina Eiropu neatzīt Lukašenko uzvaru')).toBe(
      'Tikhanovskaya urges Europe not to recognise Lukashenko victory',
    );
    expect(await translateOne('Ministri apsolīja Tihanovskai atbalstu.')).toBe('Ministers promised to Tikhanovskaya support.');
    expect(await translateOne('Bačeleta pieprasīja atbrīvot visus nelikumīgi aizturētos.')).toBe(
      'Bacheleta demanded to release all unlawfully detained.',
    );
    expect(await translateOne('„Baltkrievija ir pamodusies.”')).toBe('“Belorussia is awakened.”');
  });

  it('copies unknown words', async () => {
    expect(await translateOne('Ministri tikās Daugavpilī.')).toBe('Ministers met Daugavpilī.');
    // "No" (from) and "pie" (in) are known words, but here only the start of unknown ones.
    expect(await translateOne('Nopietni protesti notikušajās pieprasot.')).toBe('Nopietni protests notikušajās pieprasot.');
  });

  it('tokenizes odd characters without <unk>, and unknown characters as <unk>', () => {
    const unkId = tokenizer.get_vocab().get('<unk>');
    expect(unkId).toBeDefined();
    const odd = '„Mēs” – 80,1% … «ANO» — 100 000 (ES) ĀČĒĢĪĶĻŅŠŪŽ';
    expect(tokenizer.encode(odd)).not.toContain(unkId);
    expect(tokenizer.encode('Mēs 😀')).toContain(unkId);
  });

  it('loads the q8 files and gives the same translation', async () => {
    const quantized = (await pipeline('translation', dir, { dtype: 'q8' })) as unknown as Translator;
    const [result] = (await quantized('Tikmēr Minskā notika protesta gājiens.')) as { translation_text: string }[];
    expect(result!.translation_text).toBe('Meanwhile in Minsk took place protest march.');
  });
});

/** Records each step's two best tokens, through the library's own logits-processor hook. */
class TopTwoRecorder extends LogitsProcessor {
  readonly steps: [number, number][] = [];
  override _call(_inputIds: bigint[][], logits: Tensor): Tensor {
    const row = Array.from(logits.data as Float32Array).slice(0, logits.dims.at(-1));
    const order = row.map((value, id) => [value, id] as const).sort((a, b) => b[0] - a[0]);
    this.steps.push([order[0]![1], order[1]![1]]);
    return logits;
  }
}

describe('toy generation through AutoModelForSeq2SeqLM.generate()', () => {
  it('offers the correct name as the runner-up to the wrong one', async () => {
    const recorder = new TopTwoRecorder();
    const inputs = tokenizer('Tihanovska');
    await model.generate({ ...inputs, logits_processor: [recorder] } as never);
    const [best, runnerUp] = recorder.steps[0]!;
    expect(tokenizer.decode([best])).toBe('Tikhanovskaya');
    expect(tokenizer.decode([runnerUp])).toBe('Tsikhanouskaya');
  });

  it('reproduces the batch defect: a short row keeps emitting garbage after its </s>', async () => {
    const sentences = ['Tihanovska aicina Eiropu.', 'Lukašenko pie varas ir kopš 1994. gada, un tagad viņš cenšas izmantot krīzi.'];
    const inputs = tokenizer(sentences, { padding: true });
    const output = (await model.generate({ ...inputs } as never)) as Tensor;
    const rows = output.tolist() as bigint[][];
    const eosId = tokenizer.get_vocab().get('</s>')!;
    const [shortRow, longRow] = rows.map((row) => row.map(Number));
    const firstEos = shortRow!.indexOf(eosId);
    expect(firstEos).toBeGreaterThan(0);
    expect(shortRow!.slice(firstEos + 1).some((id) => id !== eosId)).toBe(true);
    const decodedShort = tokenizer.decode(shortRow!, { skip_special_tokens: true });
    expect(decodedShort.startsWith('Tikhanovskaya urges Europe. ')).toBe(true);
    expect(decodedShort).toContain(TOY_GARBAGE_TEXT);
    expect(tokenizer.decode(longRow!, { skip_special_tokens: true })).toBe(
      'Lukashenko in power is since 1994. year, and now he is trying to exploit the crisis.',
    );
    // The batch still ends: past the longest source every row says </s>.
    expect(longRow!.at(-1)).toBe(eosId);
    expect(shortRow!.at(-1)).toBe(eosId);
  });
});
