import { createHash } from 'node:crypto';
import { createCB } from 'xmlbuilder2';
import { codePointHex, FORBIDDEN_IN_XML, xmlForbiddenCharacters } from '../core/xml-chars.js';

/** The builder type xmlbuilder2's callback API hands out. */
export type XmlStreamBuilder = ReturnType<typeof createCB>;

export const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
export const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';

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

const cleanAttributes = (attributes: Record<string, string>) =>
  Object.fromEntries(Object.entries(attributes).map(([key, value]) => [key, forBuilder(value)]));

/** True if every character of `text` may appear in an XML 1.0 document. */
export const isXmlSafe = (text: string) => xmlForbiddenCharacters(text).length === 0;

/**
 * An XML document written as it is built, through xmlbuilder2's callback
 * builder: elements opened in one chunk of segments stay open for the next,
 * and `take()` hands over what has been serialised so far. The builder checks
 * well-formedness as it goes (names, characters) and throws instead of
 * writing a broken file; text is passed through `xmlText` first, so ordinary
 * input never trips that check.
 *
 * Indentation is written here, not by xmlbuilder2's prettyPrint, which
 * would also indent an element inside text (`a<cp hex="0007"/>b` came out
 * with a line break and spaces around the `<cp/>`, changing the text): a line
 * break and indent go only between elements, never into an element that
 * holds text.
 */
export class XmlStream {
  readonly builder: XmlStreamBuilder;
  private buffer = '';
  /** For each open element: whether it has child elements (its end tag then goes on a line of its own). */
  private readonly openElements: boolean[] = [];

  constructor() {
    this.builder = createCB({
      data: (chunk: string) => (this.buffer += chunk),
      error: (error: Error) => {
        throw error;
      },
      prettyPrint: false,
      wellFormed: true,
    });
    this.builder.dec({ version: '1.0', encoding: 'UTF-8' });
  }

  private newLine(): void {
    if (this.openElements.length === 0) this.buffer += '\n';
    else this.builder.txt(`\n${'  '.repeat(this.openElements.length)}`);
  }

  /** Opens an element on a line of its own and leaves it open. */
  open(name: string, attributes: Record<string, string> = {}, namespace?: string): this {
    const clean = cleanAttributes(attributes);
    this.newLine();
    if (this.openElements.length > 0) this.openElements[this.openElements.length - 1] = true;
    if (namespace === undefined) this.builder.ele(name, clean);
    else this.builder.ele(namespace, name, clean);
    this.openElements.push(false);
    return this;
  }

  /** Opens an element inside text (an inline code): no line break or indent around it, which would change the text. */
  openInline(name: string, attributes: Record<string, string> = {}): this {
    this.builder.ele(name, cleanAttributes(attributes));
    return this;
  }

  closeInline(): this {
    this.builder.up();
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

  /**
   * Text inside the element just opened, each character XML forbids written
   * as XLIFF 2's `<cp hex="0007"/>` instead of dropped.
   */
  textWithCodePoints(text: string): this {
    let at = 0;
    for (const match of text.matchAll(FORBIDDEN_IN_XML)) {
      this.text(text.slice(at, match.index));
      this.builder.ele('cp', { hex: codePointHex(match[0]) }).up();
      at = match.index + match[0].length;
    }
    return this.text(text.slice(at));
  }

  /** A whole element holding only text: `<seg>text</seg>`. */
  leaf(name: string, text: string, attributes: Record<string, string> = {}, namespace?: string): this {
    return this.open(name, attributes, namespace).text(text).close();
  }

  close(): this {
    const hadChildren = this.openElements.pop();
    if (hadChildren) this.builder.txt(`\n${'  '.repeat(this.openElements.length)}`);
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
    while (this.openElements.length > 0) this.close();
    this.builder.end();
    return `${this.take()}\n`;
  }
}

/** `<mda:meta type>` (XLIFF 2) / `<context context-type="x-…">` (XLIFF 1.2) carrying the fingerprint of the target as written. */
export const WRITTEN_TARGET_META = 'lv2en-written-target';

/**
 * A short fingerprint of a machine translation as written. The importer
 * compares it with the target a reviewer sends back: equal means untouched.
 */
export const machineTargetHash = (target: string) => createHash('sha256').update(xmlText(target), 'utf8').digest('hex').slice(0, 16);
