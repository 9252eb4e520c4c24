import { extname, join } from 'node:path';
import { Lv2enError } from '../core/errors.js';
import type { DocumentFormat } from './document/index.js';
import { readEdits } from './edits.js';
import { reviewPageRenderer } from './html/index.js';
import { jsonlRenderer } from './jsonl.js';
import { isTmx, readTmx, tmxRenderer } from './tmx.js';
import { tsvRenderer } from './tsv.js';
import { txtRenderer } from './txt.js';
import type { OutputFormat, ReadReviewFile, ReviewFileFormat } from './types.js';
import { isXliff12, readXliff12, xliff12Renderer } from './xliff12.js';
import { isXliff2, readXliff2, xliff2Renderer } from './xliff2.js';
import { checkWellFormed, UNSAFE_XML_HINT } from './xml-check.js';
import { parseXmlRoot, type XElement } from './xml-read.js';
import { docx } from './docx/index.js';
import { markdown } from './markdown/index.js';
import { fodt, odt } from './odt/index.js';
import { srt, vtt } from './subtitles/index.js';
import { webpage } from './webpage/index.js';
import { xliff } from './xliff/index.js';

/**
 * Every file format lv2en writes or reads. Each format is one module holding
 * its writer and, where lv2en imports it, its reader; this file is the one
 * list of them. Adding a format: write its module (a `ChunkRenderer` and, if
 * lv2en reads it back, a reader returning `ReadReviewFile`) and add a line
 * below.
 */
export type { ChunkRenderer, DocumentInfo, OutputFormat, ReadReviewFile, ReadUnit, ReviewFileFormat, WriteInput } from './types.js';
export { parseProvenanceFile, PROVENANCE_SUFFIX, provenanceFile, type Provenance } from './provenance.js';
export type {
  ByteSink,
  DocumentBlock,
  DocumentFormat,
  DocumentOptions,
  ReadContext,
  TranslatedBlock,
  TranslationSource,
} from './document/index.js';

/** Output format name (as `--format` and `outputs:` take it) → its writer. */
export const outputFormats: Readonly<Record<string, OutputFormat>> = Object.assign(Object.create(null), {
  jsonl: { suffix: '.jsonl', stream: jsonlRenderer },
  tsv: { suffix: '.tsv', stream: tsvRenderer },
  txt: { suffix: '.en.txt', stream: txtRenderer },
  // Review formats: TMX 1.4b for translation memories, XLIFF 2.1 and 1.2 for CAT tools.
  tmx: { suffix: '.tmx', stream: tmxRenderer },
  xlf: { suffix: '.xlf', stream: xliff2Renderer },
  'v12.xlf': { suffix: '.v12.xlf', stream: xliff12Renderer },
  // The review page: source and translation side by side, editable, self-contained.
  html: { suffix: '.html', stream: reviewPageRenderer },
} satisfies Record<string, OutputFormat>);

/** Every format name --format and `outputs:` accept. */
export const outputFormatNames = (): string[] => Object.keys(outputFormats);

/** What a translate job writes when neither the pipeline file nor `--format` says otherwise. */
export const DEFAULT_FORMATS: readonly string[] = ['jsonl', 'tsv', 'txt', 'html'];

export function checkFormats(formats: readonly string[]): void {
  const unknown = formats.filter((format) => !(format in outputFormats));
  if (unknown.length > 0) {
    throw new Lv2enError(
      'USAGE',
      `unknown output format "${unknown.join('", "')}"`,
      `Use a comma-separated list of: ${Object.keys(outputFormats).join(', ')}`,
    );
  }
}

export const outputPath = (outDir: string, name: string, format: string) => join(outDir, name + outputFormats[format]!.suffix);

/** The review files lv2en reads back, as people call them. */
export const FORMAT_LABEL: Readonly<Record<ReviewFileFormat, string>> = {
  edits: 'review page edits',
  'xliff-2': 'XLIFF 2',
  'xliff-1.2': 'XLIFF 1.2',
  tmx: 'TMX',
};

/** XML review formats: how each is recognised by its root element, and read. */
const XML_READERS: readonly { accepts(root: XElement): boolean; read(root: XElement): ReadReviewFile }[] = [
  { accepts: isXliff2, read: readXliff2 },
  { accepts: isXliff12, read: readXliff12 },
  { accepts: isTmx, read: readTmx },
];

