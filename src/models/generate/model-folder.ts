/**
 * Writing a model folder so that readers only ever see a complete one: files
 * go to a temporary sibling folder that is renamed into place at the end. A
 * crash leaves only a `*.tmp-*` sibling behind, and when two generators race
 * (two vitest workers) the loser finds a current folder and discards its copy.
 */
import { randomUUID } from 'node:crypto';
import { access, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { MarianDims } from './hf-files.js';
import { GENERATOR_VERSION } from './version.js';

export { GENERATOR_VERSION };

export const STAMP_FILE = 'lv2en-generated.json';

/** `full` and `small` are random Marians of FULL_DIMS / SMALL_DIMS; `random-marian` one of other dims. */
export type GeneratedKind = 'toy' | 'full' | 'small' | 'random-marian';

export interface GeneratedStamp {
  kind: GeneratedKind;
  generatorVersion: string;
  dims: MarianDims | null;
  seed: number | null;
}

export interface StampExpectation {
  dims?: MarianDims;
  seed?: number;
}

export async function readStamp(dir: string): Promise<GeneratedStamp | null> {
  try {
    return JSON.parse(await readFile(join(dir, STAMP_FILE), 'utf8')) as GeneratedStamp;
  } catch {
    return null;
  }
}

function sameDims(a: MarianDims | null, b: MarianDims): boolean {
  return a !== null && (Object.keys(b) as (keyof MarianDims)[]).every((key) => a[key] === b[key]);
}

/** True when `dir` holds a complete model of `kind` written by this generator version (and, if given, these dims and seed). */
export async function isGeneratedModelCurrent(dir: string, kind: GeneratedKind, expected: StampExpectation = {}): Promise<boolean> {
  const stamp = await readStamp(dir);
  if (!stamp || stamp.kind !== kind || stamp.generatorVersion !== GENERATOR_VERSION) return false;
  if (expected.dims && !sameDims(stamp.dims, expected.dims)) return false;
  if (expected.seed !== undefined && stamp.seed !== expected.seed) return false;
  return true;
}

async function pathExists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

function isErrno(error: unknown, ...codes: string[]): boolean {
  return typeof error === 'object' && error !== null && codes.includes((error as NodeJS.ErrnoException).code ?? '');
}

function siblingName(dir: string, tag: string): string {
  return join(dirname(dir), `.${basename(dir)}.${tag}-${process.pid}-${randomUUID().slice(0, 8)}`);
}

/**
 * Runs `writeContents` into a temporary sibling of `dir`, adds the stamp last
 * and renames the result into place, replacing a stale folder if there is one.
 */
export async function writeModelFolderAtomically(
  dir: string,
  stamp: GeneratedStamp,
  writeContents: (tempDir: string) => Promise<void>,
): Promise<void> {
  await mkdir(dirname(dir), { recursive: true });
  const tempDir = siblingName(dir, 'tmp');
  await mkdir(tempDir);
  try {
    await writeContents(tempDir);
    await writeFile(join(tempDir, STAMP_FILE), `${JSON.stringify(stamp, null, 2)}\n`);
    await installFolder(tempDir, dir, stamp);
  } finally {
    await rm(tempDir, { recursive: true, force: true });
  }
}

async function installFolder(tempDir: string, dir: string, stamp: GeneratedStamp): Promise<void> {
  const expected = { ...(stamp.dims ? { dims: stamp.dims } : {}), ...(stamp.seed !== null ? { seed: stamp.seed } : {}) };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      // rename() replaces an empty directory (e.g. one from mkdtemp) and fails on a non-empty one.
      await rename(tempDir, dir);
      return;
    } catch (error) {
      if (!isErrno(error, 'ENOTEMPTY', 'EEXIST')) throw error;
    }
    if (await isGeneratedModelCurrent(dir, stamp.kind, expected)) return; // a concurrent generator finished first
    if ((await readStamp(dir)) === null && (await pathExists(dir))) {
      throw new Error(`refusing to replace ${dir}: it is not empty and was not written by the model generator`);
    }
    const stale = siblingName(dir, 'old');
    try {
      await rename(dir, stale);
    } catch (error) {
      if (!isErrno(error, 'ENOENT')) throw error;
    }
    await rm(stale, { recursive: true, force: true });
  }
  throw new Error(`could not install generated model into ${dir}: it keeps being replaced concurrently`);
}

export async function writeJson(path: string, value: unknown, pretty = true): Promise<void> {
  await writeFile(path, `${JSON.stringify(value, null, pretty ? 2 : undefined)}\n`);
}
