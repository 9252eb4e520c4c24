/**
 * In-process with 2 threads against a local pool of 2 workers with 1 thread
 * each (`--workers 2`), on the generated full-size model (full-random: q8,
 * greedy as models.config.yaml says, or --beams B on every side), in one run:
 *
 *   npm run bench:workers -- [--sentences N (768)] [--rounds R (2)] [--threads T (2)] [--workers W (2)] [--beams B (the model's)]
 *
 * The in-process side runs in its own child process (peak RSS is a
 * per-process high-water mark); the pool's coordinator is this process, which
 * loads only the tokenizer. Both translate the same length-planned batches
 * (translateSegments) of distinct numbered variants of the glossary fixtures'
 * Latvian sentences, decoding freely as `lv2en translate` does. The rounds
 * interleave the two (order alternating), each round on its own slice of the
 * sentences, so drift in the machine's load hits both alike. Target tokens
 * are the English outputs re-encoded with the model's tokenizer, counted the
 * same way for both sides (their outputs are also compared).
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Segment } from '../src/core/segment-record.js';
import { findModel, loadModelsConfig, type ModelSpec } from '../src/models/config.js';
import { loadModel } from '../src/models/load.js';
import { MarianTranslator, translateSegments, type Translator } from '../src/translate/index.js';
import { spansToSegments } from '../src/stages/segment/index.js';
import { BackendTranslator, LocalPoolBackend, loadChunkPlanner, modelFilesOnDisk, modelKeyOf } from '../src/backends/index.js';
import { benchSentences, numberOption } from './bench-input.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => numberOption(args, name, fallback);
// 384 per round: four or five full batches, so both workers stay busy and the pool's tail (one batch left for two workers) weighs little.
const SENTENCES = option('sentences', 768);
const ROUNDS = option('rounds', 2);
const THREADS = option('threads', 2);
const WORKERS = option('workers', 2);
const MODEL = 'full-random';
/** Beams for both sides (0: the model's own decoding settings). */
const BEAMS = option('beams', 0);

/** The bench's model, with --beams over its decoding settings: the children get it whole, so all sides decode alike. */
async function benchSpec(): Promise<ModelSpec> {
  const spec = findModel(await loadModelsConfig(), MODEL);
  return BEAMS > 0 ? { ...spec, decode: { ...spec.decode, numBeams: BEAMS } } : spec;
}

/** One paragraph per sentence, as the pipeline's records. */
function toSegments(texts: readonly string[]): Segment[] {
  let offset = 0;
  const spans = texts.map((text) => {
    const span = { text, start: offset, end: offset + text.length };
    offset = span.end + 2;
    return span;
  });
  return spansToSegments(texts.join('\n\n'), spans);
}

interface Timed {
  seconds: number;
  targets: string[];
}

async function timedTranslate(translator: Translator, texts: readonly string[], batchTokens: number): Promise<Timed> {
  const started = performance.now();
  const out = await translateSegments(toSegments(texts), translator, { batchTokens });
  return { seconds: (performance.now() - started) / 1000, targets: out.map((s) => s.target ?? '') };
}

