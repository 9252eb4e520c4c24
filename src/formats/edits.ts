import { Lv2enError } from '../core/errors.js';
import type { InlineTag } from '../core/segment-record.js';
import type { ReadReviewFile } from './types.js';

/**
 * The file the review page exports (`<name>.edits.json`): the segments a
 * reviewer edited or marked reviewed. Every entry is a reviewed translation.
 */
export const EDITS_FORMAT = 'lv2en-review-edits';

export interface EditsFile {
  format: typeof EDITS_FORMAT;
  version: 1;
  document: string;
  exportedAt: string;
  segments: EditedSegment[];
}

export interface EditedSegment {
  id: string;
  source: string;
  /** The translation the reviewer approved: edited, or the machine's as it was. */
  target: string;
  /** What the machine wrote, for the record. */
  machineTarget: string | null;
  edited: boolean;
  /** A document sentence's inline codes (offsets into `source`) and where the reviewer left them (offsets into `target`); the page keeps no markup. */
  sourceTags?: EditedTag[];
  targetTags?: EditedTag[];
}

export type EditedTag = Pick<InlineTag, 'kind' | 'id' | 'at' | 'type'>;

const TAG_KINDS: ReadonlySet<unknown> = new Set(['open', 'close', 'isolated']);

/** Checks one entry's codes against its texts; returns the problem, or null. */
function tagsProblem(entry: Record<string, unknown>, field: 'sourceTags' | 'targetTags', text: string): string | null {
  const tags = entry[field];
  if (tags === undefined) return null;
  if (!Array.isArray(tags)) return `${field} is not a list`;
  for (const [i, tag] of (tags as unknown[]).entries()) {
    const t = tag as Record<string, unknown> | null;
    if (typeof t !== 'object' || t === null || !TAG_KINDS.has(t.kind) || typeof t.id !== 'string' || typeof t.type !== 'string')
      return `${field}[${i}] is not an inline code (kind, id, at, type)`;
    if (!Number.isInteger(t.at) || (t.at as number) < 0 || (t.at as number) > text.length)
      return `${field}[${i}].at is not an offset into the text`;
  }
  return null;
}

const withMarkup = (tags: readonly EditedTag[] | undefined): InlineTag[] | undefined =>
  tags?.map((tag) => ({ kind: tag.kind, id: tag.id, at: tag.at, type: tag.type, data: '' }));

/** Checks the shape of a parsed edits file; returns the problem, or null. */
export function editsProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'the file holds no JSON object';
  const file = value as Record<string, unknown>;
  if (file.format !== EDITS_FORMAT) return `"format" is ${JSON.stringify(file.format)}, not "${EDITS_FORMAT}"`;
  if (file.version !== 1) return `version ${JSON.stringify(file.version)} is not one this lv2en reads (1)`;
  if (!Array.isArray(file.segments)) return '"segments" is not a list';
  for (const [i, entry] of (file.segments as unknown[]).entries()) {
    const e = entry as Record<string, unknown> | null;
    if (typeof e !== 'object' || e === null) return `segments[${i}] is not an object`;
    for (const field of ['id', 'source', 'target'] as const)
      if (typeof e[field] !== 'string') return `segments[${i}].${field} is not a string`;
    const problem = tagsProblem(e, 'sourceTags', e.source as string) ?? tagsProblem(e, 'targetTags', e.target as string);
    if (problem) return `segments[${i}].${problem}`;
  }
  return null;
}

/**
 * Reads an edits file the review page exported. Every entry is a translation
 * the reviewer approved; a file of another shape is refused whole.
 */
export function readEdits(text: string, path: string): ReadReviewFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Lv2enError(
      'REVIEW_FILE_INVALID',
      `not valid JSON (${(error as Error).message})`,
      'Export the edits again from the review page. Nothing was imported',
      { file: path },
    );
  }
  const problem = editsProblem(value);
  if (problem)
    throw new Lv2enError(
      'REVIEW_FILE_INVALID',
      `not a review page edits file: ${problem}`,
      'Export the edits again from the review page. Nothing was imported',
      { file: path },
    );
  const file = value as EditsFile;
  return {
    format: 'edits',
    document: typeof file.document === 'string' ? file.document : null,
    units: file.segments.map((entry) => ({
      id: entry.id,
      source: entry.source,
      target: entry.target,
      ...(entry.sourceTags?.length ? { sourceTags: withMarkup(entry.sourceTags), targetTags: withMarkup(entry.targetTags) ?? [] } : {}),
      notTranslatable: false,
      confirmed: true,
      writtenHash: null,
    })),
    unmarkedMeansConfirmed: true,
  };
}
