import { Lv2enError } from '../../core/errors.js';
import type { DocumentFormat } from '../document/types.js';
import { scanXml } from '../document/xml-scan.js';
import { ODT_MIMETYPE, refuseMacros } from './macros.js';
import { readPart, TextStyles, writePart } from './text.js';

/**
 * Flat OpenDocument text (.fodt): the same document as one XML file, as
 * LibreOffice saves it for version control. Its styles, master pages
 * (headers, footers) and body are read and written as the parts of an .odt
 * are (./text.ts); everything but the translated paragraphs stays byte for
 * byte.
 */

const OOO = 'http://openoffice.org/2004/office';

const decode = (bytes: Uint8Array) => {
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
};

function analyse(bytes: Uint8Array, file: string) {
  const source = decode(bytes);
  // Basic macros sit in office:scripts as ooo:module elements (what an .odt keeps under Basic/).
  let module: string | undefined;
  // Scanned for only where the text names one: a second pass over a large document costs as much as reading it.
  if (source.includes(':module'))
    scanXml(source, { file }, (event) => {
      if (event.type === 'open' && event.uri === OOO && event.local === 'module')
        module ??= event.attributes['ooo:name']?.value ?? 'a module';
    });
  if (module !== undefined) refuseMacros(file, `Basic ${module}`);
  const head = source.slice(0, 4096);
  if (!/<office:document[\s>]/.test(head))
    throw new Lv2enError(
      'DOCUMENT_DAMAGED',
      'is not a flat OpenDocument text: it has no office:document root',
      'Save it again from LibreOffice as "Flat XML ODF Text Document (.fodt)", or as .odt',
      { file },
    );
  return { source, layout: readPart(source, file, undefined, new TextStyles()) };
}

export const fodt: DocumentFormat = {
  name: 'fodt',
  label: 'flat OpenDocument text',
  extensions: ['.fodt'],
  sniff: (bytes) => {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
    return new RegExp(`<office:document\\s[^>]*office:mimetype="${ODT_MIMETYPE.replace(/\./g, '\\.')}"`).test(head);
  },
  async read(bytes, file) {
    return analyse(bytes, file).layout.blocks;
  },
  async write(bytes, translations, out, file) {
    const { source, layout } = analyse(bytes, file);
    const texts = [];
    for (let i = 0; i < layout.blocks.length; i++) texts.push(await translations.next());
    await out.write(texts.length > 0 ? writePart(source, layout, texts) : bytes);
  },
};
