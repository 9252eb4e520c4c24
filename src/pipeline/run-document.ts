import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Segment } from '../core/segment-record.js';
import { LV2EN_VERSION } from '../core/version.js';
import type { SourceDocument } from '../ingest/index.js';
import { outputFormats, writeOutputs } from '../write/index.js';
import type { StageName } from './definition.js';
import { hashOf, JobStore, segmentsFromJsonl, segmentsToJsonl } from './job-store.js';
import { segmentStages, type SegmentStage, type StageContext } from './stages.js';

export interface DocumentJob {
  stages: readonly StageName[];
  formats: readonly string[];
  /** Where outputs go; null: nothing is written (the caller takes the segments). */
  outDir: string | null;
  /** The job folder for stage results; null: no reuse between runs. */
  jobDir: string | null;
}

export interface DocumentResult {
  name: string;
  text: string;
  segments: Segment[];
  outputs: string[];
  ran: StageName[];
  reused: StageName[];
}

export const jobDirFor = (outDir: string, name: string) => join(outDir, '.lv2en', name);

/**
 * Runs one document through the stages. Each stage's key is the previous
 * stage's key plus what the stage itself depends on; a stage whose key is in
 * the job folder's manifest is read back instead of run.
 */
export async function runDocument(document: SourceDocument, job: DocumentJob, context: StageContext): Promise<DocumentResult> {
  const store = job.jobDir ? await JobStore.open(job.jobDir, document.name) : null;
  const ran: StageName[] = ['ingest'];
  const reused: StageName[] = [];
  let key = hashOf(LV2EN_VERSION, 'ingest', document.text);
  let segments: Segment[] = [];

  for (const name of job.stages) {
    if (name === 'ingest' || name === 'write') continue;
    const stage: SegmentStage = segmentStages[name];
    key = hashOf(key, name, stage.fingerprint(context));
    const stored = store ? await store.reuse(name, key) : null;
    if (stored !== null) {
      segments = segmentsFromJsonl(stored);
      reused.push(name);
      continue;
    }
    const started = performance.now();
    segments = await stage.run(segments, document, context);
    ran.push(name);
    await store?.save(name, key, `${name}.jsonl`, segmentsToJsonl(segments), Math.round(performance.now() - started));
  }

  const outputs: string[] = [];
  if (job.outDir && job.stages.includes('write')) {
    const writeKey = hashOf(key, 'write', job.formats.join(','), resolve(job.outDir));
    const paths = job.formats.map((format) => join(job.outDir!, document.name + outputFormats[format]!.suffix));
    if (store?.recordedKey('write') === writeKey && (await allExist(paths))) {
      reused.push('write');
    } else {
      await writeOutputs({ name: document.name, text: document.text, segments }, job.formats, job.outDir);
      ran.push('write');
      await store?.save('write', writeKey, 'write.json', JSON.stringify(paths) + '\n', 0);
    }
    outputs.push(...paths);
  }
  return { name: document.name, text: document.text, segments, outputs, ran, reused };
}

async function allExist(paths: readonly string[]): Promise<boolean> {
  try {
    await Promise.all(paths.map((path) => access(path)));
    return true;
  } catch {
    return false;
  }
}
