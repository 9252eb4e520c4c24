import { describe, expect, it } from 'vitest';
import { decodeSourceText, documentName, firstInvalidUtf8Offset } from '../../src/ingest/index.js';
import { thrownLv2enError } from '../helpers/errors.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('decodeSourceText', () => {
  it('strips a BOM, turns CRLF and CR into LF and composes to NFC', () => {
    const decomposed = 'Bac\u030celeta ieradās Rīgā.\r\nOtrā rindiņa.\rTrešā.';
    const text = decodeSourceText(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes(decomposed)]), 'a.txt');
    expect(text).toBe('Bačeleta ieradās Rīgā.\nOtrā rindiņa.\nTrešā.');
    expect(text.includes('\u030c')).toBe(false);
  });

  it('points at the line and column of the first invalid byte', () => {
    const input = new Uint8Array([...bytes('Pirmā rinda.\nOtr'), 0xe2, 0x28, ...bytes(' rinda.')]);
    const error = thrownLv2enError(() => decodeSourceText(input, 'bad.txt'));
    expect(error.code).toBe('INPUT_BAD_ENCODING');
    expect(error.location).toEqual({ file: 'bad.txt', line: 2, column: 4 });
    expect(error.toOneLine()).toMatch(/^bad\.txt:2:4: invalid UTF-8 .*iconv/);
  });

  it('reads Windows-1257 Latvian as invalid UTF-8 and says how to convert it', () => {
    // "Rīga" in Windows-1257: ī is 0xEE.
    const error = thrownLv2enError(() => decodeSourceText(new Uint8Array([0x52, 0xee, 0x67, 0x61]), 'w.txt'));
    expect(error.hint).toContain('WINDOWS-1257');
  });

  it('refuses binary files and UTF-16 with their own messages', () => {
    expect(thrownLv2enError(() => decodeSourceText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]), 'x.png')).code).toBe(
      'INPUT_NOT_TEXT',
    );
    expect(thrownLv2enError(() => decodeSourceText(new Uint8Array([0xff, 0xfe, 0x52, 0]), 'u.txt')).message).toContain('UTF-16');
  });

  it('accepts an empty file', () => {
    expect(decodeSourceText(new Uint8Array(), 'e.txt')).toBe('');
  });
});

describe('firstInvalidUtf8Offset', () => {
  it('agrees with the platform decoder on random byte strings', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const fatal = new TextDecoder('utf-8', { fatal: true });
    for (let trial = 0; trial < 3000; trial++) {
      const length = Math.floor(random() * 12);
      const sample = new Uint8Array(length).map(() => (random() < 0.5 ? Math.floor(random() * 128) : 0x80 + Math.floor(random() * 128)));
      let valid = true;
      try {
        fatal.decode(sample);
      } catch {
        valid = false;
      }
      expect(firstInvalidUtf8Offset(sample) === -1).toBe(valid);
    }
  });

  it('rejects overlong forms and surrogates', () => {
    expect(firstInvalidUtf8Offset(new Uint8Array([0xc0, 0xaf]))).toBe(0);
    expect(firstInvalidUtf8Offset(new Uint8Array([0x41, 0xed, 0xa0, 0x80]))).toBe(1);
  });
});

describe('documentName', () => {
  it('drops .lv.txt and .txt', () => {
    expect(documentName('in/belarus-2020-09.lv.txt')).toBe('belarus-2020-09');
    expect(documentName('zinas.txt')).toBe('zinas');
    expect(documentName('README')).toBe('README');
  });
});
