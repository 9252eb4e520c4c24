import { Lv2enError } from '../../core/errors.js';
import { firstInvalidUtf8Offset } from '../../core/utf8.js';

export interface DecodedPage {
  text: string;
  /** The page began with a byte-order mark (written back as UTF-8's). */
  hadBom: boolean;
  /** Where the page names a charset other than UTF-8 (the label in `<meta charset=…>`): the translated page is UTF-8, so it says so there. */
  declaration?: { start: number; end: number; utf8: string };
}

/**
 * A page's text, decoded as a browser would (WHATWG encoding sniffing, in
 * short): a byte-order mark; else the charset a `<meta>` in the first 1024
 * bytes declares; else UTF-8 if the bytes are valid UTF-8; else
 * windows-1257, the Baltic default of browsers in a Latvian locale.
 */
export function decodeWebPage(bytes: Uint8Array, file: string): DecodedPage {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: decode(bytes.subarray(3), 'utf-8', file), hadBom: true };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return { text: decode(bytes.subarray(2), bytes[0] === 0xff ? 'utf-16le' : 'utf-16be', file), hadBom: true };
  const kind = binaryKind(bytes);
  if (kind)
    throw new Lv2enError(
      'HTML_INVALID',
      `is not HTML: it is ${kind}`,
      'Give the file its own name ending (.docx, .odt, .pdf…) or --input-format',
      {
        file,
      },
    );
  if (bytes.subarray(0, 8192).includes(0))
    throw new Lv2enError('HTML_INVALID', 'is not HTML: it holds binary data (NUL bytes)', 'Check that the file is the web page you meant', {
      file,
    });
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  const declared = /<meta[^>]*?charset\s*=\s*["']?\s*([\w:.-]+)/i.exec(head);
  const label = declared?.[1]?.toLowerCase();
  const encoding = label ?? (firstInvalidUtf8Offset(bytes) === -1 ? 'utf-8' : 'windows-1257');
  const text = decode(bytes, encoding, file);
  if (!declared || isUtf8(encoding)) return { text, hadBom: false };
  // The label is ASCII, so its offset in the decoded text is its byte offset.
  const start = declared.index + declared[0].length - declared[1]!.length;
  return { text, hadBom: false, declaration: { start, end: start + declared[1]!.length, utf8: 'utf-8' } };
}

const isUtf8 = (label: string) => label === 'utf-8' || label === 'utf8' || label === 'unicode-1-1-utf-8';

function decode(bytes: Uint8Array, encoding: string, file: string): string {
  try {
    return new TextDecoder(encoding).decode(bytes);
  } catch {
    throw new Lv2enError('HTML_INVALID', `names a character set lv2en does not know (${encoding})`, 'Save the page as UTF-8', { file });
  }
}

/** What a binary file plainly is, by its first bytes. */
function binaryKind(bytes: Uint8Array): string | null {
  const starts = (...magic: number[]) => magic.every((b, i) => bytes[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) return 'a ZIP archive (an Office document?)';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'a PDF';
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return 'an old binary Office file';
  return null;
}
