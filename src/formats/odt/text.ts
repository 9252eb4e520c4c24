import type { InlineTagType } from '../../core/segment-record.js';
import { withoutXmlForbiddenChars } from '../../core/xml-chars.js';
import { BlockBuilder, blockPieces } from '../document/blocks.js';
import { type BlockRegion, rewriteSource, tagKey } from '../document/rewrite.js';
import type { DocumentBlock, TranslatedBlock } from '../document/types.js';
import { type XmlEvent, type XmlOpen, scanXml } from '../document/xml-scan.js';

/**
 * The text of one XML part of an OpenDocument text (content.xml's body,
 * styles.xml's master pages: headers and footers), read into blocks and
 * written back in place. Every `text:p` and `text:h` is a block: spans and
 * links are spans; spaces (`text:s`), tabs and line breaks are codes that
 * stand for their whitespace; everything else inside a paragraph (a note,
 * a frame, a field, a bookmark, a change mark, a comment) is a code keeping
 * its whole element. Paragraphs inside such an element (a note's body, a
 * text box) are blocks of their own, listed before the paragraph around
 * them; so are an image's title and description (svg:title, svg:desc).
 * Paragraphs of comments and of tracked changes (deleted text) are left
 * alone. ODF collapses whitespace as XML text does, so blocks do too.
 */

export const ODF = {
  office: 'urn:oasis:names:tc:opendocument:xmlns:office:1.0',
  style: 'urn:oasis:names:tc:opendocument:xmlns:style:1.0',
  text: 'urn:oasis:names:tc:opendocument:xmlns:text:1.0',
  table: 'urn:oasis:names:tc:opendocument:xmlns:table:1.0',
  draw: 'urn:oasis:names:tc:opendocument:xmlns:drawing:1.0',
  svg: 'urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0',
  fo: 'urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0',
  /** LibreOffice's extensions (its first-page header before ODF 1.3 named one). */
  loext: 'urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0',
} as const;

/** A text part's blocks and where each sits in the part's source. */
export interface PartLayout {
  blocks: DocumentBlock[];
  regions: BlockRegion[];
}

const is = (element: Pick<XmlOpen, 'uri' | 'local'>, uri: string, local: string) => element.uri === uri && element.local === local;
const isParagraph = (element: XmlOpen) => element.uri === ODF.text && (element.local === 'p' || element.local === 'h');
/** An image's or shape's title and description: what a screen reader says for it. */
const isAltText = (element: XmlOpen) => element.uri === ODF.svg && (element.local === 'title' || element.local === 'desc');
/** Where translatable paragraphs live: the document body, and the master pages (their headers and footers). */
const isZone = (element: XmlOpen) => is(element, ODF.office, 'body') || is(element, ODF.style, 'master-page');
/** Comments and tracked changes (deleted text, earlier formatting) are kept as they are, never translated. */
const isLeftAlone = (element: XmlOpen) => is(element, ODF.office, 'annotation') || is(element, ODF.text, 'tracked-changes');

/** What a container makes of the paragraphs inside it, for a reviewer. */
function containerContext(element: XmlOpen): string | undefined {
  if (is(element, ODF.text, 'note')) return element.attributes['text:note-class']?.value === 'endnote' ? 'endnote' : 'footnote';
  if (is(element, ODF.draw, 'text-box')) return 'text box';
  if (element.uri === ODF.table && (element.local === 'table-cell' || element.local === 'covered-table-cell')) return 'table';
  if (element.uri === ODF.style || element.uri === ODF.loext) {
    const part = /^(header|footer)(?:-left|-first)?$/.exec(element.local)?.[1];
    if (part) return part;
  }
  return undefined;
}

/** The whitespace a code stands for in the plain text. */
const WHITESPACE: Readonly<Record<string, '\n' | '\t' | ' '>> = { s: ' ', tab: '\t', 'line-break': '\n' };

/** What a code inside a paragraph is (the element is kept whole as its markup). */
function codeType(element: XmlOpen): InlineTagType {
  if (element.uri === ODF.text) {
    const local = element.local;
    if (local === 's') return 'space';
    if (local === 'tab') return 'tab';
    if (local === 'line-break') return 'break';
    if (local === 'note') return 'note';
    if (/^(bookmark|reference-mark)(-start|-end)?$/.test(local)) return 'bookmark';
    if (/^change(-start|-end)?$/.test(local)) return 'change';
    // Empty spans and links, page breaks, index marks, ruby: markup with no fields to keep intact.
    if (
      local === 'span' ||
      local === 'a' ||
      local === 'soft-page-break' ||
      local === 'ruby' ||
      local === 'meta' ||
      /-mark(-start|-end)?$/.test(local)
    )
      return 'other';
    // Everything else ODF puts in a paragraph is a field: page number, date, chapter, sequence, variable, reference…
    return 'field';
  }
  if (element.uri === ODF.office && element.local.startsWith('annotation')) return 'comment';
  if (is(element, ODF.draw, 'frame')) return 'image';
  return 'other';
}

