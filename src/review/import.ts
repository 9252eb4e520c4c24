import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { create } from 'xmlbuilder2';
import { Lv2enError } from '../core/errors.js';
import { TMX_PROP } from '../write/tmx.js';
import { WRITTEN_TARGET_META, XLIFF12_NAMESPACE, XLIFF2_METADATA_NAMESPACE, XLIFF2_NAMESPACE } from '../write/xliff.js';
import { machineTargetHash } from '../write/xml.js';
import { editsProblem, type EditsFile } from './edits.js';
import type { ReviewedTranslation, ReviewedTranslations, StoreResult } from '../memory/reviewed.js';
import { checkWellFormed } from './xml-check.js';

/**
 * Reads reviewed translations back from what a reviewer returns: the review
 * page's edits file, an XLIFF 2.x or 1.2 file from a CAT tool, or a TMX.
 *
 * Which units count as reviewed:
 *   edits file     every entry (the page exports only reviewed segments)
 *   XLIFF 2.x      state reviewed or final, or a target that differs from the
 *                  one lv2en wrote (found by the fingerprint in its metadata)
 *   XLIFF 1.2      approved="yes", state signed-off or final, or a changed target
 *   TMX            status reviewed or a changed target; a TMX lv2en did not
 *                  write (no fingerprint) is a memory of confirmed translations:
 *                  all of it
 * `all: true` takes every unit with a target (a reviewer who went through the
 * whole file without confirming segments one by one). Units marked not for
 * translation (boilerplate) are never taken.
 */
export type ReviewFileFormat = 'edits' | 'xliff-2' | 'xliff-1.2' | 'tmx';

export interface ImportOptions {
  all?: boolean;
}

export interface ImportSkips {
  /** The target is the machine translation lv2en wrote, unconfirmed. */
  unchanged: number;
  /** No target, or an empty one. */
  empty: number;
  /** Marked not for translation. */
  notTranslatable: number;
  /** XLIFF from elsewhere (no lv2en fingerprint) and not confirmed: use `all` to take it. */
  unmarked: number;
}

export interface ReviewFileContents {
  file: string;
  format: ReviewFileFormat;
  /** The document name the file names, if it does. */
  document: string | null;
  /** Translation units in the file. */
  units: number;
  reviewed: ReviewedTranslation[];
  skipped: ImportSkips;
}

export interface ImportReport extends ReviewFileContents {
  stored: StoreResult | null;
}

export const FORMAT_LABEL: Record<ReviewFileFormat, string> = {
  edits: 'review page edits',
  'xliff-2': 'XLIFF 2',
  'xliff-1.2': 'XLIFF 1.2',
  tmx: 'TMX',
};

/** Reads a review file and stores its reviewed translations; `memory` null reads only (a dry run). */
export async function importReviewFile(
  path: string,
  memory: Pick<ReviewedTranslations, 'store'> | null,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const contents = await readReviewFile(path, options);
  const stored =
    memory && contents.reviewed.length > 0 ? memory.store(contents.reviewed) : memory ? { added: 0, updated: 0, unchanged: 0 } : null;
  return { ...contents, stored };
}

export async function readReviewFile(path: string, options: ImportOptions = {}): Promise<ReviewFileContents> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new Lv2enError('INPUT_NOT_FOUND', `${path} does not exist`, 'Name an edits .json, .xlf or .tmx file', { file: path });
    if (code === 'EISDIR') throw new Lv2enError('USAGE', `${path} is a folder`, 'Name an edits .json, .xlf or .tmx file', { file: path });
    throw error;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Lv2enError('INPUT_BAD_ENCODING', 'not UTF-8', 'Export the file as UTF-8 from the CAT tool', { file: path });
  }
  return parseReviewFile(text, path, options);
}

export function parseReviewFile(input: string, path: string, options: ImportOptions = {}): ReviewFileContents {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const origin = basename(path);
  if (text.trimStart().startsWith('{')) return readEdits(text, path, origin);
  if (!text.trimStart().startsWith('<')) throw unknownFile(path);
  const problem = checkWellFormed(text);
  if (problem) {
    throw new Lv2enError(
      'USAGE',
      `not well-formed XML: ${problem.message}`,
      'The file is damaged or cut short; export it again from the CAT tool. Nothing was imported',
      {
        file: path,
        line: problem.line,
        column: problem.column,
      },
    );
  }
  const root = parseXmlRoot(text) as XElement;
  const reader = new UnitCollector(path, origin, options);
  if (root.localName === 'xliff' && (root.namespaceURI === XLIFF2_NAMESPACE || /^2\./.test(attribute(root, 'version') ?? '')))
    return reader.xliff2(root);
  if (root.localName === 'xliff' && (root.namespaceURI === XLIFF12_NAMESPACE || attribute(root, 'version') === '1.2'))
    return reader.xliff12(root);
  if (root.localName === 'tmx') return reader.tmx(root);
  throw unknownFile(path);
}

