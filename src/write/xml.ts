import { createHash } from 'node:crypto';
import { create } from 'xmlbuilder2';

export type XMLBuilder = ReturnType<typeof create>;

/**
 * Characters XML 1.0 forbids anywhere in a document: C0 controls other than
 * tab, line feed and carriage return, lone surrogates, U+FFFE and U+FFFF.
 * With the `u` flag a lone surrogate is one code point and matches here.
 */
const FORBIDDEN_IN_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Text as it goes into an XML file: forbidden characters removed, carriage
 * returns turned into line feeds (a parser would turn a raw CR into LF anyway,
 * so writing LF keeps what we wrote equal to what a reader gets back).
 */
export function xmlText(text: string): string {
  return text.replace(FORBIDDEN_IN_XML, '').replace(/\r\n?/g, '\n');
}

/** True if every character of `text` may appear in an XML 1.0 document. */
export const isXmlSafe = (text: string) => !new RegExp(FORBIDDEN_IN_XML.source, 'u').test(text);

/**
 * A new XML document. Text goes through `xmlText` before it reaches the
 * builder; the builder's own replacement is a second line of defence, so a
 * forbidden character can never reach the serialised file.
 */
export function xmlDocument(): XMLBuilder {
  return create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '' });
}

export function serialize(document: XMLBuilder): string {
  return document.end({ prettyPrint: true, indent: '  ', newline: '\n' }) + '\n';
}

/**
 * A short fingerprint of a machine translation as written. The importer
 * compares it with the target a reviewer sends back: equal means untouched.
 */
export const machineTargetHash = (target: string) => createHash('sha256').update(xmlText(target)).digest('hex').slice(0, 16);
