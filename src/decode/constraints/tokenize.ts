/**
 * English constraint strings → the token sequences that put them in the
 * output. One string has several spellings in tokens, and a constraint is met
 * by any of them:
 * - as it appears after a space (SentencePiece's `▁` prefix): `▁Tsikhanouskaya`;
 * - as it appears glued to what precedes it (after an opening quote or
 *   bracket, or at a sentence start where the model leaves out `▁`): found by
 *   tokenising it behind a prefix character and dropping the prefix's pieces;
 * - any single vocabulary piece that carries the whole string as a word,
 *   such as `▁“Belarus`, `▁Belarus's` or a multi-word piece `▁in▁Minsk`: a
 *   model that prefers such a piece must not be pushed to spell the name out.
 */
import type { PreTrainedTokenizer } from '@huggingface/transformers';
import type { TokenConstraint } from './progress.js';

const SPACE_MARK = '▁';
/** Characters that stand as their own piece in front of a word, in order of preference. */
const GLUE_PREFIXES = ['„', '“', '"', '(', '«', "'", '-', '/'];
const NOT_WORD_BEFORE = '(?<![\\p{L}\\p{M}\\p{N}])';
const NOT_WORD_AFTER = '(?![\\p{L}\\p{M}\\p{N}])';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

export class ConstraintTokenizer {
  private readonly cache = new Map<string, number[][]>();
  private pieces: [string, number][] | null = null;

  constructor(
    private readonly tokenizer: PreTrainedTokenizer,
    /** Token ids never to use in a constraint (`</s>`, padding, `<unk>`). */
    private readonly special: ReadonlySet<number> = new Set(tokenizer.all_special_ids.map(Number)),
  ) {}

  /** A constraint met by any of these strings. */
  constraint(strings: readonly string[]): TokenConstraint {
    const seen = new Set<string>();
    const alternatives: number[][] = [];
    for (const text of strings) {
      for (const tokens of this.sequences(text)) {
        const key = tokens.join(',');
        if (seen.has(key)) continue;
        seen.add(key);
        alternatives.push(tokens);
      }
    }
    return alternatives;
  }

  /** Every token spelling of one string. */
  sequences(text: string): number[][] {
    const clean = text.normalize('NFC').trim().replace(/\s+/gu, ' ');
    if (clean === '') return [];
    const cached = this.cache.get(clean);
    if (cached) return cached;
    const found: number[][] = [];
    const push = (ids: readonly number[] | null) => {
      if (!ids || ids.length === 0 || ids.some((id) => this.special.has(id))) return;
      if (!found.some((f) => f.length === ids.length && f.every((t, i) => t === ids[i]))) found.push([...ids]);
    };
    push(this.encode(clean));
    push(this.glued(clean));
    for (const id of this.piecesCarrying(clean)) push([id]);
    this.cache.set(clean, found);
    return found;
  }

  private encode(text: string): number[] {
    return this.tokenizer.encode(text, { add_special_tokens: false }).map(Number);
  }

  /** The pieces of `text` glued to a preceding character (no `▁`), or null if no prefix separates cleanly. */
  private glued(text: string): number[] | null {
    for (const prefix of GLUE_PREFIXES) {
      const alone = this.tokenizer.tokenize(prefix);
      const both = this.tokenizer.tokenize(prefix + text);
      if (both.length <= alone.length || !alone.every((p, i) => both[i] === p)) continue;
      const rest = both.slice(alone.length);
      if (rest[0]!.startsWith(SPACE_MARK) || rest.join('') !== text.replaceAll(' ', SPACE_MARK)) continue;
      return this.tokenizer.convert_tokens_to_ids(rest).map(Number);
    }
    return null;
  }

  /** Single vocabulary pieces whose text holds `text` as a whole word, not at the piece's very start (which another piece could glue onto). */
  private piecesCarrying(text: string): number[] {
    this.pieces ??= [...(this.tokenizer.get_vocab() as Map<string, number>).entries()];
    const pattern = new RegExp(`${NOT_WORD_BEFORE}${escapeRegExp(text).replaceAll(' ', SPACE_MARK)}${NOT_WORD_AFTER}`, 'u');
    const ids: number[] = [];
    for (const [piece, id] of this.pieces) {
      if (piece.length < text.length) continue;
      const match = pattern.exec(piece);
      // At index 0 (no ▁) the piece would continue the previous word.
      if (match && match.index > 0) ids.push(Number(id));
    }
    return ids;
  }
}