/** Peak RSS (MB) of another process on this machine (Linux: VmHWM). */
function peakRssOf(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** The in-process side: one model with THREADS threads, answering slices over IPC. */
async function inProcessChild(): Promise<void> {
  const spec = await benchSpec();
  const translator = new MarianTranslator(await loadModel(spec, { threads: THREADS }));
  await translator.decodingModel();
  process.send!({ type: 'ready' });
  process.on('message', async (message: { texts: string[] }) => {
    process.send!({ type: 'done', ...(await timedTranslate(translator, message.texts, spec.decode.batchTokens)) });
  });
  process.on('disconnect', () => process.exit(0));
}

/** This script again, in a child process, doing what `flag` says (with this run's options: --beams and --threads). */
function runChild(flag: string): ReturnType<typeof fork> {
  return fork(fileURLToPath(import.meta.url), [...args, flag], { execArgv: process.execArgv });
}

async function main(): Promise<void> {
  const spec = await benchSpec();
  // Generating the model (once) holds its weights in memory: do it elsewhere, or the coordinator's peak RSS would show it.
  const generator = runChild('--generate');
  await new Promise((resolve) => generator.once('exit', resolve));
  const planner = await loadChunkPlanner(spec);
  const texts = benchSentences(SENTENCES);
  const child = runChild('--child');
  const replies: ((value: Timed) => void)[] = [];
  await new Promise<void>((resolve) => {
    child.on('message', (message: { type: string } & Timed) => {
      if (message.type === 'ready') resolve();
      else replies.shift()?.(message);
    });
  });
  const inProcess = (slice: string[]) =>
    new Promise<Timed>((resolve) => {
      replies.push(resolve);
      child.send({ texts: slice });
    });
  const pool = await LocalPoolBackend.open({ spec, modelKey: await modelKeyOf(spec), workers: WORKERS, threads: THREADS });
  const pooled = new BackendTranslator(planner, pool);

  const totals = { inProcess: { seconds: 0, tokens: 0 }, pool: { seconds: 0, tokens: 0 } };
  let equal = 0;
  const per = Math.ceil(texts.length / ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    const slice = texts.slice(round * per, (round + 1) * per);
    const runs: Record<'inProcess' | 'pool', Timed | null> = { inProcess: null, pool: null };
    for (const side of round % 2 === 0 ? (['inProcess', 'pool'] as const) : (['pool', 'inProcess'] as const)) {
      runs[side] = side === 'inProcess' ? await inProcess(slice) : await timedTranslate(pooled, slice, spec.decode.batchTokens);
      const tokens = runs[side]!.targets.reduce((sum, t) => sum + planner.countTokens(t), 0);
      totals[side].seconds += runs[side]!.seconds;
      totals[side].tokens += tokens;
      process.stderr.write(
        `round ${round + 1}/${ROUNDS} ${side}: ${slice.length} sentences, ${tokens} target tokens in ${runs[side]!.seconds.toFixed(1)} s\n`,
      );
    }
    equal += runs.inProcess!.targets.filter((t, i) => t === runs.pool!.targets[i]).length;
  }
  const rss = {
    inProcess: peakRssOf(child.pid!),
    poolWorkers: pool.pids.map(peakRssOf),
    coordinator: process.resourceUsage().maxRSS / 1024,
  };
  child.disconnect();
  await pool.close();

  const rate = (side: 'inProcess' | 'pool') => totals[side].tokens / totals[side].seconds;
  const rows = [
    ['setup', 'target tok/s', 'peak RSS per process (MB)'],
    [`in-process, ${THREADS} threads`, rate('inProcess').toFixed(1), rss.inProcess.toFixed(0)],
    [
      `--workers ${WORKERS}, ${Math.max(1, Math.floor(THREADS / WORKERS))} thread(s) each`,
      rate('pool').toFixed(1),
      `${rss.poolWorkers.map((r) => r.toFixed(0)).join(' + ')} workers, ${rss.coordinator.toFixed(0)} coordinator`,
    ],
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const row of rows) process.stdout.write(`${row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ')}\n`);
  process.stdout.write(
    `pool / in-process: ${(rate('pool') / rate('inProcess')).toFixed(2)}× target tokens/s; identical outputs ${equal}/${texts.length}\n`,
  );
  process.stdout.write(
    `${JSON.stringify({
      model: MODEL,
      numBeams: spec.decode.numBeams,
      sentences: texts.length,
      rounds: ROUNDS,
      threads: THREADS,
      workers: WORKERS,
      inProcess: {
        targetTokens: totals.inProcess.tokens,
        seconds: totals.inProcess.seconds,
        tokensPerSecond: rate('inProcess'),
        peakRssMb: rss.inProcess,
      },
      pool: {
        targetTokens: totals.pool.tokens,
        seconds: totals.pool.seconds,
        tokensPerSecond: rate('pool'),
        workerPeakRssMb: rss.poolWorkers,
        coordinatorPeakRssMb: rss.coordinator,
      },
      ratio: rate('pool') / rate('inProcess'),
      identicalOutputs: equal,
    })}\n`,
  );
}

if (args.includes('--child')) await inProcessChild();
else if (args.includes('--generate')) await modelFilesOnDisk(findModel(await loadModelsConfig(), MODEL));
else await main();
