import type { InlineTag, InlineTagType, Segment } from '../core/segment-record.js';
import { nestingProblem } from '../inline/index.js';
import type { XmlStream } from './xml.js';

/**
 * Inline codes in the CAT tools' XML and lv2en's InlineTag, both ways: XLIFF
 * 1.2 (`g x bx ex ph bpt ept it mrk`), XLIFF 2 (`pc ph sc ec mrk sm em`) and
 * TMX (`bpt ept ph it ut hi`). What each element is (a span around text, a
 * code standing alone, or one half of a pair matched by id), which
 * InlineTagType its ctype / type / subType means, and how lv2en writes a tag
 * in each. The CAT-tool XLIFF reader (scanXml events with their markup), the
 * review readers (xmlbuilder2's DOM) and the bilingual writers all go
 * through here, so a tag lv2en writes is read back as the same tag.
 */
export type CodeDialect = 'xliff-1.2' | 'xliff-2' | 'tmx';

/** One construct of a source, target or seg's content, as a reader met it; `markup` is its source text ('' where the reader has none). */
export type InlineEvent =
  | { type: 'open'; local: string; attribute(name: string): string | undefined; markup: string }
  | { type: 'close'; local: string; markup: string }
  | { type: 'text'; text: string; markup: string }
  | { type: 'other'; markup: string };

/** Content read into text and codes: spans open and close by `pair`; `id` is the file's own (what links a source code to its target). */
export type InlinePiece =
  | { kind: 'text'; text: string }
  | { kind: 'open' | 'close' | 'isolated'; pair: number; id: string; type: InlineTagType; data: string };

/** span: an element around text; code: one element standing alone (its content is native code); start / end: the halves of a pair. */
type Role = 'span' | 'code' | 'start' | 'end';

const ROLES: Readonly<Record<CodeDialect, Readonly<Record<string, Role>>>> = {
  'xliff-1.2': { g: 'span', mrk: 'span', x: 'code', ph: 'code', it: 'code', bx: 'start', bpt: 'start', ex: 'end', ept: 'end' },
  'xliff-2': { pc: 'span', mrk: 'span', ph: 'code', sc: 'start', sm: 'start', ec: 'end', em: 'end' },
  tmx: { hi: 'span', ph: 'code', it: 'code', ut: 'code', bpt: 'start', ept: 'end' },
};

/** The attribute a pair's halves share, per element: one key space per family (`bx`/`ex` apart from `bpt`/`ept`, codes apart from markers). */
function pairKey(dialect: CodeDialect, local: string, attribute: (name: string) => string | undefined): string | undefined {
  if (dialect === 'tmx') return attribute('i');
  if (dialect === 'xliff-1.2') {
    const family = local === 'bx' || local === 'ex' ? 'x' : 'pt';
    const key = attribute('rid') ?? attribute('id');
    return key === undefined ? undefined : `${family}:${key}`;
  }
  const family = local === 'sm' || local === 'em' ? 'm' : 'c';
  const key = local === 'sc' || local === 'sm' ? attribute('id') : attribute('startRef');
  return key === undefined ? undefined : `${family}:${key}`;
}

/** The id linking a code in a source to the same code in its target. */
const linkId = (dialect: CodeDialect, attribute: (name: string) => string | undefined) =>
  dialect === 'tmx' ? (attribute('x') ?? attribute('i')) : attribute('id');

/** Every InlineTagType (the compiler checks the list is complete): what a code's `lv2en:` / `x-lv2en-` type may name. */
const TYPE_NAMES: Record<InlineTagType, true> = {
  bold: true,
  italic: true,
  underline: true,
  strike: true,
  superscript: true,
  subscript: true,
  format: true,
  link: true,
  code: true,
  image: true,
  break: true,
  tab: true,
  space: true,
  note: true,
  field: true,
  bookmark: true,
  comment: true,
  change: true,
  cue: true,
  other: true,
};
export const INLINE_TAG_TYPES = Object.keys(TYPE_NAMES) as InlineTagType[];
const TYPES = new Set(INLINE_TAG_TYPES);
const lv2enType = (value: string | undefined, prefix: string): InlineTagType | undefined => {
  const name = value?.startsWith(prefix) ? value.slice(prefix.length) : undefined;
  return name !== undefined && TYPES.has(name as InlineTagType) ? (name as InlineTagType) : undefined;
};

