import { Lv2enError } from '../core/errors.js';
import type { ChunkRenderer } from './types.js';

/**
 * `id source target`, a header row first. Tabs, line breaks and backslashes in
 * the text are written `\t` `\n` `\\`, so every segment is one row of three
 * fields; an untranslated segment has an empty target.
 */
const HEADER = 'id\tsource\ttarget\n';

const tsvField = (value: string) => value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');

const ESCAPES = new Map([
  ['\\\\', '\\'],
  ['\\t', '\t'],
  ['\\n', '\n'],
]);
const unescapeField = (value: string) => value.replace(/\\[\\tn]/g, (sequence) => ESCAPES.get(sequence)!);

export function tsvRenderer(): ChunkRenderer {
  let header = HEADER;
  return {
    chunk: (segments) => {
      const rows = header + segments.map((s) => `${s.id}\t${tsvField(s.source)}\t${tsvField(s.target ?? '')}\n`).join('');
      header = '';
      return rows;
    },
    finish: () => header,
  };
}

export interface TsvRow {
  id: string;
  source: string;
  /** Empty for a segment without a translation. */
  target: string;
}

/** Reads the rows back, escapes undone. */
export function parseTsv(text: string, file = '<tsv>'): TsvRow[] {
  const lines = text.split('\n');
  if (lines[0] !== HEADER.trimEnd())
    throw new Lv2enError('REVIEW_FILE_INVALID', 'not an lv2en TSV (no id/source/target header)', 'Give the .tsv a translate run wrote', {
      file,
      line: 1,
    });
  const rows: TsvRow[] = [];
  for (const [i, line] of lines.slice(1).entries()) {
    if (line === '') continue;
    const fields = line.split('\t');
    if (fields.length !== 3)
      throw new Lv2enError('REVIEW_FILE_INVALID', `a row of ${fields.length} fields, not 3`, 'Give the .tsv a translate run wrote', {
        file,
        line: i + 2,
      });
    rows.push({ id: fields[0]!, source: unescapeField(fields[1]!), target: unescapeField(fields[2]!) });
  }
  return rows;
}
