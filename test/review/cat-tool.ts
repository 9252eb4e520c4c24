import { create } from 'xmlbuilder2';

/** A reviewer's change made the way a CAT tool makes it: parse, edit the DOM, serialise. */
export function changeTarget(xml: string, unitTag: string, idAttribute: string, id: string, targetTag: string, text: string): string {
  const doc = create(xml);
  const walk = (node: DomNode): DomNode | null => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType !== 1) continue;
      if (child.localName === unitTag && child.getAttribute(idAttribute) === id) return child;
      const found = walk(child);
      if (found) return found;
    }
    return null;
  };
  const unit = walk(doc.root().node as unknown as DomNode)!;
  const targets: DomNode[] = [];
  const collect = (node: DomNode) => {
    for (const child of Array.from(node.childNodes))
      if (child.nodeType === 1) child.localName === targetTag ? targets.push(child) : collect(child);
  };
  collect(unit);
  const target = targetTag === 'seg' ? targets[1]! : targets[0]!; // TMX: the second tuv's seg is the English
  target.textContent = text;
  return doc.end({ prettyPrint: true });
}
interface DomNode {
  nodeType: number;
  localName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  getAttribute(name: string): string | null;
}
