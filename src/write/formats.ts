import type { Segment } from '../core/segment-record.js';
import { LayoutRebuilder } from './layout.js';
import { tmxRenderer } from './tmx.js';
import { xliff12Renderer, xliff2Renderer } from './xliff.js';
import { reviewPageRenderer } from '../review/page/index.js';

export interface WriteInput {
  name: string;
  /** The normalised source text the segment offsets point into. */
  text: string;
  segments: readonly Segment[];
}

/** Renders a document piece by piece, so a long document never has to be held whole. */
export interface ChunkRenderer {
  chunk(segments: readonly Segment[]): string;
  finish(): string;
}

export interface OutputFormat {
  /** Appended to the document name: `belarus` + `.en.txt`. */
  suffix: string;
  /** Incremental rendering, for formats that can: the writer streams them. */
  stream?(document: { name: string; text: string }): ChunkRenderer;
  /** Whole-document rendering, for formats that need all segments at once (XML trees, the review page). */
  render?(input: WriteInput): string;
}

const tsvField = (value: string) => value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');

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
  })}\n`;

export const outputFormats: Record<string, OutputFormat> = {
  jsonl: {
    suffix: '.jsonl',
    stream: () => ({ chunk: (segments) => segments.map(jsonlRecord).join(''), finish: () => '' }),
  },
  tsv: {
    suffix: '.tsv',
    stream: () => {
      let header = 'id\tsource\ttarget\n';
      return {
        chunk: (segments) => {
          const rows = header + segments.map((s) => `${s.id}\t${tsvField(s.source)}\t${tsvField(s.target ?? '')}\n`).join('');
          header = '';
          return rows;
        },
        finish: () => header,
      };
    },
  },
  txt: {
    suffix: '.en.txt',
    stream: ({ text }) => {
      const layout = new LayoutRebuilder(text);
      return { chunk: (segments) => layout.add(segments), finish: () => layout.finish() };
    },
  },
  // Review formats: TMX 1.4b for translation memories, XLIFF 2.1 and 1.2 for CAT tools.
  tmx: { suffix: '.tmx', stream: tmxRenderer },
  xlf: { suffix: '.xlf', stream: xliff2Renderer },
  'v12.xlf': { suffix: '.v12.xlf', stream: xliff12Renderer },
  // The review page: source and translation side by side, editable, self-contained.
  html: { suffix: '.html', stream: reviewPageRenderer },
};

/** What a run writes when neither the pipeline file nor --format says otherwise. */
export const DEFAULT_FORMATS = ['jsonl', 'tsv', 'txt', 'html'] as const;
