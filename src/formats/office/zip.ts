import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { Lv2enError } from '../../core/errors.js';
import type { ByteSink } from '../document/types.js';

/**
 * The ZIP container of Office files (DOCX, ODT), read with yauzl (strict
 * about sizes and names, one entry inflated at a time) and written with
 * yazl. Before anything is inflated the central directory is checked:
 * encrypted entries are refused, and so is any entry or total larger than
 * an office document could honestly be, or compressed past any real
 * document's ratio (a ZIP bomb). While inflating, an entry that turns out
 * larger than it said is stopped.
 */

/** Largest inflated entry and archive: a 300-page report's document.xml is ~20 MB; 1 GiB is far past any real one. */
const MAX_ENTRY_BYTES = 1024 ** 3;
const MAX_TOTAL_BYTES = 2 * 1024 ** 3;
/** Real XML parts compress 5–30×, runs of empty cells up to ~150×; a bomb's entries, 1,000× and more. */
const MAX_RATIO = 400;
/** Below this an entry's ratio is not checked (a tiny part of spaces may compress very well). */
const RATIO_FLOOR_BYTES = 1024 * 1024;

export interface ZipEntryInfo {
  name: string;
  size: number;
  compressedSize: number;
  /** When the entry was last modified, kept on the rewritten archive. */
  modified: Date;
  /** Stored without compression (an ODF `mimetype`). */
  stored: boolean;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06];
/** An OLE compound file: what Office writes for a password-protected .docx (and for old .doc). */
const COMPOUND_FILE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);
export const isZip = (bytes: Uint8Array) => startsWith(bytes, ZIP_MAGIC) || startsWith(bytes, EMPTY_ZIP_MAGIC);
export const isCompoundFile = (bytes: Uint8Array) => startsWith(bytes, COMPOUND_FILE_MAGIC);

const damaged = (file: string, why: string, cause?: unknown) =>
  new Lv2enError(
    'DOCUMENT_DAMAGED',
    `is not a readable ZIP archive (${why})`,
    'The file is damaged or cut short; save it again from the program that made it',
    { file },
    { cause },
  );

export class ZipArchive {
  private readonly byName = new Map<string, yauzl.Entry>();

  private constructor(
    private readonly zip: yauzl.ZipFile,
    readonly entries: readonly ZipEntryInfo[],
    raw: readonly yauzl.Entry[],
    private readonly file: string,
  ) {
    raw.forEach((entry) => this.byName.set(entry.fileName, entry));
  }

  /** Opens an archive from its bytes and checks its directory (encryption, sizes). `label` names the format in errors. */
  static async open(bytes: Uint8Array, file: string, label: string): Promise<ZipArchive> {
    if (isCompoundFile(bytes))
      throw new Lv2enError(
        'DOCUMENT_ENCRYPTED',
        `is a password-protected ${label} (or an old binary Office file), which lv2en cannot read`,
        'Open it in its program, remove the password (or save it as .docx/.odt), and translate that copy',
        { file },
      );
    if (!isZip(bytes)) throw damaged(file, 'it does not start like one');
    let zip: yauzl.ZipFile;
    try {
      zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
        lazyEntries: true,
        validateEntrySizes: true,
        strictFileNames: true,
      });
    } catch (error) {
      throw damaged(file, (error as Error).message, error);
    }
    const raw: yauzl.Entry[] = [];
    try {
      for await (const entry of zip.eachEntry()) raw.push(entry);
    } catch (error) {
      zip.close();
      throw damaged(file, (error as Error).message, error);
    }
    const entries = raw.map((entry) => ({
      name: entry.fileName,
      size: entry.uncompressedSize,
      compressedSize: entry.compressedSize,
      modified: entry.getLastModDate(),
      stored: entry.compressionMethod === 0,
    }));
    const archive = new ZipArchive(zip, entries, raw, file);
    archive.checkDirectory(raw, label);
    return archive;
  }

  private checkDirectory(raw: readonly yauzl.Entry[], label: string): void {
    const encrypted = raw.find((entry) => entry.isEncrypted());
    if (encrypted)
      throw new Lv2enError(
        'DOCUMENT_ENCRYPTED',
        `is an encrypted ${label} (${encrypted.fileName} is encrypted)`,
        'Remove the password in the program that made it, and translate that copy',
        { file: this.file },
      );
    let total = 0;
    for (const entry of raw) {
      total += entry.uncompressedSize;
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (
        entry.uncompressedSize > MAX_ENTRY_BYTES ||
        total > MAX_TOTAL_BYTES ||
        (entry.uncompressedSize > RATIO_FLOOR_BYTES && ratio > MAX_RATIO)
      )
        throw new Lv2enError(
          'DOCUMENT_TOO_LARGE',
          `${entry.fileName} would inflate to ${entry.uncompressedSize.toLocaleString('en')} bytes (${Math.round(ratio)}× its stored size): a ZIP bomb, not a ${label}`,
          'lv2en reads no entry above 1 GiB, no archive above 2 GiB and no entry compressed more than 400×; check where the file came from',
          { file: this.file },
        );
    }
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** An entry's bytes, inflated (never more than its directory said: yauzl stops a lying entry). */
  async read(name: string): Promise<Buffer> {
    const entry = this.byName.get(name);
    if (!entry) throw damaged(this.file, `${name} is missing`);
    try {
      const stream = await this.zip.openReadStreamPromise(entry);
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    } catch (error) {
      throw damaged(this.file, `${name}: ${(error as Error).message}`, error);
    }
  }

  /** An XML part as text (UTF-8; a BOM dropped). */
  async text(name: string): Promise<string> {
    const text = new TextDecoder('utf-8').decode(await this.read(name));
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  }

  close(): void {
    this.zip.close();
  }
}

/**
 * Writes an archive entry by entry, in the order given (an ODF `mimetype`
 * first and stored, as ODF requires), each keeping its modification time.
 */
export class ZipWriter {
  private readonly zip = new yazl.ZipFile();
  private readonly done: Promise<void>;

  constructor(out: ByteSink) {
    const stream = this.zip.outputStream as Readable;
    this.done = (async () => {
      for await (const chunk of stream) await out.write(chunk as Buffer);
    })();
  }

  add(entry: Pick<ZipEntryInfo, 'name' | 'modified' | 'stored'>, data: Uint8Array | string): void {
    // A folder entry (LibreOffice writes empty Configurations2/… ones) is written as a folder: yazl takes no data for it.
    if (entry.name.endsWith('/')) return void this.zip.addEmptyDirectory(entry.name, { mtime: entry.modified });
    const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    this.zip.addBuffer(buffer, entry.name, { mtime: entry.modified, compress: !entry.stored });
  }

  async finish(): Promise<void> {
    this.zip.end();
    await this.done;
  }
}
