import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import PQueue from 'p-queue';
import { writeFilesAtomically } from '../core/atomic.js';
import { Lv2enError } from '../core/errors.js';
import type { GlossaryHit, InlineTag, Segment } from '../core/segment-record.js';
import { LIVE_PAGE_CSP, pageTag, renderReviewPage } from '../formats/html/index.js';
import { type LiveFlag, type LiveOverlay, type LivePage, liveFlag } from '../formats/html/live.js';
import { isReviewedFromMemory } from '../memory/flags.js';
import { nestingProblem } from '../inline/index.js';
import { type ReviewedTranslations, reviewKey } from '../memory/reviewed.js';
import { isPlainFile, type JobFolder, jobProvenance, latestResult, openJobFolder, stageSegments } from './job-folder.js';

/**
 * A live review of one job folder: what `lv2en serve` shows at /review/<job>,
 * and what a library user gets from `Lv2en.openReview`. Every save is checked
 * against the version the reviewer started from, stored in the translation
 * memory as a reviewed translation at once, and given the glossary and QA
 * verdict the next run would give it (the session's own stages, run on the
 * one segment: the memory answers, so no model call). The state of every
 * segment is kept in `review.json` in the job folder.
 *
 * States: `todo` (the machine translation, no reviewer decision: not in the
 * memory), `edited` (a reviewer's text, not yet marked reviewed), `approved`
 * (marked reviewed, the machine's text or a reviewer's). Edited and approved
 * translations are in the memory; taking one back to todo removes it.
 */
export type ReviewState = 'todo' | 'edited' | 'approved';
export const REVIEW_STATES: readonly ReviewState[] = ['todo', 'edited', 'approved'];

