import { type DefaultTreeAdapterMap, parse, parseFragment } from 'parse5';
import { Lv2enError } from '../../core/errors.js';
import type { InlineTag, InlineTagType } from '../../core/segment-record.js';
import { BlockBuilder, blockPieces } from '../document/blocks.js';
import { type BlockRegion, rewriteSource, tagKey } from '../document/rewrite.js';
import type { DocumentBlock, DocumentFormat, TranslatedBlock } from '../document/types.js';
import { type DecodedPage, decodeWebPage } from './encoding.js';

/**
 * Web pages (HTML5, parsed by parse5 as browsers parse them, with source
 * locations): the text of block elements with its inline markup as tags,
 * `<title>`, and the attributes people read (title, alt, placeholder,
 * aria-label, meta description). Left alone: script, style, code, pre,
 * textarea, svg, math and anything under translate="no". The page is written
 * back by replacing only those stretches of the source, so entities,
 * comments, the doctype and every other byte survive; `lang` becomes `en`.
 */

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];
type ParentNode = DefaultTreeAdapterMap['parentNode'];

/** Elements whose content is not prose: never translated, kept byte for byte. */
const LEFT_ALONE = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'code',
  'pre',
  'textarea',
  'svg',
  'math',
  'iframe',
  'object',
  'xmp',
  'plaintext',
  'kbd',
  'samp',
]);

/** Elements that start and end a block of text (HTML's block and table elements, plus the few that hold a label of their own). */
const BLOCK = new Set([
  'html',
  'head',
  'body',
  'title',
  'address',
  'article',
  'aside',
  'blockquote',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'legend',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'optgroup',
  'option',
  'p',
  'search',
  'section',
  'select',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'video',
  'audio',
  'picture',
  'map',
  'datalist',
]);

/** Inline elements without content: each is a code standing alone (br, a line break, is a `break`). */
const VOID_INLINE = new Set(['img', 'input', 'wbr', 'area', 'embed', 'source', 'track']);

const SPAN_TYPES: Readonly<Record<string, InlineTagType>> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  cite: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strike',
  strike: 'strike',
  del: 'strike',
  sup: 'superscript',
  sub: 'subscript',
  a: 'link',
};

/** Attributes whose value is prose a reader sees (a tooltip, an image's text, a search result's snippet). */
const PROSE_ATTRIBUTES = new Set(['title', 'alt', 'placeholder', 'aria-label']);
const PROSE_META = new Set(['description', 'og:title', 'og:description', 'twitter:title', 'twitter:description']);

const isElement = (node: Node): node is Element => 'tagName' in node;
const isText = (node: Node): node is DefaultTreeAdapterMap['textNode'] => node.nodeName === '#text';
const attributeOf = (element: Element, name: string) => element.attrs.find((a) => a.name === name)?.value;

interface Layout {
  blocks: DocumentBlock[];
  regions: BlockRegion[];
  /** Places to write `en` (a lang attribute's value, or a new attribute on <html>). */
  languages: { start: number; end: number; replacement: string }[];
  /** Where the page's markup was too broken to rewrite a passage safely (it is left as it was). */
  warnings: string[];
}

/** A run of inline content being collected into one block. */
class Run {
  readonly builder = new BlockBuilder({ collapseSpaces: true });
  readonly tagSources = new Map<string, readonly [number, number]>();
  start = -1;
  end = -1;
  /**
   * The parser had to repair the markup here (a formatting element it
   * reopened, content it moved): the tree no longer follows the source, so
   * the passage cannot be rewritten in place and stays as it was.
   */
  misnested = false;

  constructor(readonly context: string | undefined) {}

  cover(start: number, end: number): void {
    if (this.start === -1) this.start = start;
    this.end = Math.max(this.end, end);
  }
}

class PageReader {
  readonly layout: Layout = { blocks: [], regions: [], languages: [], warnings: [] };
  private run: Run | null = null;
  /** The end of the last passage taken: nothing before it may join a later one. */
  private taken = 0;

  constructor(private readonly source: string) {}

  read(document: ParentNode): Layout {
    this.children(document, true, undefined);
    this.flush();
    return this.layout;
  }

