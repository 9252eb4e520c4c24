/**
 * The coordinator's side of the BullMQ backend: every planned chunk becomes a
 * job in the queue of its model key, with an id derived from the key and the
 * chunk, so a resubmitted chunk (another run, a restarted coordinator, a
 * resubmission after Redis lost its data) is deduplicated and a completed one
 * is answered from Redis. BullMQ does the rest: workers take jobs, its
 * stalled-job check hands a dead worker's job to another, failed attempts are
 * retried.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { Lv2enError } from '../core/errors.js';
import type { ModelKey } from '../models/identity.js';
import { queueNameFor } from './model-key.js';
import { chunkId, parseTargets, toPayload, type ChunkPayload } from './payload.js';
import { connectRedis, displayUrl, REDIS_PREFIX } from './redis.js';
import { registerModel } from './registry.js';
import type { TranslationBackend, TranslationChunk } from './types.js';

/** Completed chunks stay a day, so a restarted or repeated run reuses them; failed ones a week, for `lv2en queue status`. */
export const JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'fixed', delay: 1000 },
  removeOnComplete: { age: 24 * 3600 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

export const DEFAULT_QUEUE_TIMEOUT_SECONDS = 30;

export interface QueueBackendOptions {
  url: string;
  modelKey: ModelKey;
  modelName: string;
  /** Seconds with no worker for the model, or no answer from Redis, before the run stops (default 30). */
  timeoutSeconds?: number;
  /** How often outstanding chunks are checked (ms, default 250: a chunk decodes for seconds, and each check costs one Redis call per chunk). */
  pollMs?: number;
}

interface Pending {
  id: string;
  payload: ChunkPayload;
  submittedAt: number;
  retriedStale: boolean;
  promise: Promise<string[]>;
  resolve(targets: string[]): void;
  reject(error: Error): void;
}

export class QueueBackend implements TranslationBackend {
  /** A window's chunks all go out at once: the workers, however many, take them as they can. */
  readonly parallelism = 1024;
  /** Chunks sent again because Redis no longer knew them (it restarted without persistence). */
  resubmitted = 0;
  private readonly pending = new Map<string, Pending>();
  private polling = false;
  private closed = false;
  private noWorkerSince: number | null = null;
  private readonly timeoutMs: number;
  private readonly shownUrl: string;

  private constructor(
    private readonly options: QueueBackendOptions,
    private readonly connection: Redis,
    private readonly queue: Queue,
  ) {
    this.timeoutMs = (options.timeoutSeconds ?? DEFAULT_QUEUE_TIMEOUT_SECONDS) * 1000;
    this.shownUrl = displayUrl(options.url);
  }

  /** Connects (a one-line error if Redis is unreachable or refuses the password) and names the model's queue. */
  static async open(options: QueueBackendOptions): Promise<QueueBackend> {
    const connection = await connectRedis(options.url);
    const name = queueNameFor(options.modelKey.key);
    const queue = new Queue(name, { connection, prefix: REDIS_PREFIX });
    queue.on('error', () => {});
    await registerModel(connection, name, { model: options.modelName, id: options.modelKey.id });
    return new QueueBackend(options, connection, queue);
  }

  translate(chunk: TranslationChunk): Promise<string[]> {
    if (this.closed) return Promise.reject(new Error('the queue backend is closed'));
    const payload = toPayload(this.options.modelKey.key, chunk);
    const id = chunkId(payload);
    const known = this.pending.get(id);
    if (known) return known.promise;
    let resolve!: (targets: string[]) => void;
    let reject!: (error: Error) => void;
    const promise = new Promise<string[]>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.pending.set(id, { id, payload, submittedAt: Date.now(), retriedStale: false, promise, resolve, reject });
    void this.submit(payload, id);
    if (!this.polling) void this.poll();
    return promise;
  }

  /** A failed add is not an error here: the next check finds the job unknown and submits it again. */
  private async submit(payload: ChunkPayload, id: string): Promise<void> {
    try {
      await this.queue.add('chunk', payload, { ...JOB_OPTIONS, jobId: id });
    } catch {}
  }

  private async poll(): Promise<void> {
    this.polling = true;
    try {
      while (!this.closed && this.pending.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        const silent = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(this.lostRedis()), this.timeoutMs);
        });
        try {
          await Promise.race([this.check(), silent]);
        } catch (error) {
          this.failAll(error instanceof Error ? error : new Error(String(error)));
          return;
        } finally {
          clearTimeout(timer);
        }
        await new Promise((resolve) => setTimeout(resolve, this.options.pollMs ?? 250));
      }
    } finally {
      this.polling = false;
    }
  }

  /** One pass over the outstanding chunks: collect the finished, resubmit the lost, watch for a missing worker. */
  private async check(): Promise<void> {
    await Promise.all([...this.pending.values()].map((entry) => this.checkOne(entry)));
    if (this.pending.size === 0) return;
    const workers = await this.queue.getWorkersCount();
    const now = Date.now();
    if (workers > 0) this.noWorkerSince = null;
    else if (this.noWorkerSince === null) this.noWorkerSince = now;
    else if (now - this.noWorkerSince >= this.timeoutMs) throw this.noWorker();
  }

  private async checkOne(entry: Pending): Promise<void> {
    const state = await this.queue.getJobState(entry.id);
    if (state === 'unknown') {
      this.resubmitted += 1;
      await this.queue.add('chunk', entry.payload, { ...JOB_OPTIONS, jobId: entry.id });
      return;
    }
    if (state !== 'completed' && state !== 'failed') return;
    const job = await this.queue.getJob(entry.id);
    if (!job) return;
    if (state === 'failed') {
      // A chunk that failed in an earlier run (a worker bug since fixed, a crash) gets one more round.
      if (!entry.retriedStale && (job.finishedOn ?? 0) < entry.submittedAt) {
        entry.retriedStale = true;
        await job.retry('failed');
        return;
      }
      this.settle(
        entry,
        new Lv2enError(
          'WORKER_FAILED',
          `a worker could not translate a chunk of ${entry.payload.sources.length} sentence(s) (job ${entry.id}: ${job.failedReason})`,
          'See the worker’s log; `lv2en queue status` counts failed jobs',
        ),
      );
      return;
    }
    const targets = parseTargets(job.returnvalue, entry.payload.sources.length);
    this.settle(
      entry,
      targets ??
        new Lv2enError(
          'WORKER_FAILED',
          `a worker answered job ${entry.id} with something other than ${entry.payload.sources.length} translation(s)`,
          'Check that every worker runs the same lv2en version as this coordinator',
        ),
    );
  }

  private settle(entry: Pending, result: string[] | Error): void {
    if (!this.pending.delete(entry.id)) return;
    if (result instanceof Error) entry.reject(result);
    else entry.resolve(result);
  }

  private failAll(error: Error): void {
    for (const entry of [...this.pending.values()]) this.settle(entry, error);
  }

  private noWorker(): Lv2enError {
    const { modelName } = this.options;
    return new Lv2enError(
      'QUEUE_NO_WORKER',
      `no lv2en worker for model ${modelName} on ${this.shownUrl} after ${this.timeoutMs / 1000} s`,
      `Start one with \`lv2en worker --queue ${this.shownUrl} --model ${modelName}\` (same model files and models.config.yaml decode settings), or wait longer with --queue-timeout`,
    );
  }

  private lostRedis(): Lv2enError {
    return new Lv2enError(
      'QUEUE_UNAVAILABLE',
      `Redis at ${this.shownUrl} did not answer for ${this.timeoutMs / 1000} s`,
      'Check that redis-server still runs and is reachable, then run the same command again: finished chunks are reused',
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    this.failAll(new Error('the queue backend was closed'));
    // With Redis gone, close() would wait for it: give it a second, then drop the connection so the process can exit.
    await Promise.race([this.queue.close().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    this.connection.disconnect();
  }
}
