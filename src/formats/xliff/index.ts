import { Lv2enError } from '../../core/errors.js';
import type { InlineTag } from '../../core/segment-record.js';
import { codePointHex, FORBIDDEN_IN_XML } from '../../core/xml-chars.js';
import { BlockBuilder, blockPieces } from '../document/blocks.js';
import { rewriteSource } from '../document/rewrite.js';
import type { DocumentBlock, DocumentFormat, DocumentOptions, TranslatedBlock } from '../document/types.js';
import { type XmlClose, type XmlEvent, type XmlOpen, scanXml } from '../document/xml-scan.js';
import { type CodeDialect, type InlineEvent, type InlinePiece, readInline } from '../inline-codes.js';
import { decodeXml, encodeXml, type XmlEncoding, xmlHead } from './encoding.js';

/**
 * XLIFF from CAT tools, pre-translated in place: XLIFF 1.2 (and 1.1, which
 * translate-toolkit writes; SDLXLIFF and memoQ's MQXLIFF are 1.2 with
 * extensions) and XLIFF 2.0–2.2. The CAT tool's segmentation is kept: an
 * XLIFF 2 `<segment>`, a 1.2 `<trans-unit>` (or each `<mrk mtype="seg">` of
 * its `<seg-source>`) is one block. A block is translated when it has no
 * target yet (or an empty one; any target with `overwriteTargets`) and is
 * not locked: `translate="no"` on it or around it, XLIFF 2 `state="final"`,
 * 1.2 `approved="yes"` or a final / signed-off target, an SDLXLIFF segment
 * locked or approved. Its inline codes (see ../inline-codes.ts) go into the
 * target as the source has them. The target's state becomes translated
 * (XLIFF 2 `subState` lv2en:machine or lv2en:needs-review; 1.2
 * needs-review-translation where a sentence is flagged). Only the targets,
 * those states and, where XLIFF 2 needs it for a target, the root's
 * `trgLang` are written; every other byte stays as it was.
 */

const XLIFF12 = 'urn:oasis:names:tc:xliff:document:1.2';
const XLIFF11 = 'urn:oasis:names:tc:xliff:document:1.1';
const XLIFF2 = 'urn:oasis:names:tc:xliff:document:2.0';
const SDL = 'http://sdl.com/FileTypes/SdlXliff/1.0';
/** Versions whose structure lv2en knows; XLIFF 2.x minor versions keep the 2.0 core namespace. */
const KNOWN: Readonly<Record<string, readonly string[]>> = { [XLIFF11]: ['1.1'], [XLIFF12]: ['1.2'], [XLIFF2]: ['2.0', '2.1', '2.2'] };

/** An element of one unit, with where its content starts and ends among the unit's events. */
interface Node {
  open: XmlOpen;
  close?: XmlClose;
  children: Node[];
  /** Index of the first event inside it, and of its close event. */
  first: number;
  end: number;
  preserve: boolean;
}

/** A replacement of [start, end) of the source. */
interface Edit {
  start: number;
  end: number;
  text: string;
}

/** How one unit's translations are written: `count` blocks of it, in order. */
interface UnitPlan {
  count: number;
  edits(translations: readonly TranslatedBlock[]): Edit[];
}