/** XLIFF 1.2 ctype and TMX type values for the types both standards name; anything else is written `x-lv2en-<type>`. */
const XLIFF12_CTYPE: Partial<Record<InlineTagType, { span?: string; code?: string }>> = {
  bold: { span: 'bold' },
  italic: { span: 'italic' },
  underline: { span: 'underlined' },
  link: { span: 'link' },
  image: { code: 'image' },
  break: { code: 'lb' },
};
const TMX_TYPE: Partial<Record<InlineTagType, { span?: string; code?: string }>> = {
  bold: { span: 'bold' },
  italic: { span: 'italic' },
  underline: { span: 'ulined' },
  link: { span: 'link' },
  image: { code: 'image' },
  break: { code: 'lb' },
  note: { code: 'fnote' },
};
/** XLIFF 2 `subType`s the standard defines (`xlf:`), and lv2en's own (`lv2en:<type>`) for the rest. */
const XLIFF2_SUBTYPE: Partial<Record<InlineTagType, { span?: string; code?: string }>> = {
  bold: { span: 'xlf:b' },
  italic: { span: 'xlf:i' },
  underline: { span: 'xlf:u' },
  break: { code: 'xlf:lb' },
};
const XLIFF2_CATEGORY: Partial<Record<InlineTagType, string>> = {
  link: 'link',
  image: 'image',
  bold: 'fmt',
  italic: 'fmt',
  underline: 'fmt',
  strike: 'fmt',
  superscript: 'fmt',
  subscript: 'fmt',
  format: 'fmt',
  break: 'fmt',
  tab: 'fmt',
};

const reverse = (table: Partial<Record<InlineTagType, { span?: string; code?: string }>>) =>
  new Map(Object.entries(table).flatMap(([type, names]) => Object.values(names).map((name) => [name, type as InlineTagType])));
const FROM_XLIFF12_CTYPE = reverse(XLIFF12_CTYPE);
const FROM_TMX_TYPE = new Map([...reverse(TMX_TYPE), ['enote', 'note' as InlineTagType]]);
const FROM_XLIFF2_SUBTYPE = new Map([...reverse(XLIFF2_SUBTYPE), ['xlf:pb', 'break' as InlineTagType]]);

/** What a code is, from its element and attributes; a code nothing names is `format` (a span) or `other`. */
function readType(dialect: CodeDialect, local: string, role: Role, attribute: (name: string) => string | undefined): InlineTagType {
  const fallback: InlineTagType = (role === 'span' || role === 'start') && local !== 'mrk' && local !== 'sm' ? 'format' : 'other';
  if (dialect === 'xliff-2') {
    const subType = attribute('subType');
    const type = attribute('type');
    return (
      lv2enType(subType, 'lv2en:') ??
      FROM_XLIFF2_SUBTYPE.get(subType ?? '') ??
      (type === 'link' ? 'link' : type === 'image' ? 'image' : fallback)
    );
  }
  const value = attribute(dialect === 'tmx' ? 'type' : 'ctype');
  return lv2enType(value, 'x-lv2en-') ?? (dialect === 'tmx' ? FROM_TMX_TYPE : FROM_XLIFF12_CTYPE).get(value ?? '') ?? fallback;
}

interface Item {
  role: Role | 'text' | 'spanClose';
  text?: string;
  local?: string;
  attribute?: (name: string) => string | undefined;
  markup: string;
  /** For start/end: the index of the other half, once paired; for span opens/closes: the other's index. */
  partner?: number;
}

/**
 * Reads the content of a source, target or seg into text and codes. Spans
 * are the inline elements around text; a pair (`bpt`/`ept`, `sc`/`ec`, …)
 * whose halves are both here and nest with the rest becomes a span too; any
 * other half, and each code standing alone, is an isolated code. Elements
 * the dialect does not know are codes, kept whole. XLIFF 2's `<cp hex>` is
 * the character it stands for.
 */
export function readInline(events: readonly InlineEvent[], dialect: CodeDialect): InlinePiece[] {
  const items = collect(events, dialect);
  pairHalves(items, dialect);
  while (demoteCrossingPair(items));
  const pieces: InlinePiece[] = [];
  const idOf = new Map<number, string>();
  let ordinal = 0;
  items.forEach((item, index) => {
    if (item.role === 'text') {
      const last = pieces.at(-1);
      if (last?.kind === 'text') last.text += item.text!;
      else pieces.push({ kind: 'text', text: item.text! });
      return;
    }
    const paired = item.partner !== undefined;
    const kind = !paired || item.role === 'code' ? 'isolated' : item.role === 'span' || item.role === 'start' ? 'open' : 'close';
    const opener = kind === 'close' ? items[item.partner!]! : item;
    const pair = kind === 'close' ? item.partner! : index;
    const id = kind === 'close' ? idOf.get(pair)! : (linkId(dialect, item.attribute!) ?? `#${++ordinal}`);
    if (kind !== 'close') idOf.set(index, id);
    const type = readType(dialect, opener.local!, opener.role as Role, opener.attribute!);
    pieces.push({ kind, pair, id, type, data: item.markup });
  });
  return pieces;
}

