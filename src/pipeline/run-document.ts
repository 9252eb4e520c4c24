import { join, resolve } from 'node:path';
import { hashOf } from '../core/hash.js';
import { Spool, sweepDeadSpools } from '../core/spool.js';
import type { Segment } from '../core/segment-record.js';
import type { SourceDocument } from '../ingest/index.js';
import type { OutputSink, SegmentInstance, WindowInstance, WindowPass, WriteInstance } from '../stages/index.js';
import { claimOutputFolder } from './output-folder.js';
import { JobStore, type StageResultWriter } from './job-store.js';
import { RunTally } from './tally.js';

/** A pipeline set up once for many documents: the stages a pipeline file picked, in order. */
export interface PreparedStages {
  segment: { name: string; instance: SegmentInstance };
  windows: readonly { name: string; instance: WindowInstance }[];
  write: { name: string; instance: WriteInstance } | null;
}

export interface DocumentJob {
  /** Where outputs go; null: nothing is written (the caller takes the segments). */
  outDir: string | null;
  /** The job folder for stage results; null: no reuse between runs. */
  jobDir: string | null;
  /** Keep every segment in the result (the library API); off, memory stays flat however long the document. */
  collectSegments?: boolean;
  /** Segments per window streamed through the stages. */
  windowSize?: number;
  onProgress?: (done: number, total: number) => void;
  /** False: run every stage again, but still record the results (--fresh). Default true. */
  reuse?: boolean;
  /** Stops the run between windows (and, through the session, between model batches); nothing half-done is committed. */
  signal?: AbortSignal;
}

export interface DocumentResult {
  name: string;
  text: string;
  /** Every segment in order, when the job asked for them; otherwise empty. */
  segments: Segment[];
  tally: RunTally;
  outputs: string[];
  ran: string[];
  reused: string[];
}

export const jobDirFor = (outDir: string, name: string) => join(outDir, '.lv2en', name);

/**
 * Segments per window streamed through the stages (the default of
 * DocumentJob.windowSize). The translate stage sorts and batches within a
 * window, so a window must hold many batches: at 256 segments every window
 * ended in a short, half-empty batch, and 1024 decode 10% faster on long
 * documents (`npm run bench:memory -- --modes windows --window 256`, seconds
 * column). A window costs a few kB per segment; memory is set by the batches.
 */
export const WINDOW_SEGMENTS = 1024;

type Stream = AsyncIterable<Segment[]>;

/**
 * Runs one document through the stages, streaming windows of segments so
 * memory does not grow with the document. Every stage's key is known up front
 * (input text + each stage's key, chained); the run resumes after the last
 * stage whose result is stored under its key.
 */
export async function runDocument(document: SourceDocument, stages: PreparedStages, job: DocumentJob): Promise<DocumentResult> {
  job.signal?.throwIfAborted();
  await sweepDeadSpools();
  const release = job.outDir ? await claimOutputFolder(resolve(job.outDir)) : null;
  try {
    return await runClaimed(document, stages, job);
  } finally {
    await release?.();
  }
}

