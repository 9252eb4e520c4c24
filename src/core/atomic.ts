import { createHash, type Hash } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, rmdir, type FileHandle } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

export interface PendingFile {
  path: string;
  content: string;
}

/** A complete file under its temporary name, synced to disk, and the final name it is to be renamed to. */
export interface StagedFile {
  temporary: string;
  path: string;
  sha256: string;
}

/**
 * Temporary names carry the writer's pid, so a later start can tell the
 * leftovers of a dead process (removed) from a live one's files in progress
 * (kept).
 */
export const temporaryName = (path: string) => `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

const TEMPORARY = /\.tmp-(\d+)-[0-9a-zA-Z]+$/;

/** The pid of the process that wrote this temporary file, or null if the name is not a temporary one. */
export function temporaryOwner(name: string): number | null {
  const match = TEMPORARY.exec(name);
  return match ? Number(match[1]) : null;
}

export function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the temporary files (and folders) in `dir` whose writer is no longer running; returns how many. */
export async function sweepDeadTemporaries(dir: string, ownerOf: (name: string) => number | null = temporaryOwner): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    const owner = ownerOf(name);
    if (owner === null || isProcessAlive(owner)) continue;
    await rm(join(dir, name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}

/**
 * Every rename of a commit goes through here. LV2EN_TEST_KILL_AT_RENAME=N
 * SIGKILLs the process just before its N-th rename, so the crash tests can
 * stop a commit at each of its steps in turn.
 */
let renames = 0;
export async function commitRename(from: string, to: string): Promise<void> {
  renames++;
  if (Number(process.env.LV2EN_TEST_KILL_AT_RENAME) === renames) process.kill(process.pid, 'SIGKILL');
  await rename(from, to);
}

/** A rename is durable only once the folder holding the name is synced. */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Renames staged files into place, in order, then syncs their folders. */
export async function installStaged(files: readonly StagedFile[]): Promise<void> {
  for (const file of files) await commitRename(file.temporary, file.path);
  for (const dir of new Set(files.map((f) => dirname(f.path)))) await syncDirectory(dir);
}

/**
 * A set of files written under temporary names and renamed only once all are
 * complete: a failure (disk full, Ctrl-C, a model error halfway) leaves the
 * previous files or none, never a half-written file. `seal` hands the
 * complete files to a caller that commits them with others (the job store).
 */
export class PendingFileSet {
  private constructor(
    private readonly paths: readonly string[],
    private readonly temporary: readonly string[],
    private readonly handles: FileHandle[],
    private readonly hashes: Hash[],
    /** Folders this set created, deepest first, removed again on abort if still empty. */
    private readonly created: readonly string[],
  ) {}

  static async open(paths: readonly string[]): Promise<PendingFileSet> {
    const temporary = paths.map(temporaryName);
    const handles: FileHandle[] = [];
    const created: string[] = [];
    try {
      for (const [i, path] of paths.entries()) {
        const first = await mkdir(dirname(path), { recursive: true });
        if (first) created.unshift(...foldersBetween(first, dirname(path)));
        handles.push(await open(temporary[i]!, 'w'));
      }
    } catch (error) {
      await Promise.all(handles.map((h) => h.close()));
      await Promise.all(temporary.map((t) => rm(t, { force: true })));
      await removeIfEmpty(created);
      throw error;
    }
    return new PendingFileSet(
      paths,
      temporary,
      handles,
      paths.map(() => createHash('sha256')),
      created,
    );
  }

  async append(index: number, content: string | Uint8Array): Promise<void> {
    if (content.length === 0) return;
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    this.hashes[index]!.update(bytes);
    await this.handles[index]!.write(bytes).catch((error: unknown) => rethrowWithPath(error, this.paths[index]!));
  }

  /** Syncs and closes every file; they stay under their temporary names. */
  async seal(): Promise<StagedFile[]> {
    await Promise.all(
      this.handles.map(async (handle, i) => {
        await handle.sync().catch((error: unknown) => rethrowWithPath(error, this.paths[i]!));
        await handle.close();
      }),
    );
    return this.paths.map((path, i) => ({ temporary: this.temporary[i]!, path, sha256: this.hashes[i]!.digest('hex') }));
  }

  async commit(): Promise<void> {
    await installStaged(await this.seal());
  }

  async abort(): Promise<void> {
    await Promise.all(this.handles.map((h) => h.close().catch(() => undefined)));
    await Promise.all(this.temporary.map((t) => rm(t, { force: true })));
    await removeIfEmpty(this.created);
  }
}

/** Writes through a file handle fail without a path (ENOSPC, EIO); the user needs to know which file. */
function rethrowWithPath(error: unknown, path: string): never {
  const errno = error as NodeJS.ErrnoException;
  if (typeof errno === 'object' && errno !== null && errno.path === undefined) errno.path = path;
  throw error;
}

/** `first` and its descendants down to `last`, deepest first (what `mkdir -p last` created when it returned `first`). */
function foldersBetween(createdFirst: string, createdLast: string): string[] {
  const first = resolve(createdFirst);
  const folders: string[] = [];
  for (let dir = resolve(createdLast); dir.length >= first.length; dir = dirname(dir)) {
    folders.push(dir);
    if (dir === first || dirname(dir) === dir) break;
  }
  return folders;
}

async function removeIfEmpty(folders: readonly string[]): Promise<void> {
  for (const dir of folders) await rmdir(dir).catch(() => undefined);
}

export async function writeFilesAtomically(files: readonly PendingFile[]): Promise<void> {
  const set = await PendingFileSet.open(files.map((f) => f.path));
  try {
    for (const [i, file] of files.entries()) await set.append(i, file.content);
    await set.commit();
  } catch (error) {
    await set.abort();
    throw error;
  }
}
