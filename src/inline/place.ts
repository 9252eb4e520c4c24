import type { InlineTag, WordAlignment } from '../core/segment-record.js';
import { alignmentFits, alignmentRows } from './alignment.js';
import { isContentWord, words } from './words.js';

/**
 * Places a sentence's inline tags on its translation. The model saw only the
 * plain text; which target words came from which source words is read from,
 * in order of trust: glossary hits (their source and target spans are known),
 * the model's cross-attention, words that occur once on both sides unchanged
 * (numbers, names, URLs), and, where nothing else says, the word's
 * proportional position. A span goes over the target words that came from
 * its source words; a code that stands alone (a footnote reference, a line
 * break) follows the target of the word it followed. The result is always
 * well nested and holds every tag; where a tag had to be guessed or moved to
 * keep the nesting, `confident` is false and the segment is flagged for review.
 */

/** A stretch of source known to be translated by a stretch of target (a glossary hit). */
export interface Anchor {
  source: readonly [number, number];
  target: readonly [number, number];
}

export interface PlacementInput {
  source: string;
  tags: readonly InlineTag[];
  target: string;
  alignment?: WordAlignment;
  anchors?: readonly Anchor[];
}

export interface Placement {
  tags: InlineTag[];
  confident: boolean;
}

/** A target word belongs to a span when at least this share of its attention went to the span's source words. */
const SPAN_SHARE = 0.5;
/** Weight of a link that only the proportional position supports. */
const GUESS = 0.3;

interface Links {
  /** For each target word, [source word, weight] strongest first. */
  rows: [number, number][][];
  /** Target words whose links are a proportional guess. */
  guessed: Set<number>;
}

type Range = [number, number];

interface SpanNode {
  open: InlineTag;
  close: InlineTag;
  order: number;
  children: TreeNode[];
  range: Range;
}
interface PointNode {
  tag: InlineTag;
  order: number;
  at: number;
  /** Placed already (a code that moved into a sibling span keeps its point). */
  placed: boolean;
}
type TreeNode = SpanNode | PointNode;
const isSpan = (node: TreeNode): node is SpanNode => 'open' in node;

export function placeTags(input: PlacementInput): Placement {
  const { source, target } = input;
  if (input.tags.length === 0) return { tags: [], confident: true };
  const sourceWords = words(source);
  const targetWords = words(target);
  const state = { confident: true };
  const links = buildLinks(input, sourceWords, targetWords);
  const best = links.rows.map((row) => row[0]?.[0] ?? -1);
  const context: Context = { input, sourceWords, targetWords, links, best, state };
  const roots = buildTree(input.tags);
  const whole: Range = [0, target.length];
  placeChildren(roots, whole, context);
  const tags: InlineTag[] = [];
  emit(roots, tags);
  return { tags, confident: state.confident };
}

interface Context {
  input: PlacementInput;
  sourceWords: Range[];
  targetWords: Range[];
  links: Links;
  best: number[];
  state: { confident: boolean };
}

function buildLinks(input: PlacementInput, sourceWords: readonly Range[], targetWords: readonly Range[]): Links {
  const rows: [number, number][][] = alignmentFits(input.alignment, input.source, input.target)
    ? alignmentRows(input.alignment)
    : targetWords.map(() => []);
  const fixed = new Set<number>();
  const wordsIn = (ranges: readonly Range[], [start, end]: readonly [number, number]) =>
    ranges.flatMap((range, i) => (range[0] < end && range[1] > start ? [i] : []));
  for (const anchor of input.anchors ?? []) {
    const sources = wordsIn(sourceWords, anchor.source);
    const targets = wordsIn(targetWords, anchor.target);
    if (sources.length === 0) continue;
    targets.forEach((t, k) => {
      rows[t] = [[sources[Math.min(sources.length - 1, Math.floor((k * sources.length) / targets.length))]!, 1]];
      fixed.add(t);
    });
  }
  // A word that occurs once on each side, unchanged, translates itself.
  const text = (s: string, r: Range) => s.slice(r[0], r[1]);
  const once = (s: string, ranges: readonly Range[]) => {
    const counts = new Map<string, number[]>();
    ranges.forEach((r, i) => {
      const w = text(s, r);
      if (isContentWord(w)) counts.set(w, [...(counts.get(w) ?? []), i]);
    });
    return counts;
  };
  const sourceOnce = once(input.source, sourceWords);
  for (const [word, targets] of once(input.target, targetWords)) {
    const sources = sourceOnce.get(word);
    if (targets.length !== 1 || sources?.length !== 1) continue;
    const t = targets[0]!;
    if (!fixed.has(t) && (rows[t]![0]?.[1] ?? 0) < 0.5) rows[t] = [[sources[0]!, 1]];
  }
  const guessed = new Set<number>();
  rows.forEach((row, t) => {
    if (row.length > 0 || sourceWords.length === 0) return;
    const s = Math.min(sourceWords.length - 1, Math.floor(((t + 0.5) * sourceWords.length) / targetWords.length));
    rows[t] = [[s, GUESS]];
    guessed.add(t);
  });
  return { rows, guessed };
}