/** Items in order: text, span opens and closes, and whole elements (codes, pair halves) with their content swallowed. */
function collect(events: readonly InlineEvent[], dialect: CodeDialect): Item[] {
  const items: Item[] = [];
  const spans: number[] = [];
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    if (event.type === 'text') items.push({ role: 'text', text: event.text, markup: event.markup });
    else if (event.type === 'other') items.push({ role: 'code', local: '#other', attribute: () => undefined, markup: event.markup });
    else if (event.type === 'close') {
      const open = spans.pop();
      if (open === undefined) continue;
      items[open]!.partner = items.length;
      items.push({ role: 'spanClose', local: event.local, markup: event.markup, partner: open });
    } else if (dialect === 'xliff-2' && event.local === 'cp') {
      const code = Number.parseInt(event.attribute('hex') ?? '', 16);
      const text = Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
      i = skipElement(events, i, () => {});
      items.push({ role: 'text', text, markup: '' });
    } else {
      let role: Role = ROLES[dialect][event.local] ?? 'code';
      if (dialect === 'xliff-2' && (role === 'start' || role === 'end') && event.attribute('isolated') === 'yes') role = 'code';
      if (role === 'span') {
        spans.push(items.length);
        items.push({ role, local: event.local, attribute: event.attribute, markup: event.markup });
        continue;
      }
      let markup = '';
      i = skipElement(events, i, (piece) => (markup += piece));
      items.push({ role, local: event.local, attribute: event.attribute, markup });
    }
  }
  return items;
}

/** Index of the close event of the element opened at `start`, passing every event's markup to `take`. */
function skipElement(events: readonly InlineEvent[], start: number, take: (markup: string) => void): number {
  let depth = 0;
  for (let i = start; i < events.length; i++) {
    const event = events[i]!;
    take(event.markup);
    if (event.type === 'open') depth++;
    else if (event.type === 'close' && --depth === 0) return i;
  }
  return events.length - 1;
}

/** Each start is paired with the first later unpaired end of the same key. */
function pairHalves(items: Item[], dialect: CodeDialect): void {
  const open = new Map<string, number[]>();
  items.forEach((item, index) => {
    if (item.role !== 'start' && item.role !== 'end') return;
    const key = pairKey(dialect, item.local!, item.attribute!);
    if (key === undefined) return;
    if (item.role === 'start') open.set(key, [...(open.get(key) ?? []), index]);
    else {
      const starts = open.get(key);
      const start = starts?.shift();
      if (start === undefined) return;
      items[start]!.partner = index;
      item.partner = start;
    }
  });
}

/** Unpairs the first pair that crosses another span (it would not nest); true if one was found. */
function demoteCrossingPair(items: Item[]): boolean {
  const stack: number[] = [];
  for (const [index, item] of items.entries()) {
    if (item.partner === undefined) continue;
    if (item.role === 'span' || item.role === 'start') stack.push(index);
    else if (stack.at(-1) === item.partner) stack.pop();
    else {
      // A pair half: unpair this pair; a span's close with pair halves still open above it: unpair the innermost.
      const unpair = item.role === 'end' ? item.partner : stack.at(-1)!;
      const other = items[unpair]!.partner!;
      items[unpair]!.partner = undefined;
      items[other]!.partner = undefined;
      return true;
    }
  }
  return false;
}

/** Pieces as a text and its tags, ids as the file has them: what the review readers compare with the source lv2en wrote. */
export function taggedText(pieces: readonly InlinePiece[]): { text: string; tags: InlineTag[] } {
  let text = '';
  const tags: InlineTag[] = [];
  for (const piece of pieces) {
    if (piece.kind === 'text') text += piece.text;
    else tags.push({ kind: piece.kind, id: piece.id, at: text.length, type: piece.type, data: piece.data });
  }
  return { text, tags };
}

// ---------------------------------------------------------------- writing (the bilingual files)