const unknownFile = (path: string) =>
  new Lv2enError(
    'USAGE',
    'not a file lv2en can import',
    'Give the review page’s .edits.json, an XLIFF 2 or 1.2 file (.xlf, .v12.xlf) or a TMX file',
    { file: path },
  );

function readEdits(text: string, path: string, origin: string): ReviewFileContents {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Lv2enError(
      'USAGE',
      `not valid JSON (${(error as Error).message})`,
      'Export the edits again from the review page. Nothing was imported',
      { file: path },
    );
  }
  const problem = editsProblem(value);
  if (problem)
    throw new Lv2enError(
      'USAGE',
      `not a review page edits file: ${problem}`,
      'Export the edits again from the review page. Nothing was imported',
      { file: path },
    );
  const file = value as EditsFile;
  const skipped = emptySkips();
  const reviewed: ReviewedTranslation[] = [];
  for (const entry of file.segments) {
    if (entry.target.trim() === '') skipped.empty += 1;
    else reviewed.push({ source: entry.source, target: entry.target.trim(), origin: `${origin}#${entry.id}` });
  }
  return {
    file: path,
    format: 'edits',
    document: typeof file.document === 'string' ? file.document : null,
    units: file.segments.length,
    reviewed,
    skipped,
  };
}

const emptySkips = (): ImportSkips => ({ unchanged: 0, empty: 0, notTranslatable: 0, unmarked: 0 });

// ---- XML ---------------------------------------------------------------------------------

/**
 * Parses XML with xmlbuilder2 and returns the root element's DOM node.
 * xmlbuilder2 4.0.3 decodes text in two passes, predefined entities first and
 * character references second, so the literal text "&#38;" (written
 * `&amp;#38;`) comes back as "&". Writing every `&amp;` outside CDATA
 * sections and comments as `&#38;` before parsing gives the same document, and
 * its second pass then decodes each reference exactly once.
 * Its reader also drops whitespace-only text by default; here it is kept.
 */
export function parseXmlRoot(text: string): unknown {
  const safe = text.replace(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|&amp;/g, (m) => (m === '&amp;' ? '&#38;' : m));
  // Whitespace-only text is text here: the space in `<g>a</g> <g>b</g>` or an ignorable's source.
  return create({ skipWhitespaceOnlyText: false }, safe).root().node;
}

/** The part of xmlbuilder2's DOM the readers use. */
interface XNode {
  nodeType: number;
  localName?: string;
  namespaceURI?: string | null;
  data?: string;
  childNodes: ArrayLike<XNode>;
  parentNode: XNode | null;
}
interface XElement extends XNode {
  localName: string;
  getAttribute(name: string): string | null;
}

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;
const isElement = (node: XNode): node is XElement => node.nodeType === ELEMENT;
const attribute = (element: XElement, name: string) => element.getAttribute(name);
const children = (element: XNode, name?: string) =>
  Array.from(element.childNodes).filter((n): n is XElement => isElement(n) && (name === undefined || n.localName === name));
const child = (element: XNode, name: string) => children(element, name)[0] ?? null;

function descendants(element: XNode, name: string, out: XElement[] = []): XElement[] {
  for (const node of children(element)) {
    if (node.localName === name) out.push(node);
    else descendants(node, name, out);
  }
  return out;
}

/** Inline markup whose content is native code, not text: XLIFF 1.2 and TMX `bpt ept ph it` (+ TMX `ut`). */
const CODE_ELEMENTS = new Set(['bpt', 'ept', 'ph', 'it', 'ut']);

