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
function agrees(word: string, own: WordClass, head: WordClass, hint: FormHint): boolean {
  // A reflexive noun before the head is a genitive (iepazīšanās vizīte).
  if (own.kind === 'indeclinable' || own.kind === 'reflexive-noun') return false;
  if (own.kind === 'definite-adjective') return true;
  // A plural-only word cannot agree with a head that has a singular (Ho Ši Mins: Ši stays).
  const headSingular = head.kind === 'indeclinable' || head.numbers.includes('singular');
  if (!own.numbers.includes('singular') && headSingular) return false;
  if (hint.type === 'person') return true;
  if (own.declension === 6) return false;
  const lower = word.toLowerCase();
  if (lower.endsWith('as') || lower.endsWith('es')) return false;
  if (hint.type === 'organisation' || hint.type === 'brand' || hint.type === 'place' || hint.type === 'term' || hint.type === 'acronym')
    return false;
  const gender = genderOf(head) ?? hint.gender;
  return gender === undefined || own.gender === gender;
}

export function inflectPhrase(lemma: string, hint: FormHint = {}): Phrase {
  const parts = lemma.trim().split(/(\s+|-)/u);
  const words = parts.filter((_, i) => i % 2 === 0);
  const separators = parts.filter((_, i) => i % 2 === 1);
  const inPhrase = words.length > 1;
  const fixed = new Set(hint.fixed ?? []);

  const headWord = words[words.length - 1] ?? '';
  const headCls = classifyWord(headWord, { ...hint, inPhrase });
  const headGender = genderOf(headCls) ?? hint.gender;

  const phraseWords: PhraseWord[] = words.map((word, i) => {
    if (i === words.length - 1) return { word, role: fixed.has(word) ? 'fixed' : 'head', cls: headCls };
    const own = classifyWord(word, { inPhrase });
    if (fixed.has(word) || !agrees(word, own, headCls, hint)) return { word, role: 'fixed', cls: own };
    // Agreeing words take the head's gender: Nikita Mihalkovs → Nikitam (masculine 4th declension dative).
    const cls = own.kind === 'noun' ? classifyWord(word, { inPhrase, gender: headGender ?? own.gender, number: hint.number }) : own;
    return { word, role: 'agrees', cls };
  });

  const paradigms = phraseWords.map((w) => (w.role === 'fixed' ? [] : inflectWord(w.word, w.cls)));
  const headIndex = phraseWords.length - 1;
  const headIsFixed = phraseWords[headIndex]?.role === 'fixed';
  const frame: Cell[] = headIsFixed ? [{ case: 'nominative', number: 'singular', form: headWord }] : (paradigms[headIndex] ?? []);
  // One phrase form per combination of the words' spellings of a cell (a word may have two: Alda, Alža).
  const cells: Cell[] = [];
  const seen = new Set<string>();
  for (const cell of frame) {
    const key = `${cell.case} ${cell.number}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let combinations: string[][] = [[]];
    for (const [i, w] of phraseWords.entries()) {
      const spellings =
        w.role === 'fixed'
          ? [w.word]
          : (paradigms[i] ?? []).filter((c) => c.case === cell.case && c.number === cell.number).map((c) => c.form);
      combinations = combinations.flatMap((prefix) => spellings.map((spelling) => [...prefix, spelling]));
    }
    for (const forms of combinations) {
      cells.push({ case: cell.case, number: cell.number, form: forms.map((f, i) => f + (separators[i] ?? '')).join('') });
    }
  }
  return { words: phraseWords, separators, cells };
}
