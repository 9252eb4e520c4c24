import type { InlineTag, InlineTagType } from '../../core/segment-record.js';
import type { DocumentBlock, TranslatedBlock } from './types.js';

/** A block worth translating holds a letter: a cell of numbers or a lone dash stays as it is. */
export const isTranslatable = (text: string) => /\p{L}/u.test(text);

const SPACE = /[ \t\n\r\f]/;
/** Punctuation that follows a word without a space: a code before it takes none either. */
const CLOSING = /^[.,;:!?)\]»”’%…]/u;

/** Codes that stand for whitespace in the plain text: a writer writes the code and drops the whitespace next to it. */
const STANDS_FOR_SPACE: ReadonlySet<InlineTagType> = new Set(['break', 'tab', 'space', 'cue']);
export const standsForSpace = (tag: InlineTag) => tag.kind === 'isolated' && STANDS_FOR_SPACE.has(tag.type);

export interface BlockBuilderOptions {
  /** Runs of whitespace in the text are one space (HTML, ODF and XML text); off, text is taken as it is (a Word run). */
  collapseSpaces: boolean;
}

/**
 * Builds one block as a reader walks the markup: text, spans (open … close)
 * and codes that stand alone, each keeping its original markup. The text is
 * NFC; leading and trailing whitespace is not part of it (tags there move to
 * the edge).
 */
export class BlockBuilder {
  private text = '';
  private readonly tags: InlineTag[] = [];
  private readonly open: string[] = [];
  private nextId = 1;

  constructor(private readonly options: BlockBuilderOptions) {}

  addText(text: string): void {
    const normalised = text.normalize('NFC');
    if (!this.options.collapseSpaces) {
      this.text += normalised;
      return;
    }
    const collapsed = normalised.replace(/[ \t\n\r\f]+/g, ' ');
    // A space collapses into the whitespace before it, unless a code (an image, inline code) stands between them.
    let codeBetween = false;
    for (let i = this.tags.length - 1; i >= 0 && this.tags[i]!.at === this.text.length; i--)
      if (this.tags[i]!.kind === 'isolated' && !standsForSpace(this.tags[i]!)) codeBetween = true;
    this.text += /[ \n\t]$/.test(this.text) && !codeBetween ? collapsed.replace(/^ /, '') : collapsed;
  }

  /** Opens a span; returns its id for `closeSpan`. */
  openSpan(type: InlineTagType, data: string): string {
    const id = String(this.nextId++);
    this.tags.push({ kind: 'open', id, at: this.text.length, type, data });
    this.open.push(id);
    return id;
  }

  closeSpan(id: string, data: string): void {
    if (this.open.at(-1) !== id) throw new Error(`span ${id} closed out of order`);
    this.open.pop();
    const open = this.tags.findLast((t) => t.id === id)!;
    this.tags.push({ kind: 'close', id, at: this.text.length, type: open.type, data });
  }

  /** A code that stands alone; `whitespace` is the character it stands for in the plain text (a line break's "\n"). Returns its id. */
  addCode(type: InlineTagType, data: string, whitespace?: '\n' | '\t' | ' '): string {
    // The space before a line break is the break's (unless a code stands between them).
    const lastTag = this.tags.at(-1);
    if (whitespace && this.options.collapseSpaces && (!lastTag || lastTag.at < this.text.length)) this.text = this.text.replace(/ $/, '');
    const id = String(this.nextId++);
    this.tags.push({ kind: 'isolated', id, at: this.text.length, type, data });
    if (whitespace) this.text += whitespace;
    return id;
  }

  get openSpans(): number {
    return this.open.length;
  }

  /**
   * The block, or null when it holds nothing to translate. Whitespace at its
   * edges outside every tag is not part of it; whitespace inside a span at an
   * edge (`<b>word </b>`) is. Unclosed spans are a reader's bug.
   */
  build(context?: string): DocumentBlock | null {
    if (this.open.length > 0) throw new Error(`span ${this.open.at(-1)} never closed`);
    const first = this.tags[0]?.at ?? this.text.length;
    const last = this.tags.at(-1)?.at ?? 0;
    const lead = Math.min(/^[ \t\n\r\f]*/.exec(this.text)![0].length, first);
    const trail = Math.min(/[ \t\n\r\f]*$/.exec(this.text)![0].length, Math.max(0, this.text.length - last));
    const text = this.text.slice(lead, this.text.length - trail);
    if (!isTranslatable(text)) return null;
    const tags = this.tags.map((tag): InlineTag => {
      const at = Math.min(text.length, Math.max(0, tag.at - lead));
      if (tag.kind !== 'isolated' || standsForSpace(tag)) return { ...tag, at };
      const before = at > 0 && SPACE.test(text[at - 1]!);
      const after = at < text.length && SPACE.test(text[at]!);
      const space: InlineTag['space'] = before && after ? 'both' : before ? 'before' : after ? 'after' : undefined;
      return space ? { ...tag, at, space } : { ...tag, at };
    });
    return context === undefined ? { text, tags } : { text, tags, context };
  }
}

export type BlockPiece = { text: string } | { tag: InlineTag };

/**
 * A translated block as writers walk it: text and tags in order, the
 * whitespace next to a code that stands for whitespace (a line break, a tab)
 * dropped, since the code itself writes it, and a code that had spaces
 * around it in the source given them again (placement only chose a word
 * boundary: "with `npm ci` code", not "with`npm ci`code").
 */
export function blockPieces(block: TranslatedBlock): BlockPiece[] {
  const pieces: BlockPiece[] = [];
  let cursor = 0;
  for (const tag of block.tags) {
    if (tag.at > cursor) pieces.push({ text: block.text.slice(cursor, tag.at) });
    cursor = Math.max(cursor, tag.at);
    pieces.push({ tag });
  }
  if (cursor < block.text.length) pieces.push({ text: block.text.slice(cursor) });
  pieces.forEach((piece, i) => {
    if (!('text' in piece)) return;
    const before = pieces[i - 1];
    const after = pieces[i + 1];
    // ASCII whitespace only: a no-break space is text.
    if (before && 'tag' in before && standsForSpace(before.tag)) piece.text = piece.text.replace(/^[ \t\n\r\f]+/, '');
    if (after && 'tag' in after && standsForSpace(after.tag)) piece.text = piece.text.replace(/[ \t\n\r\f]+$/, '');
  });
  pieces.forEach((piece, i) => {
    if (!('tag' in piece) || !piece.tag.space) return;
    const previous = textPiece(pieces, i, -1);
    const next = textPiece(pieces, i, 1);
    if (piece.tag.space !== 'after' && previous && previous.text !== '' && !SPACE.test(previous.text.at(-1)!)) previous.text += ' ';
    if (piece.tag.space !== 'before' && next && next.text !== '' && !SPACE.test(next.text[0]!) && !CLOSING.test(next.text))
      next.text = ` ${next.text}`;
  });
  return pieces.filter((piece) => !('text' in piece) || piece.text !== '');
}

/** The nearest text piece before (step -1) or after (step 1) piece i, across span tags but not across other codes. */
function textPiece(pieces: BlockPiece[], i: number, step: -1 | 1): { text: string } | null {
  for (let k = i + step; k >= 0 && k < pieces.length; k += step) {
    const piece = pieces[k]!;
    if ('text' in piece) return piece;
    if (piece.tag.kind === 'isolated') return null;
  }
  return null;
}

/** The block's own text back, for a writer given no translation (identity round trip). */
export const untranslated = (block: DocumentBlock): TranslatedBlock => ({ text: block.text, tags: block.tags });