/** The text of a source, target or seg, through inline markup (`<g>`, `<mrk>`, `<pc>`, `<hi>`; XLIFF 2 `<cp hex>`). */
function inlineText(element: XNode, xliff2 = false): string {
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
function notTranslatable(element: XNode): boolean {
  for (let node: XNode | null = element; node && isElement(node); node = node.parentNode) {
    const value = attribute(node, 'translate');
    if (value === 'no') return true;
    if (value === 'yes') return false;
  }
  return false;
}

class UnitCollector {
  private readonly reviewed: ReviewedTranslation[] = [];
  private readonly skipped = emptySkips();
  private units = 0;

  constructor(
    private readonly path: string,
    private readonly origin: string,
    private readonly options: ImportOptions,
  ) {}

  private take(unit: {
    id: string;
    source: string;
    target: string | null;
    notTranslatable: boolean;
    confirmed: boolean;
    writtenHash: string | null;
    foreignMeansConfirmed: boolean;
  }): void {
    this.units += 1;
    const target = unit.target?.trim() ?? '';
    if (unit.notTranslatable) this.skipped.notTranslatable += 1;
    else if (target === '' || unit.source.trim() === '') this.skipped.empty += 1;
    else if (this.options.all || unit.confirmed) this.add(unit.id, unit.source, target);
    else if (unit.writtenHash !== null) {
      if (machineTargetHash(target) !== unit.writtenHash && machineTargetHash(unit.target ?? '') !== unit.writtenHash)
        this.add(unit.id, unit.source, target);
      else this.skipped.unchanged += 1;
    } else if (unit.foreignMeansConfirmed) this.add(unit.id, unit.source, target);
    else this.skipped.unmarked += 1;
  }

  private add(id: string, source: string, target: string): void {
    this.reviewed.push({ source: source.trim(), target, origin: `${this.origin}#${id}` });
  }

  private result(format: ReviewFileFormat, document: string | null): ReviewFileContents {
    return { file: this.path, format, document, units: this.units, reviewed: this.reviewed, skipped: this.skipped };
  }

  xliff2(root: XElement): ReviewFileContents {
    const files = children(root, 'file');
    for (const file of files) {
      for (const unit of descendants(file, 'unit')) {
        const parts = children(unit).filter((n) => n.localName === 'segment' || n.localName === 'ignorable');
        const segments = parts.filter((n) => n.localName === 'segment');
        let source = '';
        let target: string | null = '';
        for (const part of parts) {
          const partSource = child(part, 'source');
          const partTarget = child(part, 'target');
          source += partSource ? inlineText(partSource, true) : '';
          if (partTarget) target = target === null ? null : target + inlineText(partTarget, true);
          else if (part.localName === 'ignorable')
            target = target === null ? null : target + (partSource ? inlineText(partSource, true) : '');
          else target = null;
        }
        const confirmed = segments.length > 0 && segments.every((s) => ['reviewed', 'final'].includes(attribute(s, 'state') ?? ''));
        const hash =
          descendants(unit, 'meta').find(
            (m) => m.namespaceURI === XLIFF2_METADATA_NAMESPACE && attribute(m, 'type') === WRITTEN_TARGET_META,
          ) ?? null;
        this.take({
          id: attribute(unit, 'id') ?? String(this.units + 1),
          source,
          target,
          notTranslatable: notTranslatable(unit),
          confirmed,
          writtenHash: hash ? inlineText(hash).trim() : null,
          foreignMeansConfirmed: false,
        });
      }
    }
    return this.result('xliff-2', files.length === 1 ? attribute(files[0]!, 'original') : null);
  }

  xliff12(root: XElement): ReviewFileContents {
    const files = children(root, 'file');
    for (const file of files) {
      for (const unit of descendants(file, 'trans-unit')) {
        const source = child(unit, 'source');
        const target = child(unit, 'target');
        const state = target ? attribute(target, 'state') : null;
        const context = descendants(unit, 'context').find((c) => attribute(c, 'context-type') === `x-${WRITTEN_TARGET_META}`) ?? null;
        this.take({
          id: attribute(unit, 'id') ?? String(this.units + 1),
          source: source ? inlineText(source) : '',
          target: target ? inlineText(target) : null,
          notTranslatable: notTranslatable(unit),
          confirmed: attribute(unit, 'approved') === 'yes' || state === 'signed-off' || state === 'final',
          writtenHash: context ? inlineText(context).trim() : null,
          foreignMeansConfirmed: false,
        });
      }
    }
    return this.result('xliff-1.2', files.length === 1 ? attribute(files[0]!, 'original') : null);
  }

  tmx(root: XElement): ReviewFileContents {
    const body = child(root, 'body');
    const documents = new Set<string>();
    for (const tu of body ? children(body, 'tu') : []) {
      const props = new Map<string, string>();
      for (const prop of children(tu, 'prop')) {
        const type = attribute(prop, 'type');
        if (type && !props.has(type)) props.set(type, inlineText(prop).trim());
      }
      const document = props.get(TMX_PROP.document);
      if (document) documents.add(document);
      const variants = children(tu, 'tuv').map((tuv) => ({
        lang: (attribute(tuv, 'xml:lang') ?? attribute(tuv, 'lang') ?? '').toLowerCase(),
        seg: child(tuv, 'seg'),
      }));
      const lv = variants.find((v) => v.lang === 'lv' || v.lang.startsWith('lv-'));
      const en = variants.find((v) => v.lang === 'en' || v.lang.startsWith('en-'));
      this.take({
        id: attribute(tu, 'tuid') ?? String(this.units + 1),
        source: lv?.seg ? inlineText(lv.seg) : '',
        target: en?.seg ? inlineText(en.seg) : null,
        notTranslatable: props.get(TMX_PROP.kind) === 'boilerplate',
        confirmed: props.get(TMX_PROP.status) === 'reviewed',
        writtenHash: props.get(TMX_PROP.machineHash) ?? null,
        foreignMeansConfirmed: true,
      });
    }
    return this.result('tmx', documents.size === 1 ? [...documents][0]! : null);
  }
}
