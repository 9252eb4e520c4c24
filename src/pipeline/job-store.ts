import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Segment } from '../core/segment-record.js';
import { writeFilesAtomically } from '../write/atomic.js';

/**
 * A job folder keeps each stage's result and a manifest of the key it was made
 * under. A stage whose key is unchanged is not run again: its stored result is
 * read back. Keys chain, so a changed stage invalidates every stage after it.
 */
export interface StageRecord {
  key: string;
  file: string;
  durationMs: number;
  finishedAt: string;
}

export interface Manifest {
  version: 1;
  document: string;
  stages: Record<string, StageRecord>;
}

export const hashOf = (...parts: string[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\u0000');
  return hash.digest('hex');
};

export class JobStore {
  private manifest: Manifest;

  private constructor(readonly dir: string, manifest: Manifest) {
    this.manifest = manifest;
  }

  static async open(dir: string, document: string): Promise<JobStore> {
    const empty: Manifest = { version: 1, document, stages: {} };
    try {
      const stored = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
      return new JobStore(dir, stored.version === 1 && stored.stages ? stored : empty);
    } catch {
      return new JobStore(dir, empty);
    }
  }

  /** The stored result of `stage` if it was made under `key` and is still readable. */
  async reuse(stage: string, key: string): Promise<string | null> {
    const record = this.manifest.stages[stage];
    if (!record || record.key !== key) return null;
    try {
      return await readFile(join(this.dir, record.file), 'utf8');
    } catch {
      return null;
    }
  }

  async save(stage: string, key: string, file: string, content: string, durationMs: number): Promise<void> {
    this.manifest.stages[stage] = { key, file, durationMs, finishedAt: new Date().toISOString() };
    await writeFilesAtomically([
      { path: join(this.dir, file), content },
      { path: join(this.dir, 'manifest.json'), content: JSON.stringify(this.manifest, null, 2) + '\n' },
    ]);
  }

  recordedKey(stage: string): string | undefined {
    return this.manifest.stages[stage]?.key;
  }
}

export const segmentsToJsonl = (segments: readonly Segment[]) => segments.map((s) => JSON.stringify(s) + '\n').join('');
export const segmentsFromJsonl = (text: string): Segment[] =>
  text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Segment);
