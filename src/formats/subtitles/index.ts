import type { InlineTag, InlineTagType } from '../../core/segment-record.js';
import { BlockBuilder, blockPieces } from '../document/blocks.js';
import { type BlockRegion, rewriteSource } from '../document/rewrite.js';
import type { DocumentBlock, DocumentFormat, TranslatedBlock } from '../document/types.js';
import { type Cue, decodeSubtitles, groupCues, readCues, type SubtitleKind } from './cues.js';

/**
 * Subtitles (SubRip .srt, WebVTT .vtt): cue text is translated; timings,
 * numbers, identifiers, settings and NOTE/STYLE/REGION blocks are kept byte
 * for byte. A sentence that runs over several cues is one block, so it is
 * translated whole: the cue boundaries are `cue` codes in it, placed on the
 * English by alignment and in order, and each cue gets its share of the
 * English back, on as many lines as it had.
 */

/** A cue's English goes on two lines when it is longer than one subtitle line (the usual 42 characters). */
const LINE_LENGTH = 42;

const SPANS: Readonly<Record<string, InlineTagType>> = {
  i: 'italic',
  b: 'bold',
  u: 'underline',
  s: 'strike',
  font: 'format',
  c: 'format',
  v: 'format',
  lang: 'format',
  ruby: 'format',
  rt: 'format',
};

/** `<i>`, `</i>`, `<c.yellow>`, `<v Roger>`, `<00:01.000>`, and SubRip's `{\an8}` positioning. */
const MARKUP = /<\/?([a-z]+)(?:[.\s][^>]*)?>|<\d[\d:.]*>|\{\\[^}]*\}/giu;

const VTT_ENTITIES: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&nbsp;': '\u00a0',
  '&lrm;': '\u200e',
  '&rlm;': '\u200f',
};

interface Layout {
  blocks: DocumentBlock[];
  groups: Cue[][];
}

function read(bytes: Uint8Array, file: string, kind: SubtitleKind): { source: string; layout: Layout } {
  const source = decodeSubtitles(bytes, file);
  const layout: Layout = { blocks: [], groups: [] };
  for (const group of groupCues(readCues(source, kind, file))) {
    const builder = new BlockBuilder({ collapseSpaces: true });
    group.forEach((cue, i) => {
      if (i > 0) builder.addCode('cue', '', ' ');
      cueText(builder, cue.lines.join(' '), kind);
    });
    const first = group[0]!.timingLine;
    const last = group.at(-1)!.timingLine;
    const block = builder.build(group.length > 1 ? `cues at lines ${first}–${last}` : `cue at line ${first}`);
    // A group without words (♪, a sound effect's dashes) stays as it is.
    if (!block) continue;
    layout.blocks.push(block);
    layout.groups.push(group);
  }
  return { source, layout };
}

/** One cue's text into the block: markup as spans (each closed by the cue's end at the latest) or codes. */
function cueText(builder: BlockBuilder, text: string, kind: SubtitleKind): void {
  const open: { name: string; id: string }[] = [];
  const addText = (raw: string) =>
    builder.addText(kind === 'vtt' ? raw.replace(/&(?:amp|lt|gt|nbsp|lrm|rlm);/g, (e) => VTT_ENTITIES[e]!) : raw);
  let cursor = 0;
  for (const match of text.matchAll(MARKUP)) {
    addText(text.slice(cursor, match.index));
    cursor = match.index + match[0].length;
    const name = match[1]?.toLowerCase();
    const type = name ? SPANS[name] : undefined;
    if (!name || !type) {
      builder.addCode('format', match[0]);
      continue;
    }
    if (!match[0].startsWith('</')) {
      open.push({ name, id: builder.openSpan(type, match[0]) });
      continue;
    }
    const at = open.findLastIndex((o) => o.name === name);
    if (at === -1) {
      builder.addCode('format', match[0]);
      continue;
    }
    // Spans opened inside this one and never closed end with it.
    const closing = open.splice(at);
    for (const inner of closing.slice(1).reverse()) builder.closeSpan(inner.id, `</${inner.name}>`);
    builder.closeSpan(closing[0]!.id, match[0]);
  }
  addText(text.slice(cursor));
  for (const span of open.reverse()) builder.closeSpan(span.id, `</${span.name}>`);
}

/**
 * A group's English split at its cue codes, one piece per cue: a span that
 * crosses a cue boundary is closed at the end of one cue and opened again
 * at the start of the next (subtitle players style each cue on its own).
 */
