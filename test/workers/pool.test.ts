import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translateFiles } from 'lv2en';
import { findModel, loadModelsConfig, type ModelSpec } from '../../src/models/config.js';
import { loadModel } from '../../src/models/load.js';
import { MarianTranslator } from '../../src/translate/index.js';
import { LocalPoolBackend, modelKeyOf, threadsPerWorker } from '../../src/backends/index.js';
import { latvianSentences } from '../decode/helpers.js';
import { jsonlOf, writeInputs } from './helpers.js';

describe('the local worker pool (--workers N)', () => {
  let dir: string;
  let files: string[];
  let modelsConfig: string;
  let spec: ModelSpec;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lv2en-pool-'));
    ({ files, modelsConfig } = await writeInputs(join(dir, 'in')));
    spec = findModel(await loadModelsConfig(modelsConfig), 'toy');
  });

  it('writes .jsonl byte-identical to an in-process run', async () => {
    const common = { model: 'toy', modelsConfig, memory: false as const, formats: ['jsonl'] };
    await translateFiles(files, { ...common, outDir: join(dir, 'in-process') });
    await translateFiles(files, { ...common, outDir: join(dir, 'pool'), workers: 2, threads: 2 });
    const pooled = await jsonlOf(join(dir, 'pool'), files);
    expect(pooled).toEqual(await jsonlOf(join(dir, 'in-process'), files));
    expect(pooled.join('').length).toBeGreaterThan(1000);
  });

  describe('a child killed with SIGKILL while it holds a chunk', () => {
    let pool: LocalPoolBackend;
    afterAll(() => pool?.close());

    it('hands the chunk to another child: every chunk answered, as in-process', async () => {
      pool = await LocalPoolBackend.open({ spec, modelKey: await modelKeyOf(spec), workers: 2, threads: 2 });
      const sentences = latvianSentences(40);
      const chunks = Array.from({ length: 8 }, (_, i) => sentences.slice(i * 5, i * 5 + 5));
      const answers = chunks.map((sources) => pool.translate({ sources }));
      // Both children were handed a chunk when translate() dispatched; one dies holding it.
      const [victim] = pool.pids;
      process.kill(victim!, 'SIGKILL');
      const targets = await Promise.all(answers);
      expect(pool.pids).toHaveLength(1);
      expect(pool.pids).not.toContain(victim);
      const own = new MarianTranslator(await loadModel(spec, { threads: 1 }));
      for (const [i, sources] of chunks.entries()) expect(targets[i]).toEqual(await own.translateBatch(sources));
    });
  });

  it('splits the threads between the children, at least one each', () => {
    expect(threadsPerWorker(2, 2)).toBe(1);
    expect(threadsPerWorker(3, 2)).toBe(1);
    expect(threadsPerWorker(2, 8)).toBe(4);
  });
});