  private flush(): void {
    const run = this.run;
    this.run = null;
    if (!run || run.start === -1) return;
    if (run.misnested) {
      const line = this.source.slice(0, run.start).split('\n').length;
      this.layout.warnings.push(
        `line ${line}: markup the HTML parser had to repair (unclosed or misnested tags); that passage is left untranslated`,
      );
      this.taken = Math.max(this.taken, run.end);
      return;
    }
    const block = run.builder.build(run.context);
    this.taken = Math.max(this.taken, run.end);
    if (!block) return;
    this.layout.blocks.push(block);
    this.layout.regions.push({ start: run.start, end: run.end, tagSources: run.tagSources, kind: 'content' });
  }

  private currentRun(context: string | undefined): Run {
    this.run ??= new Run(context);
    return this.run;
  }

  private children(parent: ParentNode, translatable: boolean, context: string | undefined): void {
    for (const child of parent.childNodes) this.node(child, translatable, context);
  }

  private node(node: Node, translatable: boolean, context: string | undefined): void {
    const where = node.sourceCodeLocation;
    if (isText(node)) {
      if (!translatable || !where) return;
      if (this.run === null && node.value.trim() === '') return;
      const run = this.currentRun(context);
      if (this.outOfOrder(run, where.startOffset)) return;
      this.reach(run, where.startOffset);
      run.builder.addText(node.value);
      run.cover(where.startOffset, where.endOffset);
      return;
    }
    if (node.nodeName === '#comment') {
      if (this.run && where && !this.outOfOrder(this.run, where.startOffset))
        this.code(this.run, 'other', where.startOffset, where.endOffset);
      return;
    }
    if (!isElement(node)) return;
    this.language(node);
    const own = attributeOf(node, 'translate');
    const inside = own === 'no' ? false : own === 'yes' ? true : translatable;
    if (inside) this.attributes(node);
    const name = node.tagName;
    if (LEFT_ALONE.has(name) || (!inside && !BLOCK.has(name))) {
      if (this.run && where && !this.outOfOrder(this.run, where.startOffset))
        this.code(this.run, 'code', where.startOffset, where.endOffset);
      else if (this.run && !where) this.run.misnested = true;
      return;
    }
    if (BLOCK.has(name) || this.holdsBlock(node)) {
      // An inline element around blocks (a link around a card of paragraphs) is a container, not a span.
      this.flush();
      const blockContext =
        name === 'title' ? 'title' : /^h[1-6]$/.test(name) ? 'heading' : name === 'td' || name === 'th' ? 'table' : context;
      this.children(node, inside, blockContext);
      this.flush();
      return;
    }
    this.inline(node, inside, context);
  }

  private readonly blockInside = new WeakMap<Element, boolean>();

  /** Whether a block element sits anywhere inside (outside code that is left alone). */
  private holdsBlock(element: Element): boolean {
    const known = this.blockInside.get(element);
    if (known !== undefined) return known;
    const holds = element.childNodes.some(
      (child) => isElement(child) && !LEFT_ALONE.has(child.tagName) && (BLOCK.has(child.tagName) || this.holdsBlock(child)),
    );
    this.blockInside.set(element, holds);
    return holds;
  }

  private inline(element: Element, translatable: boolean, context: string | undefined): void {
    const where = element.sourceCodeLocation;
    const run = this.currentRun(context);
    const name = element.tagName;
    if (!where?.startTag) run.misnested = true;
    else if (this.outOfOrder(run, where.startOffset)) return;
    if (name === 'br') {
      this.code(run, 'break', where?.startOffset, where?.endOffset, '\n', '<br>');
      return;
    }
    if (VOID_INLINE.has(name)) {
      this.code(run, name === 'img' ? 'image' : 'other', where?.startOffset, where?.endOffset, undefined, startTagOf(element));
      return;
    }
    const startTag = where?.startTag;
    if (startTag) this.reach(run, startTag.startOffset);
    const open = run.builder.openSpan(
      SPAN_TYPES[name] ?? 'format',
      startTag ? this.source.slice(startTag.startOffset, startTag.endOffset) : startTagOf(element),
    );
    if (startTag) {
      run.tagSources.set(tagKey({ kind: 'open', id: open }), [startTag.startOffset, startTag.endOffset]);
      run.cover(startTag.startOffset, startTag.endOffset);
    }
    this.children(element, translatable, context);
    const endTag = where?.endTag;
    // Closed by the parser (no end tag of its own): writing one would change what the parser builds.
    if (!endTag) run.misnested = true;
    else this.reach(run, endTag.startOffset);
    run.builder.closeSpan(open, endTag ? this.source.slice(endTag.startOffset, endTag.endOffset) : `</${name}>`);
    if (endTag) {
      run.tagSources.set(tagKey({ kind: 'close', id: open }), [endTag.startOffset, endTag.endOffset]);
      run.cover(endTag.startOffset, endTag.endOffset);
    }
  }

