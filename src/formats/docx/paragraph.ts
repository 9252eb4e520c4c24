import type { InlineTag, InlineTagType } from '../../core/segment-record.js';
import { BlockBuilder, blockPieces } from '../document/blocks.js';
import { type BlockRegion, tagKey } from '../document/rewrite.js';
import type { DocumentBlock, TranslatedBlock } from '../document/types.js';
import { xmlText } from '../xml.js';
import type { Item, RunInfo, ScannedParagraph } from './scan.js';

/**
 * One Word paragraph as a block: its runs' text merged into one plain text,
 * runs that look the same (whatever their revision ids or proofing marks)
 * merged, a run formatted unlike the paragraph's usual runs a span keeping
 * its `w:rPr`, hyperlinks, insertions, simple fields and content controls
 * spans keeping their markup, everything else a code kept as it was. A
 * complex field's instruction (begin … separate) is one code that is never
 * translated; its result is text, inside a span when the field starts and
 * ends at the same level of the paragraph.
 */

/** Where a paragraph's block sits and what its writer needs to rebuild the runs. */
export interface ParagraphRegion extends BlockRegion {
  /** The run properties of the paragraph's plain text (what most of its text had), or ''. */
  baseProperties: string;
  /** Ids of the spans that stand for run formatting: their `data` is the `w:rPr` of the text inside. */
  formatting: ReadonlySet<string>;
  /**
   * Codes that came from inside a run (a tab, a drawing, a field's
   * instruction): by tag key, the run's start tag and properties to write
   * before the code's markup; `</w:r>` goes after it.
   */
  runPrefix: ReadonlyMap<string, string>;
  /** The whitespace before and after the block's text in the paragraph, which the block leaves out. */
  edges: readonly [string, string];
}

export type ParagraphResult = { block: DocumentBlock; region: ParagraphRegion } | { unreadable: string } | null;

interface Field {
  begin: number;
  separate?: number;
  end?: number;
}

const prefixOf = (run: RunInfo) => run.startTag.replace(/\/>$/, '>') + run.rPr;

