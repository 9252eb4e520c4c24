/**
 * The aligned path of the Marian translator: the chosen tokens' cross-attention
 * (a forced pass after decoding, src/decode/attention.ts) placed on the source
 * and target texts and turned into word alignment.
 */
import type { PreTrainedTokenizer } from '@huggingface/transformers';
import type { WordAlignment } from '../core/segment-record.js';
import type { TokenAttentionRows } from '../decode/index.js';
import { wordAlignmentFromTokens } from '../inline/index.js';

/**
 * [start, end) of each token in `text`, from each token's own text found in
 * order (whitespace between tokens skipped). A token with no text (`</s>`)
 * spans nothing; one whose text is not where it should be (`<unk>`, or a piece
 * the detokeniser's clean-up changed) spans what lies before the next token found.
 */
export function tokenSpans(text: string, tokenTexts: readonly string[]): [number, number][] {
  const spans: [number, number][] = [];
  let cursor = 0;
  let unplaced: number[] = [];
  const place = (end: number) => {
    let stop = end;
    while (stop > cursor && /\s/u.test(text[stop - 1]!)) stop -= 1;
    for (const u of unplaced) spans[u] = [cursor, stop];
    unplaced = [];
  };
  for (const tokenText of tokenTexts) {
    const core = tokenText.trim();
    while (cursor < text.length && /\s/u.test(text[cursor]!)) cursor += 1;
    if (core === '') {
      spans.push([cursor, cursor]);
      continue;
    }
    const at = text.startsWith(core, cursor) ? cursor : unplaced.length > 0 ? text.indexOf(core, cursor) : -1;
    if (at === -1) {
      unplaced.push(spans.length);
      spans.push([cursor, cursor]);
      continue;
    }
    place(at);
    spans.push([at, at + core.length]);
    cursor = at + core.length;
  }
  place(text.length);
  return spans;
}

const tokenTexts = (tokenizer: PreTrainedTokenizer, ids: readonly number[]) =>
  ids.map((id) => tokenizer.decode([id], { skip_special_tokens: true }));

/** Word alignment of `target` (decoded from `targetIds`) to `source` (encoded as `sourceIds`) from the tokens' attention rows. */
export function alignmentFromAttention(
  tokenizer: PreTrainedTokenizer,
  source: string,
  sourceIds: readonly number[],
  target: string,
  targetIds: readonly number[],
  rows: TokenAttentionRows,
): WordAlignment {
  return wordAlignmentFromTokens(source, target, {
    source: tokenSpans(source, tokenTexts(tokenizer, sourceIds)),
    target: tokenSpans(target, tokenTexts(tokenizer, targetIds)),
    weights: rows.map((row) => Array.from(row)),
  });
}