  /** A code standing alone in a run: its markup is the source from `start` to `end` (or `fallback` where the parser made it up). */
  private code(run: Run, type: InlineTagType, start: number | undefined, end: number | undefined, whitespace?: '\n', fallback = ''): void {
    const known = start !== undefined && end !== undefined;
    if (known) this.reach(run, start);
    const id = run.builder.addCode(type, known ? this.source.slice(start, end) : fallback, whitespace);
    if (known) {
      run.tagSources.set(tagKey({ kind: 'isolated', id }), [start, end]);
      run.cover(start, end);
    }
  }

  /** A node that sits in the source before what was already taken: the parser moved it. */
  private outOfOrder(run: Run, start: number): boolean {
    if (start >= Math.max(run.end, this.taken)) return false;
    run.misnested = true;
    return true;
  }

  /**
   * Source the parser dropped (a stray `<td>` outside a table) between what
   * the run has and `start`: kept as a code, so it is written back as it was.
   */
  private reach(run: Run, start: number): void {
    if (run.end === -1 || start <= run.end) return;
    const skipped = this.source.slice(run.end, start);
    if (skipped.trim() === '') return;
    const id = run.builder.addCode('other', skipped);
    run.tagSources.set(tagKey({ kind: 'isolated', id }), [run.end, start]);
    run.cover(run.end, start);
  }

  /** Attribute values a reader sees become blocks of their own, inside the start tag. */
  private attributes(element: Element): void {
    const locations = element.sourceCodeLocation?.attrs;
    if (!locations) return;
    const meta = element.tagName === 'meta' ? (attributeOf(element, 'name') ?? attributeOf(element, 'property'))?.toLowerCase() : undefined;
    for (const attribute of element.attrs) {
      const prose = PROSE_ATTRIBUTES.has(attribute.name) || (attribute.name === 'content' && meta !== undefined && PROSE_META.has(meta));
      const where = locations[attribute.name];
      if (!prose || !where) continue;
      const builder = new BlockBuilder({ collapseSpaces: true });
      builder.addText(attribute.value);
      const block = builder.build(attribute.name === 'alt' ? 'alt text' : `${attribute.name} attribute`);
      if (!block) continue;
      this.layout.blocks.push(block);
      this.layout.regions.push({
        start: where.startOffset,
        end: where.endOffset,
        tagSources: new Map(),
        kind: `attribute:${attribute.name}`,
      });
    }
  }

  /** `lang="lv"` anywhere becomes `en`; an <html> without lang gets one. */
  private language(element: Element): void {
    const where = element.sourceCodeLocation;
    if (!where?.startTag) return;
    for (const name of ['lang', 'xml:lang']) {
      const location = where.attrs?.[name];
      const value = attributeOf(element, name);
      if (location && value !== undefined && (element.tagName === 'html' || /^lv\b/i.test(value)))
        this.layout.languages.push({ start: location.startOffset, end: location.endOffset, replacement: `${name}="en"` });
    }
    if (element.tagName === 'html' && attributeOf(element, 'lang') === undefined) {
      const at = where.startTag.startOffset + '<html'.length;
      this.layout.languages.push({ start: at, end: at, replacement: ' lang="en"' });
    }
  }
}

/** A start tag the parser made up (a formatting element reopened in a new paragraph), written out from its parts. */
function startTagOf(element: Element): string {
  const attributes = element.attrs.map((a) => ` ${a.name}="${escapeAttribute(a.value)}"`).join('');
  return `<${element.tagName}${attributes}>`;
}

/** Characters the page wrote as references (`&ndash;`, `&#160;`), written the same way again. */
type Entities = ReadonlyMap<string, string>;

const escapeText = (text: string, entities: Entities = new Map()) =>
  text.replace(/[&<>\u00a0]|[^\p{ASCII}]/gu, (c) => {
    const own = entities.get(c);
    if (own) return own;
    return c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '\u00a0' ? '&nbsp;' : c;
  });
