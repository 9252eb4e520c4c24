import type { Segment } from '../core/segment-record.js';
import { rebuildLayout } from './layout.js';

export interface WriteInput {
  name: string;
  /** The normalised source text the segment offsets point into. */
  text: string;
  segments: readonly Segment[];
}

export interface OutputFormat {
  /** Appended to the document name: `belarus` + `.en.txt`. */
  suffix: string;
  render(input: WriteInput): string;
}

const tsvField = (value: string) => value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');

export const outputFormats: Record<string, OutputFormat> = {
  jsonl: {
    suffix: '.jsonl',
    render: ({ segments }) =>
      segments
        .map((s) => JSON.stringify({ id: s.id, paragraph: s.paragraph, start: s.start, end: s.end, kind: s.kind, source: s.source, target: s.target, glossary: s.glossary, flags: s.flags }) + '\n')
        .join(''),
  },
  tsv: {
    suffix: '.tsv',
    render: ({ segments }) => ['id\tsource\ttarget\n', ...segments.map((s) => `${s.id}\t${tsvField(s.source)}\t${tsvField(s.target ?? '')}\n`)].join(''),
  },
  txt: {
    suffix: '.en.txt',
    render: ({ text, segments }) => rebuildLayout(text, segments),
  },
};

export const DEFAULT_FORMATS = ['jsonl', 'tsv', 'txt'] as const;
