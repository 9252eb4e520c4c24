import { link, mkdir, open, readdir, readFile, rm, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isProcessAlive, sweepDeadTemporaries, temporaryName } from '../core/atomic.js';
import { environmentError } from '../core/environment-errors.js';
import { Lv2enError } from '../core/errors.js';
import { JobStore } from './job-store.js';

/**
 * An output folder is claimed before a document is written to it: checked
 * writable up front (so a read-only or full disk is reported before any
 * translating), locked against a second lv2en process, and cleaned of what
 * killed runs left (commits are finished, their temporary files removed).
 * Documents of one process share the claim.
 */
const JOBS = '.lv2en';
const LOCK = 'lock';
/** A second run waits this long for the first to finish before it stops. */
const LOCK_WAIT_MS = 3000;
const LOCK_POLL_MS = 200;

const claims = new Map<string, { holders: number; ready: Promise<void> }>();
/**
 * Folders this process has already recovered and swept. Doing it once is
 * enough: a document's own job folder is recovered again whenever it is
 * opened (JobStore.open), and the folder-wide pass reads every job in the
 * folder, which per document would cost O(documents) for each of many files
 * translated one by one through a session.
 */
const recovered = new Set<string>();

export async function claimOutputFolder(outDir: string): Promise<() => Promise<void>> {
  let claim = claims.get(outDir);
  if (!claim) {
    claim = { holders: 0, ready: prepare(outDir) };
    claims.set(outDir, claim);
  }
  claim.holders++;
  try {
    await claim.ready;
  } catch (error) {
    claim.holders--;
    if (claims.get(outDir) === claim) claims.delete(outDir);
    throw error;
  }
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    if (--claim.holders > 0) return;
    claims.delete(outDir);
    await rm(join(outDir, JOBS, LOCK), { force: true });
    await rmdir(join(outDir, JOBS)).catch(() => undefined);
  };
}

async function prepare(outDir: string): Promise<void> {
  try {
    await ensureWritableFolder(outDir);
    await mkdir(join(outDir, JOBS), { recursive: true });
    await lock(outDir);
  } catch (error) {
    throw environmentError(error) ?? error;
  }
  if (recovered.has(outDir)) return;
  await recoverAndSweep(outDir);
  recovered.add(outDir);
}

async function ensureWritableFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (!(await stat(dir)).isDirectory())
    throw new Lv2enError('NOT_A_FOLDER', 'the output path is a file, not a folder', 'Name a folder with -o, or move the file away', {
      file: dir,
    });
  // A real write, synced: permission bits, a read-only mount, chattr +i and a full disk all show here.
  const probe = temporaryName(join(dir, '.lv2en-write-check'));
  try {
    const handle = await open(probe, 'w');
    try {
      await handle.write('lv2en write check\n');
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    // The folder is what the user named and can fix, not the probe's name.
    throw Object.assign(error as NodeJS.ErrnoException, { path: dir });
  } finally {
    await rm(probe, { force: true });
  }
}

async function lock(outDir: string): Promise<void> {
  const path = join(outDir, JOBS, LOCK);
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    // Written in full under a temporary name and linked into place, so the lock never exists without its pid.
    const mine = temporaryName(path);
    await rm(mine, { force: true });
    const handle = await open(mine, 'w');
    await handle.write(`${process.pid}\n`);
    await handle.close();
    try {
      await link(mine, path);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await rm(mine, { force: true });
    }
    const owner = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
    if (!Number.isInteger(owner) || !isProcessAlive(owner)) {
      await rm(path, { force: true }); // left by a process that no longer exists
      continue;
    }
    if (owner === process.pid) return;
    if (Date.now() >= deadline)
      throw new Lv2enError(
        'OUTPUT_LOCKED',
        `another lv2en (pid ${owner}) is writing to this folder`,
        `Wait for it to finish (or stop it: kill ${owner}), or write to another folder with -o`,
        { file: outDir },
      );
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
}

/** Commits first (their temporary files are part of them), then what dead processes left. */
async function recoverAndSweep(outDir: string): Promise<void> {
  const jobs = join(outDir, JOBS);
  const documents = (await readdir(jobs, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => join(jobs, e.name));
  for (const dir of documents) await JobStore.recover(dir);
  for (const dir of [outDir, jobs, ...documents]) await sweepDeadTemporaries(dir);
}