/**
 * Text styles by name and the formatting a span in each shows, so a span is
 * told to the pipeline as bold or italic rather than "formatting". Built from
 * styles.xml's styles and each part's automatic styles (which come before the
 * text in both parts).
 */
export class TextStyles {
  private readonly own = new Map<string, { type?: InlineTagType; parent?: string }>();

  constructor(private readonly inherited?: TextStyles) {}

  define(name: string, parent: string | undefined): void {
    this.own.set(name, parent === undefined ? {} : { parent });
  }

  setFormatting(name: string, type: InlineTagType): void {
    const style = this.own.get(name);
    if (style && style.type === undefined) style.type = type;
  }

  /** The formatting a span of this style shows, following its parents; `format` when none is known. */
  typeOf(name: string | undefined): InlineTagType {
    for (let depth = 0; name !== undefined && depth < 16; depth++) {
      const style = this.own.get(name);
      if (!style) return this.inherited?.typeOf(name) ?? 'format';
      if (style.type) return style.type;
      name = style.parent;
    }
    return 'format';
  }
}

/** The span type a style's text properties show (bold first when several), or undefined. */
function formattingOf(properties: XmlOpen): InlineTagType | undefined {
  const value = (name: string) => properties.attributes[name]?.value;
  const weight = value('fo:font-weight');
  if (weight === 'bold' || (weight !== undefined && Number(weight) >= 600)) return 'bold';
  if (value('fo:font-style') === 'italic' || value('fo:font-style') === 'oblique') return 'italic';
  const underline = value('style:text-underline-style');
  if (underline !== undefined && underline !== 'none') return 'underline';
  const strike = value('style:text-line-through-style');
  if (strike !== undefined && strike !== 'none') return 'strike';
  // "super 58%", "33% 58%": raised; "sub", "-33%": lowered; "0%": neither.
  const position = value('style:text-position')?.split(/\s+/)[0];
  if (position === 'super' || (position !== undefined && Number.parseFloat(position) > 0)) return 'superscript';
  if (position === 'sub' || (position !== undefined && Number.parseFloat(position) < 0)) return 'subscript';
  return undefined;
}

interface Paragraph {
  builder: BlockBuilder;
  tagSources: Map<string, readonly [number, number]>;
  /** Where its content starts in the source (after its start tag). */
  start: number;
  context: string | undefined;
  /** The element being taken whole as a code, while its content is read past; `depth` is the stack height at its start. */
  code: { start: number; type: InlineTagType; whitespace?: '\n' | '\t' | ' '; depth: number } | null;
}

interface Open {
  inZone: boolean;
  leftAlone: boolean;
  context: string | undefined;
  role: 'element' | 'paragraph' | 'span' | 'code';
  spanId?: string;
  /** A text style being defined, for its text properties. */
  style?: string;
}

class PartReader {
  readonly layout: PartLayout = { blocks: [], regions: [] };
  private readonly stack: Open[] = [];
  private readonly paragraphs: Paragraph[] = [];

  constructor(
    private readonly source: string,
    readonly styles: TextStyles,
  ) {}

  event(event: XmlEvent): void {
    const paragraph = this.paragraphs.at(-1);
    if (event.type === 'open') this.open(event, paragraph);
    else if (event.type === 'close') this.close(event.start, event.end, paragraph);
    else if (paragraph && !paragraph.code) {
      if (event.type === 'text') paragraph.builder.addText(event.text);
      // A comment or processing instruction inside a paragraph stays where it was.
      else this.addCode(paragraph, 'other', event.start, event.end);
    }
  }

