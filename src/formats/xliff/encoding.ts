import { Lv2enError } from '../../core/errors.js';
import { firstInvalidUtf8Offset } from '../../core/utf8.js';

/** How an XML file's bytes were encoded, so the translated file is written the same way. */
export type XmlEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

/**
 * An XML file's text: UTF-8 (with or without a byte-order mark) or UTF-16
 * with its mark, as XML allows without a declaration. A file that declares
 * any other encoding, or is not the UTF-8 it claims, is refused.
 */
export function decodeXml(bytes: Uint8Array, file: string): { text: string; encoding: XmlEncoding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const declared = /^<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/.exec(new TextDecoder('latin1').decode(body.subarray(0, 200)))?.[1];
  if (declared && !/^utf-?8$/i.test(declared))
    throw new Lv2enError(
      'INPUT_BAD_ENCODING',
      `is encoded as ${declared}`,
      'lv2en reads XLIFF in UTF-8 or UTF-16; export it as UTF-8 from the CAT tool',
      {
        file,
      },
    );
  const bad = firstInvalidUtf8Offset(body);
  if (bad !== -1)
    throw new Lv2enError(
      'INPUT_BAD_ENCODING',
      `is not valid UTF-8 (byte ${bad + (bom ? 3 : 0)})`,
      'Export the file as UTF-8 from the CAT tool',
      {
        file,
      },
    );
  return { text: new TextDecoder('utf-8').decode(body), encoding: bom ? 'utf-8-bom' : 'utf-8' };
}

/** The text in the encoding it came in. */
export function encodeXml(text: string, encoding: XmlEncoding): Uint8Array {
  if (encoding === 'utf-8') return new TextEncoder().encode(text);
  if (encoding === 'utf-8-bom') return new TextEncoder().encode(`\uFEFF${text}`);
  const bytes = Buffer.from(`\uFEFF${text}`, 'utf16le');
  if (encoding === 'utf-16be') bytes.swap16();
  return bytes;
}

/** The start of the file as text, whatever of the encodings above it is in (for sniffing). */
export function xmlHead(bytes: Uint8Array, length = 2048): string {
  const head = bytes.subarray(0, length);
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le').decode(head.subarray(2));
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be').decode(head.subarray(2));
  return new TextDecoder('utf-8').decode(head).replace(/^\uFEFF/, '');
}
