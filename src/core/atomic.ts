import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface PendingFile {
  path: string;
  content: string;
}

const temporaryName = (path: string) => `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

/**
 * A set of files written under temporary names and renamed only once all are
 * complete: a failure (disk full, Ctrl-C, a model error halfway) leaves the
 * previous files or none, never a half-written file or half of a set.
 */
export class PendingFileSet {
  private constructor(
    private readonly paths: readonly string[],
    private readonly temporary: readonly string[],
    private readonly handles: FileHandle[],
  ) {}

  static async open(paths: readonly string[]): Promise<PendingFileSet> {
    const temporary = paths.map(temporaryName);
    const handles: FileHandle[] = [];
    try {
      for (const [i, path] of paths.entries()) {
        await mkdir(dirname(path), { recursive: true });
        handles.push(await open(temporary[i]!, 'w'));
      }
    } catch (error) {
      await Promise.all(handles.map((h) => h.close()));
      await Promise.all(temporary.map((t) => rm(t, { force: true })));
      throw error;
    }
    return new PendingFileSet(paths, temporary, handles);
  }

  async append(index: number, text: string): Promise<void> {
    if (text !== '') await this.handles[index]!.write(text, null, 'utf8');
  }

  async commit(): Promise<void> {
    await Promise.all(this.handles.map((h) => h.close()));
    for (const [i, path] of this.paths.entries()) await rename(this.temporary[i]!, path);
  }

  async abort(): Promise<void> {
    await Promise.all(this.handles.map((h) => h.close().catch(() => undefined)));
    await Promise.all(this.temporary.map((t) => rm(t, { force: true })));
  }
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
