import { Lv2enError } from '../core/errors.js';
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
}

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
      notTranslatable: false,
      confirmed: true,
      writtenHash: null,
    })),
    unmarkedMeansConfirmed: true,
  };
}