async function runClaimed(document: SourceDocument, stages: PreparedStages, job: DocumentJob): Promise<DocumentResult> {
  const windowSize = job.windowSize ?? WINDOW_SEGMENTS;
  const reuse = job.reuse !== false;
  const store = job.jobDir ? await JobStore.open(job.jobDir, document.name) : null;
  const windows = stages.windows.filter((stage) => stage.instance.appliesTo?.(document) !== false);
  const processing = [stages.segment, ...windows];
  const keys = chainKeys(document.digest ?? document.text, processing);

  let resumeAfter = -1;
  if (store && reuse)
    for (let i = processing.length - 1; i >= 0 && resumeAfter < 0; i--) if (await store.has(processing[i]!.name, keys[i]!)) resumeAfter = i;
  const reused = processing.slice(0, resumeAfter + 1).map((s) => s.name);
  const toRun = processing.slice(resumeAfter + 1);

  const write = job.outDir && stages.write ? stages.write : null;
  const writeKey = write ? hashOf(keys.at(-1) ?? '', write.name, write.instance.key, resolve(job.outDir!)) : '';
  const outputs = write ? write.instance.outputPaths(job.outDir!, document) : [];
  const writeReusable =
    toRun.length === 0 && write !== null && store !== null && reuse && (await store.wrote(write.name, writeKey, outputs));

  const stageResults =
    store && !(toRun.length === 0 && writeReusable)
      ? await store.begin(toRun.map((stage) => ({ name: stage.name, key: keys[processing.indexOf(stage)]! })))
      : null;
  const tally = new RunTally();
  const segments: Segment[] = [];
  const spools: Spool<Segment>[] = [];
  let sink: OutputSink | null = null;
  try {
    sink = write && !writeReusable ? await write.instance.open(document, job.outDir!) : null;
    let total = 0;
    let stream: Stream;
    const resumeStage = processing[resumeAfter];
    if (resumeStage && store) {
      total = store.count(resumeStage.name);
      stream = store.read(resumeStage.name, windowSize);
    } else {
      const all = stages.segment.instance.run(document);
      total = all.length;
      stream = windowsOf(all, windowSize);
      if (toRun[0] === stages.segment) stream = recorded(stream, stageResults, 0);
    }
    const windowStagesToRun = windows.filter((stage) => toRun.includes(stage));
    const firstIndex = toRun.length - windowStagesToRun.length;
    const passes = windowStagesToRun.map((stage) => stage.instance.start());
    const progress = new ProgressCounter(total, (done) => job.onProgress?.(done, total));
    let counting = true;
    for (const [i, pass] of passes.entries()) {
      if (pass.learn) {
        if (counting) stream = progress.counted(stream);
        counting = false;
        const spool = await Spool.create<Segment>();
        spools.push(spool);
        stream = await learnThenReplay(stream, pass, spool, windowSize, job.signal);
      }
      stream = recorded(throughStage(stream, pass, counting ? progress : null, job.signal), stageResults, firstIndex + i);
    }
    if (counting) stream = progress.counted(stream);
    for await (const window of stream) {
      tally.add(window);
      if (job.collectSegments !== false) segments.push(...window);
      await sink?.add(window);
    }
    job.signal?.throwIfAborted();
    if (stageResults) {
      const files = sink ? await sink.seal() : null;
      await stageResults.commit(files && write ? { stage: write.name, key: writeKey, files } : undefined);
    } else {
      await sink?.finish();
    }
  } catch (error) {
    await sink?.abort();
    await stageResults?.abort();
    throw error;
  } finally {
    for (const spool of spools) await spool.dispose();
  }
  const ran = ['ingest', ...toRun.map((s) => s.name), ...(sink && write ? [write.name] : [])];
  if (writeReusable && write) reused.push(write.name);
  return { name: document.name, text: document.text, segments, tally, outputs, ran, reused };
}

async function* windowsOf(all: readonly Segment[], size: number): AsyncGenerator<Segment[]> {
  for (let i = 0; i < all.length; i += size) yield all.slice(i, i + size);
}

async function* recorded(stream: Stream, results: StageResultWriter | null, index: number): AsyncGenerator<Segment[]> {
  for await (const window of stream) {
    await results?.add(index, window);
    yield window;
  }
}

/** Between two windows is a safe point to stop: nothing of the window in flight has been committed. */
async function* throughStage(
  stream: Stream,
  pass: WindowPass,
  progress: ProgressCounter | null,
  signal: AbortSignal | undefined,
): AsyncGenerator<Segment[]> {
  for await (const window of stream) {
    signal?.throwIfAborted();
    yield pass.run(window, (n) => progress?.within(n));
  }
}

/** Runs everything upstream once, showing each window to the stage's `learn` and parking it; then replays it. */
async function learnThenReplay(
  stream: Stream,
  pass: WindowPass,
  spool: Spool<Segment>,
  windowSize: number,
  signal: AbortSignal | undefined,
): Promise<Stream> {
  for await (const window of stream) {
    signal?.throwIfAborted();
    pass.learn!(window);
    await spool.add(window);
  }
  return spool.read(windowSize);
}

/** Segments done: whole windows that left the counted part of the pipeline, plus progress inside the current one. */
class ProgressCounter {
  private done = 0;

  constructor(
    private readonly total: number,
    private readonly report: (done: number) => void,
  ) {}

  within(doneInWindow: number): void {
    this.report(Math.min(this.total, this.done + doneInWindow));
  }

  async *counted(stream: Stream): AsyncGenerator<Segment[]> {
    for await (const window of stream) {
      this.done += window.length;
      this.report(this.done);
      yield window;
    }
  }
}

/** `input` is what decides the outputs: the text, or a document's digest. */
function chainKeys(input: string, stages: readonly { name: string; instance: { key: string } }[]): string[] {
  let key = hashOf('ingest', input);
  return stages.map((stage) => {
    key = hashOf(key, stage.name, stage.instance.key);
    return key;
  });
}
