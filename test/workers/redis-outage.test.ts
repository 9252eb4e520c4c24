import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translateFiles } from 'lv2en';
import { ERROR_EXIT_CODES } from '../../src/core/errors.js';
import { startWorker, type WorkerEvent } from '../../src/backends/index.js';
import { jsonlOf, redisMissing, ReplyLosingProxy, type Spawned, spawnCli, spawnFixtureWorker, TestRedis, writeInputs } from './helpers.js';

const missing = redisMissing();
if (missing) console.warn(`test/workers/redis-outage.test.ts: ${missing}`);

const WAITING = /^lv2en worker: Redis at redis:\/\/127\.0\.0\.1:\d+ does not answer \(.+\); waiting for it/;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU seconds (user + system) the process has used so far, from /proc. */
async function cpuSeconds(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Sends the signal and measures how long the process takes to exit. */
async function stopTimed(process: Spawned, signal: NodeJS.Signals): Promise<{ code: number | null; ms: number }> {
  const sent = Date.now();
  process.kill(signal);
  const code = await process.exited;
  return { code, ms: Date.now() - sent };
}

describe.skipIf(missing !== null)('workers and coordinators through Redis outages (real redis-server)', () => {
  let dir: string;
  let files: string[];
  let env: NodeJS.ProcessEnv;
  let modelsConfig: string;
  let reference: string[];
  const started: Spawned[] = [];
  const servers: TestRedis[] = [];

  const redis = async (options: { appendOnly?: boolean } = {}) => {
    const appendOnlyDir = options.appendOnly ? await mkdtemp(join(dir, 'aof-')) : undefined;
    const server = await TestRedis.start({ appendOnlyDir });
    servers.push(server);
    return server;
  };
  const track = (spawned: Spawned) => {
    started.push(spawned);
    return spawned;
  };
  const cliWorker = async (url: string) => track(spawnCli(['worker', '--queue', url, '--threads', '1'], env));
  const doneIds = (worker: Spawned) => worker.events().flatMap((e) => (e.type === 'chunk-done' ? [e.jobId!] : []));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lv2en-outage-'));
    ({ files, modelsConfig } = await writeInputs(join(dir, 'in')));
    env = { LV2EN_MODELS_CONFIG: modelsConfig };
    await translateFiles(files, { model: 'toy', modelsConfig, memory: false, formats: ['jsonl'], outDir: join(dir, 'in-process') });
    reference = await jsonlOf(join(dir, 'in-process'), files);
  });

  afterAll(async () => {
    for (const spawned of started) spawned.kill('SIGKILL');
    await Promise.all(started.map((s) => s.exited));
    for (const server of servers) await server.kill();
  });

  it('SIGTERM and SIGINT end an idle worker with 143 / 130 and one line, Redis up', async () => {
    const server = await redis();
    for (const [signal, status] of [
      ['SIGTERM', 143],
      ['SIGINT', 130],
    ] as const) {
      const worker = await cliWorker(server.url);
      await worker.waitFor(/serving model toy/, 60_000);
      const { code, ms } = await stopTimed(worker, signal);
      expect(code).toBe(status);
      expect(ms).toBeLessThan(10_000);
      expect(worker.lines.slice(1)).toEqual([`lv2en: worker stopped by ${signal}: no job in hand. Start it again to serve the queue`]);
    }
  });

  it('Redis killed under a worker: said once, no busy loop, and SIGTERM still ends it within 10 s', async () => {
    const server = await redis();
    const worker = await cliWorker(server.url);
    await worker.waitFor(/serving model toy/, 60_000);
    await server.kill();
    await worker.waitFor(WAITING);
    const before = await cpuSeconds(worker.child.pid!);
    // Several retries' worth of outage: ioredis backs off to 2 s, BullMQ's loops wait between attempts.
    await sleep(8000);
    const cpu = (await cpuSeconds(worker.child.pid!)) - before;
    expect(cpu / 8).toBeLessThan(0.02);
    expect(worker.lines.filter((line) => WAITING.test(line))).toHaveLength(1);
    expect(worker.lines.filter((line) => /error/i.test(line))).toEqual([]);
    const { code, ms } = await stopTimed(worker, 'SIGTERM');
    expect(code).toBe(143);
    expect(ms).toBeLessThan(10_000);
    expect(worker.lines.at(-1)).toBe('lv2en: worker stopped by SIGTERM: no job in hand. Start it again to serve the queue');
  });

  it('Redis not there at the start: the worker waits, says so once, and SIGTERM ends it within 10 s', async () => {
    const port = await TestRedis.unusedPort();
    const worker = await cliWorker(`redis://127.0.0.1:${port}`);
    await worker.waitFor(WAITING, 60_000);
    await sleep(4000);
    expect(worker.lines.filter((line) => WAITING.test(line))).toHaveLength(1);
    const { code, ms } = await stopTimed(worker, 'SIGTERM');
    expect(code).toBe(143);
    expect(ms).toBeLessThan(10_000);
    expect(worker.lines).toHaveLength(2);
  });

  it('SIGTERM while a job is held too long: the job goes back to the queue, another worker does it, nothing twice', async () => {
    const server = await redis();
    // The doomed worker holds its first chunk forever, so stopping must hand it back rather than finish it.
    const doomed = track(await spawnFixtureWorker(server.url, ['--hold-first'], env));
    const run = translateFiles(files, {
      model: 'toy',
      modelsConfig,
      memory: false,
      formats: ['jsonl'],
      outDir: join(dir, 'released'),
      queue: server.url,
    });
    const held = JSON.parse(await doomed.waitFor(/chunk-started/)) as { jobId: string };
    const { code, ms } = await stopTimed(doomed, 'SIGTERM');
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
    expect(doomed.events().at(-1)).toEqual({ type: 'exited', job: held.jobId, outcome: 'released' });
    // BullMQ's stalled check would take 30 s to notice a dead worker's job; a released one is taken at once.
    const survivor = track(await spawnFixtureWorker(server.url, [], env));
    await run;
    expect(await jsonlOf(join(dir, 'released'), files)).toEqual(reference);
    expect(doneIds(survivor)).toContain(held.jobId);
    expect(new Set(doneIds(survivor)).size).toBe(doneIds(survivor).length);
    expect(doneIds(doomed)).toEqual([]);
  });

  it('SIGTERM with a job in hand while Redis is down: out within 10 s; once Redis is back another worker does the job', async () => {
    const server = await redis({ appendOnly: true });
    // Short locks, so BullMQ's stalled check hands the abandoned job on soon after Redis returns.
    const doomed = track(await spawnFixtureWorker(server.url, ['--hold-first', '--lock', '1500', '--stalled', '500'], env));
    const run = translateFiles(files, {
      model: 'toy',
      modelsConfig,
      memory: false,
      formats: ['jsonl'],
      outDir: join(dir, 'abandoned'),
      queue: server.url,
    });
    const held = JSON.parse(await doomed.waitFor(/chunk-started/)) as { jobId: string };
    await server.kill();
    const { code, ms } = await stopTimed(doomed, 'SIGTERM');
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
    expect(doomed.events().at(-1)).toEqual({ type: 'exited', job: held.jobId, outcome: 'abandoned' });
    await server.start();
    const survivor = track(await spawnFixtureWorker(server.url, ['--stalled', '500'], env));
    await run;
    expect(await jsonlOf(join(dir, 'abandoned'), files)).toEqual(reference);
    expect(doneIds(survivor)).toContain(held.jobId);
    expect(new Set(doneIds(survivor)).size).toBe(doneIds(survivor).length);
  });

  it('Redis killed and restarted on the same port (append-only file) mid-run: the run goes on, outputs equal a local run', async () => {
    const server = await redis({ appendOnly: true });
    const worker = track(await spawnFixtureWorker(server.url, ['--delay', '150'], env));
    const out = join(dir, 'aof-restart');
    const coordinator = track(spawnCli(['translate', ...files, '--no-memory', '-f', 'jsonl', '-o', out, '--queue', server.url], env));
    await worker.waitForCount(/chunk-done/, 2);
    await server.kill();
    await sleep(1500);
    await server.start();
    const code = await coordinator.exitsWithin(40_000).catch((error: Error) => {
      throw new Error(`${error.message}\nworker:\n${worker.lines.join('\n')}`);
    });
    expect(code).toBe(0);
    expect(await jsonlOf(out, files)).toEqual(reference);
    // The worker came back by itself, and every chunk was decoded once: Redis kept the finished ones.
    expect(worker.events().filter((e) => e.type === 'redis-down')).toHaveLength(1);
    expect(worker.events().filter((e) => e.type === 'redis-back')).toHaveLength(1);
    expect(new Set(doneIds(worker)).size).toBe(doneIds(worker).length);
  });

  /**
   * Translates the files on one in-process worker that reaches Redis through a
   * ReplyLosingProxy (the coordinator goes straight to Redis). `arm` sets the
   * proxy up once the worker is idle, `onEvent` may do so as the worker
   * reports. Checks what any lost answer must leave: outputs equal to a local
   * run, every chunk decoded once, no error, one outage. Returns the events.
   */
  const runBehindLosingProxy = async (
    out: string,
    setup: { arm?: (proxy: ReplyLosingProxy) => void; onEvent?: (event: WorkerEvent, proxy: ReplyLosingProxy) => void },
  ) => {
    const server = await redis();
    const proxy = await ReplyLosingProxy.start(server.port);
    const events: WorkerEvent[] = [];
    const onEvent = (event: WorkerEvent) => {
      events.push(event);
      setup.onEvent?.(event, proxy);
    };
    const worker = await startWorker({ queue: proxy.url, modelsConfig, threads: 1, onEvent });
    try {
      setup.arm?.(proxy);
      await translateFiles(files, {
        model: 'toy',
        modelsConfig,
        memory: false,
        formats: ['jsonl'],
        outDir: join(dir, out),
        queue: server.url,
      });
      expect(await jsonlOf(join(dir, out), files)).toEqual(reference);
      const doneIds = events.flatMap((e) => (e.type === 'chunk-done' ? [e.jobId] : []));
      expect(new Set(doneIds).size).toBe(doneIds.length);
      expect(events.filter((e) => e.type === 'error')).toEqual([]);
      expect(events.filter((e) => e.type === 'redis-down')).toHaveLength(1);
      return { events, doneIds };
    } finally {
      await worker.stop();
      await proxy.close();
    }
  };

  it('Redis records a chunk and dies before answering: the chunk it handed out in the same step goes back at once, nothing twice', async () => {
    let done = 0;
    const { events, doneIds } = await runBehindLosingProxy('reply-lost', {
      // Said just before BullMQ sends the completion, which also takes the next chunk: its answer is lost.
      onEvent: (event, proxy) => {
        if (event.type === 'chunk-done' && ++done === 2) {
          proxy.loseReplies();
          setTimeout(() => proxy.cut(), 300);
        }
      },
    });
    const lost = events.filter((e) => e.type === 'reply-lost');
    // Without the hand-back, that chunk would wait out its 30 s lock and the stalled check.
    expect(lost).toEqual([{ type: 'reply-lost', jobId: doneIds[1], handedBack: [expect.any(String)] }]);
    expect(doneIds).toContain(lost[0]!.handedBack[0]);
  });

  it('Redis gives an idle worker a chunk and dies before answering: that chunk goes back when the worker asks again, nothing twice', async () => {
    const { events, doneIds } = await runBehindLosingProxy('fetch-lost', {
      // The idle worker blocks on the queue's marker; the answer after the one that wakes it (the chunk it takes) is lost.
      arm: (proxy) => proxy.loseRepliesAfter(':marker', 300),
    });
    const lost = events.filter((e) => e.type === 'fetch-lost');
    // Without the hand-back, that chunk would wait out its 30 s lock and the stalled check.
    expect(lost).toEqual([{ type: 'fetch-lost', handedBack: [expect.any(String)] }]);
    expect(doneIds).toContain(lost[0]!.handedBack[0]);
  });

  it('Redis away longer than --queue-timeout: a typed error, finished documents kept, and the same command resumes', async () => {
    const server = await redis({ appendOnly: true });
    const worker = track(await spawnFixtureWorker(server.url, ['--delay', '100'], env));
    const out = join(dir, 'timeout');
    await mkdir(out, { recursive: true });
    const args = ['translate', ...files, '--no-memory', '-f', 'jsonl', '-o', out, '--queue', server.url, '--queue-timeout', '2'];
    const first = track(spawnCli(args, env));
    const written = () =>
      files
        .map((file) =>
          join(
            out,
            `${file
              .split('/')
              .pop()!
              .replace(/\.lv\.txt$/, '')}.jsonl`,
          ),
        )
        .filter(existsSync);
    while (written().length === 0 && first.child.exitCode === null) await sleep(50);
    await server.kill();
    expect(await first.exited).toBe(ERROR_EXIT_CODES.QUEUE_UNAVAILABLE);
    expect(first.lines.at(-1)).toMatch(/^lv2en: Redis at redis:\/\/127\.0\.0\.1:\d+ did not answer for 2 s\..*run the same command again/);
    const kept = written();
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(files.length);
    const finishedBefore = await Promise.all(kept.map((file) => readFile(file, 'utf8')));
    const doneBefore = doneIds(worker).length;

    await server.start();
    const second = track(spawnCli(args, env));
    expect(await second.exited).toBe(0);
    expect(await jsonlOf(out, files)).toEqual(reference);
    expect(await Promise.all(kept.map((file) => readFile(file, 'utf8')))).toEqual(finishedBefore);
    // Chunks finished before the outage came back from Redis, not from the model again.
    expect(doneBefore).toBeGreaterThan(0);
    expect(new Set(doneIds(worker)).size).toBe(doneIds(worker).length);
  });
});