/** Attributes naming a tag's type on the element lv2en writes for it. */
function typeAttributes(dialect: CodeDialect, type: InlineTagType, span: boolean): Record<string, string> {
  const slot = span ? 'span' : 'code';
  if (dialect === 'xliff-2') {
    const subType = XLIFF2_SUBTYPE[type]?.[slot];
    const category = XLIFF2_CATEGORY[type] ?? 'other';
    if (subType) return { type: category, subType };
    return type === 'link' || type === 'image' ? { type } : { type: category, subType: `lv2en:${type}` };
  }
  const name = (dialect === 'tmx' ? TMX_TYPE : XLIFF12_CTYPE)[type]?.[slot] ?? `x-lv2en-${type}`;
  return dialect === 'tmx' ? { type: name } : { ctype: name };
}

/**
 * How a unit's codes are referred to: TMX numbers them (`i`, `x`: 1, 2, … by
 * first appearance in the source, then the target); XLIFF 2 keeps each
 * code's original markup in `<originalData>` under `d1`, `d2`, … that its
 * `dataRef`s name. XLIFF 1.2's `<g>`/`<x/>` carry neither.
 */
export interface CodeReferences {
  numbers: Map<string, number>;
  /** XLIFF 2: `kind:id` → data id. */
  dataRefs: Map<string, string>;
  /** XLIFF 2: the `<data>` elements to write, in order. */
  originalData: { id: string; data: string }[];
}

/** A segment's code references; null for plain text (no tags on either side). */
export function codeReferences(segment: Pick<Segment, 'sourceTags' | 'targetTags'>): CodeReferences | null {
  if (!segment.sourceTags?.length && !segment.targetTags?.length) return null;
  const references: CodeReferences = { numbers: new Map(), dataRefs: new Map(), originalData: [] };
  for (const tag of [...(segment.sourceTags ?? []), ...(segment.targetTags ?? [])]) {
    if (!references.numbers.has(tag.id)) references.numbers.set(tag.id, references.numbers.size + 1);
    const key = `${tag.kind}:${tag.id}`;
    if (tag.data === '' || references.dataRefs.has(key)) continue;
    const id = `d${references.originalData.length + 1}`;
    references.dataRefs.set(key, id);
    references.originalData.push({ id, data: tag.data });
  }
  return references;
}

/**
 * Writes `text` (plain, or with its tags) into the element just opened (a source, target
 * or seg), each code numbered by `references` (the same number in the source
 * and the target): XLIFF 2 `<pc>`/`<ph>` (with `dataRef`s to the original markup),
 * XLIFF 1.2 `<g>`/`<x/>`, TMX `<bpt>`/`<ept>`/`<ph>` holding the original
 * markup. Every character of the text is written, the whitespace a line break
 * stands for too, so reading it back gives the same text.
 */
export function writeTagged(
  xml: XmlStream,
  text: string,
  tags: readonly InlineTag[] | undefined,
  dialect: CodeDialect,
  references: CodeReferences | null,
): void {
  const writeText = (part: string) => (dialect === 'xliff-2' ? xml.textWithCodePoints(part) : xml.text(part));
  // Plain text; or tags that do not nest, which would come out as other elements than they are (it never should).
  if (!tags?.length || !references || nestingProblem(tags, text.length) !== null) return void writeText(text);
  let cursor = 0;
  for (const tag of tags) {
    if (tag.at > cursor) writeText(text.slice(cursor, tag.at));
    cursor = Math.max(cursor, tag.at);
    const number = String(references.numbers.get(tag.id));
    const span = tag.kind !== 'isolated';
    if (dialect === 'tmx') {
      const name = tag.kind === 'open' ? 'bpt' : tag.kind === 'close' ? 'ept' : 'ph';
      const attributes: Record<string, string> =
        tag.kind === 'open'
          ? { i: number, x: number, ...typeAttributes(dialect, tag.type, true) }
          : tag.kind === 'close'
            ? { i: number }
            : { x: number, ...typeAttributes(dialect, tag.type, false) };
      xml.openInline(name, attributes).text(tag.data).closeInline();
    } else if (tag.kind === 'close') xml.closeInline();
    else {
      const attributes: Record<string, string> = { id: number, ...typeAttributes(dialect, tag.type, span) };
      if (dialect === 'xliff-2') {
        const start = references.dataRefs.get(`${tag.kind}:${tag.id}`);
        const end = references.dataRefs.get(`close:${tag.id}`);
        if (span && start) attributes.dataRefStart = start;
        if (span && end) attributes.dataRefEnd = end;
        if (!span && start) attributes.dataRef = start;
      }
      xml.openInline(dialect === 'xliff-2' ? (span ? 'pc' : 'ph') : span ? 'g' : 'x', attributes);
      if (!span) xml.closeInline();
    }
  }
  if (cursor < text.length) writeText(text.slice(cursor));
}
