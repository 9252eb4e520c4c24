import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));

// The build runs in a copy of the package, so the dist/ the other CLI tests spawn is never removed under them.
describe('the lv2en bin after a build', () => {
  let copy: string;
  afterAll(async () => {
    if (copy) await rm(copy, { recursive: true, force: true });
  });

  it('is executable and answers npx lv2en --version', async () => {
    copy = await mkdtemp(join(tmpdir(), 'lv2en-build-'));
    // .npmrc too when there is one: its settings apply to npx as well (strict-allow-scripts made npx refuse the package's own prepare).
    for (const file of ['package.json', '.npmrc', 'tsconfig.json', 'tsconfig.build.json', 'src'])
      if (existsSync(join(root, file))) await cp(join(root, file), join(copy, file), { recursive: true });
    await symlink(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
    // tsc writes files without the execute bit; the build script sets it (the build starts from an empty dist/ each time).
    await run('npm', ['run', 'build'], { cwd: copy });
    const { mode } = await stat(join(copy, 'dist', 'cli', 'main.js'));
    expect(mode & 0o111).toBe(0o111);
    const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
    const { stdout } = await run('npx', ['--no-install', 'lv2en', '--version'], { cwd: copy });
    expect(stdout.trim()).toBe(version);
  }, 180_000);
});
