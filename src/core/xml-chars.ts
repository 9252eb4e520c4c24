/**
 * Characters XML 1.0 forbids anywhere in a document: C0 controls other than
 * tab, line feed and carriage return, lone surrogates, U+FFFE and U+FFFF.
 * With the `u` flag a lone surrogate is one code point and matches here.
 * The XML writers, the QA check that flags segments losing such characters
 * and the reviewed-translation key all read this one definition.
 */
export const XML_FORBIDDEN_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** The characters of `text` that XML 1.0 forbids, in order (one entry per occurrence). */
export const xmlForbiddenCharacters = (text: string): string[] => text.match(XML_FORBIDDEN_CHARS) ?? [];

/** `\u0007` → `0007`: a character's code point as XLIFF 2's `<cp hex>` and `U+0007` write it. */
export const codePointHex = (char: string): string => char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');

export const withoutXmlForbiddenChars = (text: string): string => text.replace(XML_FORBIDDEN_CHARS, '');