/** The span forest of a well-nested tag list, isolated tags as leaves. */
function buildTree(tags: readonly InlineTag[]): TreeNode[] {
  const roots: TreeNode[] = [];
  const stack: SpanNode[] = [];
  tags.forEach((tag, order) => {
    const siblings = stack.at(-1)?.children ?? roots;
    if (tag.kind === 'open') {
      const node: SpanNode = { open: tag, close: tag, order, children: [], range: [0, 0] };
      siblings.push(node);
      stack.push(node);
    } else if (tag.kind === 'close') {
      const node = stack.pop();
      if (node) node.close = tag;
    } else {
      siblings.push({ tag, order, at: 0, placed: false });
    }
  });
  return roots;
}

/** Source words a source range touches. */
function coveredWords(sourceWords: readonly Range[], start: number, end: number): number[] {
  const out: number[] = [];
  sourceWords.forEach(([s, e], i) => {
    if (s < end && e > start) out.push(i);
  });
  return out;
}

/** The target offset that corresponds to a source offset: after the translation of the word before it. */
function mapPoint(at: number, context: Context): number {
  const { sourceWords, targetWords, best, links, input } = context;
  if (targetWords.length === 0) return 0;
  const before = sourceWords.findLastIndex(([, end]) => end <= at);
  const after = sourceWords.findIndex(([start]) => start >= at);
  if (before === -1) return 0;
  if (after === -1) return input.target.length;
  // A code that followed a space in the source follows the space in the target too.
  const spaced = /\s/u.test(input.source.slice(sourceWords[before]![1], at));
  const fromBefore = best.findLastIndex((s, t) => s === before && !links.guessed.has(t));
  if (fromBefore !== -1) {
    const end = targetWords[fromBefore]![1];
    const next = targetWords[fromBefore + 1]?.[0];
    return spaced && next !== undefined && /^\s+$/u.test(input.target.slice(end, next)) ? next : end;
  }
  const fromAfter = best.findIndex((s, t) => s === after && !links.guessed.has(t));
  if (fromAfter !== -1) return targetWords[fromAfter]![0];
  context.state.confident = false;
  const share = (sourceWords[before]![1] + sourceWords[after]![0]) / 2 / Math.max(1, input.source.length);
  return snapToBoundary(Math.round(share * input.target.length), context);
}

/** The nearest offset between two target words (never inside one). */
function snapToBoundary(at: number, { targetWords }: Context): number {
  for (const [start, end] of targetWords) {
    if (at > start && at < end) return at - start <= end - at ? start : end;
  }
  return at;
}

/**
 * Where a cue boundary goes: between target words j-1 and j, for the j in
 * [lower, upper] whose split of the target agrees best with the source's
 * split at `at` (target words on the side their source words are on).
 */
function splitPoint(at: number, lower: number, upper: number, context: Context): number {
  const { sourceWords, targetWords, links, input } = context;
  if (targetWords.length === 0) return 0;
  const leftOfSource = sourceWords.filter(([, end]) => end <= at).length;
  if (leftOfSource === sourceWords.length) return input.target.length;
  const proportional = (leftOfSource / Math.max(1, sourceWords.length)) * targetWords.length;
  let bestScore = -Infinity;
  let bestSplit = lower;
  for (let j = lower; j <= upper; j++) {
    let score = 0;
    links.rows.forEach((row, t) => {
      for (const [s, weight] of row) score += t < j === s < leftOfSource ? weight : 0;
    });
    // Ties go to the proportional split.
    score -= Math.abs(j - proportional) * 1e-3;
    if (score > bestScore) {
      bestScore = score;
      bestSplit = j;
    }
  }
  if (links.guessed.size > 0) context.state.confident = false;
  return bestSplit === 0 ? 0 : bestSplit === targetWords.length ? input.target.length : targetWords[bestSplit - 1]![1];
}

/**
 * The word range each cue boundary of one level may take, in order: every
 * cue that had words in the source keeps at least one word of the target,
 * where the target has enough words for all of them.
 */
function cueBounds(cues: readonly PointNode[], context: Context): (prev: number, k: number) => [number, number] {
  const { sourceWords, targetWords } = context;
  const lefts = cues.map((cue) => sourceWords.filter(([, end]) => end <= cue.tag.at).length);
  return (previous, k) => {
    const needsBefore = k === 0 ? lefts[0]! > 0 : lefts[k]! > lefts[k - 1]!;
    const later = new Set(lefts.slice(k + 1).filter((left) => left > lefts[k]! && left < sourceWords.length)).size;
    const lower = previous + (needsBefore ? 1 : 0);
    const upper = targetWords.length - later - (lefts[k]! < sourceWords.length ? 1 : 0);
    return lower <= upper ? [lower, upper] : [previous, targetWords.length];
  };
}

