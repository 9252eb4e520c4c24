import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { installStaged, PendingFileSet, type StagedFile, syncDirectory, writeFilesAtomically } from '../core/atomic.js';
import type { Segment } from '../core/segment-record.js';

/**
 * A job folder keeps each stage's result (JSONL, one segment a line) and a
 * manifest of the key each was made under. Keys chain from the input text
 * through every stage's settings, so they are known before anything runs and
 * a stage whose key is in the manifest is read back instead of run.
 *
 * A document's outputs, stage files and manifest change together. Commit:
 * every file is complete and synced under a temporary name; `commit.json`
 * (the new manifest and the sha256 of each file about to be renamed) is made
 * durable; the files are renamed; the manifest is written; the intent is
 * deleted. A start that finds an intent finishes it (or, if a file no longer
 * matches its hash, drops it) before anything is reused, and reuse checks the
 * files on disk against the hashes in the manifest, so a kill at any point
 * leaves either the old set or the new one, never a mix and never a manifest
 * vouching for files it did not write.
 */
export interface StageRecord {
  key: string;
  /** The stage's result file in the job folder; '' for a stage that writes only outputs. */
  file: string;
  sha256: string;
  /** Segments in the file, for progress totals when a run resumes from it. */
  segments: number;
  /** Outputs the stage wrote, relative to the job folder. */
  outputs?: { path: string; sha256: string }[];
  finishedAt: string;
}

export interface Manifest {
  version: 3;
  document: string;
  stages: Record<string, StageRecord>;
}

interface CommitIntent {
  manifest: Manifest;
  /** Relative to the job folder. */
  files: StagedFile[];
}

const stageFile = (stage: string) => `${stage}.jsonl`;
const MANIFEST = 'manifest.json';
const INTENT = 'commit.json';

export async function sha256OfFile(path: string): Promise<string | null> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch {
    return null;
  }
  return hash.digest('hex');
}

async function readJson<T>(path: string): Promise<T | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch {
    return null;
  }
}

export class JobStore {
  private constructor(
    readonly dir: string,
    private manifest: Manifest,
  ) {}

  static async open(dir: string, document: string): Promise<JobStore> {
    await JobStore.recover(dir);
    const empty: Manifest = { version: 3, document, stages: Object.create(null) };
    const stored = await readJson<Manifest>(join(dir, MANIFEST));
    return new JobStore(dir, stored?.version === 3 && stored.stages ? stored : empty);
  }

  /**
   * Finishes a commit a killed process left in `dir`: renames what is still
   * under a temporary name and writes its manifest. If a file of the intent
   * is gone or changed, the intent is dropped instead; the manifest then
   * still describes the previous set, and reuse finds what no longer matches.
   */
  static async recover(dir: string): Promise<'none' | 'rolled-forward' | 'dropped'> {
    const intentPath = join(dir, INTENT);
    const intent = await readJson<CommitIntent>(intentPath);
    if (!intent) {
      await rm(intentPath, { force: true });
      return 'none';
    }
    const files = intent.files.map((f) => ({ ...f, temporary: resolve(dir, f.temporary), path: resolve(dir, f.path) }));
    const pending: StagedFile[] = [];
    let complete = true;
    for (const file of files) {
      if ((await sha256OfFile(file.temporary)) === file.sha256) pending.push(file);
      else if ((await sha256OfFile(file.path)) !== file.sha256) complete = false;
    }
    if (complete) {
      await installStaged(pending);
      await writeManifest(dir, intent.manifest);
    } else {
      await Promise.all(pending.map((file) => rm(file.temporary, { force: true })));
    }
    await rm(intentPath, { force: true });
    await syncDirectory(dir);
    return complete ? 'rolled-forward' : 'dropped';
  }

  /** True if `stage` was stored under `key` and its file on disk is the one recorded. */
  async has(stage: string, key: string): Promise<boolean> {
    const record = this.manifest.stages[stage];
    if (!record || record.key !== key) return false;
    return (await sha256OfFile(join(this.dir, record.file))) === record.sha256;
  }

  /** True if `stage` was stored under `key` and wrote exactly these outputs, unchanged since. */
  async wrote(stage: string, key: string, outputs: readonly string[]): Promise<boolean> {
    const record = this.manifest.stages[stage];
    if (!record || record.key !== key || !record.outputs) return false;
    const recorded = new Map(record.outputs.map((o) => [resolve(this.dir, o.path), o.sha256]));
    if (recorded.size !== outputs.length) return false;
    for (const output of outputs) {
      const expected = recorded.get(resolve(output));
      if (expected === undefined || (await sha256OfFile(output)) !== expected) return false;
    }
    return true;
  }

  count(stage: string): number {
    return this.manifest.stages[stage]?.segments ?? 0;
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

  /** Stage results written as they are produced; committed together with the outputs at the end. */
  async begin(stages: readonly { name: string; key: string }[]): Promise<StageResultWriter> {
    const files = stages.length > 0 ? await PendingFileSet.open(stages.map((s) => join(this.dir, stageFile(s.name)))) : null;
    const counts = stages.map(() => 0);
    return {
      add: async (index, segments) => {
        counts[index] = (counts[index] ?? 0) + segments.length;
        await files?.append(index, segments.map((s) => `${JSON.stringify(s)}\n`).join(''));
      },
      commit: async (output) => {
        const staged = (await files?.seal()) ?? [];
        const finishedAt = new Date().toISOString();
        const next: Manifest = { ...this.manifest, stages: Object.assign(Object.create(null), this.manifest.stages) };
        stages.forEach((stage, i) => {
          next.stages[stage.name] = {
            key: stage.key,
            file: stageFile(stage.name),
            sha256: staged[i]!.sha256,
            segments: counts[i]!,
            finishedAt,
          };
        });
        if (output) {
          next.stages[output.stage] = {
            key: output.key,
            file: '',
            sha256: '',
            segments: 0,
            outputs: output.files.map((f) => ({ path: relative(this.dir, resolve(f.path)), sha256: f.sha256 })),
            finishedAt,
          };
        }
        const all = [...staged, ...(output?.files ?? [])];
        const relativeToJob = (path: string) => relative(this.dir, resolve(path));
        await writeFilesAtomically([
          {
            path: join(this.dir, INTENT),
            content: `${JSON.stringify({
              manifest: next,
              files: all.map((f) => ({ temporary: relativeToJob(f.temporary), path: relativeToJob(f.path), sha256: f.sha256 })),
            } satisfies CommitIntent)}\n`,
          },
        ]);
        await installStaged(all);
        await writeManifest(this.dir, next);
        await rm(join(this.dir, INTENT));
        await syncDirectory(this.dir);
        this.manifest = next;
      },
      abort: async () => {
        await files?.abort();
      },
    };
  }
}

async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  await writeFilesAtomically([{ path: join(dir, MANIFEST), content: `${JSON.stringify(manifest, null, 2)}\n` }]);
}

export interface StageResultWriter {
  /** Appends a window of the `index`-th begun stage's output. */
  add(index: number, segments: readonly Segment[]): Promise<void>;
  /** Makes the stage files and the given outputs visible together and records their keys and hashes. */
  commit(output?: { stage: string; key: string; files: readonly StagedFile[] }): Promise<void>;
  abort(): Promise<void>;
}
