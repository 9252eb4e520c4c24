import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { Lv2enError } from '../core/errors.js';
import { hashBytes, hashOf } from '../core/hash.js';
import type { InlineTag } from '../core/segment-record.js';
import { DOCUMENT_FORMATS, type DocumentFormat, type DocumentOptions, detectDocumentFormat } from '../formats/index.js';
import { decodeSourceText } from './decode.js';

export { decodeSourceText, firstInvalidUtf8Offset, normalizeText } from './decode.js';

export interface SourceDocument {
  /** Output base name: `belarus.lv.txt` → `belarus`. */
  name: string;
  /** The path given by the user, or `-` for stdin. */
  path: string;
  /** The plain text every offset points into; a document's blocks joined by blank lines. */
  text: string;
  /** A document's format (`docx`, `html`); absent for plain text. */
  format?: string;
  /** A document's translatable blocks, in the order its writer takes their translations. */
  blocks?: SourceBlock[];
  /** The file as read, for the document writer to rebuild around the translation. */
  bytes?: Uint8Array;
  /** What decides the outputs when more than `text` does (a document's bytes and tags); keys the stage chain. */
  digest?: string;
  /** What the reader had to tell the user (a passage it left untranslated, and why). */
  warnings?: string[];
  /** How the document was read (its writer reads it again the same way). */
  options?: DocumentOptions;
}

/** One block of a document: `text.slice(start, end)` of the document, with its inline tags (offsets into the block). */
export interface SourceBlock {
  start: number;
  end: number;
  tags: InlineTag[];
  context?: string;
}

/** Blocks of a document are joined by a blank line: the segmenter never joins across one. */
const BLOCK_SEPARATOR = '\n\n';

/** The kinds of file lv2en reads, by file-name extension: plain text and every document format (what a server's file upload accepts). */
export const READABLE_FILE_TYPES: readonly { extension: string; description: string }[] = [
  { extension: '.txt', description: 'plain UTF-8 text' },
  ...DOCUMENT_FORMATS.flatMap((format) => format.extensions.map((extension) => ({ extension, description: format.label }))),
];

/** True when lv2en reads a file of this name. */
export const isReadableFile = (name: string): boolean => {
  const extension = extname(name).toLowerCase();
  return extension !== '' && READABLE_FILE_TYPES.some((type) => type.extension === extension);
};

/** `plain UTF-8 text (.txt), web page (.html, .htm, .xhtml), …`: for messages that name what lv2en reads. */
export const describeReadableFiles = (): string => {
  const byKind = new Map<string, string[]>();
  for (const type of READABLE_FILE_TYPES) byKind.set(type.description, [...(byKind.get(type.description) ?? []), type.extension]);
  return [...byKind].map(([description, extensions]) => `${description} (${extensions.join(', ')})`).join(', ');
};

/** `news.lv.txt` → `news`, `news.txt` → `news`, `report.lv.docx` → `report`, `news` → `news`. */
export function documentName(path: string): string {
  const extension = extname(path).toLowerCase();
  const known = ['.txt', '.text', '.md', ...DOCUMENT_FORMATS.flatMap((f) => f.extensions)].includes(extension);
  const base = known ? basename(path).slice(0, -extension.length) : basename(path);
  return base.replace(/\.lv$/i, '') || base || 'stdin';
}

export interface ReadOptions extends DocumentOptions {
  /** The input format (`--input-format`); default: from the extension and the content. */
  format?: string;
}

/** A document's blocks as the pipeline's source: one text, block ranges into it, and a digest of all that decides the output. */
export async function documentFromBytes(
  bytes: Uint8Array,
  path: string,
  name: string,
  format: DocumentFormat,
  options: DocumentOptions = {},
): Promise<SourceDocument> {
  const warnings: string[] = [];
  const read = await format.read(bytes, path, { warn: (message) => warnings.push(message) }, options);
  const blocks: SourceBlock[] = [];
  let text = '';
  for (const block of read) {
    if (text !== '') text += BLOCK_SEPARATOR;
    blocks.push({
      start: text.length,
      end: text.length + block.text.length,
      tags: block.tags,
      ...(block.context ? { context: block.context } : {}),
    });
    text += block.text;
  }
  const digest = hashOf(
    'document',
    format.name,
    hashBytes(bytes),
    JSON.stringify(blocks),
    ...(options.overwriteTargets ? ['overwrite-targets'] : []),
  );
  return {
    name,
    path,
    text,
    format: format.name,
    blocks,
    bytes,
    digest,
    options,
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

export async function readSourceFile(path: string, options: ReadOptions = {}): Promise<SourceDocument> {
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      throw new Lv2enError(
        'INPUT_NOT_TEXT',
        'is a folder, not a file',
        `Name the files inside it, e.g. \`lv2en translate ${path}/*.txt\``,
        { file: path },
      );
    }
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof Lv2enError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new Lv2enError('INPUT_NOT_FOUND', 'no such file', 'Check the path (relative paths start from the current folder)', {
        file: path,
      });
    throw new Lv2enError(
      'INPUT_NOT_FOUND',
      `cannot read the file (${code ?? String(error)})`,
      'Check that the file exists and that you may read it',
      { file: path },
    );
  }
  return fromBytes(bytes, path, documentName(path), options);
}

export async function readSourceStream(stream: NodeJS.ReadableStream, name = 'stdin', options: ReadOptions = {}): Promise<SourceDocument> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  const bytes = Buffer.concat(chunks);
  if (options.format === undefined) return { name, path: '-', text: decodeSourceText(bytes, '<stdin>') };
  return fromBytes(bytes, '<stdin>', name, options);
}

/** A file's bytes as the pipeline's source: plain text, or a document its format reads. */
async function fromBytes(bytes: Uint8Array, path: string, name: string, options: ReadOptions): Promise<SourceDocument> {
  const format = detectDocumentFormat(path, bytes, options.format);
  if (!format) return { name, path, text: decodeSourceText(bytes, path) };
  return documentFromBytes(bytes, path, name, format, options.overwriteTargets ? { overwriteTargets: true } : {});
}
