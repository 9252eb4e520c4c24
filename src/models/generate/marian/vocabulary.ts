/**
 * Vocabulary of the random Marian: SentencePiece-like pieces that make Latvian
 * news tokenize to realistic lengths (about 1.6 tokens per word): short and
 * frequent words whole, longer ones as stem + ending, anything else as
 * syllables or characters. The rest up to vocab_size is synthetic filler that
 * never matches Latvian text (every filler piece holds q, w, x or y, letters
 * Latvian does not use), standing in for the English and Lithuanian pieces of a
 * real multilingual vocabulary.
 */
import { TOY_DICTIONARY } from '../toy/dictionary.js';
import { FALLBACK_CHARACTERS, WORD_MARKER } from '../pieces.js';
import { EOS_TOKEN, PAD_TOKEN, UNK_TOKEN } from '../special-tokens.js';
import { mulberry32 } from './prng.js';

export interface MarianVocabulary {
  pieces: [string, number][];
  eosId: number;
  unkId: number;
  padId: number;
}

const ENDINGS = [
  'a',
  'as',
  'ai',
  'u',
  'us',
  'am',
  'ām',
  'ās',
  'ē',
  'es',
  'ei',
  'em',
  'ēm',
  'i',
  'is',
  'ij',
  'iem',
  'ī',
  'os',
  'os',
  'ība',
  'ību',
  'ības',
  'ām',
  'šana',
  'šanu',
  'šanas',
  'ja',
  'jas',
  'ju',
  'jā',
  'ts',
  'ti',
  'tu',
  'ta',
  'ot',
  'āt',
  'ēt',
  'īt',
  'oja',
  'ēja',
  'āja',
  'ījis',
  'jis',
  'usi',
  'ušas',
  'ušies',
  'ies',
  'ās',
  'ums',
  'umu',
  'uma',
  'iem',
];
const CONSONANTS = 'bcčdfgģhjkķlļmnņprsštvzž';
const VOWELS = 'aāeēiīou';
const FILLER_CONSONANTS = 'bcdfghklmnprstvwxyqz';
const FILLER_VOWELS = 'aeiouy';
const FOREIGN_LETTERS = /[qwxy]/;

const SCORE_WHOLE_WORD = -6;
const SCORE_STEM = -7;
const SCORE_ENDING = -7;
const SCORE_SYLLABLE = -9;
const SCORE_CHARACTER = -12;
const SCORE_FILLER = -13;

/** Forms up to this length stay whole; longer ones are split into stem + ending, as subword vocabularies do with inflected words. */
const WHOLE_WORD_MAX_LENGTH = 8;

/** Stem + inflectional ending, taking the longest known ending that leaves a stem of 3+ letters, else the last 2 letters. */
function splitEnding(form: string): [string, string] {
  const ending =
    [...ENDINGS].sort((a, b) => b.length - a.length).find((e) => form.endsWith(e) && form.length - e.length >= 3) ?? form.slice(-2);
  return [form.slice(0, form.length - ending.length), ending];
}

const CLUSTERS = ['pr', 'br', 'tr', 'dr', 'kr', 'gr', 'pl', 'bl', 'kl', 'gl', 'st', 'sp', 'sk', 'sv', 'zv', 'str', 'šķ', 'sl', 'sm', 'sn'];
const CODAS = 'nrstlmjk';

/** Onset + vowel (+ coda) and vowel + coda: the subword units an unseen Latvian word falls back to. */
function latvianSyllables(): string[] {
  const out: string[] = [];
  for (const onset of [...CONSONANTS, ...CLUSTERS]) {
    for (const v of VOWELS) {
      out.push(onset + v);
      for (const coda of CODAS) out.push(onset + v + coda);
    }
  }
  for (const v of VOWELS) for (const coda of CODAS) out.push(v + coda);
  return out;
}

function fillerPiece(random: () => number): string {
  const pick = (letters: string) => letters[Math.floor(random() * letters.length)]!;
  const syllables = 1 + Math.floor(random() * 3);
  let piece = '';
  for (let i = 0; i < syllables; i++)
    piece += pick(FILLER_CONSONANTS) + pick(FILLER_VOWELS) + (random() < 0.4 ? pick(FILLER_CONSONANTS) : '');
  if (!FOREIGN_LETTERS.test(piece)) piece += pick('qwxy');
  return (random() < 0.6 ? WORD_MARKER : '') + piece;
}

export function buildMarianVocabulary(vocabSize: number, seed: number): MarianVocabulary {
  const pieces: [string, number][] = [];
  const seen = new Set<string>();
  const add = (piece: string, score: number) => {
    if (seen.has(piece) || pieces.length >= vocabSize - 1) return;
    seen.add(piece);
    pieces.push([piece, score]);
  };
  add(EOS_TOKEN, 0);
  add(UNK_TOKEN, 0);
  // Most useful first, so a small vocabulary keeps what matters.
  for (const character of FALLBACK_CHARACTERS) add(WORD_MARKER + character, SCORE_CHARACTER);
  for (const character of FALLBACK_CHARACTERS) add(character, SCORE_CHARACTER);
  add(WORD_MARKER, SCORE_CHARACTER);
  for (const ending of ENDINGS) add(ending, SCORE_ENDING);
  for (const form of Object.keys(TOY_DICTIONARY)) {
    if (form.length <= WHOLE_WORD_MAX_LENGTH) {
      add(WORD_MARKER + form, SCORE_WHOLE_WORD);
    } else {
      const [stem, ending] = splitEnding(form);
      add(WORD_MARKER + stem, SCORE_STEM);
      add(ending, SCORE_ENDING);
    }
  }
  for (const syllable of latvianSyllables()) {
    add(syllable, SCORE_SYLLABLE);
    add(WORD_MARKER + syllable, SCORE_SYLLABLE);
    add(WORD_MARKER + syllable.charAt(0).toLocaleUpperCase('lv') + syllable.slice(1), SCORE_SYLLABLE);
  }
  const random = mulberry32(seed ^ 0x5eed);
  while (pieces.length < vocabSize - 1) add(fillerPiece(random), SCORE_FILLER);
  const padId = pieces.length;
  pieces.push([PAD_TOKEN, 0]);
  return { pieces, eosId: 0, unkId: 1, padId };
}
