import { positionAt, type TextPosition } from '../core/position.js';
import { Lv2enError } from '../core/errors.js';
import { firstInvalidUtf8Offset } from '../core/utf8.js';

export { firstInvalidUtf8Offset };

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Turns a file's bytes into the text every later stage sees: valid UTF-8,
 * no BOM, LF line endings, NFC (the Marian tokenizer export skips
 * SentencePiece's normaliser, so composed and decomposed ā would tokenize
 * differently).
 */
export function decodeSourceText(bytes: Uint8Array, file: string): string {
  if (looksLikeUtf16(bytes)) {
    throw new Lv2enError(
      'INPUT_BAD_ENCODING',
      'file is UTF-16, not UTF-8',
      'Convert it first, e.g. `iconv -f UTF-16 -t UTF-8 in.txt > out.txt`',
      { file },
    );
  }
  if (looksBinary(bytes)) {
    throw new Lv2enError(
      'INPUT_NOT_TEXT',
      'file is not text (it contains NUL bytes)',
      'Give lv2en a plain-text UTF-8 file; extract the text from PDF or Word files first',
      { file },
    );
  }
  const invalidAt = firstInvalidUtf8Offset(bytes);
  if (invalidAt !== -1) {
    const { line, column } = lineAndColumn(bytes, invalidAt);
    throw new Lv2enError(
      'INPUT_BAD_ENCODING',
      `invalid UTF-8 (byte 0x${bytes[invalidAt]!.toString(16).padStart(2, '0')})`,
      'Save the file as UTF-8; a Windows-1257 (Baltic) file converts with `iconv -f WINDOWS-1257 -t UTF-8 in.txt > out.txt`',
      { file, line, column },
    );
  }
  const start = startsWith(bytes, UTF8_BOM) ? UTF8_BOM.length : 0;
  return normalizeText(new TextDecoder('utf-8').decode(bytes.subarray(start)));
}

/**
 * The text every stage sees and every offset indexes: LF line endings and NFC.
 * Segment offsets are UTF-16 code units into this text.
 */
export function normalizeText(text: string): string {
  return text
    .replace(/^\uFEFF/u, '')
    .replace(/\r\n?/g, '\n')
    .normalize('NFC');
}

function looksLikeUtf16(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
}

function looksBinary(bytes: Uint8Array): boolean {
  const probe = bytes.subarray(0, 8192);
  return probe.includes(0);
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

/** 1-based line and code-point column of a byte offset, counting the valid text before it. */
function lineAndColumn(bytes: Uint8Array, offset: number): TextPosition {
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
  return positionAt(before, before.length);
}
