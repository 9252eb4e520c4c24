/**
 * `lv2en worker`: a long-lived process that loads one model and serves the
 * queue of that model's key until stopped. Stopping lets the chunk in hand
 * finish for a few seconds; one that takes longer, or cannot be reported
 * because Redis is down, is handed back (or, with Redis down, left for
 * BullMQ's stalled-job check to give to another worker once its lock runs
 * out). A worker killed outright loses its lock the same way.
 */
import { hostname } from 'node:os';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { findModel, loadModelsConfig, type ModelSpec } from '../models/config.js';
import type { LoadedModel } from '../models/load.js';
import { ChunkServer } from './chunk-server.js';
import { queueNameFor } from './model-key.js';
import { InvalidPayloadError } from './payload.js';
import { displayUrl, REDIS_PREFIX, waitForRedis } from './redis.js';
import { registerModel, workerName } from './registry.js';

export interface WorkerOptions {
  /** redis://[:password@]host:port, or rediss:// for TLS. */
  queue: string;
  /** A model name from models.config.yaml (default: its default). */
  model?: string;
  modelsConfig?: string;
  /** onnxruntime intra-op threads (default: all cores). */
  threads?: number;
  /** How long a chunk's lock lasts before another worker may take the chunk over (BullMQ lockDuration; default 30 s). */
  lockDurationMs?: number;
  /** How often this worker looks for chunks whose worker died (BullMQ stalledInterval; default 30 s). */
  stalledIntervalMs?: number;
  /** Called before each chunk is decoded, with the job id (diagnostics; tests use it to hold a chunk). */
  beforeChunk?: (jobId: string) => Promise<void>;
  onEvent?: (event: WorkerEvent) => void;
  /** Loads the model (a session passes its own loader, so the model loads once, the session's way). */
  load?: (spec: ModelSpec) => Promise<LoadedModel>;
  /**
   * Stops the worker when it aborts, as stop() does; while it is still
   * waiting for Redis or loading the model, startWorker rejects with the
   * signal's reason.
   */
  signal?: AbortSignal;
}

export type WorkerEvent =
  | { type: 'ready'; model: string; queue: string; url: string }
  | { type: 'chunk-done'; jobId: string; sentences: number; ms: number }
  | { type: 'chunk-failed'; jobId: string; reason: string }
  | { type: 'error'; message: string }
  /** Once per outage (not per retry): Redis stopped answering, or was not there at the start. */
  | { type: 'redis-down'; url: string; reason: string }
  | { type: 'redis-back'; url: string }
  /**
   * Redis recorded a chunk's result but went down before saying so; the chunk
   * it gave this worker in the same step (if any) went back to the queue at once.
   */
  | { type: 'reply-lost'; jobId: string; handedBack: string[] }
  /** Redis gave this worker a chunk but went down before saying so, and gave it another when asked again: the first went back. */
  | { type: 'fetch-lost'; handedBack: string[] }
  /**
   * Redis came back without this worker's hold on the chunk in hand (it
   * restarted without its data, or the lock ran out): its result is dropped
   * and the chunk is decoded again from the queue (the coordinator sends a
   * forgotten one again).
   */
  | { type: 'hold-lost'; jobId: string }
  | { type: 'stopping' };

/** What became of the chunk the worker held when it stopped. */
export type StoppedWorker =
  | { job: null }
  /** finished: done and reported; released: handed back to the queue for another worker; abandoned: Redis was down,
   * so BullMQ's stalled-job check gives it to another worker once its lock runs out. */
  | { job: string; outcome: 'finished' | 'released' | 'abandoned' };

export interface RunningWorker {
  /** The key of the model this worker serves. */
  modelKey: string;
  /** Finishes or hands back the chunk in hand, closes the connections and frees the model, within 9 s. */
  stop(): Promise<StoppedWorker>;
  /** Settles once the worker has stopped. */
  stopped: Promise<StoppedWorker>;
}

/** How long stopping waits for the chunk in hand to finish before handing it back. */
const FINISH_MS = 6000;
/** Then for each of: handing the chunk back, BullMQ closing, the model being freed (so stop() takes 9 s at most, whatever Redis does). */
const STEP_MS = 1000;

/** Whether `promise` settled within `ms` (its outcome is not asked). */
function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

const CONNECTION_ERROR = /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|Connection is closed/;
/**
 * BullMQ's errors when a job's lock is not (or no longer) the token it sent, or
 * the job is not in Redis at all: `Missing lock for job ID. moveToFinished`, `Missing key for job ID. …`.
 */
const MISSING_LOCK_OR_KEY = /^Missing (lock|key) for job (.+)\. \w+$/;