const escapeAttribute = (text: string, entities?: Entities) => escapeText(text, entities).replace(/"/g, '&quot;');

/** The references a page's text uses for characters beyond ASCII, each decoded the way the parser decodes it. */
function pageEntities(source: string, regions: readonly BlockRegion[]): Map<string, string> {
  const references = new Set<string>();
  for (const region of regions)
    for (const match of source.slice(region.start, region.end).matchAll(/&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);/giu)) references.add(match[0]);
  const entities = new Map<string, string>();
  for (const reference of references) {
    const decoded = textOf(parseFragment(reference));
    if ([...decoded].length === 1 && !/\p{ASCII}/u.test(decoded) && !entities.has(decoded)) entities.set(decoded, reference);
  }
  return entities;
}

const textOf = (node: ParentNode): string =>
  node.childNodes.map((child) => (isText(child) ? child.value : 'childNodes' in child ? textOf(child) : '')).join('');

function analyse(bytes: Uint8Array, file: string): { source: string; layout: Layout; charset: DecodedPage } {
  const charset = decodeWebPage(bytes, file);
  const source = charset.text;
  const document = parse(source, { sourceCodeLocationInfo: true, scriptingEnabled: true });
  checkIsHtml(document, source, file);
  return { source, layout: new PageReader(source).read(document), charset };
}

/** Refuses a file that parses as HTML only because anything does: no element of it is in the source. */
function checkIsHtml(document: ParentNode, source: string, file: string): void {
  const hasElement = (node: ParentNode): boolean =>
    node.childNodes.some(
      (child) => (isElement(child) && child.sourceCodeLocation?.startTag) || ('childNodes' in child && hasElement(child)),
    );
  if (
    /^\s*<\?xml[^>]*\?>\s*(<!--[\s\S]*?-->\s*)*<(?!html\b)[\w:-]+/i.test(source.slice(0, 4096)) &&
    !/<html[\s>]/i.test(source.slice(0, 4096))
  )
    throw new Lv2enError('HTML_INVALID', 'is XML, not an HTML page', 'Give lv2en the page as .html; for XLIFF use .xlf', { file });
  if (!hasElement(document))
    throw new Lv2enError(
      'HTML_INVALID',
      'is not HTML: it holds no HTML element',
      'For plain text use a .txt name or --input-format text; otherwise check the file is the web page you meant',
      { file },
    );
}

/** The markup of one block's translation. */
function renderBlock(translation: TranslatedBlock, markup: (tag: InlineTag) => string, region: BlockRegion, entities: Entities): string {
  if (region.kind?.startsWith('attribute:'))
    return `${region.kind.slice('attribute:'.length)}="${escapeAttribute(translation.text, entities)}"`;
  return blockPieces(translation)
    .map((piece) => ('text' in piece ? escapeText(piece.text, entities) : markup(piece.tag)))
    .join('');
}

export const webpage: DocumentFormat = {
  name: 'html',
  label: 'web page',
  extensions: ['.html', '.htm', '.xhtml'],
  sniff: (bytes) => {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024)).replace(/^\uFEFF|^\u00ef\u00bb\u00bf/, '');
    return /^\s*(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(head);
  },
  async read(bytes, file, context) {
    const { layout } = analyse(bytes, file);
    for (const warning of layout.warnings) context?.warn(warning);
    return layout.blocks;
  },
  async write(bytes, translations, out, file) {
    const { source, layout, charset } = analyse(bytes, file);
    const texts: TranslatedBlock[] = [];
    for (let i = 0; i < layout.blocks.length; i++) texts.push(await translations.next());
    const extra = [
      ...layout.languages.map((l) => ({ start: l.start, end: l.end, replacement: l.replacement })),
      ...(charset.declaration ? [{ ...charset.declaration, replacement: charset.declaration.utf8 }] : []),
    ];
    const regions: BlockRegion[] = [
      ...layout.regions,
      ...extra.map((e) => ({ start: e.start, end: e.end, tagSources: new Map(), kind: 'replace' })),
    ];
    const all = [...texts, ...extra.map((e) => ({ text: e.replacement, tags: [] }))];
    const entities = pageEntities(source, layout.regions);
    const page = rewriteSource(source, regions, all, (translation, markup, region) => {
      if (region.kind === 'replace') return translation.text;
      const rendered = renderBlock(translation, markup, region, entities);
      if (region.kind !== 'content') return rendered;
      // The block's text is trimmed; the whitespace its stretch of source began and ended with stays.
      const stretch = source.slice(region.start, region.end);
      return `${/^[ \t\n\r\f]*/.exec(stretch)![0]}${rendered}${/[ \t\n\r\f]*$/.exec(stretch)![0]}`;
    });
    await out.write(charset.hadBom ? `\uFEFF${page}` : page);
  },
};
