import { access, createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Segment } from '../core/segment-record.js';
import { PendingFileSet, writeFilesAtomically } from '../core/atomic.js';

/**
 * A job folder keeps each stage's result (JSONL, one segment a line) and a
 * manifest of the key each was made under. Keys chain from the input text
 * through every stage's settings, so they are known before anything runs and
 * a stage whose key is in the manifest is read back instead of run.
 */
export interface StageRecord {
  key: string;
  file: string;
  /** Segments in the file, for progress totals when a run resumes from it. */
  segments: number;
  finishedAt: string;
}

export interface Manifest {
  version: 2;
  document: string;
  stages: Record<string, StageRecord>;
}

const stageFile = (stage: string) => `${stage}.jsonl`;

export class JobStore {
  private constructor(
    readonly dir: string,
    private manifest: Manifest,
  ) {}

  static async open(dir: string, document: string): Promise<JobStore> {
    const empty: Manifest = { version: 2, document, stages: {} };
    try {
      const stored = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
      return new JobStore(dir, stored.version === 2 && stored.stages ? stored : empty);
    } catch {
      return new JobStore(dir, empty);
    }
  }

  /** True if `stage` was stored under `key` and its file is still there. */
  async has(stage: string, key: string): Promise<boolean> {
    const record = this.manifest.stages[stage];
    if (!record || record.key !== key) return false;
    return new Promise((resolve) => access(join(this.dir, record.file), (error) => resolve(!error)));
  }

  count(stage: string): number {
    return this.manifest.stages[stage]?.segments ?? 0;
  }

  recordedKey(stage: string): string | undefined {
    return this.manifest.stages[stage]?.key;
  }

  /** A stored stage result, read back a window of segments at a time. */
  async *read(stage: string, windowSize: number): AsyncGenerator<Segment[]> {
    const lines = createInterface({ input: createReadStream(join(this.dir, stageFile(stage)), 'utf8'), crlfDelay: Infinity });
    let window: Segment[] = [];
    for await (const line of lines) {
      if (line.trim() === '') continue;
      window.push(JSON.parse(line) as Segment);
      if (window.length >= windowSize) {
        yield window;
        window = [];
      }
    }
    if (window.length > 0) yield window;
  }

  /** Stage results written as they are produced; committed (files and manifest) together at the end. */
  async begin(stages: readonly { name: string; key: string }[]): Promise<StageResultWriter> {
    const files = await PendingFileSet.open(stages.map((s) => join(this.dir, stageFile(s.name))));
    const counts = stages.map(() => 0);
    return {
      add: async (index, segments) => {
        counts[index] = (counts[index] ?? 0) + segments.length;
        await files.append(index, segments.map((s) => `${JSON.stringify(s)}\n`).join(''));
      },
      commit: async (extra = {}) => {
        await files.commit();
        const finishedAt = new Date().toISOString();
        stages.forEach(
          (stage, i) =>
            (this.manifest.stages[stage.name] = { key: stage.key, file: stageFile(stage.name), segments: counts[i]!, finishedAt }),
        );
        for (const [name, key] of Object.entries(extra)) this.manifest.stages[name] = { key, file: '', segments: 0, finishedAt };
        await writeFilesAtomically([{ path: join(this.dir, 'manifest.json'), content: `${JSON.stringify(this.manifest, null, 2)}\n` }]);
      },
      abort: () => files.abort(),
    };
  }
}

export interface StageResultWriter {
  /** Appends a window of the `index`-th begun stage's output. */
  add(index: number, segments: readonly Segment[]): Promise<void>;
  /** Makes the stage files visible and records their keys (plus `extra` stage keys without files). */
  commit(extra?: Record<string, string>): Promise<void>;
  abort(): Promise<void>;
}
