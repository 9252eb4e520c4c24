/**
 * `npm run torture`: a multi-file job through the built CLI, killed with
 * SIGKILL again and again and resumed each time, then checked against an
 * uninterrupted run of the same job:
 *
 *   - every output byte-identical to the clean run's, none missing or extra;
 *   - no temporary file (`*.tmp-<pid>-*`) left in the output folder, its job
 *     folders, the spool folder or the model cache, and no lock;
 *   - `PRAGMA integrity_check` ok on the translation memory;
 *   - decoding redone: rows the model decoded over all runs minus the clean
 *     run's, counted through LV2EN_TEST_BATCH_LOG (one line per model call),
 *     and per kill the rows the killed run decoded that never reached the
 *     translation memory: only the batch in flight may be lost.
 *
 * Kills come in two kinds: at a random moment of the remaining work, and at
 * the N-th rename of a commit (LV2EN_TEST_KILL_AT_RENAME, N random), the
 * points where a document's files change. When a run finishes before its
 * kill, the job is checked and a new round starts on a new output folder
 * and memory, until all kills are spent.
 *
 * Options: --model NAME (default toy), --files N (2), --sentences N per file
 * (60), --web-pages N of the files written as web pages with bold words and
 * links (0), --kills N (10), --commit-kills N of them at commit points
 * (half), --seed N (1). Needs `npm run build` first. The last line is a JSON
 * summary.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { cacheRoot } from '../src/models/cache.js';
// Seeded, so a failing run can be repeated exactly.
import { mulberry32 } from '../src/models/generate/marian/prng.js';

export interface TortureOptions {
  model: string;
  files: number;
  sentences: number;
  /** How many of the files are web pages (with inline codes, so the tags stage and the translated page are in the job too). */
  webPages?: number;
  kills: number;
  commitKills: number;
  seed: number;
  log?: (line: string) => void;
}

export interface KillRecord {
  round: number;
  kind: 'random' | 'commit';
  /** ms after the start (random) or the rename number (commit). */
  at: number;
}

export interface TortureReport {
  rounds: number;
  kills: KillRecord[];
  /** Outputs compared over all rounds, and how many were byte-identical to the clean run's. */
  outputs: number;
  identical: number;
  /** The clean run's output files, each compared after every round. */
  compared: string[];
  differing: string[];
  temporaryFiles: string[];
  integrity: string[];
  cleanRows: number;
  /** Rows decoded beyond the clean run's, over all rounds. */
  redoneRows: number;
  redoneFraction: number;
  /** The largest batch of the clean run: the most one kill should cost. */
  largestBatch: number;
  /** Per kill: rows the killed run sent to the model that did not reach the translation memory (lost with it). */
  lostPerKill: number[];
  /** Most rows redone in a round, per kill in it. */
  worstRedonePerKill: number;
}

/** The built CLI; LV2EN_TORTURE_CLI runs a copy instead, so a rebuild of dist/ cannot pull it away mid-run. */
const cli = process.env.LV2EN_TORTURE_CLI ?? fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

const NAMES = ['Tihanovska', 'Bačeleta', 'Lukašenko', 'Kariņš', 'Levits', 'Rinkēvičs', 'Ašeradens', 'Kučinskis'];
const PLACES = ['Minskā', 'Rīgā', 'Viļņā', 'Tallinā', 'Daugavpilī', 'Liepājā', 'Jelgavā', 'Ventspilī'];
const TEMPLATES = [
  (n: string, p: string, k: number) => `${n} pirmdien ${p} tikās ar ${k} ministriem.`,
  (_n: string, p: string, k: number) => `Tikmēr ${p} svētdien atkal notika plašs protesta gājiens, kurā piedalījās ${k} cilvēku.`,
  (n: string, _p: string, k: number) => `${n} pie varas ir kopš ${1990 + (k % 30)}. gada.`,
  (n: string, p: string, k: number) => `Komisāre ${n} pieprasīja atbrīvot visus ${k} nelikumīgi aizturētos ${p}.`,
  (_n: string, p: string, k: number) => `Valdība ${p} apstiprināja budžetu ${k} miljonu eiro apmērā.`,
  (n: string, p: string, k: number) => `Pēc ${k} dienām ${n} atgriezās ${p} un runāja ar žurnālistiem par vēlēšanām.`,
];

