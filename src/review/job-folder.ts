import { createReadStream } from 'node:fs';
import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { Lv2enError } from '../core/errors.js';
import type { Segment } from '../core/segment-record.js';
import { outputFormatNames, outputPath, parseProvenanceFile, PROVENANCE_SUFFIX, type Provenance } from '../formats/index.js';
import { parseJsonlLine } from '../formats/jsonl.js';
import { sha256OfFile, type Manifest } from '../pipeline/job-store.js';

/**
 * A job folder (`<output>/.lv2en/<name>/`) read back: its manifest, its stage
 * results and the outputs its last run wrote. Every file it opens is named by
 * the manifest and must be a plain file inside the job folder or its output
 * folder (no `..`, no absolute path, no symbolic link), so a damaged or
 * hostile manifest cannot point lv2en anywhere else.
 */
export interface JobFolder {
  /** The job folder, its real path. */
  dir: string;
  /** The output folder the job writes into (two levels up). */
  outDir: string;
  document: string;
  manifest: Manifest;
}

/** Later stages first: the most finished result a job folder has. */
export const STAGE_PREFERENCE = ['qa', 'glossary', 'translate', 'segment'] as const;

const notAJob = (dir: string, why: string) =>
  new Lv2enError(
    'USAGE',
    `${dir} is not an lv2en job folder (${why})`,
    'Name a job folder <output>/.lv2en/<name> that lv2en translate wrote',
    {
      file: dir,
    },
  );

export async function openJobFolder(path: string): Promise<JobFolder> {
  const dir = await realpath(path).catch(() => {
    throw new Lv2enError('INPUT_NOT_FOUND', `${path} does not exist`, 'Name a job folder <output>/.lv2en/<name>', { file: path });
  });
  const manifestPath = join(dir, 'manifest.json');
  if (!(await isPlainFile(manifestPath))) throw notAJob(path, 'no manifest.json');
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Manifest;
  } catch (error) {
    throw new Lv2enError(
      'USAGE',
      `unreadable job manifest (${(error as Error).message})`,
      'Run lv2en translate again to rebuild the job folder',
      {
        file: manifestPath,
      },
    );
  }
  if (typeof manifest !== 'object' || manifest === null || typeof manifest.stages !== 'object' || manifest.stages === null)
    throw notAJob(path, 'its manifest lists no stages');
  const document = typeof manifest.document === 'string' && manifest.document !== '' ? manifest.document : basename(dir);
  return { dir, outDir: dirname(dirname(dir)), document, manifest };
}

/** A stage result file named by the manifest, if it is a plain file of the job folder. */
async function stageFile(job: JobFolder, stage: string): Promise<string | null> {
  const file = job.manifest.stages[stage]?.file;
  if (typeof file !== 'string' || !/^[a-z][a-z0-9-]*\.jsonl$/.test(file)) return null;
  const path = join(job.dir, file);
  return (await isPlainFile(path)) ? path : null;
}

/** The segments a stage stored, or null when the job has no such result. */
export async function stageSegments(job: JobFolder, stage: string): Promise<Segment[] | null> {
  const path = await stageFile(job, stage);
  return path ? readSegmentsFile(path) : null;
}

/** The most finished stage result of the job: the one its outputs were written from. */
export async function latestResult(job: JobFolder): Promise<{ stage: string; segments: Segment[] }> {
  for (const stage of STAGE_PREFERENCE) {
    const segments = await stageSegments(job, stage);
    if (segments) return { stage, segments };
  }
  throw new Lv2enError('USAGE', 'the job folder holds no stage result', 'Run lv2en translate on the document first', { file: job.dir });
}

