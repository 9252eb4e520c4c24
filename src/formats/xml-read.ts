import { create } from 'xmlbuilder2';

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

/** Inline markup whose content is native code, not text: XLIFF 1.2 and TMX `bpt ept ph it` (+ TMX `ut`). */
const CODE_ELEMENTS = new Set(['bpt', 'ept', 'ph', 'it', 'ut']);

/**
 * The text of a source, target or seg, through inline markup (`<g>`, `<mrk>`,
 * `<pc>`, `<hi>`). In XLIFF 2 `<cp hex>` is a character XML cannot hold
 * (written so by lv2en's writer), turned back into that character.
 */
export function inlineText(element: XNode, xliff2 = false): string {
  let out = '';
  for (const node of Array.from(element.childNodes)) {
    if (node.nodeType === TEXT || node.nodeType === CDATA) out += node.data ?? '';
    else if (isElement(node)) {
      if (xliff2 && node.localName === 'cp') {
        const code = Number.parseInt(attribute(node, 'hex') ?? '', 16);
        if (Number.isInteger(code) && code >= 0 && code <= 0x10ffff) out += String.fromCodePoint(code);
      } else if (!(!xliff2 && CODE_ELEMENTS.has(node.localName))) out += inlineText(node, xliff2);
    }
  }
  return out;
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