/** `files` Latvian texts of `sentences` sentences each, in paragraphs of four; no sentence twice. */
export function tortureInputs(files: number, sentences: number, seed: number): string[] {
  const next = mulberry32(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const seen = new Set<string>();
  return Array.from({ length: files }, () => {
    const lines: string[] = [];
    while (lines.length < sentences) {
      const sentence = pick(TEMPLATES)(pick(NAMES), pick(PLACES), 2 + Math.floor(next() * 5000));
      if (seen.has(sentence)) continue;
      seen.add(sentence);
      lines.push(sentence);
    }
    const paragraphs: string[] = [];
    for (let i = 0; i < lines.length; i += 4) paragraphs.push(lines.slice(i, i + 4).join(' '));
    return `${paragraphs.join('\n\n')}\n`;
  });
}

/** The text as a web page: a paragraph per paragraph, its third word bold and its fifth a link, so sentences carry inline codes. */
export function asWebPage(text: string): string {
  const paragraphs = text
    .trim()
    .split(/\n\n+/)
    .map((paragraph) => {
      const words = paragraph.split(' ');
      if (words.length > 2) words[2] = `<b>${words[2]}</b>`;
      if (words.length > 4) words[4] = `<a href="https://example.org/${words.length}">${words[4]}</a>`;
      return `<p>${words.join(' ')}</p>`;
    });
  return `<!DOCTYPE html>\n<html lang="lv"><head><meta charset="utf-8"><title>Ziņas</title></head>\n<body>\n${paragraphs.join('\n')}\n</body></html>\n`;
}

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  ms: number;
}

function translate(inputs: readonly string[], out: string, memory: string, model: string, env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [cli, 'translate', ...inputs, '-o', out, '--model', model, '--memory', memory, '-q'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (child.pid) spawned.add(child.pid);
  const started = performance.now();
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<RunResult>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stderr, ms: performance.now() - started })),
  );
  return { child, done };
}

const batchRows = (log: string): number[] => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).map(Number) : []);

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

const TEMPORARY = /\.tmp-\d+-/;

/** Spawned CLI processes: the spool folder and model cache are shared with other processes, whose files are not ours to judge. */
const spawned = new Set<number>();
const ownedBySpawned = (name: string) => spawned.has(Number(/\.tmp-(\d+)-/.exec(name)?.[1]));

function temporaryLeftovers(out: string): string[] {
  const here = readdirSync(tmpdir()).filter((name) => name.startsWith('lv2en-spool.tmp-') && ownedBySpawned(name));
  const generated = join(cacheRoot(), 'generated');
  const models = existsSync(generated) ? readdirSync(generated).filter(ownedBySpawned) : [];
  const lock = existsSync(join(out, '.lv2en', 'lock')) ? [join(out, '.lv2en', 'lock')] : [];
  return [
    ...filesUnder(out)
      .filter((f) => TEMPORARY.test(f))
      .map((f) => join(out, f)),
    ...here.map((name) => join(tmpdir(), name)),
    ...models.map((name) => join(generated, name)),
    ...lock,
  ];
}

function integrity(memory: string): string {
  const db = new Database(memory, { readonly: true });
  try {
    return (db.pragma('integrity_check', { simple: true }) as string) ?? 'no answer';
  } finally {
    db.close();
  }
}

function countTranslations(memory: string): number {
  if (!existsSync(memory)) return 0;
  const db = new Database(memory, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM translations').get() as { n: number }).n;
  } catch {
    return 0;
  } finally {
    db.close();
  }
}

/** Outputs only: the job folder holds timestamps and keys of its own run. */
const outputsOf = (out: string) => filesUnder(out).filter((f) => !f.startsWith('.lv2en'));

/** ms from the start until the first model call: loading and setup, when a kill has nothing to interrupt. */
async function cleanRun(inputs: readonly string[], work: string, model: string) {
  const out = join(work, 'clean');
  const log = join(work, 'clean.batches');
  const { done } = translate(inputs, out, join(work, 'clean.sqlite'), model, { LV2EN_TEST_BATCH_LOG: log });
  const started = performance.now();
  let firstBatchMs = 0;
  const poll = setInterval(() => {
    if (!firstBatchMs && existsSync(log)) firstBatchMs = performance.now() - started;
  }, 20);
  const result = await done;
  clearInterval(poll);
  if (result.code !== 0) throw new Error(`the clean run failed (exit ${result.code}): ${result.stderr}`);
  const rows = batchRows(log);
  return { out, ms: result.ms, startupMs: firstBatchMs || result.ms / 2, rows: sum(rows), largestBatch: Math.max(0, ...rows) };
}

