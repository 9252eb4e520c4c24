import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Lv2enError } from '../core/errors.js';
import type { Segment } from '../core/segment-record.js';
import { writeFilesAtomically } from '../core/atomic.js';
import { needsReview } from '../flags/index.js';
import { renderReviewPage } from '../formats/html/index.js';
import { parseProvenanceFile, PROVENANCE_SUFFIX } from '../formats/index.js';
import { latestResult, openJobFolder, readSegmentsFile } from './job-folder.js';

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
    return [await writePage(name, await readSegmentsFile(target), options.outDir ?? dirname(target), dirname(target))];
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
  const job = await openJobFolder(jobDir);
  const { segments } = await latestResult(job);
  return writePage(job.document, segments, outDir, job.outDir);
}

/** `outputsDir` holds the run's outputs, whose provenance sidecar the page shows again. */
async function writePage(document: string, segments: Segment[], outDir: string, outputsDir: string): Promise<RebuiltPage> {
  const path = join(outDir, `${document}.html`);
  const sidecar = await readFile(join(outputsDir, document + PROVENANCE_SUFFIX), 'utf8').catch(() => null);
  const provenance = (sidecar === null ? null : parseProvenanceFile(sidecar)) ?? undefined;
  await writeFilesAtomically([{ path, content: renderReviewPage({ name: document, segments, provenance }) }]);
  return { path, document, segments: segments.length, flagged: segments.filter(needsReview).length };
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );
