import { createHash } from 'node:crypto';
import { createCB } from 'xmlbuilder2';

/** The builder type xmlbuilder2's callback API hands out. */
export type XmlStreamBuilder = ReturnType<typeof createCB>;

export const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
export const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';

/**
 * Characters XML 1.0 forbids anywhere in a document: C0 controls other than
 * tab, line feed and carriage return, lone surrogates, U+FFFE and U+FFFF.
 * With the `u` flag a lone surrogate is one code point and matches here.
 */
const FORBIDDEN_IN_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Text as it goes into an XML file: forbidden characters removed, carriage
 * returns turned into line feeds (a parser turns a raw CR into LF anyway, so
 * writing LF keeps what we wrote equal to what a reader gets back).
 */
export function xmlText(text: string): string {
  return text.replace(FORBIDDEN_IN_XML, '').replace(/\r\n?/g, '\n');
}

/**
 * Text as handed to xmlbuilder2. Its serializer leaves an ampersand alone
 * when it starts `&lt;` `&gt;` `&amp;` `&apos;` or `&quot;` (it takes those for
 * escapes already made), so the literal text "&amp;" would come back as "&".
 * Every ampersand is therefore given to it as `&amp;`, which it passes through
 * unchanged; everything else it escapes itself.
 */
const forBuilder = (text: string) => xmlText(text).replace(/&/g, '&amp;');

/** True if every character of `text` may appear in an XML 1.0 document. */
export const isXmlSafe = (text: string) => !new RegExp(FORBIDDEN_IN_XML.source, 'u').test(text);

/**
 * An XML document written as it is built, through xmlbuilder2's callback
 * builder: elements opened in one chunk of segments stay open for the next,
 * and `take()` hands over what has been serialised so far. The builder checks
 * well-formedness as it goes (names, characters) and throws instead of
 * writing a broken file; text is passed through `xmlText` first, so ordinary
 * input never trips that check.
 */
export class XmlStream {
  readonly builder: XmlStreamBuilder;
  private buffer = '';

  constructor() {
    this.builder = createCB({
      data: (chunk: string) => (this.buffer += chunk),
      error: (error: Error) => {
        throw error;
      },
      prettyPrint: true,
      indent: '  ',
      newline: '\n',
      wellFormed: true,
    });
    this.builder.dec({ version: '1.0', encoding: 'UTF-8' });
  }

  /** Opens an element and leaves it open. */
  open(name: string, attributes: Record<string, string> = {}, namespace?: string): this {
    const clean = Object.fromEntries(Object.entries(attributes).map(([key, value]) => [key, forBuilder(value)]));
    if (namespace === undefined) this.builder.ele(name, clean);
    else this.builder.ele(namespace, name, clean);
    return this;
  }

  /** `xml:lang`, `xml:space`: attributes in the XML namespace. */
  xmlAttribute(name: 'lang' | 'space', value: string): this {
    this.builder.att(XML_NAMESPACE, `xml:${name}`, forBuilder(value));
    return this;
  }

  /** Declares a namespace prefix on the element just opened. */
  declare(prefix: string, namespace: string): this {
    this.builder.att(XMLNS_NAMESPACE, `xmlns:${prefix}`, namespace);
    return this;
  }

  /** Text inside the element just opened. */
  text(text: string): this {
    const clean = forBuilder(text);
    if (clean !== '') this.builder.txt(clean);
    return this;
  }

  /** A whole element holding only text: `<seg>text</seg>`. */
  leaf(name: string, text: string, attributes: Record<string, string> = {}, namespace?: string): this {
    return this.open(name, attributes, namespace).text(text).close();
  }

  close(): this {
    this.builder.up();
    return this;
  }

  /** Serialised output since the last call. */
  take(): string {
    const out = this.buffer;
    this.buffer = '';
    return out;
  }

  /** Closes every open element and returns the rest of the document. */
  end(): string {
    this.builder.end();
    return `${this.take()}\n`;
  }
}

/**
 * A short fingerprint of a machine translation as written. The importer
 * compares it with the target a reviewer sends back: equal means untouched.
 */
export const machineTargetHash = (target: string) => createHash('sha256').update(xmlText(target), 'utf8').digest('hex').slice(0, 16);
