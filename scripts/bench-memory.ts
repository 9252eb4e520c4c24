/**
 * Peak RSS at 1× and 10× input: does memory stay flat as the input grows?
 *
 *   tsx scripts/bench-memory.ts [--unit K] [--window W] [--base N] [--modes windows,whole,pipeline] [--max-rows R]
 *
 * `--modes pipeline --base 150 --unit 1` is the whole `lv2en translate` over
 * 150 and 1,500 sentences.
 *
 * 1× is one full window of the pipeline (WINDOW_SEGMENTS, 1024 segments:
 * the N = 256 base sentences in K = 4 numbered copies), 10× is ten windows
 * (10K copies), so every window runs the same batch shapes. 1× must hold the
 * biggest batch shapes: peak RSS is a high-water mark, and a 1× input that
 * never holds them would make any longer run look like growth. It must also
 * hold them several times: the allocators (glibc's heap, onnxruntime's arena,
 * V8's dead output tensors) reach their high-water mark only after meeting
 * the biggest shapes a few times — with the earlier 256-segment windows the
 * peak rose over the first 3–4 windows, then not at all through window 30.
 * The child's JSON line lists the peak after each window (`peakAfterWindows`).
 *
 * Each measurement runs in its own child process (peak RSS is a per-process
 * high-water mark) on the generated full-size model with lv2en's defaults
 * (q8, threads = cores, greedy as models.config.yaml's full-random says):
 *
 *   windows   translateSegments over windows of W segments, each window's
 *             output written to a file and dropped, as the pipeline streams;
 *   whole     translateSegments over the whole input at once (what a caller
 *             that holds every segment does), for contrast;
 *   pipeline  the real `lv2en translate` path (translateFiles) on a temp file,
 *             without the translation memory (it would answer repeat runs);
 *   cli       the built command itself (`node dist/cli/main.js translate
 *             --no-memory --no-glossary -f jsonl`, `npm run build` first) on
 *             the same file: its own peak, without this script's TypeScript
 *             loader in the process.
 *
 * Every copy is a distinct, numbered variant of its base sentence (`7. …`),
 * so neither deduplication nor the cache can shrink the work. In the
 * windows and whole modes each output is forced to its source length (random
 * weights); the pipeline mode decodes freely up to its length cap.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Segment } from '../src/core/segment-record.js';
import { findModel, loadModelsConfig } from '../src/models/config.js';
import { loadModel } from '../src/models/load.js';
import { MarianTranslator, translateSegments } from '../src/translate/index.js';
import { WINDOW_SEGMENTS } from '../src/pipeline/run-document.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? undefined : args[i + 1];
};
/** Segments per window: the pipeline's own, unless --window says otherwise. */
const WINDOW = Number(option('window') ?? WINDOW_SEGMENTS);
const FIXTURES = new URL('../test/fixtures/', import.meta.url);

function baseSentences(count: number): string[] {
  const out: string[] = [];
  for (const file of ['segment/dev.txt', 'segment/heldout.txt']) {
    const text = readFileSync(new URL(file, FIXTURES), 'utf8');
    for (const line of text.slice(text.indexOf('\n@@')).split('\n')) {
      if (line.startsWith('@@') || line.trim() === '') continue;
      for (const part of line.split('‖')) {
        const sentence = part.replace(/⟦[^⟧]*⟧/g, '').trim();
        if (sentence.split(' ').length >= 6) out.push(sentence);
      }
    }
  }
  const unique = [...new Set(out)];
  if (unique.length < count) throw new Error(`only ${unique.length} base sentences`);
  return unique.slice(0, count);
}

/**
 * `scale` distinct variants of every base sentence, in document order. Every
 * scale numbers its copies (1× too), so 1× and 10× have the same lengths.
 */
function* inputSentences(base: readonly string[], scale: number): Generator<string> {
  for (let copy = 0; copy < scale; copy++) for (const sentence of base) yield `${copy + 1}. ${sentence}`;
}

