import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_EXIT_CODES, INTERNAL_ERROR_EXIT } from '../../src/index.js';
import { manySentences, outputsOf, runCli, temporaryFilesUnder } from './helpers.js';

const SMALL = 'Tihanovska pirmdien tikās ar ministriem.\n';

/** Mounts a tmpfs at `dir` (root only, and only where the container allows it); the reason when it cannot. */
function mountTmpfs(dir: string, options: string): string | null {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'pipe' });
    return null;
  } catch (error) {
    return `cannot mount a tmpfs here (${String((error as { stderr?: Buffer }).stderr ?? error).trim()})`;
  }
}

/** Runs `body` on a fresh tmpfs at `dir`, unmounted afterwards; skips the test (saying why) where mounting is not allowed. */
async function onTmpfs(dir: string, size: string, context: { skip(): void }, body: (mount: string) => Promise<void>): Promise<void> {
  mkdirSync(dir);
  const reason = mountTmpfs(dir, `size=${size}`);
  if (reason) {
    console.log(`skipped: ${reason}`);
    context.skip();
    return;
  }
  try {
    await body(dir);
  } finally {
    execFileSync('umount', [dir], { stdio: 'pipe' });
  }
}

const remountReadOnly = (dir: string) => execFileSync('mount', ['-o', 'remount,ro', dir]);

function expectOneLine(result: { code: number | null; stderr: string }, code: keyof typeof ERROR_EXIT_CODES, path: string) {
  expect(result.code, result.stderr).toBe(ERROR_EXIT_CODES[code]);
  expect(result.code).not.toBe(0);
  expect(result.code).not.toBe(INTERNAL_ERROR_EXIT);
  expect(result.stderr.trimEnd().split('\n'), result.stderr).toHaveLength(1);
  expect(result.stderr).toContain(path);
  expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
}

describe('environment errors: one line naming the path, their own exit code, earlier outputs intact', () => {
  let dir: string;
  const translate = (out: string, file = 'small.lv.txt') => runCli(['translate', file, '-o', out, '--model', 'toy'], dir);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lv2en-env-'));
    writeFileSync(join(dir, 'small.lv.txt'), SMALL);
    writeFileSync(join(dir, 'large.lv.txt'), manySentences(150));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('an output path that is a file', async () => {
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, 'keep me\n');
    expectOneLine(await translate(file), 'NOT_A_FOLDER', file);
    expect(readFileSync(file, 'utf8')).toBe('keep me\n');
  });

  it('an output folder below a file', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'keep me\n');
    expectOneLine(await translate(join(file, 'out')), 'NOT_A_FOLDER', file);
    expect(readFileSync(file, 'utf8')).toBe('keep me\n');
  });

  it('a read-only folder (a tmpfs remounted read-only)', (context) =>
    onTmpfs(join(dir, 'ro'), '4m', context, async (mount) => {
      try {
        expect((await translate(mount)).code).toBe(0);
        const before = outputsOf(mount);
        remountReadOnly(mount);
        writeFileSync(join(dir, 'small.lv.txt'), SMALL.replace('ministriem', 'žurnālistiem'));
        expectOneLine(await translate(mount), 'READ_ONLY_FILESYSTEM', mount);
        expect(outputsOf(mount)).toEqual(before);
      } finally {
        writeFileSync(join(dir, 'small.lv.txt'), SMALL);
      }
    }));

  it('a full disk (a tiny tmpfs)', (context) =>
    onTmpfs(join(dir, 'full'), '192k', context, async (mount) => {
      expect((await translate(mount)).code).toBe(0);
      const before = outputsOf(mount);
      expect(before.size).toBe(5); // 4 outputs + provenance
      expectOneLine(await translate(mount, 'large.lv.txt'), 'DISK_FULL', mount);
      expect(outputsOf(mount)).toEqual(before);
      expect(temporaryFilesUnder(mount)).toEqual([]);
      expect(readdirSync(join(mount, '.lv2en'))).toEqual(['small']);
    }));

  it('a read-only translation memory', (context) =>
    onTmpfs(join(dir, 'ro-memory'), '4m', context, async (mount) => {
      const memory = join(mount, 'tm.sqlite');
      const out = join(dir, 'out-ro-memory');
      const withMemory = () => runCli(['translate', 'small.lv.txt', '-o', out, '--model', 'toy', '--memory', memory], dir);
      try {
        expect((await withMemory()).code).toBe(0);
        const before = outputsOf(out);
        remountReadOnly(mount);
        writeFileSync(join(dir, 'small.lv.txt'), SMALL.replace('ministriem', 'žurnālistiem'));
        expectOneLine(await withMemory(), 'MEMORY_READ_ONLY', memory);
        expect(outputsOf(out)).toEqual(before);
      } finally {
        writeFileSync(join(dir, 'small.lv.txt'), SMALL);
      }
    }));

  it('a translation memory another process keeps locked', async () => {
    const memory = join(dir, 'locked.sqlite');
    const out = join(dir, 'out-locked');
    const holder = new Database(memory);
    holder.pragma('journal_mode = WAL');
    holder.exec('CREATE TABLE IF NOT EXISTS held (x); BEGIN EXCLUSIVE; INSERT INTO held VALUES (1);');
    try {
      expectOneLine(
        await runCli(['translate', 'small.lv.txt', '-o', out, '--model', 'toy', '--memory', memory], dir),
        'MEMORY_LOCKED',
        memory,
      );
      expect(outputsOf(out).size).toBe(0);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });

  it('a failed model load leaves no job folder', async () => {
    const out = join(dir, 'no-model');
    const result = await runCli(['translate', 'small.lv.txt', '-o', out], dir, {
      LV2EN_CACHE: join(dir, 'empty-cache'),
      LV2EN_OFFLINE: '1',
    });
    expect(result.code).toBe(ERROR_EXIT_CODES.MODEL_UNAVAILABLE);
    expect(existsSync(join(out, '.lv2en'))).toBe(false);
  });
});
