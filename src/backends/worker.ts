/**
 * `lv2en worker`: a long-lived process that loads one model and serves the
 * queue of that model's key until stopped. Stopping lets the current chunk
 * finish (BullMQ's Worker.close waits for it); a worker killed outright loses
 * its lock, and BullMQ's stalled-job check gives the chunk to another worker.
 */
import { hostname } from 'node:os';
import { UnrecoverableError, Worker } from 'bullmq';
import { findModel, loadModelsConfig, type ModelSpec } from '../models/config.js';
import type { LoadedModel } from '../models/load.js';
import { ChunkServer } from './chunk-server.js';
import { queueNameFor } from './model-key.js';
import { InvalidPayloadError } from './payload.js';
import { connectRedis, displayUrl, REDIS_PREFIX } from './redis.js';
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
}

export type WorkerEvent =
  | { type: 'ready'; model: string; queue: string; url: string }
  | { type: 'chunk-done'; jobId: string; sentences: number; ms: number }
  | { type: 'chunk-failed'; jobId: string; reason: string }
  | { type: 'error'; message: string }
  | { type: 'stopping' };

export interface RunningWorker {
  /** The key of the model this worker serves. */
  modelKey: string;
  /** Finishes the current chunk, then disconnects and frees the model. */
  stop(): Promise<void>;
  /** Settles once the worker has stopped. */
  stopped: Promise<void>;
}

/** How often a worker rewrites its model's entry for `lv2en queue status` (it survives a Redis restart that way). */
const REGISTER_EVERY_MS = 30_000;

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  // Connect first: a wrong URL or password is reported before the model loads.
  const connection = await connectRedis(options.queue);
  const emit = options.onEvent ?? (() => {});
  let server: ChunkServer;
  try {
    const spec = findModel(await loadModelsConfig(options.modelsConfig), options.model);
    server = await ChunkServer.load(spec, { threads: options.threads, load: options.load });
  } catch (error) {
    connection.disconnect();
    throw error;
  }
  const name = queueNameFor(server.modelKey.key);
  const register = () => registerModel(connection, name, { model: server.spec.name, id: server.modelKey.id }).catch(() => {});
  await register();
  const registering = setInterval(register, REGISTER_EVERY_MS);
  registering.unref();

  const giveUp = async (error: unknown): Promise<never> => {
    clearInterval(registering);
    connection.disconnect();
    await server.dispose();
    throw error;
  };
  let worker: Worker;
  try {
    worker = new Worker(
      name,
      async (job) => {
        const started = performance.now();
        await options.beforeChunk?.(job.id!);
        try {
          const targets = await server.run(job.data);
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
  worker.on('failed', (job, error) => emit({ type: 'chunk-failed', jobId: job?.id ?? '?', reason: error.message }));
  worker.on('error', (error) => emit({ type: 'error', message: error.message }));
  const running = worker.run();
  running.catch(() => {});
  await worker.waitUntilReady().catch(async (error: unknown) => {
    await worker.close(true).catch(() => {});
    return giveUp(error);
  });
  emit({ type: 'ready', model: server.spec.name, queue: name, url: displayUrl(options.queue) });

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      emit({ type: 'stopping' });
      clearInterval(registering);
      await worker.close();
      await running.catch(() => {});
      connection.disconnect();
      await server.dispose();
    })();
    return stopping;
  };
  const stopped = running.then(
    () => stop(),
    () => stop(),
  );
  return { modelKey: server.modelKey.key, stop, stopped };
}