  private open(element: XmlOpen, paragraph: Paragraph | undefined): void {
    const parent = this.stack.at(-1);
    const entry: Open = {
      inZone: (parent?.inZone ?? false) || isZone(element),
      leftAlone: (parent?.leftAlone ?? false) || isLeftAlone(element),
      context: containerContext(element) ?? parent?.context,
      role: 'element',
    };
    if (paragraph && !paragraph.code) {
      const spanType = is(element, ODF.text, 'a')
        ? 'link'
        : is(element, ODF.text, 'span')
          ? this.styles.typeOf(element.attributes['text:style-name']?.value)
          : null;
      if (spanType && !element.selfClosing) {
        entry.role = 'span';
        entry.spanId = paragraph.builder.openSpan(spanType, this.source.slice(element.start, element.end));
        paragraph.tagSources.set(tagKey({ kind: 'open', id: entry.spanId }), [element.start, element.end]);
      } else {
        entry.role = 'code';
        const whitespace = element.uri === ODF.text ? WHITESPACE[element.local] : undefined;
        paragraph.code = { start: element.start, type: codeType(element), depth: this.stack.length, ...(whitespace ? { whitespace } : {}) };
      }
    } else if ((isParagraph(element) || isAltText(element)) && entry.inZone && !entry.leftAlone) {
      entry.role = 'paragraph';
      this.paragraphs.push({
        builder: new BlockBuilder({ collapseSpaces: true }),
        tagSources: new Map(),
        start: element.end,
        context: isAltText(element) ? 'alt text' : (entry.context ?? (element.local === 'h' ? 'heading' : undefined)),
        code: null,
      });
    } else if (!paragraph) entry.style = this.style(element, parent);
    this.stack.push(entry);
  }

  /** Text styles and their formatting, as they are defined; the name of the text style `element` defines, if it does. */
  private style(element: XmlOpen, parent: Open | undefined): string | undefined {
    if (is(element, ODF.style, 'style') && element.attributes['style:family']?.value === 'text') {
      const name = element.attributes['style:name']?.value;
      if (name !== undefined) this.styles.define(name, element.attributes['style:parent-style-name']?.value);
      return name;
    }
    if (is(element, ODF.style, 'text-properties') && parent?.style !== undefined) {
      const type = formattingOf(element);
      if (type) this.styles.setFormatting(parent.style, type);
    }
    return undefined;
  }

  private close(start: number, end: number, paragraph: Paragraph | undefined): void {
    const entry = this.stack.pop()!;
    if (entry.role === 'span') {
      paragraph!.builder.closeSpan(entry.spanId!, this.source.slice(start, end));
      paragraph!.tagSources.set(tagKey({ kind: 'close', id: entry.spanId! }), [start, end]);
    } else if (entry.role === 'code') {
      const code = paragraph!.code!;
      paragraph!.code = null;
      this.addCode(paragraph!, code.type, code.start, end, code.whitespace);
    } else if (entry.role === 'paragraph') {
      this.paragraphs.pop();
      const block = paragraph!.builder.build(paragraph!.context);
      if (block) {
        this.layout.blocks.push(block);
        this.layout.regions.push({ start: paragraph!.start, end: start, tagSources: paragraph!.tagSources });
      }
    }
  }

  private addCode(paragraph: Paragraph, type: InlineTagType, start: number, end: number, whitespace?: '\n' | '\t' | ' '): void {
    const id = paragraph.builder.addCode(type, this.source.slice(start, end), whitespace);
    paragraph.tagSources.set(tagKey({ kind: 'isolated', id }), [start, end]);
  }
}

/**
 * The blocks of one part. `styles` gathers the part's text styles (give
 * styles.xml's to content.xml's reader: its spans use the named ones).
 */
export function readPart(source: string, file: string, part: string | undefined, styles: TextStyles): PartLayout {
  const reader = new PartReader(source, styles);
  scanXml(source, part === undefined ? { file } : { file, part }, (event) => reader.event(event));
  return reader.layout;
}

const escapeText = (text: string) => withoutXmlForbiddenChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The part with each block's paragraph content replaced by its translation; every other byte as it was. */
export function writePart(source: string, layout: PartLayout, translations: readonly TranslatedBlock[]): string {
  return rewriteSource(source, layout.regions, translations, (translation, markup, region) => {
    const pieces = blockPieces(translation);
    let out = '';
    pieces.forEach((piece, i) => {
      if ('text' in piece) {
        out += escapeText(piece.text);
        return;
      }
      // LibreOffice and pandoc write two spaces as "a <text:s/>b": the first is text, which the block's text has folded
      // into the code, so it is written again where the source had it.
      const from = region.tagSources.get(tagKey(piece.tag));
      if (piece.tag.type === 'space' && from && /[ \t\n\r]/.test(source[from[0] - 1] ?? '')) {
        const before = pieces.slice(0, i).findLast((p) => 'text' in p);
        if (before && 'text' in before && !/[ \t\n]$/.test(before.text)) out += ' ';
      }
      out += markup(piece.tag);
    });
    // The block's text is trimmed; the whitespace its stretch of source began and ended with stays.
    const stretch = source.slice(region.start, region.end);
    return `${/^[ \t\n\r]*/.exec(stretch)![0]}${out}${/[ \t\n\r]*$/.exec(stretch)![0]}`;
  });
}
