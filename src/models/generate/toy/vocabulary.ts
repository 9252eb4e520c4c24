/**
 * The toy model's shared source/target vocabulary and its translation tables.
 * Every Latvian form is one whole-word piece, every English rendering one piece,
 * and all single characters exist bare and with the word marker, so any
 * Latvian text tokenizes (whole words win by score) and unknown words are
 * spelled out character by character, which the toy then copies.
 */
import { TOY_CORRECT_RENDERINGS, TOY_DICTIONARY } from './dictionary.js';
import { FALLBACK_CHARACTERS, WORD_MARKER, toPiece } from '../pieces.js';
import { EOS_TOKEN, PAD_TOKEN, UNK_TOKEN } from '../special-tokens.js';

/**
 * What the toy emits on the first step after its source's `</s>` (the
 * translation of `<pad>`). It must be visible and not `</s>`: in a batch,
 * transformers.js 4.3 keeps generating for rows that already ended, and the
 * pipeline has to cut that garbage off.
 */
export const TOY_GARBAGE_TEXT = '#garbage#';

/** Opening punctuation glued to the next word ("„Baltkrievija"); such pairs get their own pieces, as the word would otherwise lose its marker. */
const OPENERS: Readonly<Record<string, string>> = { '„': '“', '«': '“', '(': '(' };
/** Latvian quotes become English ones when copied. */
const CHARACTER_RENDERINGS: Readonly<Record<string, string>> = { '„': '“', '«': '“', '»': '”' };

const SCORE_WORD = -1;
const SCORE_TARGET_ONLY = -2;
const SCORE_CHARACTER = -10;

export interface ToyVocabulary {
  /** Unigram `[piece, score]` list; the index is the token id. */
  pieces: [string, number][];
  eosId: number;
  unkId: number;
  padId: number;
  /** Token id → the token the toy emits for it. */
  translation: Int32Array;
  /** Token id → the runner-up token (the correct name where the toy is wrong, else the copied source token). */
  runnerUp: Int32Array;
  /** Token id → 1 if the piece continues a word (no word marker, starts with a letter or digit), else 0. */
  continuesWord: Int32Array;
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('lv') + text.slice(1);
}

/** Adds the sentence-initial variant of every lower-case entry that has none of its own. */
export function withCapitalisedForms(dictionary: Readonly<Record<string, string>>): Map<string, string> {
  const entries = new Map(Object.entries(dictionary));
  for (const [form, english] of Object.entries(dictionary)) {
    const capitalised = capitalise(form);
    if (capitalised !== form && !entries.has(capitalised)) entries.set(capitalised, capitalise(english));
  }
  return entries;
}

export function buildToyVocabulary(): ToyVocabulary {
  const pieces: [string, number][] = [];
  const ids = new Map<string, number>();
  const add = (piece: string, score: number): number => {
    const existing = ids.get(piece);
    if (existing !== undefined) return existing;
    ids.set(piece, pieces.length);
    pieces.push([piece, score]);
    return pieces.length - 1;
  };

  const eosId = add(EOS_TOKEN, 0);
  const unkId = add(UNK_TOKEN, 0);
  const pairs: [number, number][] = [];
  const alternatives: [number, number][] = [];

  const dictionary = withCapitalisedForms(TOY_DICTIONARY);
  const correct = withCapitalisedForms(TOY_CORRECT_RENDERINGS);
  for (const [form, english] of dictionary) {
    const sourceId = add(toPiece(form), SCORE_WORD);
    pairs.push([sourceId, add(toPiece(english), SCORE_TARGET_ONLY)]);
    const right = correct.get(form);
    if (right !== undefined) alternatives.push([sourceId, add(toPiece(right), SCORE_TARGET_ONLY)]);
    for (const [opener, englishOpener] of Object.entries(OPENERS)) {
      const quotedId = add(WORD_MARKER + opener + form, SCORE_WORD);
      pairs.push([quotedId, add(WORD_MARKER + englishOpener + toPiece(english).slice(1), SCORE_TARGET_ONLY)]);
      if (right !== undefined) alternatives.push([quotedId, add(WORD_MARKER + englishOpener + toPiece(right).slice(1), SCORE_TARGET_ONLY)]);
    }
  }

  for (const character of FALLBACK_CHARACTERS) {
    const english = CHARACTER_RENDERINGS[character] ?? character;
    pairs.push([add(character, SCORE_CHARACTER), add(english, SCORE_CHARACTER)]);
    pairs.push([add(WORD_MARKER + character, SCORE_CHARACTER), add(WORD_MARKER + english, SCORE_CHARACTER)]);
  }
  add(WORD_MARKER, SCORE_CHARACTER);
  const garbageId = add(toPiece(TOY_GARBAGE_TEXT), SCORE_TARGET_ONLY);
  const padId = add(PAD_TOKEN, 0);

  const translation = Int32Array.from(pieces, (_, id) => id);
  for (const [from, to] of pairs) translation[from] = to;
  translation[padId] = garbageId;
  const runnerUp = Int32Array.from(pieces, (_, id) => id);
  for (const [from, to] of alternatives) runnerUp[from] = to;

  const continuesWord = Int32Array.from(pieces, ([piece]) => (/^[\p{L}\p{N}]/u.test(piece) ? 1 : 0));

  return { pieces, eosId, unkId, padId, translation, runnerUp, continuesWord };
}
