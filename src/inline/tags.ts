import type { InlineTag } from '../core/segment-record.js';

/**
 * Lists of inline tags: checking that they nest, splitting a block's tags
 * over its sentences (a span that crosses a sentence boundary is closed at
 * the end of one and reopened at the start of the next) and joining the
 * sentences' tags back into the block's.
 */

/** The first way the list is not well nested over a text of `length` characters, or null. */
export function nestingProblem(tags: readonly InlineTag[], length: number): string | null {
  const open: string[] = [];
  const seen = new Set<string>();
  let last = 0;
  for (const tag of tags) {
    if (!Number.isInteger(tag.at) || tag.at < last || tag.at > length)
      return `tag ${tag.id} at ${tag.at} is out of order or out of the text`;
    last = tag.at;
    if (tag.kind === 'open') {
      if (seen.has(tag.id)) return `tag id ${tag.id} is used twice`;
      seen.add(tag.id);
      open.push(tag.id);
    } else if (tag.kind === 'close') {
      if (open.at(-1) !== tag.id) return `tag ${tag.id} closes ${open.length ? `inside ${open.at(-1)}` : 'without opening'}`;
      open.pop();
    } else {
      if (seen.has(tag.id)) return `tag id ${tag.id} is used twice`;
      seen.add(tag.id);
    }
  }
  return open.length > 0 ? `tag ${open.at(-1)} never closes` : null;
}

/** Tags moved by `delta` characters. */
export const shiftTags = (tags: readonly InlineTag[], delta: number): InlineTag[] => tags.map((tag) => ({ ...tag, at: tag.at + delta }));

/**
 * A block's tags over its sentences ([start, end) ranges into the block's
 * text, in order, not overlapping). Each sentence gets a well-nested list of
 * its own, offsets into the sentence: a tag inside a sentence stays where it
 * is; one in the space between two sentences goes to the end of the earlier
 * (a close, or a code such as a line break) or the start of the later (an
 * open); a span open at a sentence's end is closed there and reopened at the
 * next sentence's start, both halves marked `split`. No tag is dropped.
 */
export function tagsOverSentences(tags: readonly InlineTag[], sentences: readonly (readonly [number, number])[]): InlineTag[][] {
  const out: InlineTag[][] = sentences.map(() => []);
  if (sentences.length === 0) return out;
  const stack: InlineTag[] = [];
  const closes = new Map(tags.filter((t) => t.kind === 'close').map((t) => [t.id, t]));
  let current = 0;
  const ownerOf = (tag: InlineTag): number => {
    let i = 0;
    while (i + 1 < sentences.length && tag.at >= sentences[i + 1]![0]) i++;
    const [start, end] = sentences[i]!;
    // Before the sentence starts (only possible for the first) or in the gap after it ends.
    if (tag.at < start) return i;
    if (tag.at > end && tag.kind === 'open' && i + 1 < sentences.length) return i + 1;
    return i;
  };
  for (const tag of tags) {
    const owner = Math.max(current, ownerOf(tag));
    while (current < owner) {
      const length = sentences[current]![1] - sentences[current]![0];
      for (const open of [...stack].reverse())
        out[current]!.push({ ...(closes.get(open.id) ?? open), kind: 'close', at: length, split: true });
      current++;
      for (const open of stack) out[current]!.push({ ...open, kind: 'open', at: 0, split: true });
    }
    const [start, end] = sentences[current]!;
    out[current]!.push({ ...tag, at: Math.min(end - start, Math.max(0, tag.at - start)) });
    if (tag.kind === 'open') stack.push(tag);
    else if (tag.kind === 'close') stack.pop();
  }
  return out;
}

export interface PlacedSentence {
  /** [start, end) of the sentence in the block's source text. */
  start: number;
  end: number;
  /** Its translation and the tags placed on it. */
  target: string;
  tags: readonly InlineTag[];
}

/**
 * A block's translation from its sentences': each source sentence replaced by
 * its target, the text between sentences (spaces, line breaks) kept, and a
 * span that was split at a sentence boundary joined again where both halves
 * still meet there.
 */
export function joinSentences(sourceText: string, sentences: readonly PlacedSentence[]): { text: string; tags: InlineTag[] } {
  let text = '';
  let cursor = 0;
  const tags: InlineTag[] = [];
  for (const sentence of sentences) {
    text += sourceText.slice(cursor, sentence.start);
    const offset = text.length;
    const incoming = shiftTags(sentence.tags, offset);
    joinSplitSpans(tags, incoming, offset);
    tags.push(...incoming);
    text += sentence.target;
    cursor = sentence.end;
  }
  text += sourceText.slice(cursor);
  return { text, tags };
}

/**
 * Removes a split close at the end of `before` together with the split open
 * that reopens it at the start of `after` (offset `start`), outermost pairs
 * first, so the span runs on unbroken; pairs that no longer meet stay.
 */
function joinSplitSpans(before: InlineTag[], after: InlineTag[], start: number): void {
  let closesFrom = before.length;
  while (closesFrom > 0 && before[closesFrom - 1]!.kind === 'close' && before[closesFrom - 1]!.split) closesFrom--;
  let opensTo = 0;
  while (opensTo < after.length && after[opensTo]!.kind === 'open' && after[opensTo]!.split && after[opensTo]!.at === start) opensTo++;
  let joined = 0;
  // The last close is the outermost span; the first open reopens the outermost.
  while (joined < opensTo && before.length - 1 - joined >= closesFrom && before[before.length - 1 - joined]!.id === after[joined]!.id)
    joined++;
  before.splice(before.length - joined, joined);
  after.splice(0, joined);
}

/**
 * The tags' layout without ids or markup: what makes two sentences with the
 * same text "the same" for a reviewed translation (bold on the second word in
 * either document). Empty for plain text.
 */
export function tagShape(tags: readonly InlineTag[] | undefined): string {
  if (!tags || tags.length === 0) return '';
  return tags.map((tag) => `${tag.kind[0]}${tag.type}@${tag.at}`).join(' ');
}
