import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { greedyDecode } from '../../src/decode/index.js';
import type { ModelSpec } from '../../src/models/config.js';
import { hubCacheDir } from '../../src/models/cache.js';
import { onnxFile } from '../../src/models/files.js';
import { SMALL_DIMS, generateRandomMarian } from '../../src/models/generate/index.js';
import { loadModel } from '../../src/models/load.js';

// A local stand-in for the hub: it serves a generated export under
// `<id>/resolve/main/<file>`, the layout transformers.js downloads from.
const ID = 'lv2en-test/small-marian';
let root: string;
let server: Server;
let requested: string[];
const savedCache = process.env.LV2EN_CACHE;
const savedHost = env.remoteHost;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'lv2en-hub-'));
  await generateRandomMarian(join(root, 'served'), { dims: SMALL_DIMS, seed: 5 });
  requested = [];
  server = createServer((request, response) => {
    const file = decodeURIComponent(request.url ?? '').replace(`/${ID}/resolve/main/`, '');
    requested.push(file);
    const path = join(root, 'served', file);
    stat(path).then(
      (info) => {
        response.writeHead(200, { 'content-length': info.size });
        createReadStream(path).pipe(response);
      },
      () => {
        response.writeHead(404);
        response.end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  env.remoteHost = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  process.env.LV2EN_CACHE = join(root, 'cache');
});

afterAll(async () => {
  env.remoteHost = savedHost;
  if (savedCache === undefined) delete process.env.LV2EN_CACHE;
  else process.env.LV2EN_CACHE = savedCache;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(root, { recursive: true, force: true });
});

const spec: ModelSpec = {
  name: 'hub-test',
  description: 'a generated export served like the hub',
  source: { kind: 'hub', id: ID },
  dtype: 'fp32',
  fixture: true,
  decode: { numBeams: 1, maxNewTokens: 16, batchTokens: 512, lengthPenalty: 1, earlyStopping: false },
};

describe('a hub model', () => {
  it('fetches the separate decoders into the same cache as the files transformers.js fetches, and decodes with them', async () => {
    const loaded = await loadModel(spec, { threads: 1 });
    const folder = join(hubCacheDir(), ID);
    expect(loaded.files.merged).toBe(join(folder, onnxFile('decoder_model_merged', 'fp32')));
    expect(loaded.files.decoderWithPast).toBe(join(folder, onnxFile('decoder_with_past_model', 'fp32')));
    expect(loaded.files.decoder).toBe(join(folder, onnxFile('decoder_model', 'fp32')));
    expect(requested).toContain(onnxFile('decoder_with_past_model', 'fp32'));
    const decoding = await loaded.decoding();
    expect(decoding.files.origin.cachedStep).toBe('decoder_with_past_model.onnx');
    const [out] = await greedyDecode(decoding, {
      sources: [loaded.tokenizer.encode('Labdien, pasaule!')],
      maxNewTokens: 5,
      minNewTokens: 5,
    });
    expect(out!.tokens).toHaveLength(4);
    await loaded.model.dispose();

    // A second load finds everything in the cache and asks the server for nothing.
    requested = [];
    const again = await loadModel(spec, { threads: 1 });
    expect(requested.filter((f) => f.endsWith('.onnx'))).toEqual([]);
    await again.model.dispose();
  });
});
