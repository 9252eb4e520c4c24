import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Segment } from '../../src/core/segment-record.js';
import { findModel, loadModelsConfig, type ModelSpec } from '../../src/models/config.js';
import { loadModel, type LoadedModel } from '../../src/models/load.js';
import { CachedTranslator, TranslationStore, normalizeSource, withTranslationCache } from '../../src/memory/index.js';
import { cacheKey, modelFolder, modelIdentity } from '../../src/models/identity.js';
import { MarianTranslator, translateSegments } from '../../src/translate/index.js';

let root: string;
let spec: ModelSpec;
let loaded: LoadedModel;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'lv2en-memory-'));
  spec = findModel(await loadModelsConfig(), 'toy');
  loaded = await loadModel(spec, { threads: 1 });
});

afterAll(async () => {
  await loaded?.model.dispose();
  await rm(root, { recursive: true, force: true });
});

const sentences = [
  'Tihanovska pirmdien tikās ar ministriem.',
  'Lukašenko pie varas ir kopš 1994. gada.',
  'Tikmēr  Minskā svētdien atkal notika plašs protesta gājiens. ',
  'Tihanovska pirmdien tikās ar ministriem.',
];

function segments(texts: readonly string[]): Segment[] {
  return texts.map((source, i) => ({
    id: String(i + 1),
    paragraph: i,
    start: 0,
    end: source.length,
    source,
    kind: 'sentence',
    target: null,
    glossary: [],
    flags: [],
  }));
}

describe('translation store', () => {
  it('keeps translations across instances, and never lets a machine result replace a reviewed one', () => {
    const path = join(root, 'store-basics.sqlite');
    const first = TranslationStore.open(path);
    first.store('k', [{ source: 'a', target: 'A (machine)' }]);
    first.store('k', [{ source: 'b', target: 'B (reviewed)' }], 'reviewed');
    first.store('k', [{ source: 'b', target: 'B (machine)' }]);
    first.close();
    const second = TranslationStore.open(path);
    const found = second.lookup('k', ['a', 'b', 'c']);
    expect(found.get('a')).toEqual({ target: 'A (machine)', status: 'machine' });
    expect(found.get('b')).toEqual({ target: 'B (reviewed)', status: 'reviewed' });
    expect(found.has('c')).toBe(false);
    expect(second.lookup('other key', ['a']).size).toBe(0);
    second.store('k', [{ source: 'a', target: 'A (reviewed)' }], 'reviewed');
    expect(second.lookup('k', ['a']).get('a')?.status).toBe('reviewed');
    second.close();
  });

  it('looks up more sources than SQLite binds in one statement', () => {
    const store = TranslationStore.open(join(root, 'many.sqlite'));
    const entries = Array.from({ length: 1200 }, (_, i) => ({ source: `s${i}`, target: `t${i}` }));
    store.store('k', entries);
    expect(
      store.lookup(
        'k',
        entries.map((e) => e.source),
      ).size,
    ).toBe(1200);
    store.close();
  });

  it('normalises sources: NFC, single spaces, trimmed', () => {
    expect(normalizeSource(' Rīga  un\tJūrmala \n')).toBe('Rīga un Jūrmala');
    expect(normalizeSource('Ri\u0304ga')).toBe('Rīga');
  });
});

