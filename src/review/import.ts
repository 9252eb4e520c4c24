import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Lv2enError } from '../core/errors.js';
import { FORMAT_LABEL, readReviewText, type ReadReviewFile, type ReadUnit, type ReviewFileFormat } from '../formats/index.js';
import type { InlineTag } from '../core/segment-record.js';
import { machineTargetHash } from '../formats/xml.js';
import type { ReviewedTranslation, ReviewedTranslations, StoreResult } from '../memory/reviewed.js';

/**
 * Reads reviewed translations back from what a reviewer returns: the review
 * page's edits file, an XLIFF 2.x or 1.2 file from a CAT tool, or a TMX.
 *
 * Which units count as reviewed:
 *   edits file     every entry (the page exports only reviewed segments)
 *   XLIFF 2.x      state reviewed or final, or a target that differs from the
 *                  one lv2en wrote (found by the fingerprint in its metadata)
 *   XLIFF 1.2      approved="yes", state signed-off or final, or a changed target
 *   TMX            status reviewed or a changed target; a TMX lv2en did not
 *                  write (no fingerprint) is a memory of confirmed translations:
 *                  all of it
 * `all: true` takes every unit with a target (a reviewer who went through the
 * whole file without confirming segments one by one). Units marked not for
 * translation (boilerplate) are never taken.
 */
export interface ImportOptions {
  all?: boolean;
}

export interface ImportSkips {
  /** The target is the machine translation lv2en wrote, unconfirmed. */
  unchanged: number;
  /** No target, or an empty one. */
  empty: number;
  /** Marked not for translation. */
  notTranslatable: number;
  /** XLIFF from elsewhere (no lv2en fingerprint) and not confirmed: use `all` to take it. */
  unmarked: number;
}

export interface ReviewFileContents {
  file: string;
  format: ReviewFileFormat;
  /** The document name the file names, if it does. */
  document: string | null;
  /** Translation units in the file. */
  units: number;
  reviewed: ReviewedTranslation[];
  skipped: ImportSkips;
}

export interface ImportReport extends ReviewFileContents {
  stored: StoreResult | null;
}

export { FORMAT_LABEL, type ReviewFileFormat };

/** Reads a review file and stores its reviewed translations; `memory` null reads only (a dry run). */
export async function importReviewFile(
  path: string,
  memory: Pick<ReviewedTranslations, 'store'> | null,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const contents = await readReviewFile(path, options);
  const stored =
    memory && contents.reviewed.length > 0 ? memory.store(contents.reviewed) : memory ? { added: 0, updated: 0, unchanged: 0 } : null;
  return { ...contents, stored };
}

export async function readReviewFile(path: string, options: ImportOptions = {}): Promise<ReviewFileContents> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new Lv2enError('INPUT_NOT_FOUND', `${path} does not exist`, 'Name an edits .json, .xlf or .tmx file', { file: path });
    if (code === 'EISDIR') throw new Lv2enError('USAGE', `${path} is a folder`, 'Name an edits .json, .xlf or .tmx file', { file: path });
    throw error;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Lv2enError('INPUT_BAD_ENCODING', 'not UTF-8', 'Export the file as UTF-8 from the CAT tool', { file: path });
  }
  return parseReviewFile(text, path, options);
}

export function parseReviewFile(input: string, path: string, options: ImportOptions = {}): ReviewFileContents {
  return selectReviewed(readReviewText(input, path), path, options);
}

/** Which units of a file read through formats are reviewed translations, and why the others are not. */
function selectReviewed(file: ReadReviewFile, path: string, options: ImportOptions): ReviewFileContents {
  const origin = basename(path);
  const skipped: ImportSkips = { unchanged: 0, empty: 0, notTranslatable: 0, unmarked: 0 };
  const reviewed: ReviewedTranslation[] = [];
  const take = (unit: ReadUnit) => {
    // A document sentence's codes come along: the translation is stored under its text and their shape.
    const source = trimTagged(unit.source, unit.sourceTags ?? []);
    const target = trimTagged(unit.target ?? '', unit.targetTags ?? []);
    reviewed.push({
      source: source.text,
      target: target.text,
      origin: `${origin}#${unit.id}`,
      ...(source.tags.length > 0 ? { sourceTags: source.tags, targetTags: target.tags } : {}),
    });
  };
  for (const unit of file.units) {
    const target = unit.target?.trim() ?? '';
    if (unit.notTranslatable) skipped.notTranslatable += 1;
    else if (target === '' || unit.source.trim() === '') skipped.empty += 1;
    else if (options.all || unit.confirmed) take(unit);
    else if (unit.writtenHash !== null) {
      if (machineTargetHash(target) !== unit.writtenHash && machineTargetHash(unit.target ?? '') !== unit.writtenHash) take(unit);
      else skipped.unchanged += 1;
    } else if (file.unmarkedMeansConfirmed) take(unit);
    else skipped.unmarked += 1;
  }
  return { file: path, format: file.format, document: file.document, units: file.units.length, reviewed, skipped };
}

/** A unit's text trimmed as the pipeline's sentences are, its codes in the whitespace moved to the edge of what is left. */
function trimTagged(text: string, tags: readonly InlineTag[]): { text: string; tags: InlineTag[] } {
  const lead = text.length - text.trimStart().length;
  const trimmed = text.trim();
  return { text: trimmed, tags: tags.map((tag) => ({ ...tag, at: Math.min(trimmed.length, Math.max(0, tag.at - lead)) })) };
}
