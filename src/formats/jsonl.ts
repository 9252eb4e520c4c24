import { Lv2enError } from '../core/errors.js';
import type { InlineTag, Segment } from '../core/segment-record.js';
import type { ChunkRenderer } from './types.js';

/** One segment record a line, every field of the record: the machine-readable output. */
const jsonlRecord = (s: Segment) =>
  `${JSON.stringify({
    id: s.id,
    paragraph: s.paragraph,
    start: s.start,
    end: s.end,
    kind: s.kind,
    source: s.source,
    target: s.target,
    glossary: s.glossary,
    flags: s.flags,
    // A document's inline codes; plain text has none and its lines stay as they were.
    ...(s.sourceTags ? { sourceTags: s.sourceTags } : {}),
    ...(s.targetTags ? { targetTags: s.targetTags } : {}),
  })}\n`;

export const jsonlRenderer = (): ChunkRenderer => ({ chunk: (segments) => segments.map(jsonlRecord).join(''), finish: () => '' });

/**
 * One JSONL line back to a segment record (null for a blank line); a line that
 * is no record is refused with its line number. Fields a stage result may
 * lack get the values a fresh segment has.
 */
export function parseJsonlLine(text: string, file: string, line: number): Segment | null {
  if (text.trim() === '') return null;
  let record: Partial<Segment>;
  try {
    record = JSON.parse(text);
  } catch (error) {
    throw new Lv2enError('REVIEW_FILE_INVALID', `not a JSON line (${(error as Error).message})`, 'Give the .jsonl a translate run wrote', {
      file,
      line,
    });
  }
  if (typeof record !== 'object' || record === null || typeof record.id !== 'string' || typeof record.source !== 'string')
    throw new Lv2enError('REVIEW_FILE_INVALID', 'not a segment record (no id or source)', 'Give the .jsonl a translate run wrote', {
      file,
      line,
    });
  return {
    id: record.id,
    paragraph: typeof record.paragraph === 'number' ? record.paragraph : 0,
    start: record.start ?? 0,
    end: record.end ?? 0,
    source: record.source,
    kind: record.kind === 'boilerplate' ? 'boilerplate' : 'sentence',
    target: typeof record.target === 'string' ? record.target : null,
    glossary: Array.isArray(record.glossary) ? record.glossary : [],
    flags: Array.isArray(record.flags) ? record.flags.filter((f): f is string => typeof f === 'string') : [],
    ...tagsField('sourceTags', record.sourceTags),
    ...tagsField('targetTags', record.targetTags),
  };
}

const TAG_KINDS = new Set(['open', 'close', 'isolated']);
const isTag = (value: unknown): value is InlineTag => {
  const tag = value as Partial<InlineTag> | null;
  return (
    typeof tag === 'object' &&
    tag !== null &&
    TAG_KINDS.has(tag.kind as string) &&
    typeof tag.id === 'string' &&
    Number.isInteger(tag.at) &&
    typeof tag.type === 'string' &&
    typeof tag.data === 'string'
  );
};

/** A record's tag list as written; a list with anything else in it is not one lv2en wrote, and is left out. */
const tagsField = (name: 'sourceTags' | 'targetTags', value: unknown) =>
  Array.isArray(value) && value.every(isTag) ? { [name]: value as InlineTag[] } : {};

/** Reads a whole JSONL output back to its segment records. */
export const parseJsonl = (text: string, file = '<jsonl>'): Segment[] =>
  text.split('\n').flatMap((line, i) => parseJsonlLine(line, file, i + 1) ?? []);