interface Layout {
  source: string;
  encoding: XmlEncoding;
  blocks: DocumentBlock[];
  plans: UnitPlan[];
  edits: Edit[];
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (text: string) => escapeText(text).replace(/"/g, '&quot;');

/** A start tag with attributes set (a value) or removed (null), everything else in it as written. */
export function withAttributes(tag: string, values: Readonly<Record<string, string | null>>): string {
  let out = tag;
  for (const [name, value] of Object.entries(values)) {
    const existing = new RegExp(`(\\s)${name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}\\s*=\\s*(?:"[^"]*"|'[^']*')`);
    if (existing.test(out)) out = out.replace(existing, value === null ? '' : `$1${name}="${escapeAttribute(value)}"`);
    else if (value !== null) out = out.replace(/(\s*)(\/?>)$/, ` ${name}="${escapeAttribute(value)}"$1$2`);
  }
  return out;
}

class UnitReader {
  private readonly events: XmlEvent[] = [];
  private readonly stack: Node[] = [];
  root: Node | null = null;

  constructor(
    private readonly layout: Layout,
    private readonly dialect: CodeDialect,
    private readonly namespace: string,
    readonly translatable: boolean,
  ) {}

  /** Takes the unit's next event; true once the unit's element has closed. */
  add(event: XmlEvent, preserve: boolean): boolean {
    this.events.push(event);
    if (event.type === 'open') {
      const node: Node = { open: event, children: [], first: this.events.length, end: -1, preserve };
      this.stack.at(-1)?.children.push(node);
      this.root ??= node;
      this.stack.push(node);
    } else if (event.type === 'close') {
      const node = this.stack.pop()!;
      node.close = event;
      node.end = this.events.length - 1;
      return this.stack.length === 0;
    }
    return false;
  }

  private is = (node: Node, local: string) => node.open.local === local && node.open.uri === this.namespace;
  private child = (node: Node, local: string) => node.children.find((c) => this.is(c, local));
  private attribute = (node: Node, name: string) => node.open.attributes[name]?.value;
  private slice = (start: number, end: number) => this.layout.source.slice(start, end);

  /** The events inside a node as the inline-code reader takes them. */
  private content(node: Node): InlineEvent[] {
    return this.events.slice(node.first, node.end).map((event): InlineEvent => {
      const markup = this.slice(event.start, event.end);
      if (event.type === 'text') return { type: 'text', text: event.text, markup };
      if (event.type === 'other') return { type: 'other', markup };
      // Elements of other namespaces are codes whatever their name.
      const local = event.uri === this.namespace ? event.local : `{${event.uri}}${event.local}`;
      if (event.type === 'close') return { type: 'close', local, markup };
      return { type: 'open', local, attribute: (name) => event.attributes[name]?.value, markup };
    });
  }

  private pieces(node: Node): InlinePiece[] {
    return readInline(this.content(node), this.dialect);
  }

  /** Holds a translation already: text outside codes. */
  private hasText(node: Node): boolean {
    return this.pieces(node).some((piece) => piece.kind === 'text' && /\S/.test(piece.text));
  }

  /** A node's content as a block (null if nothing in it is to translate), and the whitespace at its edges that the target keeps. */
  private block(node: Node): { block: DocumentBlock; lead: string; trail: string } | null {
    const builder = new BlockBuilder({ collapseSpaces: !node.preserve });
    const spans = new Map<number, string>();
    // The text before the first code and after the last: the block leaves out whitespace there.
    let before = '';
    let after = '';
    let coded = false;
    for (const piece of this.pieces(node)) {
      if (piece.kind === 'text') {
        builder.addText(piece.text);
        if (coded) after += piece.text;
        else before += piece.text;
        continue;
      }
      coded = true;
      after = '';
      if (piece.kind === 'open') spans.set(piece.pair, builder.openSpan(piece.type, piece.data));
      else if (piece.kind === 'close') builder.closeSpan(spans.get(piece.pair)!, piece.data);
      else builder.addCode(piece.type, piece.data, piece.type === 'break' ? '\n' : undefined);
    }
    const block = builder.build();
    if (!block) return null;
    // Where whitespace is kept (xml:space="preserve"), a source's leading and trailing whitespace is the target's too.
    const lead = node.preserve ? /^\s*/.exec(before)![0] : '';
    const trail = node.preserve ? /\s*$/.exec(coded ? after : before.slice(lead.length))![0] : '';
    return { block, lead, trail };
  }

  /** The markup of a translation inside a target. */
  private render(translation: TranslatedBlock, edges: { lead: string; trail: string }): string {
    const text = (part: string) =>
      this.dialect === 'xliff-2'
        ? escapeText(part.replace(/\r\n?/g, '\n')).replace(FORBIDDEN_IN_XML, (c) => `<cp hex="${codePointHex(c)}"/>`)
        : escapeText(part.replace(FORBIDDEN_IN_XML, '').replace(/\r\n?/g, '\n'));
    const body = blockPieces({ ...translation, tags: oneSpanPerCode(translation.tags, translation.text.length) })
      .map((piece) => ('text' in piece ? text(piece.text) : piece.tag.data))
      .join('');
    return text(edges.lead) + body + text(edges.trail);
  }

  /** The whitespace that indents a node, to indent a new sibling alike. */
  private indentOf(node: Node): string {
    const before = this.events[node.first - 2];
    return before?.type === 'text' && /^\s+$/.test(before.text) ? this.slice(before.start, before.end) : '';
  }

  /** The target filled: a new element after `after`, or the old one (its start tag kept, with `attributes` set) with new content. */
  private target(after: Node, old: Node | undefined, content: string, attributes: Record<string, string | null>): Edit {
    if (old) {
      const start = withAttributes(this.slice(old.open.start, old.open.end).replace(/\s*\/>$/, '>'), attributes);
      return { start: old.open.start, end: old.close!.end, text: `${start}${content}</${old.open.name}>` };
    }
    const name = after.open.name.replace(/(?:seg-)?source$/, 'target');
    const start = withAttributes(`<${name}>`, attributes);
    return { start: after.close!.end, end: after.close!.end, text: `${this.indentOf(after)}${start}${content}</${name}>` };
  }

  /** A node's content replaced (a self-closing one gets an end tag). */
  private fill(node: Node, content: string): Edit {
    if (node.close!.start === node.close!.end) {
      const start = this.slice(node.open.start, node.open.end).replace(/\s*\/>$/, '>');
      return { start: node.open.start, end: node.close!.end, text: `${start}${content}</${node.open.name}>` };
    }
    return { start: node.open.end, end: node.close!.start, text: content };
  }

  /** XLIFF 2: each `<segment>` of the unit is a block. */
  readUnit2(options: DocumentOptions): void {
    const unit = this.root!;
    if (!this.translatable) return;
    for (const segment of unit.children.filter((c) => this.is(c, 'segment'))) {
      if (this.attribute(segment, 'state') === 'final') continue;
      const source = this.child(segment, 'source');
      const target = this.child(segment, 'target');
      if (!source || (target && this.hasText(target) && !options.overwriteTargets)) continue;
      const found = this.block(source);
      if (!found) continue;
      this.layout.blocks.push(found.block);
      this.layout.plans.push({
        count: 1,
        edits: ([translation]) => [
          {
            start: segment.open.start,
            end: segment.open.end,
            text: withAttributes(this.slice(segment.open.start, segment.open.end), {
              state: 'translated',
              subState: translation!.needsReview ? 'lv2en:needs-review' : 'lv2en:machine',
            }),
          },
          this.target(source, target, this.render(translation!, found), {}),
        ],
      });
    }
  }

  /** XLIFF 1.2: a `<trans-unit>` is a block, or each segment of its `<seg-source>`. */
  readUnit12(options: DocumentOptions, targetLanguage: string | undefined): void {
    const unit = this.root!;
    if (!this.translatable || this.attribute(unit, 'approved') === 'yes') return;
    const source = this.child(unit, 'source');
    const segmented = this.child(unit, 'seg-source');
    const target = this.child(unit, 'target');
    const state = target && this.attribute(target, 'state');
    if (!source || state === 'final' || state === 'signed-off') return;
    const targetState = (translations: readonly TranslatedBlock[]) => ({
      state: translations.some((t) => t.needsReview) ? 'needs-review-translation' : 'translated',
      'state-qualifier': 'mt-suggestion',
    });
    // A new target says its language where the source says its own.
    const language: Record<string, string> = this.attribute(source, 'xml:lang') !== undefined ? { 'xml:lang': targetLanguage ?? 'en' } : {};
    if (!segmented) {
      if (target && this.hasText(target) && !options.overwriteTargets) return;
      const found = this.block(source);
      if (!found) return;
      this.layout.blocks.push(found.block);
      this.layout.plans.push({
        count: 1,
        edits: (translations) => [
          this.target(source, target, this.render(translations[0]!, found), { ...(target ? {} : language), ...targetState(translations) }),
        ],
      });
      return;
    }
    const locked = this.sdlLocked(unit);
    const existing = new Map(target ? this.segmentMarks(target).map((m) => [this.attribute(m, 'mid'), m] as const) : []);
    const chosen: { mark: Node; found: NonNullable<ReturnType<UnitReader['block']>> }[] = [];
    for (const mark of this.segmentMarks(segmented)) {
      const mid = this.attribute(mark, 'mid');
      if (mid !== undefined && locked.has(mid)) continue;
      const into = existing.get(mid);
      if (target && (!into || (this.hasText(into) && !options.overwriteTargets))) continue;
      const found = this.block(mark);
      if (found) chosen.push({ mark, found });
    }
    if (chosen.length === 0) return;
    for (const { found } of chosen) this.layout.blocks.push(found.block);
    const wasEmpty = target !== undefined && !this.hasText(target);
    this.layout.plans.push({
      count: chosen.length,
      edits: (translations) => {
        const fills = chosen.map(({ mark, found }, i) => ({ mark, content: this.render(translations[i]!, found) }));
        if (!target) {
          // A new target: the segmented source with each translated segment's content replaced.
          const inner = fills.map(({ mark, content }) => this.fill(mark, content));
          const from = segmented.open.end;
          const to = segmented.close!.start;
          const content = applyEdits(this.slice(from, to), inner, from);
          return [this.target(segmented, undefined, content, { ...language, ...targetState(translations) })];
        }
        const edits = fills.map(({ mark, content }) => this.fill(existing.get(this.attribute(mark, 'mid'))!, content));
        // The target's state, where it had no translation before and every segment of it is now filled.
        if (wasEmpty && fills.length === existing.size)
          edits.push({
            start: target.open.start,
            end: target.open.end,
            text: withAttributes(this.slice(target.open.start, target.open.end), targetState(translations)),
          });
        return edits;
      },
    });
  }

  /** `<mrk mtype="seg">` of a seg-source or target, outermost only. */
  private segmentMarks(node: Node, out: Node[] = []): Node[] {
    for (const child of node.children) {
      if (this.is(child, 'mrk') && this.attribute(child, 'mtype') === 'seg') out.push(child);
      else this.segmentMarks(child, out);
    }
    return out;
  }

  /** SDLXLIFF segments (by mid) Trados marks locked or approved. */
  private sdlLocked(unit: Node): Set<string> {
    const locked = new Set<string>();
    const walk = (node: Node) => {
      for (const child of node.children) {
        if (child.open.uri === SDL && child.open.local === 'seg') {
          const id = this.attribute(child, 'id');
          const conf = this.attribute(child, 'conf');
          if (id && (this.attribute(child, 'locked') === 'true' || conf === 'ApprovedTranslation' || conf === 'ApprovedSignOff'))
            locked.add(id);
        } else walk(child);
      }
    };
    walk(unit);
    return locked;
  }
}

/** `text` (the source from `offset` on) with edits inside it applied. */
const applyEdits = (text: string, edits: readonly Edit[], offset = 0) =>
  rewriteSource(
    text,
    edits.map((edit) => ({ start: edit.start - offset, end: edit.end - offset, tagSources: new Map() })),
    edits.map((edit) => ({ text: edit.text, tags: [] })),
    (translation) => translation.text,
  );

/**
 * A target's tags with each code once: a span split at a sentence boundary
 * whose halves did not meet again in the translation is joined (where that
 * still nests) or kept on its first half only. XLIFF ids are unique in a
 * unit, so the same `<g id="1">` may not open twice.
 */
export function oneSpanPerCode(tags: readonly InlineTag[], length: number): InlineTag[] {
  let out = [...tags];
  for (;;) {
    const opens = out.flatMap((tag, i) => (tag.kind === 'open' ? [[tag.id, i] as const] : []));
    const again = opens.find(([id], k) => opens.findIndex(([other]) => other === id) < k)?.[1] ?? -1;
    if (again === -1) return out;
    const id = out[again]!.id;
    const earlierClose = out.findLastIndex((tag, i) => i < again && tag.kind === 'close' && tag.id === id);
    const joined = out.filter((_, i) => i !== earlierClose && i !== again);
    if (nests(joined, length)) out = joined;
    else {
      const laterClose = out.findIndex((tag, i) => i > again && tag.kind === 'close' && tag.id === id);
      out = out.filter((_, i) => i !== again && i !== laterClose);
    }
  }
}

function nests(tags: readonly InlineTag[], length: number): boolean {
  const open: string[] = [];
  let last = 0;
  for (const tag of tags) {
    if (tag.at < last || tag.at > length) return false;
    last = tag.at;
    if (tag.kind === 'open') open.push(tag.id);
    else if (tag.kind === 'close' && open.pop() !== tag.id) return false;
  }
  return open.length === 0;
}

/** The file's dialect from its root element; an XLIFF lv2en does not know is refused. */
function dialectOf(root: XmlOpen, file: string): CodeDialect {
  if (root.local !== 'xliff')
    throw new Lv2enError(
      'DOCUMENT_DAMAGED',
      `is not XLIFF: its root element is <${root.name}>`,
      'Give lv2en the .xlf the CAT tool exported',
      {
        file,
      },
    );
  const version = root.attributes.version?.value;
  const versions = KNOWN[root.uri];
  if (!versions || (version !== undefined && !versions.includes(version)) || (version === undefined && root.uri === XLIFF2))
    throw new Lv2enError(
      'XLIFF_VERSION_UNKNOWN',
      `is XLIFF ${version ?? 'without a version'} (${root.uri || 'no namespace'}), which lv2en does not read`,
      'lv2en reads XLIFF 1.2 (and 1.1) and 2.0 to 2.2; export the file from the CAT tool as one of those',
      { file },
    );
  return root.uri === XLIFF2 ? 'xliff-2' : 'xliff-1.2';
}

function analyse(bytes: Uint8Array, file: string, options: DocumentOptions): Layout {
  const { text: source, encoding } = decodeXml(bytes, file);
  const layout: Layout = { source, encoding, blocks: [], plans: [], edits: [] };
  let dialect: CodeDialect | null = null;
  let root: XmlOpen | null = null;
  let targetLanguage: string | undefined;
  const scopes: { translatable: boolean; preserve: boolean }[] = [];
  let unit: UnitReader | null = null;
  scanXml(source, { file }, (event) => {
    if (event.type === 'open') {
      if (!root) {
        root = event;
        dialect = dialectOf(event, file);
      }
      const outer = scopes.at(-1) ?? { translatable: true, preserve: false };
      const translate = event.attributes.translate?.value;
      const space = event.attributes['xml:space']?.value;
      const scope = {
        translatable: translate === 'no' ? false : translate === 'yes' ? true : outer.translatable,
        preserve: space === 'preserve' ? true : space === 'default' ? false : outer.preserve,
      };
      scopes.push(scope);
      if (event.local === 'file' && event.uri === root.uri) targetLanguage = event.attributes['target-language']?.value;
      const unitName = dialect === 'xliff-2' ? 'unit' : 'trans-unit';
      if (!unit && event.local === unitName && event.uri === root.uri)
        unit = new UnitReader(layout, dialect!, root.uri, scope.translatable);
      unit?.add(event, scope.preserve);
      return;
    }
    if (event.type === 'close') scopes.pop();
    if (unit?.add(event, scopes.at(-1)?.preserve ?? false)) {
      if (dialect === 'xliff-2') unit.readUnit2(options);
      else unit.readUnit12(options, targetLanguage);
      unit = null;
    }
  });
  const top = root as XmlOpen | null;
  // XLIFF 2 wants trgLang on the root of a file with targets.
  if (top && dialect === 'xliff-2' && layout.blocks.length > 0 && top.attributes.trgLang === undefined)
    layout.edits.push({ start: top.start, end: top.end, text: withAttributes(source.slice(top.start, top.end), { trgLang: 'en' }) });
  return layout;
}

export const xliff: DocumentFormat = {
  name: 'xliff',
  label: 'XLIFF (CAT tool)',
  extensions: ['.xlf', '.xliff', '.sdlxliff', '.mqxliff'],
  sniff: (bytes) =>
    /^\s*(?:<\?xml[\s\S]*?\?>\s*)?(?:(?:<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>[]*>)\s*)*<(?:[\w.-]+:)?xliff[\s/>]/.test(
      xmlHead(bytes),
    ),
  async read(bytes, file, _context, options = {}) {
    return analyse(bytes, file, options).blocks;
  },
  async write(bytes, translations, out, file, options = {}) {
    const layout = analyse(bytes, file, options);
    const edits = [...layout.edits];
    for (const plan of layout.plans) {
      const texts: TranslatedBlock[] = [];
      for (let i = 0; i < plan.count; i++) texts.push(await translations.next());
      edits.push(...plan.edits(texts));
    }
    await out.write(encodeXml(applyEdits(layout.source, edits), layout.encoding));
  },
};
