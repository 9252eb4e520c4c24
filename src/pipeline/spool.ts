import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { sweepDeadTemporaries, temporaryOwner } from '../core/atomic.js';
import type { Segment } from '../core/segment-record.js';

/** Spool folders are named like every temporary file (with the pid), so a later start removes a killed run's. */
const SPOOL_PREFIX = 'lv2en-spool.tmp-';
let sweptOnce: Promise<number> | null = null;

/** Removes the spool folders of processes that no longer exist (once per process). */
export function sweepDeadSpools(): Promise<number> {
  sweptOnce ??= sweepDeadTemporaries(tmpdir(), (name) => (name.startsWith(SPOOL_PREFIX) ? temporaryOwner(name) : null));
  return sweptOnce;
}

/**
 * Segments parked on disk between two passes over a document (a stage that
 * learns from the whole document reads its input twice), so memory stays flat
 * however long the document is.
 */
export class SegmentSpool {
  private count = 0;

  private constructor(
    private readonly dir: string,
    private readonly path: string,
    private readonly handle: Awaited<ReturnType<typeof open>>,
  ) {}

  static async create(): Promise<SegmentSpool> {
    await sweepDeadSpools();
    const dir = await mkdtemp(join(tmpdir(), `${SPOOL_PREFIX}${process.pid}-`));
    const path = join(dir, 'segments.jsonl');
    return new SegmentSpool(dir, path, await open(path, 'w'));
  }

  async add(window: readonly Segment[]): Promise<void> {
    this.count += window.length;
    await this.handle.write(window.map((s) => `${JSON.stringify(s)}\n`).join(''));
  }

  get size(): number {
    return this.count;
  }

  /** The spooled segments again, a window at a time. */
  async *read(windowSize: number): AsyncGenerator<Segment[]> {
    await this.handle.close();
    const lines = createInterface({ input: createReadStream(this.path, 'utf8'), crlfDelay: Infinity });
    let window: Segment[] = [];
    for await (const line of lines) {
      if (line === '') continue;
      window.push(JSON.parse(line) as Segment);
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