/**
 * Reads a review file whatever its format: the page's edits (JSON), XLIFF 2.x,
 * XLIFF 1.2 or TMX, told apart by their content, never by the file name.
 * XML that is not well-formed is refused whole, before anything is read.
 */
export function readReviewText(input: string, path: string): ReadReviewFile {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  if (text.trimStart().startsWith('{')) return readEdits(text, path);
  if (!text.trimStart().startsWith('<')) throw unknownFile(path);
  const problem = checkWellFormed(text);
  if (problem?.unsafe) {
    throw new Lv2enError(
      'XML_UNSAFE',
      `refused XML: ${problem.message}`,
      `${UNSAFE_XML_HINT}, then import it again. Nothing was imported`,
      {
        file: path,
        line: problem.line,
        column: problem.column,
      },
    );
  }
  if (problem) {
    throw new Lv2enError(
      'REVIEW_FILE_INVALID',
      `not well-formed XML: ${problem.message}`,
      'The file is damaged or cut short; export it again from the CAT tool. Nothing was imported',
      { file: path, line: problem.line, column: problem.column },
    );
  }
  const root = parseXmlRoot(text);
  const reader = XML_READERS.find((r) => r.accepts(root));
  if (!reader) throw unknownFile(path);
  return reader.read(root);
}

const unknownFile = (path: string) =>
  new Lv2enError(
    'REVIEW_FILE_INVALID',
    'not a file lv2en can import',
    'Give the review page’s .edits.json, an XLIFF 2 or 1.2 file (.xlf, .v12.xlf) or a TMX file',
    { file: path },
  );

/**
 * Every document format lv2en translates in place (the file comes back with
 * its English): a reader and a writer each. Plain text is not among them; it
 * is what the ingest stage reads when no document format applies.
 */
export const DOCUMENT_FORMATS: readonly DocumentFormat[] = [webpage, markdown, srt, vtt, xliff, docx, odt, fodt];

/** What `--input-format` takes besides the document formats' names. */
export const PLAIN_TEXT_FORMAT = 'text';
const PLAIN_TEXT_EXTENSIONS = new Set(['.txt', '.text']);

export const inputFormatNames = (): string[] => [PLAIN_TEXT_FORMAT, ...DOCUMENT_FORMATS.map((f) => f.name)];

/** The document format `--input-format` names; null for plain text. */
export function documentFormatNamed(name: string): DocumentFormat | null {
  if (name === PLAIN_TEXT_FORMAT || name === 'txt') return null;
  const format = DOCUMENT_FORMATS.find((f) => f.name === name);
  if (!format) throw new Lv2enError('USAGE', `unknown input format "${name}"`, `Use one of: ${inputFormatNames().join(', ')}`);
  return format;
}

/**
 * The format of a file: the one `--input-format` names; else the one its
 * extension names, unless the content is plainly another format (a web page
 * saved as .doc, a Word file called .xml); else whatever the content says;
 * else plain text (null).
 */
export function detectDocumentFormat(path: string, bytes: Uint8Array, override?: string): DocumentFormat | null {
  if (override !== undefined) return documentFormatNamed(override);
  const extension = extname(path).toLowerCase();
  if (PLAIN_TEXT_EXTENSIONS.has(extension)) return null;
  const byExtension = DOCUMENT_FORMATS.find((f) => f.extensions.includes(extension)) ?? null;
  if (byExtension?.sniff(bytes)) return byExtension;
  return DOCUMENT_FORMATS.find((f) => f.sniff(bytes)) ?? byExtension;
}

/**
 * The translated document's name ending: `report.docx` gives `report.en.docx`;
 * an input with another of its format's endings keeps it (`job.sdlxliff`
 * gives `job.en.sdlxliff`: the CAT tool opens it by that name).
 */
export function translatedSuffix(format: DocumentFormat, path: string): string {
  const extension = extname(path).toLowerCase();
  return `.en${format.extensions.includes(extension) ? extension : format.extensions[0]}`;
}

/** A document format by name (`html`), as a document remembers it; undefined for plain text. */
export const documentFormatByName = (name: string | undefined) => DOCUMENT_FORMATS.find((f) => f.name === name);
