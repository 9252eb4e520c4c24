import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { modelKeyOf as queueKeyOf } from '../../src/backends/index.js';
import type { ModelSpec } from '../../src/models/config.js';
import { TranslationStore, withTranslationCache } from '../../src/memory/index.js';
import { DECODING_CODE, modelFilesDigest, modelFingerprint, modelIdentity, modelKeyOf } from '../../src/models/identity.js';
import type { Translator } from '../../src/translate/translator.js';

// Stores written before the identity code moved into one module hold keys of exactly this form: the values
// below were computed by the three modules it replaced, on the same folder, and must never change.
const FILES: Record<string, string> = {
  'config.json': '{"model_type":"marian"}\n',
  'generation_config.json': '{"num_beams":4}\n',
  'tokenizer.json': '{"version":"1.0"}\n',
  'tokenizer_config.json': '{}\n',
  'onnx/encoder_model.onnx': 'encoder bytes',
  'onnx/decoder_model_merged.onnx': 'merged decoder bytes',
  'onnx/encoder_model_quantized.onnx': 'q8 encoder bytes',
};
const DECODE = { numBeams: 4, maxNewTokens: 512, batchTokens: 3072, lengthPenalty: 1, earlyStopping: false };

const PINNED_FP32_DESCRIBED =
  '{"code":"CODE","model":{"id":"pinned (path:DIR)","dtype":"fp32","files":{"config.json":"9059a97b03cd157b5adbb00bc2f630619dca26e302399565c12ce9474a65f74b","generation_config.json":"44492ca7f027a7d6dec26fdddd2fa6c36d1b13c54d9b2af77c6d80344dc3b646","tokenizer.json":"e4c5e2a41b2a136d0ee312fbb56f3a1c38608f21b72503435b8877d034ba8f9d","tokenizer_config.json":"ca3d163bab055381827226140568f3bef7eaac187cebd76878e0b63e9e442356","onnx/encoder_model.onnx":"f0cf98ee8f826096ea85c67028b74638b2967d815b670df19414e6e10f03b87e","onnx/decoder_model.onnx":"missing","onnx/decoder_with_past_model.onnx":"missing","onnx/decoder_model_merged.onnx":"ee8a7f255d3cec82762f6aa4cccedc0d73ddd33b85c0fbff934b830bf15e5254"}},"decode":{"numBeams":4,"maxNewTokens":512,"lengthPenalty":1,"earlyStopping":false}}';
const PINNED_FINGERPRINT_STAMPS =
  'config.json:24:1700000000000,generation_config.json:16:1700000000000,tokenizer.json:18:1700000000000,tokenizer_config.json:3:1700000000000,onnx/encoder_model.onnx:13:1700000000000,onnx/decoder_model.onnx:-,onnx/decoder_with_past_model.onnx:-,onnx/decoder_model_merged.onnx:20:1700000000000,onnx/encoder_model_quantized.onnx:16:1700000000000,onnx/decoder_model_quantized.onnx:-,onnx/decoder_with_past_model_quantized.onnx:-,onnx/decoder_model_merged_quantized.onnx:-';
const PINNED_PROVENANCE = {
  fp32: 'ed5e69328b1c9a6d9e5c6c2cb891e6ded92975012fb4e67321d010a2a58b33fe',
  q8: '9ff1f9c4c85f1f2813f9c22fe7140c18f06b1a86d19855c4fed006c4c977fc2b',
  hub: 'e2afa7b7d3bb370487b16835071210f42227818994d22d602ca6d28f02882a01',
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('a model identity', () => {
  let dir: string;
  let spec: (dtype: ModelSpec['dtype']) => ModelSpec;
  beforeAll(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'lv2en-identity-')), 'pinned-model');
    await mkdir(join(dir, 'onnx'), { recursive: true });
    for (const [file, content] of Object.entries(FILES)) {
      await writeFile(join(dir, file), content);
      await utimes(join(dir, file), 1_700_000_000, 1_700_000_000);
    }
    spec = (dtype) => ({
      name: 'pinned',
      description: 'pinned',
      source: { kind: 'path', path: dir },
      dtype,
      fixture: false,
      decode: DECODE,
    });
  });

  const pinned = (text: string) => text.replaceAll(dir, 'DIR').replace(DECODING_CODE, 'CODE');

  it('keys the memory and the queue as it did before, for a given folder and settings', async () => {
    const key = await modelKeyOf(spec('fp32'));
    expect(pinned(key.described)).toBe(PINNED_FP32_DESCRIBED);
    expect(key.key).toBe(sha256(key.described));
    expect(key.id).toBe(`pinned (path:${dir})`);
    expect(await queueKeyOf(spec('fp32'))).toEqual(key);
    // Another dtype reads other files: another key.
    expect((await modelKeyOf(spec('q8'))).key).not.toBe(key.key);
  });

  it('is what the translation memory registers', async () => {
    const path = join(dir, '..', 'memory.sqlite');
    const store = TranslationStore.open(path);
    await withTranslationCache({} as Translator, spec('fp32'), store);
    store.close();
    const db = new Database(path, { readonly: true });
    const rows = db.prepare('SELECT key, identity FROM keys').all() as { key: string; identity: string }[];
    db.close();
    expect(rows.map((row) => ({ key: row.key, identity: pinned(row.identity) }))).toEqual([
      { key: sha256(PINNED_FP32_DESCRIBED.replace('CODE', DECODING_CODE).replace('DIR', dir)), identity: PINNED_FP32_DESCRIBED },
    ]);
  });

  it('gives the provenance the same files hash as before', async () => {
    expect(modelFilesDigest(await modelIdentity(spec('fp32')))).toBe(PINNED_PROVENANCE.fp32);
    expect(modelFilesDigest(await modelIdentity(spec('q8')))).toBe(PINNED_PROVENANCE.q8);
    const hub: ModelSpec = { ...spec('q8'), source: { kind: 'hub', id: 'Xenova/opus-mt-lv-en' } };
    expect(modelFilesDigest(await modelIdentity(hub, undefined, join(dir, 'absent')))).toBe(PINNED_PROVENANCE.hub);
  });

  it('fingerprints the settings and the folder stamps as before', async () => {
    const settings = (dtype: string, source: string) =>
      `{"name":"pinned","source":${source},"dtype":"${dtype}","decode":{"numBeams":4,"maxNewTokens":512,"batchTokens":3072,"lengthPenalty":1,"earlyStopping":false}}`;
    expect(pinned(await modelFingerprint(spec('fp32')))).toBe(
      `${settings('fp32', '{"kind":"path","path":"DIR"}')}|${PINNED_FINGERPRINT_STAMPS}`,
    );
    const hub: ModelSpec = { ...spec('q8'), source: { kind: 'hub', id: 'Xenova/opus-mt-lv-en' } };
    expect(await modelFingerprint(hub)).toBe(settings('q8', '{"kind":"hub","id":"Xenova/opus-mt-lv-en"}'));
  });
});