/** The block of one paragraph, null when it holds nothing to translate, or why it has to stay as it is. */
export function paragraphBlock(source: string, paragraph: ScannedParagraph): ParagraphResult {
  const { items } = paragraph;
  if (!items.some((item) => item.kind === 'text')) return null;
  const fields = findFields(items);
  if (typeof fields === 'string') return { unreadable: fields };

  // The instruction ranges (begin … separate, or … end), outermost only: fields nested in an instruction are part of it.
  const instructionEnd = new Map<number, number>();
  const spanFields = new Map<number, Field>();
  let lastInstructionEnd = -1;
  for (const field of fields) {
    // Fields come in the order they begin, so one inside an instruction begins before that instruction's end.
    if (field.begin <= lastInstructionEnd) continue;
    const last = field.separate ?? field.end;
    if (last === undefined) return { unreadable: 'a field instruction goes on into the next paragraph' };
    if (!balanced(items, field.begin, last, true)) return { unreadable: 'a field instruction crosses a hyperlink or a change' };
    instructionEnd.set(field.begin, last);
    lastInstructionEnd = last;
    if (field.separate !== undefined && field.end !== undefined && balanced(items, field.separate, field.end, false))
      spanFields.set(field.begin, field);
  }

  const base = baseRun(items, instructionEnd);
  if (!base) return null;
  const builder = new BlockBuilder({ collapseSpaces: false });
  const tagSources = new Map<string, readonly [number, number]>();
  const runPrefix = new Map<string, string>();
  const formatting = new Set<string>();
  const structure: string[] = [];
  const fieldSpans = new Map<number, string>();
  let format: { id: string; key: string; data: string } | null = null;
  /** The text as the builder has it before it trims the block's edges. */
  let plain = '';
  /** Where the whitespace of the last tab or break ends in it: a trimmed edge never holds that (the code writes it). */
  let afterLastCode = 0;

  const closeFormat = () => {
    if (!format) return;
    builder.closeSpan(format.id, format.data);
    format = null;
  };
  const setFormat = (run: RunInfo) => {
    if (run.key === base.key) return closeFormat();
    if (format?.key === run.key) return;
    closeFormat();
    const id = builder.openSpan(spanType(run, base), run.rPr);
    formatting.add(id);
    format = { id, key: run.key, data: run.rPr };
  };
  const code = (type: InlineTagType, start: number, end: number, run?: RunInfo, whitespace?: '\t' | '\n') => {
    const prefix = run ? prefixOf(run) : '';
    const markup = source.slice(start, end);
    const id = builder.addCode(type, run ? `${prefix}${markup}</w:r>` : markup, whitespace);
    if (whitespace) {
      plain += whitespace;
      afterLastCode = plain.length;
    }
    const key = tagKey({ kind: 'isolated', id });
    tagSources.set(key, [start, end]);
    if (run) runPrefix.set(key, prefix);
  };

  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const instructionLast = instructionEnd.get(i);
    if (instructionLast !== undefined) {
      const first = item as Extract<Item, { kind: 'runCode' }>;
      const last = items[instructionLast] as Extract<Item, { kind: 'runCode' }>;
      const prefix = prefixOf(first.run);
      const markup = `${prefix}${source.slice(first.start, last.end)}</w:r>`;
      if (spanFields.has(i)) {
        closeFormat();
        const id = builder.openSpan('field', markup);
        const key = tagKey({ kind: 'open', id });
        tagSources.set(key, [first.start, last.end]);
        runPrefix.set(key, prefix);
        fieldSpans.set(spanFields.get(i)!.end!, id);
        structure.push(id);
      } else code('field', first.start, last.end, first.run);
      i = instructionLast;
      continue;
    }
    switch (item.kind) {
      case 'text':
        setFormat(item.run);
        builder.addText(item.text);
        plain += item.text.normalize('NFC');
        break;
      case 'space':
        code(item.type, item.start, item.end, item.run, item.char);
        break;
      case 'runCode': {
        const spanId = fieldSpans.get(i);
        if (spanId === undefined) {
          code(item.type, item.start, item.end, item.run);
          break;
        }
        closeFormat();
        const prefix = prefixOf(item.run);
        builder.closeSpan(spanId, `${prefix}${source.slice(item.start, item.end)}</w:r>`);
        structure.pop();
        const key = tagKey({ kind: 'close', id: spanId });
        tagSources.set(key, [item.start, item.end]);
        runPrefix.set(key, prefix);
        break;
      }
      case 'code':
        code(item.type, item.start, item.end);
        break;
      case 'open': {
        closeFormat();
        const id = builder.openSpan(item.type, source.slice(item.start, item.end));
        tagSources.set(tagKey({ kind: 'open', id }), [item.start, item.end]);
        structure.push(id);
        break;
      }
      case 'close': {
        closeFormat();
        const id = structure.pop()!;
        builder.closeSpan(id, source.slice(item.start, item.end));
        tagSources.set(tagKey({ kind: 'close', id }), [item.start, item.end]);
        break;
      }
    }
  }
  closeFormat();
  const block = builder.build(paragraph.context);
  if (!block) return null;
  // Spaces the block's text was trimmed of (a paragraph indented with spaces) are written back around the translation.
  let lead = 0;
  while (!plain.startsWith(block.text, lead)) lead++;
  return {
    block,
    region: {
      start: paragraph.start,
      end: paragraph.end,
      tagSources,
      kind: 'paragraph',
      baseProperties: base.rPr,
      formatting,
      runPrefix,
      edges: [plain.slice(0, lead), plain.slice(Math.max(lead + block.text.length, afterLastCode))],
    },
  };
}

/** The complex fields of the paragraph (by item index), or why they cannot be read. */
function findFields(items: readonly Item[]): Field[] | string {
  const fields: Field[] = [];
  const open: Field[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.kind !== 'runCode' || !item.field) continue;
    if (item.field === 'begin') {
      const field: Field = { begin: i };
      fields.push(field);
      open.push(field);
    } else if (item.field === 'separate') {
      const field = open.at(-1);
      if (!field) return 'a field instruction starts in an earlier paragraph';
      field.separate ??= i;
    } else {
      const field = open.pop();
      if (field) field.end = i;
      // An end without its begin closes a field of an earlier paragraph (a table of contents): a code like any other.
    }
  }
  return fields;
}

/**
 * Whether items from..to hold no open or close (strict: an instruction is
 * one code), or only balanced pairs (a field's result, which may hold a
 * whole hyperlink but not half of one).
 */
