import { SaxesParser, type SaxesTagNS } from 'saxes';
import { Lv2enError } from '../../core/errors.js';
import { UNSAFE_XML_HINT } from '../xml-check.js';

/**
 * Walks an XML document (saxes: strict, namespace-aware, never fetches or
 * expands anything) and reports each construct with the stretch of source
 * it came from, so a reader can keep any element's markup as it was and a
 * writer can rewrite only what it translates. Builds no tree: memory stays
 * at one part's text however large the document.
 *
 * A DOCTYPE with an internal subset (entity declarations: the billion laughs,
 * external entities) is refused before anything is read; an external
 * DOCTYPE alone is allowed and never fetched. Entities other than XML's five
 * are an error, never expanded.
 */

export interface XmlAttribute {
  value: string;
  uri: string;
  local: string;
}

export interface XmlOpen {
  type: 'open';
  /** Qualified name as written (`w:p`). */
  name: string;
  local: string;
  uri: string;
  attributes: Readonly<Record<string, XmlAttribute>>;
  /** [start, end) of the start tag. */
  start: number;
  end: number;
  selfClosing: boolean;
}

export interface XmlClose {
  type: 'close';
  name: string;
  local: string;
  uri: string;
  /** [start, end) of the end tag; empty (start === end) for a self-closing element. */
  start: number;
  end: number;
}

export interface XmlText {
  type: 'text';
  /** The decoded text (entities and character references resolved). */
  text: string;
  start: number;
  end: number;
  cdata: boolean;
}

/** A comment, a processing instruction, the XML declaration or the DOCTYPE. */
export interface XmlOther {
  type: 'other';
  start: number;
  end: number;
}

export type XmlEvent = XmlOpen | XmlClose | XmlText | XmlOther;

export interface XmlScanOptions {
  /** The file the user named, for errors. */
  file: string;
  /** The part inside it (`word/document.xml`), for errors. */
  part?: string;
}

const where = (options: XmlScanOptions) => (options.part ? `${options.part} in ${options.file}` : options.file);

/** Calls `onEvent` for every construct of `source`, in order. Malformed or unsafe XML throws a typed error. */
export function scanXml(source: string, options: XmlScanOptions, report: (event: XmlEvent) => void): void {
  refuseInternalSubset(source, options);
  // What the reader's own handler throws (its typed error, or a bug) goes out as it is, not as damaged XML.
  let handlerError: unknown = null;
  const onEvent = (event: XmlEvent) => {
    try {
      report(event);
    } catch (error) {
      handlerError = error;
      throw error;
    }
  };
  const parser = new SaxesParser({ xmlns: true, position: true });
  let cursor = 0;
  let pendingOpen: { tag: SaxesTagNS; start: number } | null = null;
  const endOf = (marker: string, from: number) => {
    const at = source.indexOf(marker, from);
    return at === -1 ? source.length : at + marker.length;
  };
  const other = (marker: string) => {
    const start = source.indexOf('<', cursor);
    const end = endOf(marker, start);
    onEvent({ type: 'other', start, end });
    cursor = end;
  };
  parser.on('xmldecl', () => other('?>'));
  parser.on('doctype', () => other('>'));
  parser.on('comment', () => other('-->'));
  parser.on('processinginstruction', () => other('?>'));
  parser.on('text', (text) => {
    // Text is reported once the next '<' is read (or at the end of the input).
    const end = source[parser.position - 1] === '<' ? parser.position - 1 : parser.position;
    onEvent({ type: 'text', text, start: cursor, end, cdata: false });
    cursor = end;
  });
  parser.on('cdata', (text) => {
    const start = source.indexOf('<![CDATA[', cursor);
    const end = endOf(']]>', start);
    onEvent({ type: 'text', text, start, end, cdata: true });
    cursor = end;
  });
  parser.on('opentagstart', () => {
    pendingOpen = { tag: null as unknown as SaxesTagNS, start: source.lastIndexOf('<', parser.position - 1) };
  });
  parser.on('opentag', (tag) => {
    const start = pendingOpen?.start ?? source.lastIndexOf('<', parser.position - 1);
    pendingOpen = null;
    const attributes: Record<string, XmlAttribute> = Object.create(null);
    for (const [name, attribute] of Object.entries(tag.attributes))
      attributes[name] = { value: attribute.value, uri: attribute.uri, local: attribute.local };
    const end = parser.position;
    onEvent({ type: 'open', name: tag.name, local: tag.local, uri: tag.uri, attributes, start, end, selfClosing: tag.isSelfClosing });
    cursor = end;
  });
  parser.on('closetag', (tag) => {
    const end = parser.position;
    const start = tag.isSelfClosing ? end : source.lastIndexOf('</', end - 1);
    onEvent({ type: 'close', name: tag.name, local: tag.local, uri: tag.uri, start, end });
    cursor = end;
  });
  try {
    parser.write(source).close();
    if (cursor < source.length) onEvent({ type: 'other', start: cursor, end: source.length });
  } catch (error) {
    if (error === handlerError) throw error;
    const message = (error as Error).message.replace(/^[^:]*:\d+:\d+: /, '');
    throw new Lv2enError(
      'DOCUMENT_DAMAGED',
      `${where(options)} is not well-formed XML (line ${parser.line}, column ${parser.column + 1}: ${message})`,
      'The file is damaged or cut short; save it again from the program that made it',
      { file: options.file },
      { cause: error },
    );
  }
}

/** A DOCTYPE with `[` declares markup (entities): refused, so nothing can expand or fetch. */
function refuseInternalSubset(source: string, options: XmlScanOptions): void {
  const doctype = /<!DOCTYPE[^>[]*\[/i.exec(source.slice(0, 65536));
  if (doctype || /<!ENTITY/i.test(source.slice(0, 65536)))
    throw new Lv2enError('XML_UNSAFE', `${where(options)} declares a DTD with entities`, UNSAFE_XML_HINT, { file: options.file });
}

/** An attribute's value by qualified name (`w:val`), or undefined. */
export const attributeValue = (element: Pick<XmlOpen, 'attributes'>, name: string) => element.attributes[name]?.value;
