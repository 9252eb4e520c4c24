import type { Segment } from '../core/segment-record.js';
import { codePointHex, xmlForbiddenCharacters } from '../core/xml-chars.js';

/**
 * Characters XML 1.0 cannot hold (C0 controls but tab, line feed and carriage
 * return; U+FFFE, U+FFFF; lone surrogates). XLIFF 2 keeps them as
 * `<cp hex>`, but TMX and XLIFF 1.2 have no way to write them and drop them,
 * so a CAT tool or translation memory gets a text that differs from the
 * source. Returns the characters of the source and target that are dropped,
 * as `U+0007`, each once, or null.
 */
export function xmlDroppedCharacters(segment: Pick<Segment, 'source' | 'target'>): string[] | null {
  const found = [...xmlForbiddenCharacters(segment.source), ...xmlForbiddenCharacters(segment.target ?? '')];
  return found.length === 0 ? null : [...new Set(found.map((char) => `U+${codePointHex(char)}`))];
}