function balanced(items: readonly Item[], from: number, to: number, strict: boolean): boolean {
  let depth = 0;
  for (let i = from; i <= to; i++) {
    const kind = items[i]!.kind;
    if (kind === 'open' || kind === 'close') {
      if (strict) return false;
      depth += kind === 'open' ? 1 : -1;
      if (depth < 0) return false;
    }
  }
  return depth === 0;
}

/** The formatting of most of the paragraph's text (outside field instructions): its plain text. */
function baseRun(items: readonly Item[], instructionEnd: ReadonlyMap<number, number>): RunInfo | undefined {
  const counts = new Map<string, { run: RunInfo; chars: number }>();
  for (let i = 0; i < items.length; i++) {
    const skipTo = instructionEnd.get(i);
    if (skipTo !== undefined) {
      i = skipTo;
      continue;
    }
    const item = items[i]!;
    if (item.kind !== 'text') continue;
    const entry = counts.get(item.run.key) ?? { run: item.run, chars: 0 };
    entry.chars += item.text.length;
    counts.set(item.run.key, entry);
  }
  let best: { run: RunInfo; chars: number } | undefined;
  for (const entry of counts.values()) if (!best || entry.chars > best.chars) best = entry;
  return best?.run;
}

/** What a run's formatting adds to the paragraph's plain text, as a span type. */
function spanType(run: RunInfo, base: RunInfo): InlineTagType {
  for (const type of ['bold', 'italic', 'underline', 'strike', 'superscript', 'subscript'] as const)
    if (run.features.has(type) && !base.features.has(type)) return type;
  return 'format';
}

/**
 * The paragraph's content again from its translation: text in runs (inside
 * a formatting span with that span's `w:rPr`, else the paragraph's plain
 * properties; neighbouring text of the same properties in one run), every
 * code and span markup back as it was. A span cut in two at a sentence
 * boundary is written once, from its first start to its last end, as it was
 * in the source: two halves of an insertion or a field would be two
 * revisions or two fields.
 */
export function renderParagraph(translation: TranslatedBlock, markup: (tag: InlineTag) => string, region: ParagraphRegion): string {
  let out = '';
  /** The run being written: its properties, its content so far and text not yet put in a w:t. */
  let run: { properties: string; body: string; text: string } | null = null;
  const formats: { id: string; properties: string }[] = [];
  const flush = () => {
    if (run) out += `<w:r>${run.properties}${run.body}${textElement(run.text)}</w:r>`;
    run = null;
  };
  const runWith = (properties: string) => {
    if (run?.properties !== properties) {
      flush();
      run = { properties, body: '', text: '' };
    }
    return run!;
  };
  const [before, after] = region.edges;
  if (before !== '') runWith(region.baseProperties).text += before;
  for (const piece of blockPieces(translation)) {
    if ('text' in piece) {
      const current = runWith(formats.at(-1)?.properties ?? region.baseProperties);
      for (const part of piece.text.split(/(\t|\r?\n)/)) {
        if (part !== '\t' && part !== '\n' && part !== '\r\n') current.text += part;
        else {
          current.body += `${textElement(current.text)}${part === '\t' ? '<w:tab/>' : '<w:br/>'}`;
          current.text = '';
        }
      }
      continue;
    }
    const { tag } = piece;
    if (region.formatting.has(tag.id)) {
      if (tag.kind === 'open') formats.push({ id: tag.id, properties: tag.data });
      else if (tag.kind === 'close') {
        const at = formats.findLastIndex((f) => f.id === tag.id);
        if (at !== -1) formats.splice(at, 1);
      }
      continue;
    }
    if (tag.kind !== 'isolated' && tag.split) continue;
    flush();
    const prefix = region.runPrefix.get(tagKey(tag));
    out += prefix === undefined ? markup(tag) : `${prefix}${markup(tag)}</w:r>`;
  }
  if (after !== '') runWith(region.baseProperties).text += after;
  flush();
  return out;
}

/** A `w:t` holding `text`; spaces at its ends or doubled are kept only with xml:space="preserve". */
function textElement(text: string): string {
  if (text === '') return '';
  const escaped = xmlText(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return /^\s|\s$|\s\s/.test(text) ? `<w:t xml:space="preserve">${escaped}</w:t>` : `<w:t>${escaped}</w:t>`;
}
