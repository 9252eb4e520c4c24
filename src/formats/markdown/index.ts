import type { Nodes, Parents, PhrasingContent, Root } from 'mdast';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import { Lv2enError } from '../../core/errors.js';
import type { InlineTag, InlineTagType } from '../../core/segment-record.js';
import { firstInvalidUtf8Offset } from '../../core/utf8.js';
import { BlockBuilder, blockPieces } from '../document/blocks.js';
import { type BlockRegion, rewriteSource, tagKey } from '../document/rewrite.js';
import type { DocumentBlock, DocumentFormat, TranslatedBlock } from '../document/types.js';

/**
 * Markdown (CommonMark + GFM, parsed by micromark/mdast with source
 * positions): the text of paragraphs, headings and table cells, with
 * emphasis, strong, strikethrough, links and images' alt text as spans.
 * Left alone: code blocks and inline code, HTML blocks, front matter, link
 * definitions, URLs written as links, footnote references. Only the inline
 * content of each translated block is rewritten, on one line (a hard break
 * keeps its line and the prefix of the next one); the rest is copied as it was.
 */

const FRONTMATTER = ['yaml', 'toml'] as const;

/** Blocks whose children are phrasing content. */
const TEXT_BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);

const SPAN_TYPES: Partial<Record<PhrasingContent['type'], InlineTagType>> = {
  emphasis: 'italic',
  strong: 'bold',
  delete: 'strike',
  link: 'link',
  linkReference: 'link',
};

const offset = (node: Nodes, side: 'start' | 'end') => node.position?.[side].offset;

interface Layout {
  blocks: DocumentBlock[];
  regions: BlockRegion[];
}

class MarkdownReader {
  readonly layout: Layout = { blocks: [], regions: [] };

  constructor(private readonly source: string) {}

  read(root: Root): Layout {
    this.walk(root, undefined);
    return this.layout;
  }

  private walk(node: Parents, context: string | undefined): void {
    for (const child of node.children) {
      if (TEXT_BLOCKS.has(child.type))
        this.block(child as Parents, child.type === 'heading' ? 'heading' : child.type === 'tableCell' ? 'table' : context);
      else if ('children' in child && child.type !== 'link' && child.type !== 'linkReference')
        this.walk(child as Parents, child.type === 'footnoteDefinition' ? 'footnote' : context);
    }
  }

  private block(node: Parents, context: string | undefined): void {
    const children = node.children as PhrasingContent[];
    const start = children.length > 0 ? offset(children[0]!, 'start') : undefined;
    const end = children.length > 0 ? offset(children.at(-1)!, 'end') : undefined;
    if (start === undefined || end === undefined) return;
    const builder = new BlockBuilder({ collapseSpaces: true });
    const tagSources = new Map<string, readonly [number, number]>();
    this.phrasing(children, builder, tagSources, end);
    const block = builder.build(context);
    if (!block) return;
    this.layout.blocks.push(block);
    this.layout.regions.push({ start, end, tagSources, kind: context === 'table' ? 'cell' : 'text' });
  }

  private raw(start: number, end: number): string {
    return this.source.slice(start, end);
  }

  private phrasing(
    nodes: readonly PhrasingContent[],
    builder: BlockBuilder,
    sources: Map<string, readonly [number, number]>,
    blockEnd: number,
  ): void {
    // Inline HTML: an opening tag whose closing tag follows among the same siblings is a span; any other, a code.
    const htmlPairs = pairInlineHtml(nodes);
    const openHtml = new Map<number, string>();
    nodes.forEach((node, i) => {
      const start = offset(node, 'start')!;
      const end = offset(node, 'end')!;
      const code = (type: InlineTagType, from = start, to = end, whitespace?: '\n') => {
        const id = builder.addCode(type, this.raw(from, to), whitespace);
        sources.set(tagKey({ kind: 'isolated', id }), [from, to]);
      };
      switch (node.type) {
        case 'text':
          builder.addText(node.value);
          return;
        case 'inlineCode':
        case 'footnoteReference':
          code(node.type === 'inlineCode' ? 'code' : 'note');
          return;
        case 'break': {
          // The break keeps the next line's container prefix (`> `, list indentation) that comes before its text.
          const next = nodes[i + 1];
          code('break', start, next ? offset(next, 'start')! : end, '\n');
          return;
        }
        case 'html': {
          const partner = htmlPairs.get(i);
          if (partner !== undefined && partner > i) {
            const id = builder.openSpan('format', node.value);
            sources.set(tagKey({ kind: 'open', id }), [start, end]);
            openHtml.set(partner, id);
          } else if (openHtml.has(i)) {
            const id = openHtml.get(i)!;
            builder.closeSpan(id, node.value);
            sources.set(tagKey({ kind: 'close', id }), [start, end]);
          } else code('code');
          return;
        }
        case 'image':
        case 'imageReference': {
          // `![alt](url)`: the alt text is translated between the two halves of the markup.
          const raw = this.raw(start, end);
          const altEnd = node.type === 'image' ? raw.lastIndexOf('](') : raw.indexOf(']', 2 + (node.alt ?? '').length - 1);
          if (!node.alt || altEnd < 2) {
            code('image');
            return;
          }
          const id = builder.openSpan('image', '![');
          sources.set(tagKey({ kind: 'open', id }), [start, start + 2]);
          builder.addText(node.alt);
          builder.closeSpan(id, raw.slice(altEnd));
          sources.set(tagKey({ kind: 'close', id }), [start + altEnd, end]);
          return;
        }
        default: {
          const type = SPAN_TYPES[node.type];
          const children = 'children' in node ? (node.children as PhrasingContent[]) : [];
          // A link whose text is its own address (an autolink, a bare URL) is code, not prose.
          if (!type || children.length === 0 || (node.type === 'link' && isAddress(node))) {
            code(node.type === 'link' ? 'link' : 'other');
            return;
          }
          const innerStart = offset(children[0]!, 'start')!;
          const innerEnd = offset(children.at(-1)!, 'end')!;
          const id = builder.openSpan(type, this.raw(start, innerStart));
          sources.set(tagKey({ kind: 'open', id }), [start, innerStart]);
          this.phrasing(children, builder, sources, blockEnd);
          builder.closeSpan(id, this.raw(innerEnd, end));
          sources.set(tagKey({ kind: 'close', id }), [innerEnd, end]);
        }
      }
    });
  }
}

const isAddress = (link: { url: string; children: PhrasingContent[] }) => {
  const text = link.children.map((c) => ('value' in c ? c.value : '')).join('');
  return text === link.url || `mailto:${text}` === link.url || `http://${text}` === link.url;
};

/** Indexes of inline HTML tags that open and close a span among siblings (`<sup>` … `</sup>`), each mapped to its partner. */
function pairInlineHtml(nodes: readonly PhrasingContent[]): Map<number, number> {
  const pairs = new Map<number, number>();
  const open: { name: string; index: number }[] = [];
  nodes.forEach((node, i) => {
    if (node.type !== 'html') return;
    const opening = /^<([a-z][\w-]*)(?:\s[^>]*)?>$/i.exec(node.value);
    const closing = /^<\/([a-z][\w-]*)\s*>$/i.exec(node.value);
    if (opening && !/\/>$/.test(node.value)) open.push({ name: opening[1]!.toLowerCase(), index: i });
    else if (closing) {
      const at = open.findLastIndex((o) => o.name === closing[1]!.toLowerCase());
      if (at === -1) return;
      // Tags opened after the matching one and never closed stay codes.
      const [match] = open.splice(at);
      pairs.set(match!.index, i);
      pairs.set(i, match!.index);
    }
  });
  return pairs;
}

/**
 * Text written so that Markdown reads it back as the same text: the
 * characters that could start markup are escaped, and those only at a line
 * start (a heading, a list marker, a quote) where one is.
 */
function escapeMarkdown(text: string, inCell: boolean, atBlockStart: boolean): string {
  let out = text.replace(/[\\`*_[\]<~]/g, (c) => `\\${c}`).replace(/&(?=#?\w+;)/g, '\\&');
  if (inCell) out = out.replace(/\|/g, '\\|');
  if (atBlockStart)
    out = out.replace(
      /^(\s*)([#>+=-]|\d+(?=[.)]))/,
      (_, space: string, marker: string) => `${space}${/\d/.test(marker) ? `${marker}\\` : `\\${marker}`}`,
    );
  if (atBlockStart) out = out.replace(/^(\s*\d+)\\([.)])/, '$1\\$2');
  return out;
}

function render(translation: TranslatedBlock, markup: (tag: InlineTag) => string, region: BlockRegion): string {
  const inCell = region.kind === 'cell';
  let out = '';
  for (const piece of blockPieces(translation)) {
    if ('tag' in piece) out += markup(piece.tag);
    else out += escapeMarkdown(piece.text.replace(/\n/g, ' '), inCell, out === '');
  }
  return out;
}

function analyse(bytes: Uint8Array, file: string): { source: string; layout: Layout } {
  const invalid = firstInvalidUtf8Offset(bytes);
  if (invalid !== -1 || bytes.subarray(0, 8192).includes(0))
    throw new Lv2enError(
      'INPUT_BAD_ENCODING',
      invalid !== -1
        ? `is not UTF-8 (byte 0x${bytes[invalid]!.toString(16).padStart(2, '0')} at offset ${invalid})`
        : 'is not text (it contains NUL bytes)',
      'Save the Markdown file as UTF-8',
      { file },
    );
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const source = new TextDecoder('utf-8').decode(bytes.subarray(start));
  const root = fromMarkdown(source, {
    extensions: [gfm(), frontmatter([...FRONTMATTER])],
    mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown([...FRONTMATTER])],
  });
  return { source, layout: new MarkdownReader(source).read(root) };
}

export const markdown: DocumentFormat = {
  name: 'md',
  label: 'Markdown file',
  extensions: ['.md', '.markdown'],
  // Markdown is plain text to look at: only its name says what it is.
  sniff: () => false,
  async read(bytes, file) {
    return analyse(bytes, file).layout.blocks;
  },
  async write(bytes, translations, out, file) {
    const { source, layout } = analyse(bytes, file);
    const texts: TranslatedBlock[] = [];
    for (let i = 0; i < layout.blocks.length; i++) texts.push(await translations.next());
    const hadBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    const text = rewriteSource(source, layout.regions, texts, render);
    await out.write(hadBom ? `\uFEFF${text}` : text);
  },
};