function segment(source: string, index: number): Segment {
  return {
    id: String(index + 1),
    paragraph: index,
    start: 0,
    end: source.length,
    source,
    kind: 'sentence',
    target: null,
    glossary: [],
    flags: [],
  };
}

/** RSS (MB) after each window of the windows mode: flat, or creeping? */
const rssAfterWindows: number[] = [];
/** Peak RSS (MB) so far after each window: which window set the high-water mark? */
const peakAfterWindows: number[] = [];

const mb = (bytes: number) => Math.round(bytes / 1048576);

/**
 * What holds the memory: RSS before the model, after lv2en opened its
 * sessions (weights, prepacked weights, the session's planned buffers), and
 * at the end the JS heap and the memory V8 accounts to typed arrays (output
 * tensors, the KV cache between steps); the rest of the peak is onnxruntime's
 * arena and the allocators' high-water mark during steps.
 */
const breakdown: Record<string, number | string> = {};

/** Runs the built `lv2en translate` on `input`; returns the command's own peak RSS (MB), which it reports as it exits. */
function runCommand(input: string, dir: string): number {
  const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
  const report = join(dir, 'report.cjs');
  writeFileSync(report, "process.on('exit', () => process.stderr.write('lv2en-max-rss-kb ' + process.resourceUsage().maxRSS + '\\n'));\n");
  const args = ['translate', input, '-o', join(dir, 'out'), '-m', 'full-random', '--no-memory', '--no-glossary', '-f', 'jsonl', '-q'];
  const run = spawnSync(process.execPath, ['--require', report, cli, ...args], { encoding: 'utf8' });
  const peak = /lv2en-max-rss-kb (\d+)/.exec(run.stderr);
  if (run.status !== 0 || !peak) {
    throw new Error(`lv2en translate failed (${run.status}): ${run.stderr.slice(-2000)} (is dist/ built? npm run build)`);
  }
  return Number(peak[1]) / 1024;
}

async function child(mode: string, scale: number, baseCount: number): Promise<void> {
  const base = baseSentences(baseCount);
  const started = performance.now();
  let count = 0;
  breakdown.rssBeforeModelMb = mb(process.memoryUsage().rss);
  /** Where the peak is read: this process, or the command's own process in `cli` mode. */
  let peakRssMb: number | null = null;
  if (mode === 'cli' || mode === 'pipeline') {
    const dir = mkdtempSync(join(tmpdir(), 'lv2en-mem-'));
    const input = join(dir, 'input.txt');
    const file = createWriteStream(input);
    for (const sentence of inputSentences(base, scale)) {
      file.write(`${sentence}\n\n`);
      count += 1;
    }
    await new Promise<void>((resolve) => file.end(resolve));
    if (mode === 'cli') {
      peakRssMb = runCommand(input, dir);
    } else {
      const { translateFiles } = await import('../src/index.js');
      // No translation memory: every sentence must reach the model, as in the other modes.
      await translateFiles([input], { model: 'full-random', outDir: join(dir, 'out'), glossary: null, formats: ['jsonl'], memory: false });
    }
    rmSync(dir, { recursive: true, force: true });
  } else {
    const spec = findModel(await loadModelsConfig(), 'full-random');
    const loaded = await loadModel(spec);
    const translator = new MarianTranslator(loaded, { forceOutputLength: (n) => n });
    const decoding = await translator.decodingModel();
    breakdown.rssSessionsOpenMb = mb(process.memoryUsage().rss);
    const sizes = await Promise.all([decoding.files.encoder, decoding.files.crossCache, decoding.files.cachedStep].map((f) => stat(f)));
    breakdown.graphFilesMb = sizes.map((s) => mb(s.size)).join(' + ');
    const dir = mkdtempSync(join(tmpdir(), 'lv2en-mem-'));
    const out = createWriteStream(join(dir, 'out.jsonl'));
    const maxRows = option('max-rows');
    const options = { batchTokens: spec.decode.batchTokens, ...(maxRows ? { maxRows: Number(maxRows) } : {}) };
    if (mode === 'whole') {
      const all = [...inputSentences(base, scale)].map(segment);
      count = all.length;
      for (const s of await translateSegments(all, translator, options)) out.write(`${JSON.stringify(s)}\n`);
    } else {
      let window: Segment[] = [];
      const flush = async () => {
        for (const s of await translateSegments(window, translator, options)) out.write(`${JSON.stringify(s)}\n`);
        window = [];
        rssAfterWindows.push(Math.round(process.memoryUsage().rss / 1048576));
        peakAfterWindows.push(Math.round(process.resourceUsage().maxRSS / 1024));
      };
      for (const sentence of inputSentences(base, scale)) {
        window.push(segment(sentence, count++));
        if (window.length === WINDOW) await flush();
      }
      if (window.length > 0) await flush();
    }
    await new Promise<void>((resolve) => out.end(resolve));
    rmSync(dir, { recursive: true, force: true });
  }
  const usage = process.memoryUsage();
  Object.assign(breakdown, {
    rssEndMb: mb(usage.rss),
    jsHeapUsedMb: mb(usage.heapUsed),
    jsHeapTotalMb: mb(usage.heapTotal),
    arrayBuffersMb: mb(usage.arrayBuffers),
  });
  const result = {
    breakdown,
    mode,
    scale,
    sentences: count,
    seconds: (performance.now() - started) / 1000,
    peakRssMb: peakRssMb ?? process.resourceUsage().maxRSS / 1024,
    rssAfterWindows,
    peakAfterWindows,
  };
  console.log(JSON.stringify(result));
}

