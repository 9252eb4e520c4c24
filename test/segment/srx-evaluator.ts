/**
 * A small SRX 2.0 evaluator, to test what a CAT tool does with lv2en's SRX file.
 *
 * Reading: the document is parsed with xmlbuilder2; `<maprules>` picks the language
 * rules whose `languagepattern` matches the whole language code (the first match only
 * when cascade="no", every match in order when cascade="yes").
 *
 * Applying, as the SRX 2.0 specification describes it: at each position between two
 * characters the rules are tried in order, and the first rule whose `beforebreak`
 * matches text ending at the position and whose `afterbreak` matches text starting at
 * it decides: break="yes" breaks, break="no" does not. A position no rule matches is not
 * a break. A missing or empty pattern matches anything. Segments are then trimmed and
 * empty ones dropped, as lv2en's segmenter does.
 *
 * Patterns are compiled as JavaScript regular expressions with the `u` flag; the
 * exporter writes only syntax that Java and ICU read the same way.
 */
import { create } from 'xmlbuilder2';
import type { Span } from '../../src/segment/evaluate.js';

export interface SrxFileRule {
  break: boolean;
  before: string;
  after: string;
}

export interface SrxDocument {
  namespace: string | null;
  version: string | null;
  cascade: boolean;
  languageRules: Map<string, SrxFileRule[]>;
  maps: { pattern: string; rule: string }[];
}

interface XNode {
  nodeType: number;
  localName?: string;
  namespaceURI?: string | null;
  textContent?: string | null;
  childNodes: ArrayLike<XNode>;
  getAttribute?(name: string): string | null;
}

const ELEMENT = 1;
const elements = (node: XNode, name: string): XNode[] =>
  Array.from(node.childNodes).filter((n) => n.nodeType === ELEMENT && n.localName === name);
const only = (node: XNode, name: string): XNode | undefined => elements(node, name)[0];
const attr = (node: XNode, name: string): string | null => node.getAttribute?.(name) ?? null;

export function parseSrx(xml: string): SrxDocument {
  const root = create(xml).root().node as unknown as XNode;
  if (root.localName !== 'srx') throw new Error(`not an SRX document: <${root.localName}>`);
  const header = only(root, 'header');
  const body = only(root, 'body');
  if (!body) throw new Error('SRX without <body>');
  const languageRules = new Map<string, SrxFileRule[]>();
  for (const lr of elements(only(body, 'languagerules') ?? body, 'languagerule')) {
    const rules = elements(lr, 'rule').map((r) => ({
      break: attr(r, 'break') !== 'no', // SRX: break defaults to "yes"
      before: only(r, 'beforebreak')?.textContent ?? '',
      after: only(r, 'afterbreak')?.textContent ?? '',
    }));
    languageRules.set(attr(lr, 'languagerulename') ?? '', rules);
  }
  const maps = elements(only(body, 'maprules') ?? body, 'languagemap').map((m) => ({
    pattern: attr(m, 'languagepattern') ?? '',
    rule: attr(m, 'languagerulename') ?? '',
  }));
  return {
    namespace: root.namespaceURI ?? null,
    version: attr(root, 'version'),
    cascade: header ? attr(header, 'cascade') === 'yes' : false,
    languageRules,
    maps,
  };
}

/** The rules that apply to `language` (e.g. "lv", "lv-LV"). */
export function rulesForLanguage(doc: SrxDocument, language: string): SrxFileRule[] {
  const out: SrxFileRule[] = [];
  for (const map of doc.maps) {
    if (!new RegExp(`^(?:${map.pattern})$`, 'u').test(language)) continue;
    out.push(...(doc.languageRules.get(map.rule) ?? []));
    if (!doc.cascade) break;
  }
  return out;
}

/** Positions (0 < p < text.length) where the rules break `text`. */
export function srxBreaks(text: string, rules: readonly SrxFileRule[]): number[] {
  const decided = new Map<number, boolean>();
  for (const rule of rules) {
    const at = new RegExp(
      `(?<=${rule.before === '' ? '' : `(?:${rule.before})`})(?=${rule.after === '' ? '' : `(?:${rule.after})`})`,
      'gu',
    );
    for (const m of text.matchAll(at)) if (!decided.has(m.index)) decided.set(m.index, rule.break);
  }
  return [...decided]
    .filter(([p, isBreak]) => isBreak && p > 0 && p < text.length)
    .map(([p]) => p)
    .sort((a, b) => a - b);
}

const WS = /\s/u;

/** A segmenter (trimmed, non-empty spans) that applies `rules`. */
export function srxSegmenter(rules: readonly SrxFileRule[]): (text: string) => Span[] {
  return (text) => {
    const spans: Span[] = [];
    const cuts = [0, ...srxBreaks(text, rules), text.length];
    for (let k = 0; k + 1 < cuts.length; k++) {
      let s = cuts[k]!;
      let e = cuts[k + 1]!;
      while (s < e && WS.test(text[s]!)) s++;
      while (e > s && WS.test(text[e - 1]!)) e--;
      if (s < e) spans.push({ start: s, end: e });
    }
    return spans;
  };
}