/** How often a worker rewrites its model's entry for `lv2en queue status` (it survives a Redis restart that way). */
const REGISTER_EVERY_MS = 30_000;

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const emit = options.onEvent ?? (() => {});
  const shownUrl = displayUrl(options.queue);
  // Connect first: a wrong URL or password is reported before the model loads. A Redis that is down is waited for.
  const connection = await waitForRedis(options.queue, {
    signal: options.signal,
    onWaiting: (error) =>
      emit({ type: 'redis-down', url: shownUrl, reason: error.cause instanceof Error ? error.cause.message : error.message }),
  });
  let server: ChunkServer;
  try {
    const spec = findModel(await loadModelsConfig(options.modelsConfig), options.model);
    server = await ChunkServer.load(spec, { threads: options.threads, load: options.load });
  } catch (error) {
    connection.disconnect();
    throw error;
  }
  if (options.signal?.aborted) {
    connection.disconnect();
    await server.dispose();
    throw options.signal.reason;
  }
  const name = queueNameFor(server.modelKey.key);
  const register = () => registerModel(connection, name, { model: server.spec.name, id: server.modelKey.id }).catch(() => {});
  await register();
  const registering = setInterval(register, REGISTER_EVERY_MS);
  registering.unref();

  // Said once per outage: ioredis retries with backoff (redis.ts) and BullMQ reports every failed retry as an error.
  let down = false;
  /** Outages so far: a chunk held across one may have had its result recorded without this worker hearing of it. */
  let outages = 0;
  /** Outages before the last chunk whose fetch was checked for a lost answer. */
  let fetchesCheckedAt = 0;
  let stopRequested = false;
  const lost = (reason: string) => {
    if (down || stopRequested) return;
    down = true;
    outages += 1;
    emit({ type: 'redis-down', url: shownUrl, reason });
  };
  connection.on('close', () => lost('it closed the connection'));
  connection.on('ready', () => {
    if (!down) return;
    down = false;
    emit({ type: 'redis-back', url: shownUrl });
    void register();
  });

  const giveUp = async (error: unknown): Promise<never> => {
    stopRequested = true;
    clearInterval(registering);
    connection.disconnect();
    await server.dispose();
    throw error;
  };
  /** The chunk being decoded or reported, with the lock token BullMQ gave this worker for it and the outages before it. */
  let held: { job: Job; token: string; outages: number } | null = null;
  /** A chunk BullMQ had already fetched when stop() began, and started after. */
  let startedWhileStopping: Job | null = null;
  /** The decoding in hand (it cannot be interrupted): the model is freed once it ends. */
  let decoding: Promise<unknown> = Promise.resolve();
  // Once stop() has handed the chunk back (or given up on Redis), the processor stops waiting for the decoding,
  // so BullMQ's close can end (its lock renewal and stalled-check timers would keep the process alive).
  let letGo!: (error: Error) => void;
  const lettingGo = new Promise<never>((_, reject) => {
    letGo = reject;
  });
  lettingGo.catch(() => {});
  let worker: Worker;
  try {
    worker = new Worker(
      name,
      async (job, token) => {
        held = { job, token: token!, outages };
        if (outages > fetchesCheckedAt) {
          fetchesCheckedAt = outages;
          const handedBack = await handBackLockedWith(token!, job.id!).catch(() => []);
          if (handedBack.length) emit({ type: 'fetch-lost', handedBack });
        }
        if (stopRequested) startedWhileStopping = job;
        const started = performance.now();
        const work = (async () => {
          await options.beforeChunk?.(job.id!);
          return server.run(job.data);
        })();
        decoding = work.catch(() => {});
        try {
          const targets = await Promise.race([work, lettingGo]);
          emit({ type: 'chunk-done', jobId: job.id!, sentences: targets.length, ms: Math.round(performance.now() - started) });
          return { targets };
        } catch (error) {
          // A malformed or hostile payload will not get better on retry: fail the job now, keep serving.
          if (error instanceof InvalidPayloadError) throw new UnrecoverableError(error.message);
          throw error;
        }
      },
      {
        connection,
        prefix: REDIS_PREFIX,
        name: workerName(hostname(), process.pid, options.threads),
        concurrency: 1,
        autorun: false,
        // BullMQ rejects an explicit undefined: pass only what is set.
        ...(options.lockDurationMs ? { lockDuration: options.lockDurationMs } : {}),
        ...(options.stalledIntervalMs ? { stalledInterval: options.stalledIntervalMs } : {}),
      },
    );
  } catch (error) {
    return giveUp(error);
  }
  // A chunk counts as in hand until BullMQ has recorded its outcome in Redis.
  const reported = (job: Job | undefined) => {
    if (held && job && held.job.id === job.id) held = null;
  };
  worker.on('completed', reported);
  worker.on('failed', (job, error) => {
    reported(job);
    emit({ type: 'chunk-failed', jobId: job?.id ?? '?', reason: error.message });
  });
  /**
   * Moves back to the queue every active chunk but `except` that is locked
   * with `token`: BullMQ's script checks the token, so a chunk another worker
   * holds is never touched. One worker takes one chunk at a time, so while it
   * decodes `except` with `token`, any other chunk under that token was taken
   * for it by a command whose answer Redis never sent, and nobody decodes it.
   */
  const handBackLockedWith = async (token: string, except: string): Promise<string[]> => {
    const handedBack: string[] = [];
    for (const id of await connection.lrange(worker.toKey('active'), 0, -1)) {
      if (id === except || (await connection.get(`${worker.toKey(id)}:lock`)) !== token) continue;
      const orphan = await Job.fromId(worker, id);
      if (
        orphan &&
        (await orphan.moveToWait(token).then(
          () => true,
          () => false,
        ))
      )
        handedBack.push(id);
    }
    return handedBack;
  };
  /** Chunks whose fate across an outage this worker has told: BullMQ's further complaints about them are expected. */
  const explained = new Set<string>();
  /**
   * Redis ran a chunk's completion, then died before answering; ioredis sent
   * the completion again once Redis was back, and BullMQ reports the missing
   * lock, as the chunk is already completed. That first completion also took
   * the next chunk for this worker, locked with the same token, and BullMQ
   * never heard of it: left alone, it sits active until its lock runs out and
   * the stalled check hands it on (30 s lock + 30 s stalled check by default:
   * the run waited over 60 s for it in the test). Hand it back now.
   */
  const recoverLostReply = async (lostJob: { job: Job; token: string }): Promise<boolean> => {
    if ((await lostJob.job.getState().catch(() => 'unknown')) !== 'completed') return false;
    emit({ type: 'reply-lost', jobId: lostJob.job.id!, handedBack: await handBackLockedWith(lostJob.token, lostJob.job.id!) });
    return true;
  };
  worker.on('error', (error) => {
    if (CONNECTION_ERROR.test(`${(error as NodeJS.ErrnoException).code ?? ''} ${error.message}`)) return lost(error.message);
    const jobId = MISSING_LOCK_OR_KEY.exec(error.message)?.[2];
    if (jobId && explained.has(jobId)) return;
    if (jobId && held?.job.id === jobId && held.outages < outages) {
      const lostJob = held;
      // Its outcome is in Redis one way or the other, or Redis has forgotten it: it is no longer in hand.
      held = null;
      explained.add(jobId);
      void recoverLostReply(lostJob).then(
        (recorded) => {
          if (!recorded) emit({ type: 'hold-lost', jobId });
        },
        () => emit({ type: 'error', message: error.message }),
      );
      return;
    }
    emit({ type: 'error', message: error.message });
  });
  const running = worker.run();
  running.catch(() => {});
  await worker.waitUntilReady().catch(async (error: unknown) => {
    await worker.close(true).catch(() => {});
    return giveUp(error);
  });
  emit({ type: 'ready', model: server.spec.name, queue: name, url: shownUrl });

  let resolveStopped!: (stopped: StoppedWorker) => void;
  const stopped = new Promise<StoppedWorker>((resolve) => {
    resolveStopped = resolve;
  });
  /**
   * Waits up to FINISH_MS for BullMQ's close. With no chunk in hand and Redis
   * down, there is nothing to wait for, but BullMQ's next fetch sits in our
   * connection's offline queue (BullMQ needs maxRetriesPerRequest: null) and
   * close waits for it: drop the connection, which fails that fetch.
   */
  const closedOrIdleWithoutRedis = async (closing: Promise<void>): Promise<boolean> => {
    const deadline = Date.now() + FINISH_MS;
    while (Date.now() < deadline) {
      if (held === null && connection.status !== 'ready') connection.disconnect();
      if (await settlesWithin(closing, 100)) return true;
    }
    return false;
  };
  let stopping: Promise<StoppedWorker> | null = null;
  const stop = () => {
    stopping ??= (async (): Promise<StoppedWorker> => {
      stopRequested = true;
      emit({ type: 'stopping' });
      clearInterval(registering);
      const inHand: { job: Job; token: string } | null = held;
      // Stops fetching, then waits for the chunk in hand to be finished and reported.
      const closing = worker.close();
      let outcome: 'finished' | 'released' | 'abandoned' = 'finished';
      if (!(await closedOrIdleWithoutRedis(closing)) && held) {
        const late: { job: Job; token: string } = held;
        // Too slow to finish now, or finished but Redis is not there to take the result.
        outcome = 'abandoned';
        if (connection.status === 'ready') {
          const release = late.job.moveToWait(late.token);
          if (
            (await settlesWithin(release, STEP_MS)) &&
            (await release.then(
              () => true,
              () => false,
            ))
          )
            outcome = 'released';
        }
      }
      // Ours, so BullMQ never closes it: dropping it fails whatever still waits for Redis. Then, with nothing
      // left to report to, the processor lets go of a chunk still decoding, and BullMQ's close ends.
      connection.disconnect();
      letGo(new Error('the worker stopped before this chunk finished'));
      await settlesWithin(closing, STEP_MS);
      const freed = decoding.then(() => server.dispose());
      await settlesWithin(freed, STEP_MS);
      const job = inHand?.job ?? startedWhileStopping;
      const result: StoppedWorker = job ? { job: job.id!, outcome } : { job: null };
      resolveStopped(result);
      return result;
    })();
    return stopping;
  };
  running.then(
    () => stop(),
    () => stop(),
  );
  if (options.signal?.aborted) void stop();
  else options.signal?.addEventListener('abort', () => void stop(), { once: true });
  return { modelKey: server.modelKey.key, stop, stopped };
}
