import { Lv2enError } from '../../core/errors.js';
import type { DocumentBlock, DocumentFormat, TranslatedBlock } from '../document/types.js';
import { scanXml } from '../document/xml-scan.js';
import { isZip, ZipArchive, ZipWriter } from '../office/zip.js';
import { ODT_MIMETYPE, refuseMacros } from './macros.js';
import { type PartLayout, readPart, TextStyles, writePart } from './text.js';

export { fodt } from './flat.js';

/**
 * OpenDocument text (.odt, as LibreOffice, pandoc and Word write it): the
 * paragraphs and headings of content.xml's body (with its tables, lists,
 * sections, text boxes, footnotes and endnotes) and of the headers and
 * footers in styles.xml's master pages, read and written by ./text.ts. The
 * package is read with yauzl and written with yazl (../office/zip.ts): every
 * entry but those two parts is copied as it was (byte for byte once
 * inflated), `mimetype` first and stored as ODF requires, the manifest
 * untouched; in the two parts only the translated paragraphs change.
 */

const LABEL = 'OpenDocument text';
const MANIFEST_NS = 'urn:oasis:names:tc:opendocument:xmlns:manifest:1.0';

/** ODF puts `mimetype` first and stored, so its content sits right after the first local header (offset 30 + name + extra). */
function sniff(bytes: Uint8Array): boolean {
  if (!isZip(bytes) || bytes.length < 30) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const method = view.getUint16(8, true);
  const size = view.getUint32(18, true);
  const nameLength = view.getUint16(26, true);
  const extraLength = view.getUint16(28, true);
  const latin1 = (from: number, length: number) => new TextDecoder('latin1').decode(bytes.subarray(from, from + length));
  return method === 0 && latin1(30, nameLength) === 'mimetype' && latin1(30 + nameLength + extraLength, size) === ODT_MIMETYPE;
}

/** The package opened and checked: an ODF text, not encrypted, without macros. */
async function openPackage(bytes: Uint8Array, file: string): Promise<ZipArchive> {
  const archive = await ZipArchive.open(bytes, file, LABEL);
  try {
    if (archive.has('mimetype')) {
      const mimetype = (await archive.text('mimetype')).trim();
      if (mimetype !== ODT_MIMETYPE)
        throw new Lv2enError(
          'INPUT_NOT_TEXT',
          `is ${/opendocument/.test(mimetype) ? `an OpenDocument file of another kind (${mimetype})` : `a ${mimetype || 'ZIP'} package`}, not an OpenDocument text`,
          'lv2en translates text documents (.odt, .docx); save it as an .odt from the program that made it, or give its text as .txt',
          { file },
        );
    }
    const macros = archive.entries.find((entry) => /^(Basic|Scripts)\//.test(entry.name));
    if (macros) refuseMacros(file, macros.name);
    if (archive.has('META-INF/manifest.xml') && isEncrypted(await archive.text('META-INF/manifest.xml'), file))
      throw new Lv2enError(
        'DOCUMENT_ENCRYPTED',
        `is a password-protected ${LABEL}, which lv2en cannot read`,
        'Open it in LibreOffice, remove the password (File ▸ Properties ▸ General, or Save As without "Save with password"), and translate that copy',
        { file },
      );
    if (!archive.has('content.xml'))
      throw new Lv2enError(
        'DOCUMENT_DAMAGED',
        'is not an OpenDocument text: it has no content.xml',
        'The file is damaged or cut short; save it again from the program that made it',
        { file },
      );
    return archive;
  } catch (error) {
    archive.close();
    throw error;
  }
}

/** An encrypted package lists, in its manifest, how each entry was encrypted (`manifest:encryption-data`). */
function isEncrypted(manifest: string, file: string): boolean {
  let encrypted = false;
  scanXml(manifest, { file, part: 'META-INF/manifest.xml' }, (event) => {
    if (event.type === 'open' && event.uri === MANIFEST_NS && event.local === 'encryption-data') encrypted = true;
  });
  return encrypted;
}

interface Layout {
  /** Each part's source and blocks, in the order the blocks are handed out: body first, then headers and footers. */
  parts: { name: string; source: string; layout: PartLayout }[];
}

async function analyse(archive: ZipArchive, file: string): Promise<Layout> {
  // styles.xml first: content.xml's spans name its text styles (Emphasis, Strong).
  const styles = new TextStyles();
  const stylesPart = archive.has('styles.xml') ? await archive.text('styles.xml') : null;
  const stylesLayout = stylesPart === null ? null : readPart(stylesPart, file, 'styles.xml', styles);
  const content = await archive.text('content.xml');
  const contentLayout = readPart(content, file, 'content.xml', new TextStyles(styles));
  const parts = [{ name: 'content.xml', source: content, layout: contentLayout }];
  if (stylesPart !== null && stylesLayout) parts.push({ name: 'styles.xml', source: stylesPart, layout: stylesLayout });
  return { parts };
}

export const odt: DocumentFormat = {
  name: 'odt',
  label: LABEL,
  extensions: ['.odt'],
  sniff,
  async read(bytes, file) {
    const archive = await openPackage(bytes, file);
    try {
      const { parts } = await analyse(archive, file);
      return parts.flatMap((part): DocumentBlock[] => part.layout.blocks);
    } finally {
      archive.close();
    }
  },
  async write(bytes, translations, out, file) {
    const archive = await openPackage(bytes, file);
    try {
      const { parts } = await analyse(archive, file);
      const rewritten = new Map<string, string>();
      for (const part of parts) {
        const texts: TranslatedBlock[] = [];
        for (let i = 0; i < part.layout.blocks.length; i++) texts.push(await translations.next());
        if (texts.length > 0) rewritten.set(part.name, writePart(part.source, part.layout, texts));
      }
      const zip = new ZipWriter(out);
      // `mimetype` first and stored, whatever the input had: ODF readers sniff it there.
      const entries = [...archive.entries].sort((a, b) => Number(b.name === 'mimetype') - Number(a.name === 'mimetype'));
      for (const entry of entries) {
        const part = rewritten.get(entry.name);
        zip.add(
          entry.name === 'mimetype' ? { ...entry, stored: true } : entry,
          part ?? (entry.name.endsWith('/') ? new Uint8Array() : await archive.read(entry.name)),
        );
      }
      await zip.finish();
    } finally {
      archive.close();
    }
  },
};