/** A segment as the workspace shows it now. */
export interface LiveSegment {
  id: string;
  paragraph: number;
  kind: Segment['kind'];
  source: string;
  /** The current translation: the machine's for todo, the reviewed one otherwise. */
  target: string | null;
  /** The verdict on `target`. */
  glossary: GlossaryHit[];
  flags: string[];
  /** A document sentence's inline codes on `target`. */
  targetTags?: InlineTag[];
  /** What the job's run wrote. */
  machineTarget: string | null;
  state: ReviewState;
  /** Starts at 0; every save adds 1. A save names the version it was made on. */
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface SaveRequest {
  id: string;
  /** The version the reviewer's change was made on. */
  version: number;
  state: ReviewState;
  /** Required for edited and approved; todo puts the machine translation back. */
  target?: string;
  /** A document sentence's codes where the reviewer left them on `target` (each of the source's once, well nested); without them lv2en places them. */
  targetTags?: Pick<InlineTag, 'kind' | 'id' | 'at'>[];
  /** Who saved, for the record (a token's name). */
  by?: string;
}

export type SaveOutcome =
  /** The segment and every other segment with the same Latvian sentence (they share one reviewed translation). */
  | { status: 'saved'; segments: LiveSegment[] }
  /** Someone saved first: nothing was written; this is the segment now. */
  | { status: 'conflict'; current: LiveSegment }
  | { status: 'not-found' }
  | { status: 'invalid'; message: string };

export type WorkspaceEvent = { type: 'saved'; segments: LiveSegment[] } | { type: 'reexported'; outputs: string[]; by?: string };

export interface ReviewWorkspace {
  /** The job folder's real path. */
  readonly dir: string;
  readonly document: string;
  segments(): LiveSegment[];
  segment(id: string): LiveSegment | null;
  /** Counts per state, over sentences (boilerplate is never reviewed). */
  counts(): Record<ReviewState, number>;
  save(request: SaveRequest): Promise<SaveOutcome>;
  /** Rebuilds the job's outputs from the reviewed state through the normal run and commit; `by` names the page that asked, so it can tell its own re-export from another reviewer's. */
  reexport(by?: string): Promise<{ outputs: string[] }>;
  /** The live review page, talking to `api` (the path of this workspace's API on the page's origin), and its Content-Security-Policy. */
  page(api: string): { html: string; contentSecurityPolicy: string };
  subscribe(listener: (event: WorkspaceEvent) => void): () => void;
}

/** What the workspace needs of the session that opens it. */
export interface WorkspaceServices {
  reviewed: ReviewedTranslations;
  /**
   * A checker for one document: learns from its segments (QA's names and
   * length ratio), then runs a segment (as the segment stage left it) through
   * the session's window stages: the memory's reviewed translation, the
   * glossary's verification, QA.
   */
  checker(document: readonly Segment[]): (base: Segment) => Promise<Segment>;
  /** Runs the job's document again into its output folder; returns the new stage result. */
  rerun(job: JobFolder): Promise<{ outputs: string[]; segments: Segment[] }>;
}

const STATE_FILE = 'review.json';

interface StoredEntry {
  source: string;
  version: number;
  state: ReviewState;
  at: string;
  by: string | null;
  /** The translation now and its verdict. */
  current: Pick<Segment, 'target' | 'glossary' | 'flags' | 'targetTags'>;
  /** The run's record of the segment, kept so todo can put it back after a re-export wrote the reviewed text. */
  machine: Pick<Segment, 'target' | 'glossary' | 'flags' | 'targetTags'>;
}

interface StoredState {
  format: 'lv2en-review-state';
  version: 1;
  document: string;
  segments: Record<string, StoredEntry>;
}

interface Row {
  base: Segment;
  /** The run's record (machine translation and its verdict). */
  machine: Pick<Segment, 'target' | 'glossary' | 'flags' | 'targetTags'>;
  current: Pick<Segment, 'target' | 'glossary' | 'flags' | 'targetTags'>;
  state: ReviewState;
  version: number;
  at: string | null;
  by: string | null;
}

export async function openReviewWorkspace(path: string, services: WorkspaceServices): Promise<ReviewWorkspace> {
  const job = await openJobFolder(path);
  const base = await stageSegments(job, 'segment');
  if (!base)
    throw new Lv2enError('USAGE', 'the job folder has no segment stage result', 'Run lv2en translate on the document again', {
      file: job.dir,
    });
  const written = (await latestResult(job)).segments;
  const provenance = await jobProvenance(job);
  const stored = await readState(job);
  const rows = new Map<string, Row>();
  const byKey = new Map<string, Row[]>();
  const writtenById = new Map(written.map((s) => [s.id, s]));
  for (const segment of base) {
    const record = writtenById.get(segment.id);
    const entry = stored.segments[segment.id];
    const kept = entry && entry.source === segment.source && REVIEW_STATES.includes(entry.state) ? entry : null;
    const machine = kept?.machine ?? pick(record ?? segment);
    const row: Row = {
      base: segment,
      machine,
      current: kept?.current ?? (record ? pick(record) : machine),
      // A translation the memory gave the run (an earlier import) is already approved.
      state: kept?.state ?? (record && isReviewedFromMemory(record) ? 'approved' : 'todo'),
      version: kept?.version ?? 0,
      at: kept?.at ?? null,
      by: kept?.by ?? null,
    };
    rows.set(segment.id, row);
    const key = reviewKey(segment.source, segment.sourceTags);
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  let check = services.checker(written);
  const listeners = new Set<(event: WorkspaceEvent) => void>();
  const emit = (event: WorkspaceEvent) => {
    for (const listener of listeners) listener(event);
  };
  // Saves and re-exports of one job one at a time: a version check and its write never interleave with another.
  const serial = new PQueue({ concurrency: 1 });

  const live = (row: Row): LiveSegment => ({
    id: row.base.id,
    paragraph: row.base.paragraph,
    kind: row.base.kind,
    source: row.base.source,
    target: row.current.target,
    glossary: row.current.glossary,
    flags: row.current.flags,
    ...(row.current.targetTags ? { targetTags: row.current.targetTags } : {}),
    machineTarget: row.machine.target,
    state: row.state,
    version: row.version,
    updatedAt: row.at,
    updatedBy: row.by,
  });

  const persist = () => {
    const segments: Record<string, StoredEntry> = Object.create(null);
    for (const row of rows.values())
      if (row.version > 0)
        segments[row.base.id] = {
          source: row.base.source,
          version: row.version,
          state: row.state,
          at: row.at ?? '',
          by: row.by,
          current: row.current,
          machine: row.machine,
        };
    const state: StoredState = { format: 'lv2en-review-state', version: 1, document: job.document, segments };
    return writeFilesAtomically([{ path: join(job.dir, STATE_FILE), content: `${JSON.stringify(state)}\n` }]);
  };

  const save = async (request: SaveRequest): Promise<SaveOutcome> => {
    const row = rows.get(request.id);
    if (!row) return { status: 'not-found' };
    if (row.base.kind !== 'sentence')
      return { status: 'invalid', message: `segment ${request.id} is page furniture (boilerplate): it is not translated` };
    if (request.version !== row.version) return { status: 'conflict', current: live(row) };
    const target = request.state === 'todo' ? row.machine.target : request.target?.trim();
    if (request.state === 'todo' && request.target !== undefined && request.target.trim() !== (row.machine.target ?? ''))
      return { status: 'invalid', message: 'a segment set back to todo keeps the machine translation: leave target out' };
    if (request.state !== 'todo' && !target) return { status: 'invalid', message: `an ${request.state} segment needs a non-empty target` };
    const { source, sourceTags } = row.base;
    const placed = request.state === 'todo' ? null : reviewerTags(sourceTags, request.targetTags, target!);
    if (typeof placed === 'string') return { status: 'invalid', message: placed };
    if (request.state === 'todo') services.reviewed.remove([{ source, tags: sourceTags }]);
    else
      services.reviewed.store([
        {
          source,
          target: target!,
          origin: `${job.document}#${row.base.id} (lv2en serve)`,
          ...(sourceTags?.length ? { sourceTags, ...(placed ? { targetTags: placed } : {}) } : {}),
        },
      ]);
    const at = new Date().toISOString();
    const siblings = byKey.get(reviewKey(source, sourceTags)) ?? [row];
    for (const sibling of siblings) {
      sibling.current = request.state === 'todo' ? sibling.machine : pick(await check(sibling.base));
      sibling.state = request.state;
      sibling.version += 1;
      sibling.at = at;
      sibling.by = request.by ?? null;
    }
    await persist();
    const segments = siblings.map(live);
    emit({ type: 'saved', segments });
    return { status: 'saved', segments };
  };

  const workspace: ReviewWorkspace = {
    dir: job.dir,
    document: job.document,
    segments: () => [...rows.values()].map(live),
    segment: (id) => {
      const row = rows.get(id);
      return row ? live(row) : null;
    },
    counts() {
      const counts: Record<ReviewState, number> = { todo: 0, edited: 0, approved: 0 };
      for (const row of rows.values()) if (row.base.kind === 'sentence') counts[row.state] += 1;
      return counts;
    },
    save: (request) => serial.add(() => save(request)) as Promise<SaveOutcome>,
    reexport: (by) =>
      serial.add(async () => {
        const result = await services.rerun(job);
        const fresh = new Map(result.segments.map((s) => [s.id, s]));
        for (const row of rows.values()) {
          const record = fresh.get(row.base.id);
          if (record && row.state !== 'todo') row.current = pick(record);
        }
        check = services.checker(result.segments);
        emit({ type: 'reexported', outputs: result.outputs, ...(by === undefined ? {} : { by }) });
        return { outputs: result.outputs };
      }) as Promise<{ outputs: string[] }>,
    page(api) {
      const overlay: Record<string, LiveOverlay> = Object.create(null);
      for (const row of rows.values()) if (row.version > 0 || row.state !== 'todo') overlay[row.base.id] = liveOverlay(live(row));
      const info: LivePage = { api, segments: overlay };
      const machineRecords = [...rows.values()].map((row) => ({ ...row.base, ...row.machine }));
      return {
        html: renderReviewPage({ name: job.document, segments: machineRecords, provenance: provenance ?? undefined, live: info }),
        contentSecurityPolicy: LIVE_PAGE_CSP,
      };
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return workspace;
}

const pick = (segment: Pick<Segment, 'target' | 'glossary' | 'flags' | 'targetTags'>) => ({
  target: segment.target,
  glossary: segment.glossary,
  flags: segment.flags,
  ...(segment.targetTags ? { targetTags: segment.targetTags } : {}),
});

/**
 * The reviewer's placement of a sentence's codes as full codes (the
 * source's markup on each), null where there is none to take, or what is
 * wrong with it: each of the source's codes must be there once, at an
 * offset into the target, well nested.
 */
function reviewerTags(
  sourceTags: readonly InlineTag[] | undefined,
  placed: SaveRequest['targetTags'],
  target: string,
): InlineTag[] | null | string {
  if (!placed) return null;
  if (!sourceTags?.length) return 'targetTags given for a sentence without inline codes';
  const used = new Set<string>();
  const tags: InlineTag[] = [];
  for (const tag of placed) {
    const source = sourceTags.find((s) => s.kind === tag.kind && s.id === tag.id);
    if (!source) return `the sentence has no ${tag.kind} code ${JSON.stringify(tag.id)}`;
    if (used.has(`${tag.kind}:${tag.id}`)) return `the ${tag.kind} code ${JSON.stringify(tag.id)} is there twice`;
    if (!Number.isInteger(tag.at) || tag.at < 0 || tag.at > target.length)
      return `code ${JSON.stringify(tag.id)} is not at an offset into the target`;
    used.add(`${tag.kind}:${tag.id}`);
    tags.push({ ...source, at: tag.at });
  }
  const missing = sourceTags.filter((s) => !used.has(`${s.kind}:${s.id}`));
  if (missing.length > 0) return `every inline code must be kept: ${missing.map((s) => `${s.kind} ${s.id}`).join(', ')} missing`;
  tags.sort(
    (a, b) =>
      a.at - b.at ||
      placed.findIndex((p) => p.id === a.id && p.kind === a.kind) - placed.findIndex((p) => p.id === b.id && p.kind === b.kind),
  );
  const problem = nestingProblem(tags, target.length);
  return problem === null ? tags : `the inline codes are not well nested: ${problem}`;
}

/** What the live page applies over a segment's machine record. */
export function liveOverlay(segment: LiveSegment): LiveOverlay {
  return {
    version: segment.version,
    state: segment.state,
    target: segment.target,
    glossary: segment.glossary.map((h) => ({ start: h.start, end: h.end, lemma: h.lemma, target: h.target, status: h.status })),
    flags: segment.flags.map((flag): LiveFlag => liveFlag(flag)),
    ...(segment.targetTags ? { targetTags: segment.targetTags.map(pageTag) } : {}),
  };
}

async function readState(job: JobFolder): Promise<StoredState> {
  const path = join(job.dir, STATE_FILE);
  const empty: StoredState = { format: 'lv2en-review-state', version: 1, document: job.document, segments: Object.create(null) };
  if (!(await isPlainFile(path))) return empty;
  try {
    const state = JSON.parse(await readFile(path, 'utf8')) as StoredState;
    if (state?.format !== 'lv2en-review-state' || state.version !== 1 || typeof state.segments !== 'object' || state.segments === null)
      return empty;
    return { ...state, segments: Object.assign(Object.create(null), state.segments) };
  } catch {
    return empty;
  }
}
