import { execFile } from 'node:child_process';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

// The CLI as users run it: the built bin (npm test builds it first).
const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const run = promisify(execFile);

async function lv2en(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { cwd, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('lv2en translate with bad input', () => {
  let dir: string;
  let out: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lv2en-cli-'));
    out = join(dir, 'out');
    await writeFile(join(dir, 'binary.txt'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    await writeFile(join(dir, 'latin.txt'), new Uint8Array([...Buffer.from('Labdien.\nR'), 0xee, ...Buffer.from('ga.\n')]));
    await writeFile(join(dir, 'good.txt'), 'Tihanovska pirmdien tikās ar ministriem.\n');
    await writeFile(join(dir, 'empty.txt'), '');
  });

  const cases: [string, string[], RegExp][] = [
    ['a missing file', ['missing.txt'], /^lv2en: missing\.txt: no such file\. Check the path/],
    ['a binary file', ['binary.txt'], /^lv2en: binary\.txt: file is not text .*plain-text UTF-8/],
    ['invalid UTF-8', ['latin.txt'], /^lv2en: latin\.txt:2:2: invalid UTF-8 .*iconv -f WINDOWS-1257/],
    ['an unknown model', ['good.txt', '--model', 'opus-mt-xx'], /^lv2en: unknown model "opus-mt-xx"\. Use one of: .*toy/],
    ['an unknown format', ['good.txt', '--model', 'toy', '--format', 'docx'], /^lv2en: unknown output format "docx"/],
  ];

  for (const [what, args, message] of cases) {
    it(`${what}: one line that says what to do, non-zero exit, no output`, async () => {
      const result = await lv2en(['translate', ...args, '-o', out], dir);
      expect(result.code).not.toBe(0);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(await readdir(out).catch(() => [])).toEqual([]);
    });
  }

  it('the default model without its files and offline: says where it looked and what to do, no fallback', async () => {
    const emptyCache = join(dir, 'empty-cache');
    const offlineOut = join(dir, 'offline-out');
    const result = await lv2en(['translate', 'good.txt', '-o', offlineOut], dir, { LV2EN_CACHE: emptyCache, LV2EN_OFFLINE: '1' });
    expect(result.code).not.toBe(0);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('model "opus-mt-bat-en" could not be loaded from Xenova/opus-mt-bat-en');
    expect(result.stderr).toContain(emptyCache);
    expect(result.stderr).toMatch(/Connect to the network once/);
    // Only the hidden job folder (segmentation done before the model was needed) may exist.
    expect((await readdir(offlineOut).catch(() => [])).filter((f) => !f.startsWith('.'))).toEqual([]);
  });

  it('a bad file among good ones writes nothing at all', async () => {
    const result = await lv2en(['translate', 'good.txt', 'latin.txt', '--model', 'toy', '-o', out], dir);
    expect(result.code).not.toBe(0);
    expect(await readdir(out).catch(() => [])).toEqual([]);
  });

  it('an empty file: a warning and empty outputs', async () => {
    const emptyOut = join(dir, 'empty-out');
    const result = await lv2en(['translate', 'empty.txt', '--model', 'toy', '-o', emptyOut], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/warning: empty\.txt: the file is empty/);
    expect((await readdir(emptyOut)).filter((f) => !f.startsWith('.')).sort()).toEqual([
      'empty.en.txt',
      'empty.html',
      'empty.jsonl',
      'empty.provenance.json',
      'empty.tsv',
    ]);
  });

  it('reads stdin and writes English to stdout', async () => {
    const child = execFile(process.execPath, [cli, 'translate', '-', '--model', 'toy'], { cwd: dir });
    child.stdin!.end('Tihanovska pirmdien tikās ar ministriem.\n\nBačeleta.\n');
    let stdout = '';
    child.stdout!.on('data', (d) => (stdout += d));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(stdout.split('\n\n')).toHaveLength(2);
    expect(stdout).toMatch(/Tsikhanouskaya|Tikhanovskaya/);
  });

  it('reads a document from stdin and writes the same kind of document to stdout', async () => {
    const child = execFile(process.execPath, [cli, 'translate', '-', '--input-format', 'html', '--model', 'toy', '--no-memory'], {
      cwd: dir,
    });
    child.stdin!.end(
      '<!DOCTYPE html>\n<html lang="lv"><body><p>Svetlana <b>Tihanovska</b> pirmdien tikās ar ministriem.</p></body></html>\n',
    );
    let stdout = '';
    child.stdout!.on('data', (d) => (stdout += d));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^<!DOCTYPE html>\n<html lang="en"><body><p>[^<]*<b>Tsikhanouskaya<\/b>[^<]*<\/p><\/body><\/html>\n$/);
  });
});