function splitAtCues(translation: TranslatedBlock, cues: number): TranslatedBlock[] {
  const parts: TranslatedBlock[] = [];
  let text = '';
  let tags: InlineTag[] = [];
  const open: InlineTag[] = [];
  const closeOf = new Map(translation.tags.filter((t) => t.kind === 'close').map((t) => [t.id, t]));
  const finish = () => {
    for (const span of [...open].reverse()) tags.push({ ...(closeOf.get(span.id) ?? span), kind: 'close', at: text.length });
    parts.push({ text, tags });
    text = '';
    tags = open.map((span) => ({ ...span, at: 0 }));
  };
  let cursor = 0;
  for (const tag of translation.tags) {
    text += translation.text.slice(cursor, tag.at);
    cursor = Math.max(cursor, tag.at);
    if (tag.type === 'cue' && tag.kind === 'isolated') {
      finish();
      continue;
    }
    tags.push({ ...tag, at: text.length });
    if (tag.kind === 'open') open.push(tag);
    else if (tag.kind === 'close')
      open.splice(
        open.findLastIndex((o) => o.id === tag.id),
        1,
      );
  }
  text += translation.text.slice(cursor);
  finish();
  // One cue code between each two cues, and placement drops none.
  if (parts.length !== cues) throw new Error(`${parts.length} pieces of English for ${cues} cues`);
  return parts;
}

/** A cue's English, on one line or (where the cue had several and it is long) two of about equal length. */
function renderCue(part: TranslatedBlock, lines: number, kind: SubtitleKind): string {
  const pieces = blockPieces(part);
  const plain = pieces
    .map((p) => ('text' in p ? p.text : ''))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  let breakAt = -1;
  if (lines >= 2 && plain.length > LINE_LENGTH) {
    const middle = plain.length / 2;
    for (let i = 0; i < plain.length; i++)
      if (plain[i] === ' ' && (breakAt === -1 || Math.abs(i - middle) < Math.abs(breakAt - middle))) breakAt = i;
  }
  const escaped = (c: string) => (kind === 'vtt' ? (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c) : c);
  let out = '';
  // Walk the text as `plain` counts it: whitespace collapsed, none at the start.
  let seen = 0;
  let space = false;
  for (const piece of pieces) {
    if ('tag' in piece) {
      // A space before an opening tag goes before it (` <i>word`), before a closing one after it.
      if (space && piece.tag.kind === 'open') {
        out += seen === breakAt ? '\n' : ' ';
        seen += 1;
        space = false;
      }
      out += piece.tag.data;
      continue;
    }
    for (const c of piece.text) {
      if (/\s/.test(c)) {
        space = seen > 0;
        continue;
      }
      if (space) {
        out += seen === breakAt ? '\n' : ' ';
        seen += 1;
        space = false;
      }
      out += escaped(c);
      seen += 1;
    }
  }
  return out;
}

/** A cue's own text as a block of its own. */
function cueAsRead(cue: Cue, kind: SubtitleKind): TranslatedBlock {
  const builder = new BlockBuilder({ collapseSpaces: true });
  cueText(builder, cue.lines.join(' '), kind);
  return builder.build() ?? { text: '', tags: [] };
}

function subtitleFormat(kind: SubtitleKind): DocumentFormat {
  return {
    name: kind,
    label: kind === 'srt' ? 'SubRip subtitles' : 'WebVTT subtitles',
    extensions: [`.${kind}`],
    sniff: (bytes) => {
      const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 512)).replace(/^\uFEFF/, '');
      return kind === 'vtt' ? /^WEBVTT(?:[ \t\r\n]|$)/.test(head) : /^\s*\d+\s*\r?\n\s*\d{1,3}:\d\d:\d\d[,.]\d{1,3}\s*-->/.test(head);
    },
    async read(bytes, file) {
      return read(bytes, file, kind).layout.blocks;
    },
    async write(bytes, translations, out, file) {
      const { source, layout } = read(bytes, file, kind);
      const regions: BlockRegion[] = [];
      const parts: TranslatedBlock[] = [];
      for (const group of layout.groups) {
        const pieces = splitAtCues(await translations.next(), group.length);
        group.forEach((cue, i) => {
          // A cue whose text comes back as it was keeps its own lines.
          if (renderCue(pieces[i]!, 1, kind) === renderCue(cueAsRead(cue, kind), 1, kind)) return;
          regions.push({ start: cue.textStart, end: cue.textEnd, tagSources: new Map(), kind: String(cue.lines.length) });
          parts.push(pieces[i]!);
        });
      }
      await out.write(rewriteSource(source, regions, parts, (part, _markup, region) => renderCue(part, Number(region.kind), kind)));
    },
  };
}

export const srt = subtitleFormat('srt');
export const vtt = subtitleFormat('vtt');