export async function runTorture(options: TortureOptions): Promise<TortureReport> {
  const say = options.log ?? (() => undefined);
  const next = mulberry32(options.seed ^ 0x9e3779b9);
  const work = mkdtempSync(join(tmpdir(), 'lv2en-torture-'));
  const inputs = tortureInputs(options.files, options.sentences, options.seed).map((text, i) => {
    const page = i < (options.webPages ?? 0);
    const path = join(work, page ? `doc${i + 1}.html` : `doc${i + 1}.lv.txt`);
    writeFileSync(path, page ? asWebPage(text) : text);
    return path;
  });
  const clean = await cleanRun(inputs, work, options.model);
  const cleanOutputs = new Map(outputsOf(clean.out).map((f) => [f, readFileSync(join(clean.out, f))]));
  // Renames of one run's commits: per document an intent, each stage file and output, and the manifest (checked below).
  const renamesPerRun = options.files * 12;
  say(
    `clean run: ${(clean.ms / 1000).toFixed(1)} s (first model call at ${(clean.startupMs / 1000).toFixed(1)} s), ${clean.rows} rows decoded, largest batch ${clean.largestBatch}`,
  );

  const report: TortureReport = {
    rounds: 0,
    kills: [],
    outputs: 0,
    identical: 0,
    compared: [...cleanOutputs.keys()].sort(),
    differing: [],
    temporaryFiles: [],
    integrity: [],
    cleanRows: clean.rows,
    redoneRows: 0,
    redoneFraction: 0,
    largestBatch: clean.largestBatch,
    lostPerKill: [],
    worstRedonePerKill: 0,
  };
  let commitKillsLeft = options.commitKills;
  let randomKillsLeft = options.kills - options.commitKills;
  while (report.rounds === 0 || commitKillsLeft + randomKillsLeft > 0) {
    const round = ++report.rounds;
    const out = join(work, `out${round}`);
    const memory = join(work, `memory${round}.sqlite`);
    const log = join(work, `batches${round}`);
    let killsInRound = 0;
    for (;;) {
      const left = commitKillsLeft + randomKillsLeft;
      const kind = left === 0 ? null : next() * left < commitKillsLeft ? 'commit' : 'random';
      const renameAt = 1 + Math.floor(next() * renamesPerRun);
      const env: NodeJS.ProcessEnv = {
        LV2EN_TEST_BATCH_LOG: log,
        ...(kind === 'commit' ? { LV2EN_TEST_KILL_AT_RENAME: String(renameAt) } : {}),
      };
      const loggedBefore = sum(batchRows(log));
      const storedBefore = countTranslations(memory);
      const run = translate(inputs, out, memory, options.model, env);
      let timer: NodeJS.Timeout | undefined;
      let killAt = 0;
      if (kind === 'random') {
        const remaining = Math.max(0.05, 1 - countTranslations(memory) / Math.max(1, countTranslations(join(work, 'clean.sqlite'))));
        killAt = Math.round(next() * (clean.startupMs + (clean.ms - clean.startupMs) * remaining));
        timer = setTimeout(() => kill(run.child), killAt);
      }
      const result = await run.done;
      clearTimeout(timer);
      if (result.signal === 'SIGKILL') {
        killsInRound++;
        report.lostPerKill.push(sum(batchRows(log)) - loggedBefore - (countTranslations(memory) - storedBefore));
        if (kind === 'commit') commitKillsLeft--;
        else randomKillsLeft--;
        report.kills.push({ round, kind: kind!, at: kind === 'commit' ? renameAt : killAt });
        say(`round ${round}: killed (${kind === 'commit' ? `at rename ${renameAt}` : `after ${killAt} ms`})`);
        continue;
      }
      if (result.code !== 0) throw new Error(`round ${round}: a resumed run failed (exit ${result.code}): ${result.stderr}`);
      break;
    }
    const outputs = outputsOf(out);
    for (const name of new Set([...outputs, ...cleanOutputs.keys()])) {
      report.outputs++;
      const expected = cleanOutputs.get(name);
      const path = join(out, name);
      if (expected && existsSync(path) && readFileSync(path).equals(expected)) report.identical++;
      else report.differing.push(path);
    }
    report.temporaryFiles.push(...temporaryLeftovers(out));
    const check = integrity(memory);
    if (check !== 'ok') report.integrity.push(`${memory}: ${check}`);
    const redone = sum(batchRows(log)) - clean.rows;
    report.redoneRows += redone;
    if (killsInRound > 0) report.worstRedonePerKill = Math.max(report.worstRedonePerKill, redone / killsInRound);
    say(`round ${round}: ${killsInRound} kill(s), ${redone} row(s) decoded again`);
  }
  report.redoneFraction = report.redoneRows / Math.max(1, clean.rows * report.rounds);
  rmSync(work, { recursive: true, force: true });
  return report;
}

function kill(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const kills = Number(option(args, 'kills') ?? 10);
  const options: TortureOptions = {
    model: option(args, 'model') ?? 'toy',
    files: Number(option(args, 'files') ?? 2),
    sentences: Number(option(args, 'sentences') ?? 60),
    webPages: Number(option(args, 'web-pages') ?? 0),
    kills,
    commitKills: Number(option(args, 'commit-kills') ?? Math.floor(kills / 2)),
    seed: Number(option(args, 'seed') ?? 1),
    log: (line) => process.stderr.write(`${line}\n`),
  };
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first`);
  const report = await runTorture(options);
  const ok = report.identical === report.outputs && report.temporaryFiles.length === 0 && report.integrity.length === 0;
  process.stderr.write(
    `${report.identical}/${report.outputs} outputs byte-identical, ${report.temporaryFiles.length} temporary file(s) left, ` +
      `integrity ${report.integrity.length === 0 ? 'ok' : 'FAILED'}, ${report.kills.length} kill(s) ` +
      `(${report.kills.filter((k) => k.kind === 'commit').length} at commit points) over ${report.rounds} round(s), ` +
      `${report.redoneRows} of ${report.cleanRows * report.rounds} rows decoded again (${(report.redoneFraction * 100).toFixed(1)}%), ` +
      `lost per kill: ${report.lostPerKill.join(', ')} rows (largest batch ${report.largestBatch})\n`,
  );
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.exitCode = ok ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
