/**
 * Characters XML 1.0 forbids anywhere in a document: C0 controls other than
 * tab, line feed and carriage return, lone surrogates, U+FFFE and U+FFFF.
 * With the `u` flag a lone surrogate is one code point and matches here.
 * The XML writers and readers, their well-formedness check and QA's
 * xml-char-dropped check all use this one pattern.
 */
export const FORBIDDEN_IN_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** The characters of `text` that XML 1.0 forbids, in order (one entry per occurrence). */
export const xmlForbiddenCharacters = (text: string): string[] => text.match(FORBIDDEN_IN_XML) ?? [];

/** `\u0007` → `0007`: a character's code point as XLIFF 2's `<cp hex>` and `U+0007` write it. */
export const codePointHex = (char: string) => char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');

/** Text without the characters XML forbids: what TMX and XLIFF 1.2 carry, and so what the reviewed-translation key sees. */
export const withoutXmlForbiddenChars = (text: string): string => text.replace(FORBIDDEN_IN_XML, '');