async function parent(): Promise<void> {
  const baseCount = Number(option('base') ?? 256);
  const modes = (option('modes') ?? 'windows,whole,pipeline').split(',');
  const unit = Number(option('unit') ?? Math.max(1, Math.round(WINDOW / baseCount)));
  const script = fileURLToPath(import.meta.url);
  const results: { mode: string; scale: number; sentences: number; seconds: number; peakRssMb: number }[] = [];
  for (const mode of modes) {
    for (const scale of [1, 10]) {
      const extra = [
        ...(option('max-rows') ? ['--max-rows', option('max-rows')!] : []),
        ...(option('window') ? ['--window', option('window')!] : []),
      ];
      const copies = scale * unit;
      const out = execFileSync(
        process.execPath,
        ['--import', 'tsx', script, '--child', mode, '--scale', String(copies), '--base', String(baseCount), ...extra],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
      );
      const line = out.trim().split('\n').at(-1)!;
      results.push({ ...JSON.parse(line), scale });
      console.log(line);
    }
  }
  console.log('\n| mode | input | sentences | seconds | peak RSS | 10× vs 1× |');
  console.log('|---|---|---:|---:|---:|---:|');
  const summary: Record<string, number> = {};
  for (const mode of modes) {
    const one = results.find((r) => r.mode === mode && r.scale === 1)!;
    const ten = results.find((r) => r.mode === mode && r.scale === 10)!;
    const growth = (ten.peakRssMb / one.peakRssMb - 1) * 100;
    summary[`${mode}_growth_pct`] = Number(growth.toFixed(1));
    for (const r of [one, ten]) {
      console.log(
        `| ${mode} | ${r.scale}× | ${r.sentences} | ${r.seconds.toFixed(1)} | ${r.peakRssMb.toFixed(0)} MB | ${r === ten ? `${growth >= 0 ? '+' : ''}${growth.toFixed(1)}%` : ''} |`,
      );
    }
  }
  const outFile = option('out');
  if (outFile) writeFileSync(outFile, `${JSON.stringify({ results, summary })}\n`);
  console.log(JSON.stringify(summary));
}

if (args.includes('--child')) await child(option('child')!, Number(option('scale')), Number(option('base') ?? 256));
else await parent();
