import PQueue from 'p-queue';
import type { Segment, WordAlignment } from '../core/segment-record.js';
import { alignmentFits } from '../inline/index.js';
import { splitLongSentence } from '../segment/index.js';
import { MAX_BATCH_ROWS, planBatches } from './batching.js';
import type { Translator } from './translator.js';

export type { AlignedTranslation, Translator } from './translator.js';
export { MarianTranslator, outputLengthCap, type MarianTranslatorOptions } from './marian.js';
export { MAX_BATCH_ROWS, planBatches } from './batching.js';

export interface TranslateOptions {
  /** Padded source tokens × decoder rows per sentence, per batch. */
  batchTokens: number;
  /** Most decoder rows (sentences × beams) per batch (default MAX_BATCH_ROWS). */
  maxRows?: number;
  /** Called after each batch: model inputs done so far, out of all (a long sentence counts once per part). */
  onProgress?: (done: number, total: number) => void;
  /**
   * The segments that want a word alignment (a document's sentences with
   * inline tags): decoded in batches of their own through the translator's
   * aligned path when it has one. Every other segment costs what it did.
   */
  align?: (segment: Segment) => boolean;
}

/** One piece of model input: a whole sentence, or a part of one too long for the model. */
interface Piece {
  segment: number;
  text: string;
  tokens: number;
}

import { SPLIT_LONG_FLAG } from './flags.js';

export { SPLIT_LONG_FLAG };

/**
 * Translates every sentence segment (boilerplate keeps its source text).
 * Sentences longer than the model accepts are split at clause boundaries,
 * translated part by part and joined back under the segment's one id.
 * Results come back in input order whatever order the batches ran in.
 */
export async function translateSegments(
  segments: readonly Segment[],
  translator: Translator,
  options: TranslateOptions,
): Promise<Segment[]> {
  const pieces = toPieces(segments, translator);
  const targets: string[] = new Array(pieces.length);
  const alignments: (WordAlignment | null)[] = new Array(pieces.length).fill(null);
  const translateAligned = translator.translateAligned?.bind(translator);
  const aligned = new Set(
    translateAligned && options.align ? pieces.filter((p) => options.align!(segments[p.segment]!)).map((p) => p.text) : [],
  );
  // Cached translations need no batch; only the rest go to the model.
  const known = translator.known?.(pieces.map((p) => p.text)) ?? [];
  // A sentence that occurs twice is translated once.
  const todo: number[] = [];
  const firstByText = new Map<string, number>();
  const copies: [number, number][] = [];
  pieces.forEach((piece, i) => {
    const target = known[i];
    if (target !== undefined) {
      targets[i] = target;
      return;
    }
    const first = firstByText.get(piece.text);
    if (first === undefined) {
      firstByText.set(piece.text, i);
      todo.push(i);
    } else {
      copies.push([i, first]);
    }
  });
  let done = pieces.length - todo.length;
  if (done > 0) options.onProgress?.(done, pieces.length);
  const rows = Math.max(1, translator.rowsPerSentence ?? 1);
  const plan = (indices: readonly number[]) =>
    planBatches(
      indices.map((i) => pieces[i]!.tokens),
      Math.max(1, Math.floor(options.batchTokens / rows)),
      Math.max(1, Math.floor((options.maxRows ?? MAX_BATCH_ROWS) / rows)),
    ).map((batch) => batch.map((k) => indices[k]!));
  const batches = [
    ...plan(todo.filter((i) => !aligned.has(pieces[i]!.text))).map((batch) => ({ batch, align: false })),
    ...plan(todo.filter((i) => aligned.has(pieces[i]!.text))).map((batch) => ({ batch, align: true })),
  ];
  // In-process, one model call at a time: onnxruntime already spreads a call
  // over all cores, and onnxruntime-node's run() holds the JS thread while it
  // computes, so there is no idle time for a second call (or tokenization) to
  // fill. A translator backed by other processes takes one batch per worker.
  const modelQueue = new PQueue({ concurrency: Math.max(1, translator.concurrentBatches ?? 1) });
  await Promise.all(
    batches.map(({ batch, align }) =>
      modelQueue.add(async () => {
        const sources = batch.map((i) => pieces[i]!.text);
        if (align) {
          const english = await translateAligned!(sources);
          batch.forEach((pieceIndex, row) => {
            targets[pieceIndex] = english[row]!.target;
            alignments[pieceIndex] = english[row]!.alignment;
          });
        } else {
          const english = await translator.translateBatch(sources);
          batch.forEach((pieceIndex, row) => (targets[pieceIndex] = english[row]!));
        }
        done += batch.length;
        options.onProgress?.(done, pieces.length);
      }),
    ),
  );
  for (const [copy, first] of copies) {
    targets[copy] = targets[first]!;
    alignments[copy] = alignments[first] ?? null;
  }
  if (copies.length > 0) options.onProgress?.(pieces.length, pieces.length);
  return assemble(segments, pieces, targets, alignments);
}

function toPieces(segments: readonly Segment[], translator: Translator): Piece[] {
  const pieces: Piece[] = [];
  segments.forEach((segment, index) => {
    if (segment.kind !== 'sentence') return;
    const tokens = translator.countTokens(segment.source);
    if (tokens <= translator.maxInputTokens) {
      pieces.push({ segment: index, text: segment.source, tokens });
      return;
    }
    const parts = splitLongSentence(segment.source, (s) => translator.countTokens(s), translator.maxInputTokens);
    for (const part of parts) pieces.push({ segment: index, text: part.text, tokens: translator.countTokens(part.text) });
  });
  return pieces;
}

function assemble(
  segments: readonly Segment[],
  pieces: readonly Piece[],
  targets: readonly string[],
  alignments: readonly (WordAlignment | null)[],
): Segment[] {
  const partsBySegment = new Map<number, number[]>();
  pieces.forEach((piece, i) => {
    const parts = partsBySegment.get(piece.segment) ?? [];
    parts.push(i);
    partsBySegment.set(piece.segment, parts);
  });
  return segments.map((segment, index) => {
    if (segment.kind !== 'sentence') return { ...segment, target: segment.source };
    const parts = partsBySegment.get(index) ?? [];
    const flags = parts.length > 1 && !segment.flags.includes(SPLIT_LONG_FLAG) ? [...segment.flags, SPLIT_LONG_FLAG] : segment.flags;
    const target = parts.map((i) => targets[i]!).join(' ');
    const alignment = joinedAlignment(parts.map((i) => alignments[i] ?? null));
    // A new target: an alignment the record may have carried belongs to an older one.
    const { alignment: _older, ...rest } = segment;
    return alignmentFits(alignment, segment.source, target) ? { ...rest, target, flags, alignment } : { ...rest, target, flags };
  });
}

/** The alignments of a sentence's parts as one (word indices shifted by the words of the parts before); null if a part has none. */
function joinedAlignment(parts: readonly (WordAlignment | null)[]): WordAlignment | undefined {
  if (parts.length === 0 || parts.some((p) => p === null)) return undefined;
  const joined: WordAlignment = { sourceWords: 0, targetWords: 0, links: [] };
  for (const part of parts as WordAlignment[]) {
    for (let i = 0; i + 2 < part.links.length; i += 3)
      joined.links.push(part.links[i]! + joined.targetWords, part.links[i + 1]! + joined.sourceWords, part.links[i + 2]!);
    joined.sourceWords += part.sourceWords;
    joined.targetWords += part.targetWords;
  }
  return joined;
}
