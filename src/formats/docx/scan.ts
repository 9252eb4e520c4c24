import type { InlineTagType } from '../../core/segment-record.js';
import { type XmlEvent, type XmlOpen, scanXml } from '../document/xml-scan.js';

/**
 * Walks one WordprocessingML part (the body, a header, the footnotes) and
 * hands over each paragraph (`w:p`) as a flat list of what it holds, in
 * order: text with the formatting of its run, whitespace codes (tab, break),
 * codes inside runs (a field character, a drawing, a note reference),
 * elements between runs kept whole (a bookmark, a deletion) and the start and
 * end of elements that hold runs (a hyperlink, an insertion, a simple field,
 * a content control). A paragraph inside another (in a text box of a
 * drawing) is handed over before the one around it, since it ends first.
 */

const W = new Set([
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  // Strict Office Open XML.
  'http://purl.oclc.org/ooxml/wordprocessingml/main',
]);
const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

/** A run's formatting: its markup as written and a key that is equal for runs that look the same. */
export interface RunInfo {
  /** The `<w:r …>` start tag as written. */
  startTag: string;
  /** The `<w:rPr>…</w:rPr>` element as written, or ''. */
  rPr: string;
  /**
   * The properties without what does not change how text looks: revision ids
   * (rsid attributes), the proofing language and the no-proofing flag. Word
   * splits runs on each of those.
   */
  key: string;
  /** What the properties turn on: `bold`, `italic`, `underline`, `strike`, `superscript`, `subscript`. */
  features: ReadonlySet<InlineTagType>;
}

export type FieldCharacter = 'begin' | 'separate' | 'end';

export type Item =
  | { kind: 'text'; text: string; run: RunInfo }
  /** A tab or a line break: a code standing for its whitespace. */
  | { kind: 'space'; type: 'tab' | 'break'; char: '\t' | '\n'; run: RunInfo; start: number; end: number }
  /** An element inside a run kept as it is; `field` marks a complex field's characters. */
  | { kind: 'runCode'; type: InlineTagType; run: RunInfo; start: number; end: number; field?: FieldCharacter }
  /** An element between runs kept as it is. */
  | { kind: 'code'; type: InlineTagType; start: number; end: number }
  /** The start of an element holding runs: [start, end) is its start tag (and for a content control, its properties). */
  | { kind: 'open'; type: InlineTagType; start: number; end: number }
  | { kind: 'close'; start: number; end: number };

export interface ScannedParagraph {
  /** [start, end) of the paragraph's content after its properties: what a writer rebuilds. */
  start: number;
  end: number;
  items: Item[];
  context: string | undefined;
  /** The innermost mc:AlternateContent the paragraph is in, and which branch. */
  alternate: { id: number; branch: 'choice' | 'fallback' } | null;
}

export interface PartScanOptions {
  file: string;
  part: string;
  /** Where every paragraph of the part sits for a reviewer (`header`, `footnote`), or undefined for the body. */
  context: string | undefined;
}

/** Elements between runs that hold runs: each becomes a span. */
const CONTAINERS: Readonly<Record<string, InlineTagType>> = {
  hyperlink: 'link',
  ins: 'change',
  moveTo: 'change',
  fldSimple: 'field',
  smartTag: 'other',
  customXml: 'other',
  dir: 'other',
  bdo: 'other',
};

/** Elements between runs kept whole as codes. */
const PARAGRAPH_CODES: Readonly<Record<string, InlineTagType>> = {
  del: 'change',
  moveFrom: 'change',
  bookmarkStart: 'bookmark',
  bookmarkEnd: 'bookmark',
  commentRangeStart: 'comment',
  commentRangeEnd: 'comment',
};

/** Elements inside a run kept whole as codes (anything not listed is `other`). */
const RUN_CODES: Readonly<Record<string, InlineTagType>> = {
  fldChar: 'field',
  instrText: 'field',
  delInstrText: 'field',
  delText: 'change',
  footnoteReference: 'note',
  endnoteReference: 'note',
  footnoteRef: 'note',
  endnoteRef: 'note',
  commentReference: 'comment',
  annotationRef: 'comment',
  drawing: 'image',
  pict: 'image',
};

/**
 * Marks that hold nothing a reader sees and are stale once the text changes:
 * the spell checker's marks, where the last layout broke the page, a hint
 * where a word may be hyphenated. Dropped from rewritten paragraphs.
 */
const DROPPED = new Set(['proofErr', 'lastRenderedPageBreak', 'softHyphen']);

/** Run properties that do not change how the text looks (see RunInfo.key). */
const IGNORED_PROPERTIES = new Set(['lang', 'noProof']);

const OFF = new Set(['0', 'false', 'off', 'none']);

