import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Lv2enError } from '../core/errors.js';
import { decodeSourceText } from './decode.js';

export { decodeSourceText, firstInvalidUtf8Offset, normalizeText } from './decode.js';

export interface SourceDocument {
  /** Output base name: `belarus.lv.txt` → `belarus`. */
  name: string;
  /** The path given by the user, or `-` for stdin. */
  path: string;
  text: string;
}

/** The kinds of file lv2en reads, by file-name extension (what a server's file upload accepts). */
export const READABLE_FILE_TYPES: readonly { extension: string; description: string }[] = [
  { extension: '.txt', description: 'plain UTF-8 text' },
];

/** True when lv2en reads a file of this name. */
export const isReadableFile = (name: string): boolean =>
  READABLE_FILE_TYPES.some((type) => name.toLowerCase().endsWith(type.extension) && name.length > type.extension.length);

/** `plain UTF-8 text (.txt)`: for messages that name what lv2en reads. */
export const describeReadableFiles = (): string => READABLE_FILE_TYPES.map((t) => `${t.description} (${t.extension})`).join(', ');

/** `news.lv.txt` → `news`, `news.txt` → `news`, `news` → `news`. */
export function documentName(path: string): string {
  const base = basename(path).replace(/\.(txt|text|md)$/i, '');
  return base.replace(/\.lv$/i, '') || base || 'stdin';
}

export async function readSourceFile(path: string): Promise<SourceDocument> {
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
  return { name: documentName(path), path, text: decodeSourceText(bytes, path) };
}

export async function readSourceStream(stream: NodeJS.ReadableStream, name = 'stdin'): Promise<SourceDocument> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return { name, path: '-', text: decodeSourceText(Buffer.concat(chunks), '<stdin>') };
}
