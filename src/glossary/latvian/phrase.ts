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
 * Does a word before the head agree with it? Decided by shape against the
 * head's gender: a feminine head takes -a/-e modifiers as agreeing and -s ones
 * as genitives (valsts), a masculine head the reverse (Jāņa nams).
 */
function agrees(word: string, own: WordClass, head: Gender | undefined, hint: FormHint): boolean {
  if (own.kind === 'indeclinable') return false;
  if (own.kind === 'definite-adjective') return true;
  if (hint.type === 'person') return true;
  const lower = word.toLowerCase();
  if (lower.endsWith('as') || lower.endsWith('es')) return false; // Eiropas, Zemes: feminine genitive singular
  const feminineShape = lower.endsWith('a') || lower.endsWith('e');
  if (head === undefined) return true;
  return feminineShape === (head === 'feminine');
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
