/**
 * `--workers N`: N child processes on this machine, each with the model loaded
 * once and the threads split between them. Several model processes with a few
 * threads each beat one with many (onnxruntime's intra-op threads scale poorly
 * on decoder-sized matrices). Same contract as the queue, no Redis: a chunk
 * goes to an idle child; a child that dies hands its chunk to another.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { type ErrorCode, Lv2enError } from '../core/errors.js';
import type { ModelSpec } from '../models/config.js';
import type { ModelKey } from '../models/identity.js';
import { toPayload } from './payload.js';
import type { FromChild, ToChild } from './pool-protocol.js';
import type { TranslationBackend, TranslationChunk } from './types.js';

export interface PoolOptions {
  spec: ModelSpec;
  modelKey: ModelKey;
  workers: number;
  /** Threads for all children together (default: all cores), split evenly, at least one each. */
  threads?: number;
}

interface Task {
  id: number;
  chunk: TranslationChunk;
  attempts: number;
  resolve(targets: string[]): void;
  reject(error: Error): void;
}

interface Child {
  process: ChildProcess;
  task: Task | null;
}

/** A chunk whose child died twice is not tried again: it may be what kills them. */
const MAX_ATTEMPTS = 2;

/** The child entry beside this module: its TypeScript source when lv2en runs from source (tests, tsx). */
function childEntry(): { path: string; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  const path = fileURLToPath(new URL(fromSource ? './pool-child.ts' : './pool-child.js', import.meta.url));
  return { path, execArgv: fromSource ? ['--import', 'tsx'] : [] };
}

export const threadsPerWorker = (workers: number, threads = availableParallelism()) => Math.max(1, Math.floor(threads / workers));

export class LocalPoolBackend implements TranslationBackend {
  readonly parallelism: number;
  private readonly waiting: Task[] = [];
  private readonly children: Child[] = [];
  private nextId = 0;
  private closed = false;

  private constructor(private readonly options: PoolOptions) {
    this.parallelism = options.workers;
  }

  /** Starts the children and waits until every one has its model loaded. */
  static async open(options: PoolOptions): Promise<LocalPoolBackend> {
    const pool = new LocalPoolBackend(options);
    const threads = threadsPerWorker(options.workers, options.threads);
    try {
      await Promise.all(Array.from({ length: options.workers }, () => pool.startChild(threads)));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  private startChild(threads: number): Promise<void> {
    const { path, execArgv } = childEntry();
    const child: Child = { process: fork(path, [], { execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }), task: null };
    this.children.push(child);
    return new Promise((resolve, reject) => {
      const onReady = (message: FromChild) => {
        if (message.type === 'ready') {
          child.process.off('message', onReady);
          if (message.key !== this.options.modelKey.key)
            reject(new Error(`a pool worker loaded model key ${message.key}, not ${this.options.modelKey.key}`));
          else resolve();
        } else if (message.type === 'init-failed') {
          reject(new Lv2enError((message.code ?? 'WORKER_FAILED') as ErrorCode, message.message, message.hint ?? 'See the message above'));
        }
      };
      child.process.on('message', onReady);
      child.process.on('message', (message: FromChild) => this.onMessage(child, message));
      child.process.once('exit', (code, signal) => {
        reject(new Error(`a pool worker exited while loading the model (${signal ?? `code ${code}`})`));
        this.onExit(child);
      });
      child.process.send({ type: 'init', spec: this.options.spec, threads } satisfies ToChild);
    });
  }

  /** Process ids of the live children. */
  get pids(): number[] {
    return this.children.map((child) => child.process.pid!);
  }

  translate(chunk: TranslationChunk): Promise<string[]> {
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ id: this.nextId++, chunk, attempts: 0, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (const child of this.children) {
      if (child.task || this.waiting.length === 0) continue;
      const task = this.waiting.shift()!;
      task.attempts += 1;
      child.task = task;
      child.process.send({ type: 'chunk', id: task.id, payload: toPayload(this.options.modelKey.key, task.chunk) } satisfies ToChild);
    }
    if (this.children.length === 0 && this.waiting.length > 0) {
      const error = new Lv2enError(
        'WORKER_FAILED',
        'every pool worker exited',
        'Run without --workers to see the model error, or with fewer workers if memory ran out',
      );
      for (const task of this.waiting.splice(0)) task.reject(error);
    }
  }

  private onMessage(child: Child, message: FromChild): void {
    if (message.type !== 'done' && message.type !== 'failed') return;
    const task = child.task;
    if (!task || task.id !== message.id) return;
    child.task = null;
    if (message.type === 'done') task.resolve(message.targets);
    else
      task.reject(
        new Lv2enError(
          'WORKER_FAILED',
          `a pool worker could not translate a chunk (${message.message})`,
          'Run without --workers to reproduce it in one process',
        ),
      );
    this.dispatch();
  }

  private onExit(child: Child): void {
    const index = this.children.indexOf(child);
    if (index >= 0) this.children.splice(index, 1);
    const task = child.task;
    if (task && !this.closed) {
      if (task.attempts < MAX_ATTEMPTS) this.waiting.unshift(task);
      else
        task.reject(new Lv2enError('WORKER_FAILED', 'pool workers died twice on the same chunk', 'Run without --workers to see the error'));
    }
    if (!this.closed) this.dispatch();
  }

  async close(): Promise<void> {
    this.closed = true;
    const closing = new Error('the worker pool was closed');
    for (const task of this.waiting.splice(0)) task.reject(closing);
    for (const child of this.children) child.task?.reject(closing);
    await Promise.all(
      [...this.children].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.process.exitCode !== null || child.process.signalCode !== null) return resolve();
            const kill = setTimeout(() => child.process.kill('SIGKILL'), 5000);
            child.process.once('exit', () => {
              clearTimeout(kill);
              resolve();
            });
            child.process.disconnect();
          }),
      ),
    );
  }
}
