import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The CLI as users run it: the built bin (npm test builds it first). */
export const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

export function startCli(
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [cli, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliResult>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
  return { child, done };
}

export const runCli = (args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}) => startCli(args, cwd, env).done;

/** Every file under `dir` (job folders included), relative to it. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

export const temporaryFilesUnder = (dir: string) => filesUnder(dir).filter((f) => /\.tmp-\d+-/.test(f));

/** The outputs of a folder (not its job folders), name → bytes. */
export function outputsOf(dir: string): Map<string, string> {
  return new Map(
    filesUnder(dir)
      .filter((f) => !f.startsWith('.lv2en'))
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  );
}

/** A pid that surely belongs to no running process: one of a child that has exited. */
export function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

/** Resolves once `file` has at least `lines` lines (a batch log filling up). */
export async function waitForLines(file: string, lines: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(file) && readFileSync(file, 'utf8').split('\n').filter(Boolean).length >= lines) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${file} did not reach ${lines} line(s) in ${timeoutMs} ms`);
}

/** Latvian sentences, each different and without glossary terms (no constrained decoding), for runs of many batches. */
export function manySentences(count: number, salt = ''): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++)
    lines.push(`Sanāksmē ${salt}Rīgā piedalījās ${i + 2} delegāti, un ministre ar viņiem runāja ${i % 7} stundas.`);
  return `${lines.join('\n\n')}\n`;
}
