import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translateFiles } from 'lv2en';
import { ERROR_EXIT_CODES, type Lv2enError } from '../../src/core/errors.js';
import { findModel, loadModelsConfig } from '../../src/models/config.js';
import { modelKeyOf, queueNameFor, queueStatus, REDIS_PREFIX, toPayload } from '../../src/backends/index.js';
import { jsonlOf, redisMissing, type Spawned, spawnCli, spawnFixtureWorker, TestRedis, writeInputs } from './helpers.js';

const missing = redisMissing();
if (missing) console.warn(`test/workers/queue.test.ts: ${missing}`);

interface Record {
  id: string;
  target: string | null;
}
const records = (jsonl: string) =>
  jsonl
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record);

describe.skipIf(missing !== null)('translation on BullMQ workers (real redis-server)', () => {
  let dir: string;
  let files: string[];
  let modelsConfig: string;
  let env: NodeJS.ProcessEnv;
  let reference: string[];
  let queueName: string;
  const started: Spawned[] = [];
  const servers: TestRedis[] = [];

  const redis = async (options: { password?: string } = {}) => {
    const server = await TestRedis.start(options);
    servers.push(server);
    return server;
  };
  const track = (spawned: Spawned) => {
    started.push(spawned);
    return spawned;
  };
  const translateOn = (url: string, out: string, extra: object = {}) =>
    translateFiles(files, { model: 'toy', modelsConfig, memory: false, formats: ['jsonl'], outDir: join(dir, out), queue: url, ...extra });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lv2en-queue-'));
    ({ files, modelsConfig } = await writeInputs(join(dir, 'in')));
    env = { LV2EN_MODELS_CONFIG: modelsConfig };
    await translateFiles(files, { model: 'toy', modelsConfig, memory: false, formats: ['jsonl'], outDir: join(dir, 'in-process') });
    reference = await jsonlOf(join(dir, 'in-process'), files);
    const spec = findModel(await loadModelsConfig(modelsConfig), 'toy');
    queueName = queueNameFor((await modelKeyOf(spec)).key);
  });

  afterAll(async () => {
    for (const spawned of started) spawned.kill('SIGKILL');
    await Promise.all(started.map((s) => s.exited));
    for (const server of servers) await server.kill();
  });

  it('two `lv2en worker` processes: .jsonl byte-identical to an in-process run; queue status lists them', async () => {
    const server = await redis();
    const workers = [1, 2].map(() => track(spawnCli(['worker', '--queue', server.url, '--threads', '1'], env)));
    await Promise.all(workers.map((w) => w.waitFor(/serving model toy/, 60_000)));
    const cliRun = spawnCli(
      ['translate', ...files, '--no-memory', '-f', 'jsonl', '-o', join(dir, 'cli-queue'), '--queue', server.url],
      env,
    );
    expect(await cliRun.exited).toBe(0);
    expect(await jsonlOf(join(dir, 'cli-queue'), files)).toEqual(reference);

    const status = await queueStatus(server.url);
    const toy = status.queues.find((q) => q.queue === queueName)!;
    expect(toy.model).toBe('toy');
    expect(toy.workers.map((w) => w.pid).sort()).toEqual(workers.map((w) => w.child.pid).sort());
    expect(toy.workers.every((w) => w.host.length > 0)).toBe(true);
    expect(toy.jobs.completed).toBeGreaterThan(3);
    expect(toy.jobs.failed).toBe(0);
    const printed = spawnCli(['queue', 'status', '--queue', server.url]);
    expect(await printed.exited).toBe(0);
    expect(printed.lines.join('\n')).toMatch(/model toy .*\n\s+jobs: 0 waiting, 0 active, \d+ completed, 0 failed/);

    // SIGTERM: each worker, holding nothing, exits with 128 + 15 and one line.
    for (const w of workers) w.kill('SIGTERM');
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([143, 143]);
    for (const w of workers)
      expect(w.lines.at(-1)).toBe('lv2en: worker stopped by SIGTERM: no job in hand. Start it again to serve the queue');
  });

  it('a worker SIGKILLed mid-job: BullMQ hands its job to the other worker; every sentence once', async () => {
    const server = await redis();
    // The first worker takes one chunk and never finishes it; its lock lasts 1.5 s. Both check for stalled
    // jobs every 0.5 s: BullMQ runs one check per interval across all workers, so each must have it short.
    const doomed = track(await spawnFixtureWorker(server.url, ['--hold-first', '--lock', '1500', '--stalled', '500'], env));
    const run = translateOn(server.url, 'sigkill');
    const held = JSON.parse(await doomed.waitFor(/chunk-started/)) as { jobId: string };
    const survivor = track(await spawnFixtureWorker(server.url, ['--stalled', '500'], env));
    doomed.kill('SIGKILL');
    await run;
    const outputs = await jsonlOf(join(dir, 'sigkill'), files);
    expect(outputs).toEqual(reference);
    for (const jsonl of outputs) {
      const ids = records(jsonl).map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(records(jsonl).every((r) => typeof r.target === 'string')).toBe(true);
    }
    // The held chunk was finished by the survivor, and no chunk was translated twice.
    const done = survivor.events().filter((e) => e.type === 'chunk-done');
    expect(done.map((e) => e.jobId)).toContain(held.jobId);
    expect(new Set(done.map((e) => e.jobId)).size).toBe(done.length);
    expect(doomed.events().filter((e) => e.type === 'chunk-done')).toEqual([]);
  });

  it('the coordinator SIGKILLed and started again: completed jobs are reused, outputs equal an uninterrupted run', async () => {
    const server = await redis();
    const worker = track(await spawnFixtureWorker(server.url, ['--delay', '150'], env));
    const args = ['translate', ...files, '--no-memory', '-f', 'jsonl', '-o', join(dir, 'restart'), '--queue', server.url];
    const first = spawnCli(args, env);
    await worker.waitForCount(/chunk-done/, 2);
    first.kill('SIGKILL');
    await first.exited;
    const doneBefore = worker.events().filter((e) => e.type === 'chunk-done').length;
    const second = spawnCli(args, env);
    expect(await second.exited).toBe(0);
    expect(await jsonlOf(join(dir, 'restart'), files)).toEqual(reference);
    // Same plan, same job ids: what finished before the kill was answered from Redis, never decoded again.
    const done = worker.events().filter((e) => e.type === 'chunk-done');
    expect(doneBefore).toBeGreaterThan(1);
    expect(new Set(done.map((e) => e.jobId)).size).toBe(done.length);
    const client = server.client();
    const queue = new Queue(queueName, { connection: client, prefix: REDIS_PREFIX });
    expect(await queue.getCompletedCount()).toBe(done.length);
    await queue.close();
    client.disconnect();
  });

  it('the coordinator SIGKILLed and started again with a translation memory: what it stored is reused, outputs equal', async () => {
    const server = await redis();
    const worker = track(await spawnFixtureWorker(server.url, ['--delay', '150'], env));
    const uninterrupted = join(dir, 'memory-reference');
    await translateFiles(files, {
      model: 'toy',
      modelsConfig,
      memory: join(dir, 'reference.sqlite'),
      formats: ['jsonl'],
      outDir: uninterrupted,
    });
    const args = ['translate', ...files, '--memory', join(dir, 'restart.sqlite'), '-f', 'jsonl', '-o', join(dir, 'memory-restart')];
    const first = spawnCli([...args, '--queue', server.url], env);
    await worker.waitForCount(/chunk-done/, 3);
    first.kill('SIGKILL');
    await first.exited;
    const second = spawnCli([...args, '--queue', server.url], env);
    expect(await second.exited).toBe(0);
    expect(await jsonlOf(join(dir, 'memory-restart'), files)).toEqual(await jsonlOf(uninterrupted, files));
    const reused = /translation memory: (\d+) sentence\(s\) reused/.exec(second.lines.join('\n'));
    expect(Number(reused?.[1])).toBeGreaterThan(0);
  });

  it('Redis restarted mid-run without persistence: lost jobs are resubmitted and the run completes', async () => {
    const server = await redis();
    const worker = track(await spawnFixtureWorker(server.url, ['--delay', '150'], env));
    const run = translateOn(server.url, 'redis-restart', { queueTimeout: 20 });
    await worker.waitFor(/chunk-done/);
    const client = server.client();
    const queue = new Queue(queueName, { connection: client, prefix: REDIS_PREFIX });
    const lost = (await queue.getWaiting()).map((job) => job.id!);
    await queue.close();
    client.disconnect();
    expect(lost.length).toBeGreaterThan(0);
    const linesBefore = worker.lines.length;
    await server.restart();
    await run;
    expect(await jsonlOf(join(dir, 'redis-restart'), files)).toEqual(reference);
    // Jobs that were waiting when Redis lost them came back only by the coordinator resubmitting them.
    const doneAfter = worker.lines.slice(linesBefore).flatMap((line) => (line.includes('chunk-done') ? [JSON.parse(line).jobId] : []));
    expect(doneAfter).toEqual(expect.arrayContaining(lost));
    // The chunk in hand across the restart: the worker says Redis forgot it, not that something failed.
    const after = worker.events(linesBefore);
    expect(after.filter((e) => e.type === 'error').map((e) => JSON.stringify(e))).toEqual([]);
    expect(after.filter((e) => e.type === 'hold-lost')).toHaveLength(1);
  });

  it('Redis gone for good mid-run: one line within --queue-timeout, and the coordinator exits (no hang)', async () => {
    const server = await redis();
    const worker = track(await spawnFixtureWorker(server.url, ['--delay', '150'], env));
    const args = ['translate', ...files, '--no-memory', '-f', 'jsonl', '-o', join(dir, 'redis-gone'), '--queue', server.url];
    const coordinator = track(spawnCli([...args, '--queue-timeout', '2'], env));
    await worker.waitFor(/chunk-done/);
    const killed = Date.now();
    await server.kill();
    expect(await coordinator.exited).toBe(ERROR_EXIT_CODES.QUEUE_UNAVAILABLE);
    expect(Date.now() - killed).toBeLessThan(15_000);
    expect(coordinator.lines).toHaveLength(1);
    expect(coordinator.lines[0]).toMatch(/^lv2en: Redis at redis:\/\/127\.0\.0\.1:\d+ did not answer for 2 s\. Check that redis-server/);
  });

  it('no worker for the model: says so after --queue-timeout seconds, naming the command to start one', async () => {
    const server = await redis();
    const started = Date.now();
    const error = await translateOn(server.url, 'no-worker', { queueTimeout: 1 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as Lv2enError).toOneLine()).toMatch(
      /^no lv2en worker for model toy on redis:\/\/127\.0\.0\.1:\d+ after 1 s\. Start one with `lv2en worker --queue redis:\/\/127\.0\.0\.1:\d+ --model toy`/,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await readdir(join(dir, 'no-worker')).catch(() => [])).not.toContain('part1.jsonl');
  });

  it('a worker with other decoding settings never answers: its model key names another queue', async () => {
    const server = await redis();
    const otherConfig = join(dir, 'beams2.yaml');
    await writeFile(otherConfig, (await readFile(modelsConfig, 'utf8')).replace('num_beams: 1', 'num_beams: 2'));
    const other = track(await spawnFixtureWorker(server.url, [], { LV2EN_MODELS_CONFIG: otherConfig }));
    const error = await translateOn(server.url, 'other-worker', { queueTimeout: 2 }).then(
      () => null,
      (e: unknown) => e as Lv2enError,
    );
    expect(error?.message).toMatch(/^no lv2en worker for model toy on /);
    expect(other.events().filter((e) => e.type === 'chunk-started')).toEqual([]);
    expect((await queueStatus(server.url)).queues.map((q) => q.workers.length).sort()).toEqual([0, 1]);
  });

  it('Redis unreachable or the wrong password: one line before any work, the password never printed', async () => {
    const secured = await redis({ password: 'right-secret' });
    const closed = await redis();
    const closedUrl = closed.url;
    await closed.kill();
    const wrong = `redis://:wrong-secret@127.0.0.1:${secured.port}`;
    const cases: [string[], RegExp][] = [
      [
        ['translate', ...files, '-o', join(dir, 'unreachable'), '--queue', closedUrl],
        /^lv2en: cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+ \(.*\)\. Check/,
      ],
      [
        ['translate', ...files, '-o', join(dir, 'wrong-password'), '--queue', wrong],
        /^lv2en: Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+ refused the password/,
      ],
      [['worker', '--queue', wrong], /^lv2en: Redis at .* refused the password/],
      [['queue', 'status', '--queue', `redis://127.0.0.1:${secured.port}`], /^lv2en: Redis at .* refused the password \(NOAUTH/],
    ];
    for (const [args, message] of cases) {
      const run = spawnCli(args, env);
      expect(await run.exited).not.toBe(0);
      expect(run.lines).toHaveLength(1);
      expect(run.lines[0]).toMatch(message);
      expect(run.lines[0]).not.toContain('wrong-secret');
    }
    expect(await readdir(join(dir, 'unreachable')).catch(() => [])).toEqual([]);
    expect(await readdir(join(dir, 'wrong-password')).catch(() => [])).toEqual([]);
  });

  it('SIGTERM mid-job: the worker finishes the job, then exits cleanly', async () => {
    const server = await redis();
    const worker = track(await spawnFixtureWorker(server.url, ['--delay', '1500'], env));
    const spec = findModel(await loadModelsConfig(modelsConfig), 'toy');
    const client = server.client();
    const queue = new Queue(queueName, { connection: client, prefix: REDIS_PREFIX });
    const job = await queue.add('chunk', toPayload((await modelKeyOf(spec)).key, { sources: ['Labdien.', 'Tikmēr Minskā.'] }));
    await worker.waitFor(/chunk-started/);
    worker.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(await job.isCompleted()).toBe(true);
    expect(((await queue.getJob(job.id!))!.returnvalue as { targets: string[] }).targets).toHaveLength(2);
    // Told to stop while the job ran; the job still finished before the exit.
    const order = worker.events().map((e) => e.type);
    expect(order.indexOf('stopping')).toBeGreaterThan(order.indexOf('chunk-started'));
    expect(order.indexOf('chunk-done')).toBeGreaterThan(order.indexOf('stopping'));
    expect(order.indexOf('exited')).toBeGreaterThan(order.indexOf('chunk-done'));
    await queue.close();
    client.disconnect();
  });

  it('malformed or hostile payloads fail their job with a reason; the worker keeps serving', async () => {
    const server = await redis();
    const worker = track(await spawnFixtureWorker(server.url, [], env));
    const spec = findModel(await loadModelsConfig(modelsConfig), 'toy');
    const { key } = await modelKeyOf(spec);
    const client = server.client();
    const queue = new Queue(queueName, { connection: client, prefix: REDIS_PREFIX });
    const bad: [string, unknown, RegExp][] = [
      ['not an object', 'rm -rf /', /invalid chunk: not an object/],
      ['another model', { ...toPayload('0'.repeat(64), { sources: ['Labdien.'] }) }, /another model key/],
      ['no sources', toPayload(key, { sources: [] }), /0 sources/],
      ['too many rows', toPayload(key, { sources: Array.from({ length: 500 }, () => 'Labdien.') }), /500 sources/],
      ['a number for a source', { ...toPayload(key, { sources: ['x'] }), sources: [42] }, /list of strings/],
      ['too long for the model', toPayload(key, { sources: ['vārds '.repeat(2000)] }), /tokens, more than/],
      ['bad constraints', { ...toPayload(key, { sources: ['Labdien.'] }), constraints: [[['']]] }, /constraint string/],
      ['prototype keys', JSON.parse('{"__proto__":{"format":1},"sources":["a"]}'), /invalid chunk/],
    ];
    for (const [what, payload, reason] of bad) {
      const job = await queue.add('chunk', payload as object, { attempts: 3 });
      await expect.poll(() => job.isFailed(), { timeout: 10_000 }).toBe(true);
      const failed = (await queue.getJob(job.id!))!;
      expect(failed.failedReason, what).toMatch(reason);
      expect(failed.attemptsMade, `${what}: not retried`).toBe(1);
    }
    const good = await queue.add('chunk', toPayload(key, { sources: ['Labdien.'] }));
    await expect.poll(() => good.isCompleted(), { timeout: 10_000 }).toBe(true);
    expect(((await queue.getJob(good.id!))!.returnvalue as { targets: string[] }).targets).toHaveLength(1);
    expect(worker.child.exitCode).toBeNull();
    await queue.close();
    client.disconnect();
  });
});
