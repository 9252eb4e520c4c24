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
 * a break. A missing or empty pattern matches anything. Where the patterns match is read
 * either as the specification says or as OmegaT finds them (see SrxMatching). Segments
 * are then trimmed and empty ones dropped, as lv2en's segmenter does.
 *
 * Patterns are compiled as JavaScript regular expressions with the `u` flag; the
 * exporter writes only syntax that Java and ICU read the same way.
 */
import { create } from 'xmlbuilder2';
import type { Span } from '../support/segment-gold.js';

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

/**
 * How a rule's patterns are matched.
 * - `spec`: as the SRX 2.0 specification reads, `beforebreak` may match any text ending at the
 *   position and `afterbreak` any text starting there.
 * - `left-to-right`: as OmegaT's Segmenter does it (and Okapi in the same way): each pattern's
 *   matches are found left to right without overlap, and a position counts when a
 *   `beforebreak` match ends where an `afterbreak` match starts. A rule file written for one
 *   reading can lose positions in the other, so the tests apply both.
 */
export type SrxMatching = 'spec' | 'left-to-right';

/** Matches of `re` found left to right without overlap, as java.util.regex.Matcher.find() returns them. */
function* findAll(text: string, source: string): Generator<{ start: number; end: number }> {
  const re = new RegExp(source, 'gu');
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    // Past an empty match by one code point (with the u flag, an index inside a surrogate pair is read as its start).
    if (m[0] === '') re.lastIndex = m.index + ((text.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1);
    yield { start: m.index, end: m.index + m[0].length };
  }
}

function positions(text: string, rule: SrxFileRule, matching: SrxMatching): number[] {
  if (matching === 'spec') {
    const before = rule.before === '' ? '' : `(?:${rule.before})`;
    const after = rule.after === '' ? '' : `(?:${rule.after})`;
    return [...text.matchAll(new RegExp(`(?<=${before})(?=${after})`, 'gu'))].map((m) => m.index);
  }
  const out: number[] = [];
  const afters = rule.after === '' ? null : findAll(text, rule.after);
  let after = afters?.next();
  if (after?.done) return out;
  for (const before of findAll(text, rule.before === '' ? '.' : rule.before)) {
    if (!afters) {
      out.push(before.end);
      continue;
    }
    while (after!.value.start < before.end) {
      after = afters.next();
      if (after.done) return out;
    }
    if (after!.value.start === before.end) out.push(before.end);
  }
  return out;
}

/** Positions (0 < p < text.length) where the rules break `text`: at each position the first rule that matches decides. */
export function srxBreaks(text: string, rules: readonly SrxFileRule[], matching: SrxMatching = 'spec'): number[] {
  const decided = new Map<number, boolean>();
  for (const rule of rules) for (const p of positions(text, rule, matching)) if (!decided.has(p)) decided.set(p, rule.break);
  return [...decided]
    .filter(([p, isBreak]) => isBreak && p > 0 && p < text.length)
    .map(([p]) => p)
    .sort((a, b) => a - b);
}

const WS = /\s/u;

/** A segmenter (trimmed, non-empty spans) that applies `rules`. */
export function srxSegmenter(rules: readonly SrxFileRule[], matching: SrxMatching = 'spec'): (text: string) => Span[] {
  return (text) => {
    const spans: Span[] = [];
    const cuts = [0, ...srxBreaks(text, rules, matching), text.length];
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
