import { FORBIDDEN_IN_XML } from '../core/xml-chars.js';

/**
 * A strict XML 1.0 (+ namespaces) well-formedness check. xmlbuilder2 parses
 * the files lv2en imports, but its reader is lenient: it accepts a file cut
 * off in the middle (`<target>Hello wor` comes back as a complete target),
 * mismatched end tags and bare ampersands. An import must not store half a
 * sentence as a reviewed translation, so every file passes this check first.
 *
 * Not a parser: it builds nothing and only answers "is this well-formed, and
 * if not, where first". DTD internal subsets are refused (no entity
 * expansion); an external DOCTYPE (`<!DOCTYPE tmx SYSTEM "tmx14.dtd">`) is
 * accepted and not fetched.
 */
export interface XmlProblem {
  message: string;
  /** 1-based. */
  line: number;
  column: number;
  /** The file declares DTD markup (entities): refused for safety, not because it is damaged. */
  unsafe?: true;
}

/** What to tell a user whose XML declares a DTD or entities, wherever lv2en reads it. */
export const UNSAFE_XML_HINT =
  'lv2en refuses DTD and entity declarations for safety (they can fetch files or expand without bound); save the file without its DOCTYPE';

const NAME_START = String.raw`:A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}`;
const NAME_CHAR = String.raw`${NAME_START}\-.0-9\u00B7\u0300-\u036F\u203F-\u2040`;
const NAME = new RegExp(`[${NAME_START}][${NAME_CHAR}]*`, 'uy');
const SPACE = /[ \t\r\n]+/y;
/** Not global: `exec` finds the first, `test` keeps no state between calls. */
const NOT_XML_CHAR = new RegExp(FORBIDDEN_IN_XML.source, 'u');
const REFERENCE = /&(?:(lt|gt|amp|apos|quot)|#([0-9]+)|#x([0-9a-fA-F]+));/y;
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

class Fail extends Error {
  constructor(
    message: string,
    readonly at: number,
    readonly unsafe = false,
  ) {
    super(message);
  }
}

function location(text: string, at: number): { line: number; column: number } {
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return { line, column: at - before.lastIndexOf('\n') };
}

export function checkWellFormed(input: string): XmlProblem | null {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  try {
    new Checker(text).document();
    return null;
  } catch (error) {
    if (!(error instanceof Fail)) throw error;
    return { message: error.message, ...location(text, error.at), ...(error.unsafe ? { unsafe: true as const } : {}) };
  }
}

class Checker {
  private i = 0;
  private rootSeen = false;
  /** Open elements: qualified name and the namespace prefixes they declare. */
  private readonly stack: { name: string; prefixes: Map<string, string> }[] = [];

  constructor(private readonly text: string) {}

  document(): void {
    const bad = NOT_XML_CHAR.exec(this.text);
    if (bad)
      throw new Fail(`character U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`, bad.index);
    if (this.text.startsWith('<?xml') && /^<\?xml[ \t\r\n?]/.test(this.text)) this.declaration();
    let doctypeAllowed = true;
    while (this.i < this.text.length) {
      this.skipSpace();
      if (this.i >= this.text.length) break;
      if (this.startsWith('<!--')) this.comment();
      else if (this.startsWith('<?')) this.instruction();
      else if (this.startsWith('<!DOCTYPE')) {
        if (!doctypeAllowed || this.rootSeen) throw new Fail('DOCTYPE after the root element or twice', this.i);
        this.doctype();
        doctypeAllowed = false;
      } else if (this.text[this.i] === '<' && !this.rootSeen) {
        doctypeAllowed = false;
        this.element();
        this.rootSeen = true;
      } else throw new Fail(this.rootSeen ? 'content after the root element' : 'text before the root element', this.i);
    }
    if (!this.rootSeen) throw new Fail('no root element', this.i);
  }

  private startsWith(s: string): boolean {
    return this.text.startsWith(s, this.i);
  }

  private skipSpace(): boolean {
    SPACE.lastIndex = this.i;
    if (!SPACE.test(this.text)) return false;
    this.i = SPACE.lastIndex;
    return true;
  }

  private name(what: string): string {
    NAME.lastIndex = this.i;
    const m = NAME.exec(this.text);
    if (!m) throw new Fail(`expected ${what}`, this.i);
    this.i = NAME.lastIndex;
    return m[0];
  }

  private expect(s: string, what = `"${s}"`): void {
    if (!this.startsWith(s)) throw new Fail(`expected ${what}`, this.i);
    this.i += s.length;
  }

  private until(end: string, what: string): string {
    const at = this.text.indexOf(end, this.i);
    if (at < 0) throw new Fail(`${what} is not closed (missing "${end}")`, this.i);
    const body = this.text.slice(this.i, at);
    this.i = at + end.length;
    return body;
  }

  private declaration(): void {
    const start = this.i;
    const body = this.until('?>', 'the XML declaration');
    if (
      !/^<\?xml\s+version\s*=\s*(["'])1\.[0-9]+\1(\s+encoding\s*=\s*(["'])[A-Za-z][A-Za-z0-9._-]*\3)?(\s+standalone\s*=\s*(["'])(yes|no)\5)?\s*$/.test(
        body,
      )
    ) {
      throw new Fail('malformed XML declaration', start);
    }
  }

  private comment(): void {
    const start = this.i;
    this.i += 4;
    const body = this.until('-->', 'a comment');
    if (body.includes('--') || body.endsWith('-')) throw new Fail('"--" inside a comment', start);
  }

  private instruction(): void {
    const start = this.i;
    this.i += 2;
    const target = this.name('a processing instruction target');
    if (target.toLowerCase() === 'xml') throw new Fail('XML declaration not at the start of the document', start);
    this.until('?>', 'a processing instruction');
  }

  private doctype(): void {
    this.i += '<!DOCTYPE'.length;
    if (!this.skipSpace()) throw new Fail('expected a space after DOCTYPE', this.i);
    this.name('the document type name');
    this.skipSpace();
    if (this.startsWith('SYSTEM') || this.startsWith('PUBLIC')) {
      const isPublic = this.startsWith('PUBLIC');
      this.i += 6;
      this.skipSpace();
      this.quoted('an identifier');
      if (isPublic) {
        this.skipSpace();
        this.quoted('a system identifier');
      }
      this.skipSpace();
    }
    if (this.startsWith('[')) throw new Fail('the DOCTYPE declares a DTD internal subset (entity declarations)', this.i, true);
    this.expect('>', '">" to end the DOCTYPE');
  }

  private quoted(what: string): string {
    const quote = this.text[this.i];
    if (quote !== '"' && quote !== "'") throw new Fail(`expected ${what} in quotes`, this.i);
    this.i += 1;
    return this.until(quote, what);
  }

  /** The root element and everything in it, without recursion (deep files cannot overflow the stack). */
  private element(): void {
    this.startTag();
    while (this.stack.length > 0) {
      const lt = this.text.indexOf('<', this.i);
      if (lt < 0) throw new Fail(`element <${this.stack.at(-1)!.name}> is not closed (the file ends first)`, this.text.length);
      this.characterData(this.i, lt);
      this.i = lt;
      if (this.startsWith('</')) this.endTag();
      else if (this.startsWith('<!--')) this.comment();
      else if (this.startsWith('<![CDATA[')) {
        this.i += 9;
        this.until(']]>', 'a CDATA section');
      } else if (this.startsWith('<?')) this.instruction();
      else if (this.startsWith('<!')) throw new Fail('unexpected "<!" in content', this.i);
      else this.startTag();
    }
  }

  private characterData(from: number, to: number): void {
    const chunk = this.text.slice(from, to);
    const cdataEnd = chunk.indexOf(']]>');
    if (cdataEnd >= 0) throw new Fail('"]]>" in text', from + cdataEnd);
    this.references(chunk, from);
  }

  private references(chunk: string, offset: number): void {
    let amp = chunk.indexOf('&');
    while (amp >= 0) {
      REFERENCE.lastIndex = amp;
      const m = REFERENCE.exec(chunk);
      if (!m) throw new Fail('"&" that starts no character or predefined entity reference', offset + amp);
      if (m[2] !== undefined || m[3] !== undefined) {
        const code = m[2] !== undefined ? Number.parseInt(m[2], 10) : Number.parseInt(m[3]!, 16);
        if (code > 0x10ffff || NOT_XML_CHAR.test(String.fromCodePoint(Math.min(code, 0x10ffff))) || (code >= 0xd800 && code <= 0xdfff)) {
          throw new Fail(`character reference ${m[0]} names a character XML does not allow`, offset + amp);
        }
      }
      amp = chunk.indexOf('&', REFERENCE.lastIndex);
    }
  }

  private startTag(): void {
    const start = this.i;
    this.expect('<');
    const name = this.name('an element name');
    const attributes = new Map<string, string>();
    for (;;) {
      const spaced = this.skipSpace();
      if (this.startsWith('/>') || this.startsWith('>')) break;
      if (!spaced) throw new Fail('expected a space between attributes', this.i);
      const attrAt = this.i;
      const attr = this.name('an attribute name');
      if (attributes.has(attr)) throw new Fail(`attribute ${attr} appears twice`, attrAt);
      this.skipSpace();
      this.expect('=', `"=" after attribute ${attr}`);
      this.skipSpace();
      const valueAt = this.i + 1;
      const value = this.quoted(`the value of ${attr}`);
      if (value.includes('<')) throw new Fail(`"<" in the value of ${attr}`, valueAt + value.indexOf('<'));
      this.references(value, valueAt);
      attributes.set(attr, value);
    }
    const prefixes = new Map<string, string>();
    for (const [attr, value] of attributes) {
      if (attr.startsWith('xmlns:')) {
        const prefix = attr.slice(6);
        if (value === '') throw new Fail(`namespace prefix ${prefix} bound to an empty name`, start);
        if (prefix === 'xmlns' || (prefix === 'xml') !== (value === XML_NS))
          throw new Fail(`reserved prefix or namespace misused: ${attr}`, start);
        prefixes.set(prefix, value);
      }
    }
    this.stack.push({ name, prefixes });
    this.checkPrefix(name, start);
    for (const attr of attributes.keys()) if (attr !== 'xmlns' && !attr.startsWith('xmlns:')) this.checkPrefix(attr, start);
    if (this.startsWith('/>')) {
      this.i += 2;
      this.stack.pop();
    } else this.i += 1;
  }

  private checkPrefix(qname: string, at: number): void {
    const colon = qname.indexOf(':');
    if (colon < 0) return;
    const prefix = qname.slice(0, colon);
    if (colon === 0 || qname.indexOf(':', colon + 1) >= 0 || colon === qname.length - 1)
      throw new Fail(`malformed qualified name ${qname}`, at);
    if (prefix === 'xml') return;
    if (!this.stack.some((open) => open.prefixes.has(prefix))) throw new Fail(`namespace prefix ${prefix} is not declared`, at);
  }

  private endTag(): void {
    const start = this.i;
    this.i += 2;
    const name = this.name('an element name');
    this.skipSpace();
    this.expect('>', `">" to end </${name}`);
    const open = this.stack.pop()!;
    if (open.name !== name) throw new Fail(`</${name}> closes <${open.name}>`, start);
  }
}
