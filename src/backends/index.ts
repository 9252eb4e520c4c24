/**
 * Where the model runs: in this process (the default: MarianTranslator, as
 * before), in a local pool of child processes (`--workers N`), or on workers
 * behind a BullMQ queue in Redis (`--queue URL`). The coordinator keeps
 * ingest, segmentation, batching, the glossary, QA, writing and the
 * translation memory; with a pool or a queue it loads only the tokenizer.
 */
import { Lv2enError } from '../core/errors.js';
import type { ModelSpec } from '../models/config.js';
import type { TranslationStore } from '../memory/index.js';
import type { Translator } from '../translate/translator.js';
import { BackendTranslator } from './backend-translator.js';
import { modelKeyOf } from '../models/identity.js';
import { loadChunkPlanner, modelFilesOnDisk } from './model-key.js';
import { LocalPoolBackend } from './pool.js';
import { QueueBackend } from './queue.js';

export { BackendTranslator } from './backend-translator.js';
export { LocalPoolBackend, threadsPerWorker, type PoolOptions } from './pool.js';
export { QueueBackend, DEFAULT_QUEUE_TIMEOUT_SECONDS, JOB_OPTIONS, type QueueBackendOptions } from './queue.js';
export { startWorker, type RunningWorker, type WorkerEvent, type WorkerOptions } from './worker.js';
export { formatQueueStatus, queueStatus, type ModelQueueStatus, type QueueStatus } from './status.js';
export { chunkId, parsePayload, toPayload, InvalidPayloadError, type ChunkPayload } from './payload.js';
export { modelKeyOf, type ModelKey } from '../models/identity.js';
export { modelFilesOnDisk, queueNameFor, loadChunkPlanner, type ChunkPlanner } from './model-key.js';
export { connectRedis, displayUrl, REDIS_PREFIX } from './redis.js';
export type { TranslationBackend, TranslationChunk } from './types.js';

export interface BackendOptions {
  /** Child processes on this machine (--workers N). */
  workers?: number;
  /** redis:// or rediss:// URL of the queue (--queue URL). */
  queue?: string;
  /** Seconds with no worker for the model before the run stops (--queue-timeout). */
  queueTimeoutSeconds?: number;
  /** onnxruntime threads: all children together for a pool. */
  threads?: number;
  /** Reuses the memory's file hashes when computing the model key. */
  store?: TranslationStore | null;
}

export interface OpenedBackend {
  /** A Translator over the backend; a pool starts its children on the first call. */
  translator(): Promise<Translator>;
  close(): Promise<void>;
}

/**
 * Null for in-process. A queue connects at once, so an unreachable Redis or a
 * wrong password fails the run before any work; a pool starts lazily, so a
 * run answered entirely from the memory never starts it.
 */
export async function openBackend(spec: ModelSpec, options: BackendOptions): Promise<OpenedBackend | null> {
  if (options.queue !== undefined && options.workers !== undefined)
    throw new Lv2enError(
      'USAGE',
      '--queue and --workers cannot be combined',
      'Use --workers N on one machine, or --queue URL with `lv2en worker` processes',
    );
  if (options.workers !== undefined && (!Number.isInteger(options.workers) || options.workers < 1))
    throw new Lv2enError('USAGE', `--workers must be a whole number ≥ 1, not ${options.workers}`, 'e.g. --workers 2');
  if (options.queue === undefined && options.workers === undefined) return null;
  await modelFilesOnDisk(spec);
  const modelKey = await modelKeyOf(spec, options.store ?? undefined);
  const url = options.queue;
  if (url !== undefined) {
    const backend = await QueueBackend.open({ url, modelKey, modelName: spec.name, timeoutSeconds: options.queueTimeoutSeconds });
    const translator = loadChunkPlanner(spec).then((planner) => new BackendTranslator(planner, backend));
    translator.catch(() => {});
    return { translator: () => translator, close: () => backend.close() };
  }
  let pool: Promise<LocalPoolBackend> | null = null;
  let translator: Promise<Translator> | null = null;
  return {
    translator: () => {
      pool ??= LocalPoolBackend.open({ spec, modelKey, workers: options.workers!, threads: options.threads });
      translator ??= Promise.all([loadChunkPlanner(spec), pool]).then(([planner, backend]) => new BackendTranslator(planner, backend));
      return translator;
    },
    close: async () => {
      if (pool) await (await pool.catch(() => null))?.close();
    },
  };
}
