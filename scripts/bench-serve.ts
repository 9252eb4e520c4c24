/**
 * `lv2en serve` under load against the batch pipeline, in one process on one
 * session (the generated full-size model, full-random: q8, greedy, real
 * compute cost), interleaved:
 *
 *   npm run bench:serve -- [--sentences N (256)] [--single N (48)] [--rounds R (2)] [--clients 1,8,64] [--model M] [--glossary]
 *
 * - translate: the sentences as one document through the session's pipeline
 *   (what `lv2en translate` does with a file of them, without writing it);
 * - serve, C clients: C HTTP clients on localhost, each sending one sentence
 *   per POST /translate and the next once answered, until all are done (one
 *   client sends only the first --single sentences: it runs unbatched).
 *
 * No translation memory (every sentence is decoded each time) and, unless
 * --glossary, no glossary (constrained decoding would add its own batches to
 * both sides). Sentences are distinct numbered variants of the glossary
 * fixtures' sentences. Rounds alternate the order of the modes; sentences/s
 * sums over rounds, latencies are per request over all rounds.
 */
import { serve } from '../src/serve/index.js';
import { benchSentences, numberOption } from './bench-input.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1]!;
};
const SENTENCES = numberOption(args, 'sentences', 256);
const SINGLE = numberOption(args, 'single', 48);
const ROUNDS = numberOption(args, 'rounds', 2);
const CLIENTS = option('clients', '1,8,64').split(',').map(Number);
const MODEL = option('model', 'full-random');
const GLOSSARY = args.includes('--glossary');

interface Run {
  sentences: number;
  seconds: number;
  latencies: number[];
}

const quantile = (values: readonly number[], q: number) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};

async function main(): Promise<void> {
  const server = await serve({
    port: 0,
    session: { model: MODEL, memory: false, ...(GLOSSARY ? {} : { glossary: null }) },
    limits: { textsPerRequest: SENTENCES },
  });
  const texts = benchSentences(SENTENCES);
  const post = async (q: string) => {
    const response = await fetch(`${server.url}/translate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ q, source: 'lv', target: 'en' }),
    });
    if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
    return ((await response.json()) as { translatedText: string }).translatedText;
  };

  const batch = async (): Promise<Run> => {
    const started = performance.now();
    const segments = await server.lv2en.translateText(texts.join('\n\n'));
    if (segments.length < texts.length) throw new Error(`${segments.length} segments for ${texts.length} sentences`);
    return { sentences: texts.length, seconds: (performance.now() - started) / 1000, latencies: [] };
  };
  const clients = async (count: number): Promise<Run> => {
    const work = count === 1 ? texts.slice(0, SINGLE) : texts;
    let next = 0;
    const latencies: number[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: count }, async () => {
        for (let i = next++; i < work.length; i = next++) {
          const sent = performance.now();
          await post(work[i]!);
          latencies.push(performance.now() - sent);
        }
      }),
    );
    return { sentences: work.length, seconds: (performance.now() - started) / 1000, latencies };
  };

  // Warm up: the first calls prepare onnxruntime's kernels.
  await Promise.all(texts.slice(0, 16).map(post));

  const modes = [{ name: 'translate', clients: 0 }, ...CLIENTS.map((c) => ({ name: 'serve', clients: c }))];
  const totals = new Map(modes.map((m) => [m, { sentences: 0, seconds: 0, latencies: [] as number[] }]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? modes : [...modes].reverse();
    for (const mode of order) {
      const run = mode.clients === 0 ? await batch() : await clients(mode.clients);
      const total = totals.get(mode)!;
      total.sentences += run.sentences;
      total.seconds += run.seconds;
      total.latencies.push(...run.latencies);
      process.stderr.write(
        `round ${round + 1}/${ROUNDS} ${mode.name}${mode.clients ? ` ×${mode.clients}` : ''}: ${run.sentences} sentences in ${run.seconds.toFixed(1)} s\n`,
      );
    }
  }
  await server.close();

  const rate = (mode: (typeof modes)[number]) => totals.get(mode)!.sentences / totals.get(mode)!.seconds;
  const base = rate(modes[0]!);
  const rows = [['mode', 'clients', 'sentences', 'sentences/s', 'p50 ms', 'p95 ms', 'vs translate']];
  for (const mode of modes) {
    const total = totals.get(mode)!;
    rows.push([
      mode.name,
      mode.clients ? String(mode.clients) : '-',
      String(total.sentences),
      rate(mode).toFixed(2),
      mode.clients ? quantile(total.latencies, 0.5).toFixed(0) : '-',
      mode.clients ? quantile(total.latencies, 0.95).toFixed(0) : '-',
      `${(rate(mode) / base).toFixed(2)}×`,
    ]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  process.stdout.write(`model ${MODEL}, ${GLOSSARY ? 'default glossary' : 'no glossary'}, no memory, ${ROUNDS} round(s)\n`);
  for (const row of rows) process.stdout.write(`${row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ')}\n`);
  process.stdout.write(
    `${JSON.stringify({
      model: MODEL,
      glossary: GLOSSARY,
      rounds: ROUNDS,
      modes: modes.map((mode) => ({
        mode: mode.name,
        clients: mode.clients,
        sentences: totals.get(mode)!.sentences,
        sentencesPerSecond: rate(mode),
        p50ms: quantile(totals.get(mode)!.latencies, 0.5),
        p95ms: quantile(totals.get(mode)!.latencies, 0.95),
        ratio: rate(mode) / base,
      })),
    })}\n`,
  );
}

await main();
