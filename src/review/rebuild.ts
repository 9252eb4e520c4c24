import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Lv2enError } from '../core/errors.js';
import type { Segment } from '../core/segment-record.js';
import { writeFilesAtomically } from '../core/atomic.js';
import { needsReview } from '../flags/index.js';
import { renderReviewPage } from '../formats/html/index.js';
import { parseProvenanceFile, PROVENANCE_SUFFIX } from '../formats/index.js';
import { parseJsonlLine } from '../formats/jsonl.js';

/**
 * `lv2en review <job folder | name.jsonl>`: the review page again, from what
 * a run left behind, without running anything. A job folder
 * (`<out>/.lv2en/<name>/`) gives its latest stored stage result and writes
 * `<out>/<name>.html`; a `<name>.jsonl` output writes `<name>.html` next to
 * it; an output folder rebuilds the page of every job in it.
 */
export interface RebuiltPage {
  path: string;
  document: string;
  segments: number;
  flagged: number;
}

/** Later stages first: the page shows the most finished result a job folder has. */
const STAGE_PREFERENCE = ['qa', 'glossary', 'translate', 'segment'] as const;

export async function rebuildReviewPages(target: string, options: { outDir?: string } = {}): Promise<RebuiltPage[]> {
  const info = await stat(target).catch(() => null);
  if (!info)
    throw new Lv2enError(
      'INPUT_NOT_FOUND',
      `${target} does not exist`,
      'Name a job folder (<output>/.lv2en/<name>), an output folder or a <name>.jsonl file',
      { file: target },
    );
  if (info.isFile()) {
    if (!target.endsWith('.jsonl'))
      throw new Lv2enError('USAGE', `${target} is not a .jsonl file`, 'Name the <name>.jsonl a translate run wrote, or a job folder', {
        file: target,
      });
    const name = basename(target, '.jsonl');
    return [await writePage(name, await readSegments(target), options.outDir ?? dirname(target), dirname(target))];
  }
  if (await exists(join(target, 'manifest.json'))) return [await rebuildJob(target, options.outDir ?? dirname(dirname(resolve(target))))];
  const jobsDir = join(target, '.lv2en');
  const jobs = (await readdir(jobsDir, { withFileTypes: true }).catch(() => [])).filter((entry) => entry.isDirectory());
  if (jobs.length === 0)
    throw new Lv2enError(
      'USAGE',
      `${target} holds no lv2en job`,
      'Name a job folder (<output>/.lv2en/<name>), an output folder with a .lv2en folder, or a <name>.jsonl file',
      { file: target },
    );
  const pages: RebuiltPage[] = [];
  for (const job of jobs.sort((a, b) => a.name.localeCompare(b.name))) {
    if (await exists(join(jobsDir, job.name, 'manifest.json')))
      pages.push(await rebuildJob(join(jobsDir, job.name), options.outDir ?? target));
  }
  return pages;
}

async function rebuildJob(jobDir: string, outDir: string): Promise<RebuiltPage> {
  const manifestPath = join(jobDir, 'manifest.json');
  let manifest: { document?: unknown; stages?: Record<string, { file?: unknown }> };
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
  } catch (error) {
    throw new Lv2enError(
      'USAGE',
      `unreadable job manifest (${(error as Error).message})`,
      'Run lv2en translate again to rebuild the job folder',
      { file: manifestPath },
    );
  }
  const document = typeof manifest.document === 'string' ? manifest.document : basename(jobDir);
  for (const stage of STAGE_PREFERENCE) {
    const file = manifest.stages?.[stage]?.file;
    if (typeof file === 'string' && file !== '' && (await exists(join(jobDir, file))))
      return writePage(document, await readSegments(join(jobDir, file)), outDir, dirname(dirname(resolve(jobDir))));
  }
  throw new Lv2enError('USAGE', 'the job folder holds no stage result', 'Run lv2en translate on the document first', { file: jobDir });
}

/** `outputsDir` holds the run's outputs, whose provenance sidecar the page shows again. */
async function writePage(document: string, segments: Segment[], outDir: string, outputsDir: string): Promise<RebuiltPage> {
  const path = join(outDir, `${document}.html`);
  const sidecar = await readFile(join(outputsDir, document + PROVENANCE_SUFFIX), 'utf8').catch(() => null);
  const provenance = (sidecar === null ? null : parseProvenanceFile(sidecar)) ?? undefined;
  await writeFilesAtomically([{ path, content: renderReviewPage({ name: document, segments, provenance }) }]);
  return { path, document, segments: segments.length, flagged: segments.filter(needsReview).length };
}

/** Segment records, one JSON object a line; the output JSONL and the stage results share the fields the page reads. */
async function readSegments(path: string): Promise<Segment[]> {
  const segments: Segment[] = [];
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    const segment = parseJsonlLine(text, path, line);
    if (segment) segments.push(segment);
  }
  return segments;
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );
