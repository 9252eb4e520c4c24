import { create } from 'xmlbuilder2';
import type { InlineTag } from '../core/segment-record.js';
import { type CodeDialect, type InlineEvent, readInline, taggedText } from './inline-codes.js';
import type { ReadUnit } from './types.js';

/**
 * Parses XML with xmlbuilder2 and returns the root element's DOM node.
 * xmlbuilder2 4.0.3 decodes text in two passes, predefined entities first and
 * character references second, so the literal text "&#38;" (written
 * `&amp;#38;`) comes back as "&". Writing every `&amp;` outside CDATA
 * sections and comments as `&#38;` before parsing gives the same document, and
 * its second pass then decodes each reference exactly once.
 * Its reader also drops whitespace-only text by default; here it is kept.
 */
export function parseXmlRoot(text: string): XElement {
  const safe = text.replace(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|&amp;/g, (m) => (m === '&amp;' ? '&#38;' : m));
  // Whitespace-only text is text here: the space in `<g>a</g> <g>b</g>` or an ignorable's source.
  return create({ skipWhitespaceOnlyText: false }, safe).root().node as unknown as XElement;
}

/** The part of xmlbuilder2's DOM the readers use. */
export interface XNode {
  nodeType: number;
  localName?: string;
  namespaceURI?: string | null;
  data?: string;
  childNodes: ArrayLike<XNode>;
  parentNode: XNode | null;
}
export interface XElement extends XNode {
  localName: string;
  getAttribute(name: string): string | null;
}

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;
const isElement = (node: XNode): node is XElement => node.nodeType === ELEMENT;
export const attribute = (element: XElement, name: string) => element.getAttribute(name);
export const children = (element: XNode, name?: string) =>
  Array.from(element.childNodes).filter((n): n is XElement => isElement(n) && (name === undefined || n.localName === name));
export const child = (element: XNode, name: string) => children(element, name)[0] ?? null;

export function descendants(element: XNode, name: string, out: XElement[] = []): XElement[] {
  for (const node of children(element)) {
    if (node.localName === name) out.push(node);
    else descendants(node, name, out);
  }
  return out;
}

/** The text of an element that holds only text (a note, a prop, a meta), through any markup in it. */
export function inlineText(element: XNode): string {
  let out = '';
  for (const node of Array.from(element.childNodes)) {
    if (node.nodeType === TEXT || node.nodeType === CDATA) out += node.data ?? '';
    else if (isElement(node)) out += inlineText(node);
  }
  return out;
}

/** The content of a source, target or seg as inline events (without markup: the DOM keeps none). */
export function inlineEvents(element: XNode, out: InlineEvent[] = []): InlineEvent[] {
  for (const node of Array.from(element.childNodes)) {
    if (node.nodeType === TEXT || node.nodeType === CDATA) out.push({ type: 'text', text: node.data ?? '', markup: '' });
    else if (isElement(node)) {
      out.push({ type: 'open', local: node.localName, attribute: (name) => node.getAttribute(name) ?? undefined, markup: '' });
      inlineEvents(node, out);
      out.push({ type: 'close', local: node.localName, markup: '' });
    }
  }
  return out;
}

/** A source, target or seg (or several read as one) as its text and inline tags, codes' ids as the file has them. */
export const readTagged = (elements: XNode | readonly XNode[], dialect: CodeDialect) =>
  taggedText(
    readInline(
      [elements].flat().flatMap((element) => inlineEvents(element)),
      dialect,
    ),
  );

/** A unit's source and target as a review reader hands them on: tags only where there are some. */
export function unitTexts(
  source: { text: string; tags: InlineTag[] },
  target: { text: string; tags: InlineTag[] } | null,
): Pick<ReadUnit, 'source' | 'target' | 'sourceTags' | 'targetTags'> {
  return {
    source: source.text,
    target: target?.text ?? null,
    ...(source.tags.length > 0 ? { sourceTags: source.tags } : {}),
    ...(target && target.tags.length > 0 ? { targetTags: target.tags } : {}),
  };
}

/** `translate="no"` on the element or an ancestor. */
export function notTranslatable(element: XNode): boolean {
  for (let node: XNode | null = element; node && isElement(node); node = node.parentNode) {
    const value = attribute(node, 'translate');
    if (value === 'no') return true;
    if (value === 'yes') return false;
  }
  return false;
}