/** Segment records, one JSON object a line; the output JSONL and the stage results share the fields the page reads. */
export async function readSegmentsFile(path: string): Promise<Segment[]> {
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

/** The outputs the job's last write recorded, each with its format and whether the file is still the one written. */
export async function jobOutputs(job: JobFolder): Promise<{ format: string; path: string; intact: boolean }[]> {
  const recorded = job.manifest.stages.write?.outputs ?? [];
  const out: { format: string; path: string; intact: boolean }[] = [];
  for (const format of outputFormatNames()) {
    const path = outputPath(job.outDir, job.document, format);
    const record = recorded.find((o) => typeof o.path === 'string' && resolve(job.dir, o.path) === path);
    if (!record) continue;
    const intact = (await isPlainFile(path)) && (await sha256OfFile(path)) === record.sha256;
    out.push({ format, path, intact });
  }
  return out;
}

/** Outputs the job's last write recorded that are neither a format of outputFormats nor the provenance sidecar: a translated document. */
export function jobDocumentOutputs(job: JobFolder): string[] {
  const known = new Set([
    ...outputFormatNames().map((format) => outputPath(job.outDir, job.document, format)),
    join(job.outDir, job.document + PROVENANCE_SUFFIX),
  ]);
  return (job.manifest.stages.write?.outputs ?? []).map((o) => resolve(job.dir, o.path)).filter((path) => !known.has(path));
}

/** The provenance sidecar beside the job's outputs; null when there is none. */
export async function jobProvenance(job: JobFolder): Promise<Provenance | null> {
  const path = join(job.outDir, job.document + PROVENANCE_SUFFIX);
  if (!(await isPlainFile(path))) return null;
  return parseProvenanceFile(await readFile(path, 'utf8'));
}

/**
 * The job's input text, rebuilt from its `.en.txt` output and the segments it
 * was written from: that file is the English in the input's layout, so the
 * text between two targets is the text between the two sources, whose length
 * the offsets give. Exact when the file is the one lv2en wrote (its sha256 is
 * in the manifest) and every target sits where the offsets say; otherwise
 * null.
 */
export async function recoverSourceText(job: JobFolder, written: readonly Segment[]): Promise<string | null> {
  const txt = (await jobOutputs(job)).find((o) => o.format === 'txt');
  if (!txt?.intact) return null;
  const english = await readFile(txt.path, 'utf8');
  let at = 0;
  let previousEnd = 0;
  let text = '';
  for (const segment of written) {
    const gap = segment.start - previousEnd;
    const shown = segment.target ?? segment.source;
    if (gap < 0 || !english.startsWith(shown, at + gap)) return null;
    text += english.slice(at, at + gap) + segment.source;
    at += gap + shown.length;
    previousEnd = segment.end;
  }
  return text + english.slice(at);
}

/** A regular file, reached without a symbolic link in its last step. */
export async function isPlainFile(path: string): Promise<boolean> {
  const info = await lstat(path).catch(() => null);
  return info?.isFile() === true;
}

/** A job found under a folder of outputs: its id (`name`, or `folder/name` one level down) and its job folder. */
export interface FoundJob {
  id: string;
  dir: string;
  document: string;
}

/** Folder names a job id is made of: letters, digits, `.`, `_`, `-` (never `.` or `..` alone). */
const SAFE_NAME = /^(?!\.{1,2}$)[\p{L}\p{N}._-]+$/u;

/**
 * Every job folder in `root/.lv2en/` and in `root/<folder>/.lv2en/`, found by
 * listing folders, never by joining a name someone gave: a folder reached
 * through a symbolic link, or whose name holds anything but letters, digits,
 * `.`, `_` and `-`, is left out, and every job's real path lies inside the
 * real `root`.
 */
export async function listJobFolders(root: string): Promise<FoundJob[]> {
  const top = await realpath(root).catch(() => {
    throw new Lv2enError('INPUT_NOT_FOUND', `${root} does not exist`, 'Name a folder holding lv2en outputs (with a .lv2en folder)', {
      file: root,
    });
  });
  const found: FoundJob[] = [];
  const jobsIn = async (outDir: string, prefix: string) => {
    const jobsDir = join(outDir, '.lv2en');
    if (!(await isPlainFolder(jobsDir))) return;
    for (const entry of await readdir(jobsDir, { withFileTypes: true })) {
      if (!entry.isDirectory() || !SAFE_NAME.test(entry.name)) continue;
      const dir = join(jobsDir, entry.name);
      if (!(await isPlainFile(join(dir, 'manifest.json')))) continue;
      if (!isInside(top, await realpath(dir))) continue;
      found.push({ id: prefix + entry.name, dir, document: entry.name });
    }
  };
  await jobsIn(top, '');
  for (const entry of await readdir(top, { withFileTypes: true }))
    if (entry.isDirectory() && entry.name !== '.lv2en' && SAFE_NAME.test(entry.name)) await jobsIn(join(top, entry.name), `${entry.name}/`);
  return found.sort((a, b) => a.id.localeCompare(b.id));
}

async function isPlainFolder(path: string): Promise<boolean> {
  const info = await lstat(path).catch(() => null);
  return info?.isDirectory() === true;
}

/** True when `path` is `root` or inside it (both absolute and real). */
const isInside = (root: string, path: string): boolean => {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !rel.startsWith(sep));
};