/** How many target words end at or before an offset. */
const wordsBefore = (at: number, { targetWords }: Context) => targetWords.filter(([, end]) => end <= at).length;

/** The target range of a span: over the target words that came mostly from its source words. */
function spanRange(node: SpanNode, context: Context): Range {
  const { sourceWords, targetWords, links, input } = context;
  const covered = coveredWords(sourceWords, node.open.at, node.close.at);
  const start = node.open.split ? 0 : undefined;
  const end = node.close.split ? input.target.length : undefined;
  if (covered.length === 0 || targetWords.length === 0) {
    const point = mapPoint(node.open.at, context);
    return [start ?? point, end ?? point];
  }
  if (covered.length === sourceWords.length) return [0, input.target.length];
  const inside = new Set(covered);
  const sure: number[] = [];
  const guessed: number[] = [];
  links.rows.forEach((row, t) => {
    const total = row.reduce((sum, [, w]) => sum + w, 0);
    const share = row.reduce((sum, [s, w]) => sum + (inside.has(s) ? w : 0), 0);
    if (total > 0 && share / total >= SPAN_SHARE) (links.guessed.has(t) ? guessed : sure).push(t);
  });
  // A proportional guess only counts where no word's link is known.
  const members = sure.length > 0 ? sure : guessed;
  if (members.length === 0) {
    context.state.confident = false;
    const from = mapPoint(node.open.at, context);
    return [start ?? from, end ?? Math.max(from, mapPoint(node.close.at, context))];
  }
  if (sure.length === 0) context.state.confident = false;
  const first = members[0]!;
  const last = members.at(-1)!;
  for (let t = first; t <= last; t++) {
    const word = input.target.slice(targetWords[t]![0], targetWords[t]![1]);
    if (!members.includes(t) && isContentWord(word)) context.state.confident = false;
  }
  return [start ?? targetWords[first]![0], end ?? targetWords[last]![1]];
}

/**
 * Gives each node its target place inside `parent`: spans a range, codes a
 * point. Spans are kept inside their parent and apart from their siblings
 * (a later sibling starts where an earlier one ends); a code that falls
 * inside a sibling span goes into it.
 */
function placeChildren(nodes: TreeNode[], parent: Range, context: Context): void {
  const clip = (at: number) => Math.min(parent[1], Math.max(parent[0], at));
  const cues = nodes.filter((node): node is PointNode => !isSpan(node) && node.tag.type === 'cue' && !node.placed);
  const bounds = cueBounds(cues, context);
  let previousCue = 0;
  for (const node of nodes) {
    if (!isSpan(node) && node.placed) continue;
    if (isSpan(node)) {
      const [start, end] = spanRange(node, context);
      const clipped: Range = [clip(start), clip(Math.max(start, end))];
      if (clipped[0] !== start || clipped[1] !== Math.max(start, end)) context.state.confident = false;
      node.range = clipped;
    } else if (node.tag.type === 'cue') {
      const [lower, upper] = bounds(previousCue, cues.indexOf(node));
      node.at = clip(splitPoint(node.tag.at, lower, upper, context));
      previousCue = wordsBefore(node.at, context);
    } else {
      node.at = clip(mapPoint(node.tag.at, context));
    }
    if (!isSpan(node)) node.placed = true;
  }
  const start = (node: TreeNode) => (isSpan(node) ? node.range[0] : node.at);
  // Each span starts where the sibling before it ends. Moving one up can put it behind a sibling that starts there
  // and came earlier in the source, so sort and move again until nothing moves (starts only grow, within parent).
  for (let moved = true; moved; ) {
    moved = false;
    nodes.sort((a, b) => start(a) - start(b) || a.order - b.order);
    let floor = parent[0];
    for (const node of nodes) {
      if (!isSpan(node)) continue;
      if (node.range[0] < floor) {
        context.state.confident = false;
        node.range = [floor, Math.max(floor, node.range[1])];
        moved = true;
      }
      floor = node.range[1];
    }
  }
  // Codes strictly inside a sibling span become its children.
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]!;
    if (isSpan(node)) continue;
    // At a span's start, a code that came after the span's opening in the source goes inside it.
    const host = nodes.find(
      (n): n is SpanNode => isSpan(n) && n.range[0] <= node.at && node.at < n.range[1] && (n.range[0] < node.at || n.order < node.order),
    );
    if (host) {
      nodes.splice(i, 1);
      host.children.push(node);
    }
  }
  for (const node of nodes) if (isSpan(node)) placeChildren(node.children, node.range, context);
}

function emit(nodes: readonly TreeNode[], out: InlineTag[]): void {
  for (const node of nodes) {
    if (isSpan(node)) {
      out.push({ ...node.open, at: node.range[0] });
      emit(node.children, out);
      out.push({ ...node.close, at: node.range[1] });
    } else {
      out.push({ ...node.tag, at: node.at });
    }
  }
}
