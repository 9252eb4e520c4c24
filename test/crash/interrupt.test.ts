import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_EXIT_CODES } from '../../src/index.js';
import { generatedModelDir } from '../../src/models/cache.js';
import { ensureGeneratedModel } from '../../src/models/generated.js';
import { deadPid, filesUnder, manySentences, outputsOf, runCli, startCli, temporaryFilesUnder, waitForLines } from './helpers.js';

const storedTranslations = (memory: string) => {
  const db = new Database(memory, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM translations').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('stopping a run', () => {
  let dir: string;
  const args = (out: string, memory: string) => [
    'translate',
    'a.lv.txt',
    'b.lv.txt',
    'c.lv.txt',
    '-o',
    out,
    '--model',
    'toy',
    '--memory',
    memory,
  ];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lv2en-stop-'));
    writeFileSync(join(dir, 'a.lv.txt'), 'Tihanovska pirmdien tikās ar ministriem.\n');
    writeFileSync(join(dir, 'b.lv.txt'), manySentences(500, 'b '));
    writeFileSync(join(dir, 'c.lv.txt'), manySentences(500, 'c '));
    writeFileSync(join(dir, 'long.lv.txt'), manySentences(40000, 'd '));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const [signal, code] of [
    ['SIGINT', ERROR_EXIT_CODES.INTERRUPTED],
    ['SIGTERM', ERROR_EXIT_CODES.TERMINATED],
  ] as const) {
    it(`${signal} stops between batches: exit ${code}, no temporary file, finished work kept, the next run goes on`, async () => {
      const out = join(dir, `out-${signal}`);
      const memory = join(dir, `${signal}.sqlite`);
      const log = join(dir, `${signal}.batches`);
      const run = startCli(args(out, memory), dir, { LV2EN_TEST_BATCH_LOG: log });
      await waitForLines(log, 1);
      run.child.kill(signal);
      const stopped = await run.done;
      expect(stopped.code, stopped.stderr).toBe(code);
      expect(stopped.stderr).toMatch(
        new RegExp(
          `^lv2en: stopped by ${signal}: (\\d of 3 document\\(s\\) finished .*|no document of 3 finished), \\d+ new translation\\(s\\) kept in the translation memory\\. Run the same command again`,
          'm',
        ),
      );
      expect(temporaryFilesUnder(out)).toEqual([]);
      expect(filesUnder(out)).not.toContain('.lv2en/lock');
      expect(readdirSync(tmpdir()).filter((name) => name.startsWith(`lv2en-spool.tmp-${run.child.pid}-`))).toEqual([]);
      const kept = storedTranslations(memory);
      expect(kept).toBeGreaterThan(0);

      const resumed = await runCli(args(out, memory), dir, { LV2EN_TEST_BATCH_LOG: `${log}.resumed` });
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.stderr).toMatch(new RegExp(`translation memory: ${kept} sentence\\(s\\) reused`));
      expect([...outputsOf(out).keys()]).toHaveLength(15); // 3 documents × (4 outputs + provenance)
    });
  }

  it('a second run on the same folder stops naming the first; a lock left by a killed run is taken over', async () => {
    const out = join(dir, 'out-lock');
    const log = join(dir, 'lock.batches');
    // Long enough to outlast the second run's start and refusal: 4,000 sentences sometimes finished first under a full npm test.
    const first = startCli(['translate', 'long.lv.txt', '-o', out, '--model', 'toy', '--memory', join(dir, 'lock.sqlite')], dir, {
      LV2EN_TEST_BATCH_LOG: log,
    });
    await waitForLines(log, 1);
    const second = await runCli(args(out, join(dir, 'lock2.sqlite')), dir);
    expect(second.code, second.stderr).toBe(ERROR_EXIT_CODES.OUTPUT_LOCKED);
    expect(second.stderr).toContain(`another lv2en (pid ${first.child.pid}) is writing to this folder`);
    expect(second.stderr.trimEnd().split('\n')).toHaveLength(1);
    first.child.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');
    expect(filesUnder(out)).toContain('.lv2en/lock');
    const third = await runCli(['translate', 'a.lv.txt', '-o', out, '--model', 'toy'], dir);
    expect(third.code, third.stderr).toBe(0);
    expect(temporaryFilesUnder(out)).toEqual([]);
    expect(filesUnder(out)).not.toContain('.lv2en/lock');
  });

  it('every start removes what dead processes left, and never a live one’s files', async () => {
    const out = join(dir, 'out-sweep');
    const dead = deadPid();
    mkdirSync(join(out, '.lv2en', 'a'), { recursive: true });
    const leftovers = [`a.jsonl.tmp-${dead}-k3x9a1`, `.lv2en/a/translate.jsonl.tmp-${dead}-0a1b2c`];
    const live = `a.html.tmp-${process.pid}-zz11yy`;
    for (const name of [...leftovers, live]) writeFileSync(join(out, name), 'half\n');
    const cache = join(dir, 'cache');
    const model = generatedModelDir('toy', cache);
    const deadModel = join(cache, 'generated', `.toy.tmp-${dead}-0123abcd`);
    const liveModel = join(cache, 'generated', `.toy.tmp-${process.pid}-89abcdef`);
    mkdirSync(deadModel, { recursive: true });
    mkdirSync(liveModel, { recursive: true });

    expect((await runCli(['translate', 'a.lv.txt', '-o', out, '--model', 'toy'], dir)).code).toBe(0);
    await ensureGeneratedModel('toy', model);
    expect(temporaryFilesUnder(out)).toEqual([live]);
    expect(readdirSync(join(cache, 'generated')).sort()).toEqual([`.toy.tmp-${process.pid}-89abcdef`, 'toy']);
  });
});