type Frame =
  /** Outside any paragraph, or inside an element kept whole that may hold paragraphs (a drawing's text box). */
  | { role: 'free'; onClose?: (end: number) => void }
  | { role: 'paragraph'; paragraph: ScannedParagraph }
  /** Paragraph content: the paragraph itself, or an element that holds runs. */
  | { role: 'content'; paragraph: ScannedParagraph; openItem: number }
  | { role: 'contentControl'; paragraph: ScannedParagraph; start: number; contentCloseStart: number; opened: boolean }
  | { role: 'run'; paragraph: ScannedParagraph; run: RunInfo }
  | { role: 'properties'; run: RunInfo; start: number; parts: string[]; features: Set<InlineTagType> }
  | { role: 'propertiesInner'; owner: Extract<Frame, { role: 'properties' }>; counted: boolean }
  | { role: 'text'; paragraph: ScannedParagraph; run: RunInfo; text: string }
  /** Inside an element whose content is not read (a paragraph's properties, a deletion). */
  | { role: 'skip'; onClose?: (end: number) => void };

export function scanPart(source: string, options: PartScanOptions, onParagraph: (paragraph: ScannedParagraph) => void): void {
  const stack: Frame[] = [{ role: 'free' }];
  let textBoxes = 0;
  let cells = 0;
  let alternates = 0;
  const alternateStack: { id: number; branch: 'choice' | 'fallback' | null }[] = [];
  const slice = (start: number, end: number) => source.slice(start, end);

  const contextNow = () => (textBoxes > 0 ? 'text box' : (options.context ?? (cells > 0 ? 'table' : undefined)));

  const openFree = (event: XmlOpen, onClose?: (end: number) => void): Frame => {
    const w = W.has(event.uri);
    if (w && event.local === 'p') {
      const top = alternateStack.at(-1);
      const paragraph: ScannedParagraph = {
        start: event.end,
        end: event.end,
        items: [],
        context: contextNow(),
        alternate: top?.branch ? { id: top.id, branch: top.branch } : null,
      };
      return { role: 'paragraph', paragraph };
    }
    let close = onClose;
    if (w && event.local === 'txbxContent') {
      textBoxes++;
      close = chain(close, () => textBoxes--);
    } else if (w && event.local === 'tc') {
      cells++;
      close = chain(close, () => cells--);
    } else if (event.uri === MC && event.local === 'AlternateContent') {
      alternateStack.push({ id: alternates++, branch: null });
      close = chain(close, () => alternateStack.pop());
    } else if (event.uri === MC && (event.local === 'Choice' || event.local === 'Fallback')) {
      const top = alternateStack.at(-1);
      if (top) top.branch = event.local === 'Choice' ? 'choice' : 'fallback';
      close = chain(close, () => {
        if (top) top.branch = null;
      });
    }
    return { role: 'free', onClose: close };
  };

  /** A child of paragraph content (the paragraph, a hyperlink, an insertion…). */
  const openContent = (event: XmlOpen, parent: Extract<Frame, { role: 'paragraph' | 'content' }>): Frame => {
    const paragraph = parent.paragraph;
    const items = paragraph.items;
    const w = W.has(event.uri);
    const name = w ? event.local : '';
    if (parent.role === 'paragraph' && name === 'pPr')
      return {
        role: 'skip',
        onClose: (end) => {
          paragraph.start = end;
        },
      };
    if (name === 'r')
      return { role: 'run', paragraph, run: { startTag: slice(event.start, event.end), rPr: '', key: '', features: new Set() } };
    if (DROPPED.has(name)) return { role: 'skip' };
    const container = CONTAINERS[name];
    if (container && !event.selfClosing) {
      items.push({ kind: 'open', type: container, start: event.start, end: event.end });
      return { role: 'content', paragraph, openItem: items.length - 1 };
    }
    // A smart tag's or custom XML element's own properties belong to its start.
    if (parent.role === 'content' && /Pr$/.test(name) && parent.openItem === items.length - 1)
      return {
        role: 'skip',
        onClose: (end) => {
          (items[parent.openItem] as Extract<Item, { kind: 'open' }>).end = end;
        },
      };
    if (name === 'sdt') return { role: 'contentControl', paragraph, start: event.start, contentCloseStart: -1, opened: false };
    const type = container ?? PARAGRAPH_CODES[name] ?? 'other';
    const start = event.start;
    const emit = (end: number) => {
      items.push({ kind: 'code', type, start, end });
    };
    // A deletion is never read; math and unknown elements are kept whole but may hold a text box's paragraphs.
    return type === 'change' ? { role: 'skip', onClose: emit } : openFree(event, emit);
  };

  const openInRun = (event: XmlOpen, parent: Extract<Frame, { role: 'run' }>): Frame => {
    const { paragraph, run } = parent;
    const items = paragraph.items;
    const name = W.has(event.uri) ? event.local : '';
    const start = event.start;
    if (name === 'rPr') return { role: 'properties', run, start, parts: [], features: new Set() };
    if (name === 't') return { role: 'text', paragraph, run, text: '' };
    if (DROPPED.has(name)) return { role: 'skip' };
    if (name === 'noBreakHyphen') {
      items.push({ kind: 'text', text: '\u2011', run });
      return { role: 'skip' };
    }
    if (name === 'tab' || name === 'ptab' || name === 'br' || name === 'cr') {
      const tab = name === 'tab' || name === 'ptab';
      return {
        role: 'skip',
        onClose: (end) => {
          items.push({ kind: 'space', type: tab ? 'tab' : 'break', char: tab ? '\t' : '\n', run, start, end });
        },
      };
    }
    const type = RUN_CODES[name] ?? (event.uri === MC ? 'image' : 'other');
    const fieldType = name === 'fldChar' ? event.attributes['w:fldCharType']?.value : undefined;
    const field = fieldType === 'begin' || fieldType === 'separate' || fieldType === 'end' ? fieldType : undefined;
    const emit = (end: number) => {
      items.push(field ? { kind: 'runCode', type, run, start, end, field } : { kind: 'runCode', type, run, start, end });
    };
    // A drawing, a VML shape or alternate content may hold text boxes, whose paragraphs are read on their own.
    return name === 'delText' || name === 'instrText' || name === 'fldChar' ? { role: 'skip', onClose: emit } : openFree(event, emit);
  };

  const onOpen = (event: XmlOpen) => {
    const parent = stack.at(-1)!;
    let frame: Frame;
    switch (parent.role) {
      case 'free':
        frame = openFree(event);
        break;
      case 'paragraph':
      case 'content':
        frame = openContent(event, parent);
        break;
      case 'contentControl': {
        const name = W.has(event.uri) ? event.local : '';
        if (name === 'sdtContent') {
          parent.opened = true;
          parent.paragraph.items.push({ kind: 'open', type: 'other', start: parent.start, end: event.end });
          frame = { role: 'content', paragraph: parent.paragraph, openItem: parent.paragraph.items.length - 1 };
        } else frame = { role: 'skip' };
        break;
      }
      case 'run':
        frame = openInRun(event, parent);
        break;
      case 'properties':
      case 'propertiesInner': {
        const owner = parent.role === 'properties' ? parent : parent.owner;
        const counted = (parent.role === 'properties' || parent.counted) && !(W.has(event.uri) && IGNORED_PROPERTIES.has(event.local));
        if (counted) {
          owner.parts.push(`<${event.name}${propertyAttributes(event)}>`);
          if (parent.role === 'properties') feature(event, owner.features);
        }
        frame = { role: 'propertiesInner', owner, counted };
        break;
      }
      default:
        frame = { role: 'skip' };
    }
    stack.push(frame);
  };

  const onClose = (start: number, end: number) => {
    const frame = stack.pop()!;
    switch (frame.role) {
      case 'free':
      case 'skip':
        frame.onClose?.(end);
        break;
      case 'paragraph':
        frame.paragraph.end = Math.max(frame.paragraph.start, start);
        onParagraph(frame.paragraph);
        break;
      case 'content':
        if (stack.at(-1)?.role === 'contentControl') (stack.at(-1) as Extract<Frame, { role: 'contentControl' }>).contentCloseStart = start;
        else frame.paragraph.items.push({ kind: 'close', start, end });
        break;
      case 'contentControl':
        if (frame.opened) frame.paragraph.items.push({ kind: 'close', start: frame.contentCloseStart, end });
        else frame.paragraph.items.push({ kind: 'code', type: 'other', start: frame.start, end });
        break;
      case 'properties':
        frame.run.rPr = slice(frame.start, end);
        frame.run.key = frame.parts.join('');
        frame.run.features = frame.features;
        break;
      case 'propertiesInner':
        if (frame.counted) frame.owner.parts.push('/');
        break;
      case 'text':
        if (frame.text !== '') frame.paragraph.items.push({ kind: 'text', text: frame.text, run: frame.run });
        break;
      case 'run':
        break;
    }
  };

  scanXml(source, { file: options.file, part: options.part }, (event: XmlEvent) => {
    if (event.type === 'open') onOpen(event);
    else if (event.type === 'close') onClose(event.start, event.end);
    else if (event.type === 'text') {
      const top = stack.at(-1)!;
      if (top.role === 'text') top.text += event.text;
    }
  });
}

const chain =
  (first: ((end: number) => void) | undefined, then: () => void) =>
  (end: number): void => {
    first?.(end);
    then();
  };

/** A property element's attributes in a fixed order, revision ids left out. */
function propertyAttributes(event: XmlOpen): string {
  return Object.keys(event.attributes)
    .filter((name) => !/^w:rsid/.test(name) && !name.startsWith('xmlns'))
    .sort()
    .map((name) => ` ${name}="${event.attributes[name]!.value}"`)
    .join('');
}

/** What a run property turns on, as a span type. */
function feature(event: XmlOpen, features: Set<InlineTagType>): void {
  if (!W.has(event.uri)) return;
  const value = event.attributes['w:val']?.value;
  const on = value === undefined || !OFF.has(value);
  switch (event.local) {
    case 'b':
      if (on) features.add('bold');
      break;
    case 'i':
      if (on) features.add('italic');
      break;
    case 'u':
      if (on) features.add('underline');
      break;
    case 'strike':
    case 'dstrike':
      if (on) features.add('strike');
      break;
    case 'vertAlign':
      if (value === 'superscript') features.add('superscript');
      if (value === 'subscript') features.add('subscript');
      break;
  }
}
