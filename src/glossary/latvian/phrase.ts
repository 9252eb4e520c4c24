/**
 * Multiword lemmas. The last word is the head and inflects; words before it
 * either agree with it (first names, adjectives: Svetlanas Tihanovskas,
 * Apvienotās Karalistes) or are genitive modifiers that never change
 * (Iekšlietu ministrijai, ANO Cilvēktiesību padomes).
 */
import type { FormHint, Gender } from '../types.js';
import type { WordClass } from './classify.js';
import { classifyWord } from './classify.js';
import type { Cell } from './paradigm.js';
import { inflectWord } from './paradigm.js';

export type WordRole = 'head' | 'agrees' | 'fixed';

export interface PhraseWord {
  word: string;
  role: WordRole;
  cls: WordClass;
}

export interface Phrase {
  words: PhraseWord[];
  /** Separators between words, as written in the lemma (a space or a hyphen). */
  separators: string[];
  cells: Cell[];
}

function genderOf(cls: WordClass): Gender | undefined {
  return cls.kind === 'indeclinable' ? undefined : cls.gender;
}

/**
 * Does a word before the head agree with it? Adjectives do; in a person's name
 * every declinable word does. A 6th declension noun's genitive equals its
 * nominative (Valsts policija), so it is a modifier; so are -as/-es genitives
 * (Eiropas). In organisation, place and term names a noun before the head is a
 * genitive (Putina režīms). Otherwise (no type given) a noun agrees when its
 * gender matches the head's: Angela Merkele, but Jāņa nams.
 */
function agrees(word: string, own: WordClass, head: Gender | undefined, hint: FormHint): boolean {
  if (own.kind === 'indeclinable') return false;
  if (own.kind === 'definite-adjective') return true;
  if (hint.type === 'person') return true;
  if (own.declension === 6) return false;
  const lower = word.toLowerCase();
  if (lower.endsWith('as') || lower.endsWith('es')) return false;
  if (hint.type === 'organisation' || hint.type === 'place' || hint.type === 'term' || hint.type === 'acronym') return false;
  return head === undefined || own.gender === head;
}

export function inflectPhrase(lemma: string, hint: FormHint = {}): Phrase {
  const parts = lemma.trim().split(/(\s+|-)/u);
  const words = parts.filter((_, i) => i % 2 === 0);
  const separators = parts.filter((_, i) => i % 2 === 1);
  const inPhrase = words.length > 1;
  const fixed = new Set(hint.fixed ?? []);

  const headWord = words[words.length - 1] ?? '';
  let headCls = classifyWord(headWord, { ...hint, inPhrase });
  // A plural adjective in front tells that a head in -i is a masculine plural (Apvienotie Arābu Emirāti).
  const pluralAdjective = words.slice(0, -1).some((w) => /ie$/u.test(w.toLowerCase()) && w.length > 3);
  if (
    headCls.kind === 'indeclinable' &&
    hint.declension === undefined &&
    pluralAdjective &&
    /[^aeiouāēīū]i$/u.test(headWord.toLowerCase())
  ) {
    headCls = classifyWord(headWord, { ...hint, inPhrase, declension: 1, number: 'plural' });
  }
  const headGender = genderOf(headCls) ?? hint.gender;

  const phraseWords: PhraseWord[] = words.map((word, i) => {
    if (i === words.length - 1) return { word, role: fixed.has(word) ? 'fixed' : 'head', cls: headCls };
    const own = classifyWord(word, { inPhrase });
    if (fixed.has(word) || !agrees(word, own, headGender, hint)) return { word, role: 'fixed', cls: own };
    // Agreeing words take the head's gender: Nikita Mihalkovs → Nikitam (masculine 4th declension dative).
    const cls = own.kind === 'noun' ? classifyWord(word, { inPhrase, gender: headGender ?? own.gender, number: hint.number }) : own;
    return { word, role: 'agrees', cls };
  });

  const paradigms = phraseWords.map((w) => (w.role === 'fixed' ? [] : inflectWord(w.word, w.cls)));
  const headCells = paradigms[paradigms.length - 1] ?? [];
  const cells: Cell[] = [];
  const headIndex = phraseWords.length - 1;
  const headIsFixed = phraseWords[headIndex]?.role === 'fixed';
  const frame: Cell[] = headIsFixed ? [{ case: 'nominative', number: 'singular', form: headWord }] : headCells;
  for (const cell of frame) {
    const forms: string[] = [];
    let complete = true;
    phraseWords.forEach((w, i) => {
      if (w.role === 'fixed') return forms.push(w.word);
      const own = paradigms[i]?.find((c) => c.case === cell.case && c.number === cell.number);
      if (!own) complete = false;
      else forms.push(own.form);
    });
    if (!complete) continue;
    cells.push({ case: cell.case, number: cell.number, form: forms.map((f, i) => f + (separators[i] ?? '')).join('') });
  }
  return { words: phraseWords, separators, cells };
}
