import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface PendingFile {
  path: string;
  content: string;
}

/**
 * Writes every file under a temporary name first and renames them only once
 * all are written: a failure (disk full, Ctrl-C) leaves the previous outputs
 * or none, never a half-written file or half of a set.
 */
export async function writeFilesAtomically(files: readonly PendingFile[]): Promise<void> {
  const temporary = files.map((file) => `${file.path}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  try {
    for (const [i, file] of files.entries()) {
      await mkdir(dirname(file.path), { recursive: true });
      await writeFile(temporary[i]!, file.content, 'utf8');
    }
    for (const [i, file] of files.entries()) await rename(temporary[i]!, file.path);
  } catch (error) {
    await Promise.all(temporary.map((path) => rm(path, { force: true })));
    throw error;
  }
}
