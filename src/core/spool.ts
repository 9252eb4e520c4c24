import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { sweepDeadTemporaries, temporaryOwner } from './atomic.js';

/** Spool folders are named like every temporary file (with the pid), so a later start removes a killed run's. */
const SPOOL_PREFIX = 'lv2en-spool.tmp-';
let sweptOnce: Promise<number> | null = null;

/** Removes the spool folders of processes that no longer exist (once per process). */
export function sweepDeadSpools(): Promise<number> {
  sweptOnce ??= sweepDeadTemporaries(tmpdir(), (name) => (name.startsWith(SPOOL_PREFIX) ? temporaryOwner(name) : null));
  return sweptOnce;
}

/**
 * Records parked on disk, one JSON line each, to be read back in order once:
 * segments between two passes over a document (a stage that learns from the
 * whole document reads its input twice), a document's translated blocks until
 * its writer takes them, so memory stays flat however long the document is.
 */
export class Spool<T> {
  private count = 0;

  private constructor(
    private readonly dir: string,
    private readonly path: string,
    private readonly handle: Awaited<ReturnType<typeof open>>,
  ) {}

  static async create<T>(): Promise<Spool<T>> {
    await sweepDeadSpools();
    const dir = await mkdtemp(join(tmpdir(), `${SPOOL_PREFIX}${process.pid}-`));
    const path = join(dir, 'segments.jsonl');
    return new Spool<T>(dir, path, await open(path, 'w'));
  }

  async add(records: readonly T[]): Promise<void> {
    if (records.length === 0) return;
    this.count += records.length;
    await this.handle.write(records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  }

  get size(): number {
    return this.count;
  }

  /** The spooled records again, in order, a window at a time. */
  async *read(windowSize: number): AsyncGenerator<T[]> {
    await this.handle.close();
    const lines = createInterface({ input: createReadStream(this.path, 'utf8'), crlfDelay: Infinity });
    let window: T[] = [];
    for await (const line of lines) {
      if (line === '') continue;
      window.push(JSON.parse(line) as T);
      if (window.length >= windowSize) {
        yield window;
        window = [];
      }
    }
    if (window.length > 0) yield window;
  }

  async dispose(): Promise<void> {
    await this.handle.close().catch(() => {});
    await rm(this.dir, { recursive: true, force: true });
  }
}