describe('cache key', () => {
  it('changes when a model file changes, and only then', async () => {
    const folder = join(root, 'toy-copy');
    await cp(modelFolder(spec), folder, { recursive: true });
    const store = TranslationStore.open(join(root, 'keys.sqlite'));
    const key = async () => cacheKey(await modelIdentity(spec, store, folder), spec.decode).key;
    const before = await key();
    expect(await key()).toBe(before);
    const decoder = join(folder, 'onnx', 'decoder_model_merged.onnx');
    const bytes = await readFile(decoder);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
    await writeFile(decoder, bytes);
    const afterWeights = await key();
    expect(afterWeights).not.toBe(before);
    const config = join(folder, 'tokenizer_config.json');
    await writeFile(config, `${await readFile(config, 'utf8')}\n`);
    expect(await key()).not.toBe(afterWeights);
    store.close();
  });

  it('changes with each decoding setting and with the dtype', async () => {
    const identity = await modelIdentity(spec);
    const base = cacheKey(identity, spec.decode).key;
    for (const change of [{ numBeams: 5 }, { maxNewTokens: 100 }, { lengthPenalty: 0.6 }, { earlyStopping: 'never' as const }]) {
      expect(cacheKey(identity, { ...spec.decode, ...change }).key).not.toBe(base);
    }
    expect(cacheKey(await modelIdentity({ ...spec, dtype: 'q8' }), spec.decode).key).not.toBe(base);
  });

  it('hashes a model file once while its size and mtime stay the same', async () => {
    const store = TranslationStore.open(join(root, 'hashes.sqlite'));
    const identity = await modelIdentity(spec, store);
    const file = join(modelFolder(spec), 'onnx', 'decoder_model_merged.onnx');
    const { size, mtimeMs } = await (await import('node:fs/promises')).stat(file);
    expect(store.cachedFileHash(file, size, mtimeMs)).toBe(identity.files['onnx/decoder_model_merged.onnx']);
    expect(store.cachedFileHash(file, size + 1, mtimeMs)).toBeUndefined();
    store.close();
  });
});

describe('cached translation', () => {
  it('makes zero model calls on a second run over the same text, in a new process-like setup', async () => {
    const path = join(root, 'runs.sqlite');
    const translator = new MarianTranslator(loaded);
    const calls = (await translator.decodingModel()).calls;
    const run = async () => {
      const store = TranslationStore.open(path);
      const cached = await withTranslationCache(translator, spec, store);
      const out = await translateSegments(segments(sentences), cached, { batchTokens: 256 });
      store.close();
      return { out, stats: cached.stats };
    };
    const first = await run();
    const afterFirst = { ...calls };
    expect(afterFirst.decoder).toBeGreaterThan(0);
    // The repeated sentence went to the model once.
    expect(first.stats.misses).toBe(3);
    const second = await run();
    expect(calls).toEqual(afterFirst);
    // Every sentence, the repeated one included, came from the store.
    expect(second.stats).toEqual({ hits: 4, misses: 0, modelBatches: 0 });
    expect(second.out.map((s) => s.target)).toEqual(first.out.map((s) => s.target));
    expect(first.out[0]!.target).toBe(first.out[3]!.target);
  });

  it('translates the normalised source, so a cached answer is what the model says', async () => {
    const store = TranslationStore.open(join(root, 'normalised.sqlite'));
    const translator = new MarianTranslator(loaded);
    const cached = new CachedTranslator(translator, store, 'k');
    const [viaCache] = await cached.translateBatch(['  Tihanovska   pirmdien tikās ar ministriem.']);
    const [direct] = await translator.translateBatch(['Tihanovska pirmdien tikās ar ministriem.']);
    expect(viaCache).toBe(direct);
    store.close();
  });
});

describe('the translation memory key', () => {
  it('changes with the decoding code, the model files and the settings', async () => {
    const { cacheKey, DECODING_CODE } = await import('../../src/models/identity.js');
    const identity = { id: 'toy (generated:toy)', dtype: 'q8' as const, files: { 'config.json': 'a' } };
    const decode = { numBeams: 4, maxNewTokens: 256, lengthPenalty: 1, earlyStopping: true };
    const { key, described } = cacheKey(identity, decode);
    expect(JSON.parse(described).code).toBe(DECODING_CODE);
    expect(DECODING_CODE).toMatch(/^[0-9a-f]{16}$/);
    expect(cacheKey({ ...identity, files: { 'config.json': 'b' } }, decode).key).not.toBe(key);
    expect(cacheKey(identity, { ...decode, numBeams: 1 }).key).not.toBe(key);
  });
});
