import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Segment } from '../core/segment-record.js';
import { LV2EN_VERSION } from '../core/version.js';
import type { SourceDocument } from '../ingest/index.js';
import { outputPath } from '../formats/index.js';
import { DocumentWriter } from '../write/index.js';
import type { StageName } from './definition.js';
import { hashOf, JobStore, type StageResultWriter } from './job-store.js';
import { segmentStage, windowStages, type ProcessingStageName, type StageContext } from './stages.js';
import { RunTally } from './tally.js';

export interface DocumentJob {
  stages: readonly StageName[];
  formats: readonly string[];
  /** Where outputs go; null: nothing is written (the caller takes the segments). */
  outDir: string | null;
  /** The job folder for stage results; null: no reuse between runs. */
  jobDir: string | null;
  /** Keep every segment in the result (the library API); off, memory stays flat however long the document. */
  collectSegments?: boolean;
  /** Segments per window streamed through the stages. */
  windowSize?: number;
}

export interface DocumentResult {
  name: string;
  text: string;
  /** Every segment in order, when the job asked for them; otherwise empty. */
  segments: Segment[];
  tally: RunTally;
  outputs: string[];
  ran: StageName[];
  reused: StageName[];
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

/**
 * Runs one document through the stages, streaming windows of segments so
 * memory does not grow with the document. Every stage's key is known up front
 * (input text + each stage's settings, chained); the run resumes after the
 * last stage whose result is stored under its key.
 */
export async function runDocument(document: SourceDocument, job: DocumentJob, context: StageContext): Promise<DocumentResult> {
  const windowSize = job.windowSize ?? WINDOW_SEGMENTS;
  const store = job.jobDir ? await JobStore.open(job.jobDir, document.name) : null;
  const processing = job.stages.filter((s): s is ProcessingStageName => s !== 'ingest' && s !== 'write');
  const keys = chainKeys(document.text, processing, context);

  let resumeAfter = -1;
  if (store)
    for (let i = processing.length - 1; i >= 0 && resumeAfter < 0; i--) if (await store.has(processing[i]!, keys[i]!)) resumeAfter = i;
  const reused: StageName[] = processing.slice(0, resumeAfter + 1);
  const toRun = processing.slice(resumeAfter + 1);

  const writeKey = job.outDir ? hashOf(keys.at(-1) ?? '', 'write', job.formats.join(','), resolve(job.outDir)) : '';
  const outputs = job.outDir && job.stages.includes('write') ? job.formats.map((f) => outputPath(job.outDir!, document.name, f)) : [];
  const writeReusable = toRun.length === 0 && outputs.length > 0 && store?.recordedKey('write') === writeKey && (await allExist(outputs));

  const stageResults = store ? await store.begin(toRun.map((name) => ({ name, key: keys[processing.indexOf(name)]! }))) : null;
  const writer = outputs.length > 0 && !writeReusable ? await DocumentWriter.open(document, job.formats, job.outDir!) : null;
  const tally = new RunTally();
  const segments: Segment[] = [];
  try {
    const windows = await sourceWindows(document, store, processing[resumeAfter], windowSize);
    for await (const window of runStages(windows, toRun, context, stageResults, (done) =>
      context.onProgress?.(document.name, done, windows.total),
    )) {
      tally.add(window);
      if (job.collectSegments !== false) segments.push(...window);
      await writer?.add(window);
    }
    await writer?.finish();
    await stageResults?.commit(writer ? { write: writeKey } : {});
  } catch (error) {
    await writer?.abort();
    await stageResults?.abort();
    throw error;
  }
  const ran: StageName[] = ['ingest', ...toRun, ...(writer ? (['write'] as const) : [])];
  if (writeReusable) reused.push('write');
  return { name: document.name, text: document.text, segments, tally, outputs, ran, reused };
}

interface Windows extends AsyncIterable<Segment[]> {
  total: number;
}

/** Where the stream starts: the stored result of the last reusable stage, or the segmenter's output. */
async function sourceWindows(
  document: SourceDocument,
  store: JobStore | null,
  resumeStage: ProcessingStageName | undefined,
  size: number,
): Promise<Windows> {
  if (resumeStage && store) {
    const total = store.count(resumeStage);
    return { total, [Symbol.asyncIterator]: () => store.read(resumeStage, size) };
  }
  const all = segmentStage.run(document);
  return {
    total: all.length,
    async *[Symbol.asyncIterator]() {
      for (let i = 0; i < all.length; i += size) yield all.slice(i, i + size);
    },
  };
}

/** Runs the remaining window stages on each window, recording each stage's output as it goes. */
async function* runStages(
  windows: AsyncIterable<Segment[]>,
  toRun: readonly ProcessingStageName[],
  context: StageContext,
  results: StageResultWriter | null,
  onProgress: (done: number) => void,
): AsyncGenerator<Segment[]> {
  let done = 0;
  for await (const input of windows) {
    let window = input;
    for (const [index, name] of toRun.entries()) {
      // The segmenter already ran on the whole text: its windows only need recording.
      if (name !== 'segment') window = await windowStages[name].run(window, context, (n) => onProgress(done + n));
      await results?.add(index, window);
    }
    done += window.length;
    onProgress(done);
    yield window;
  }
}

function chainKeys(text: string, stages: readonly ProcessingStageName[], context: StageContext): string[] {
  let key = hashOf(LV2EN_VERSION, 'ingest', text);
  return stages.map((name) => {
    const stage = name === 'segment' ? segmentStage : windowStages[name];
    key = hashOf(key, name, stage.fingerprint(context));
    return key;
  });
}

async function allExist(paths: readonly string[]): Promise<boolean> {
  try {
    await Promise.all(paths.map((path) => access(path)));
    return true;
  } catch {
    return false;
  }
}
