/** The public face of the declension engine: what `lv2en glossary forms <lemma>` prints. */
import type { FormHint } from '../types.js';
import type { WordClass } from './classify.js';
import type { Cell } from './paradigm.js';
import type { WordRole } from './phrase.js';
import { inflectPhrase } from './phrase.js';

export interface ParadigmWord {
  word: string;
  role: WordRole;
  /** How the word was read, e.g. "-is: 2nd declension" or "ends in -o: indeclinable". */
  description: string;
}

export interface Paradigm {
  lemma: string;
  words: ParadigmWord[];
  cells: Cell[];
}

function describe(cls: WordClass): string {
  if (cls.kind === 'indeclinable') return cls.reason;
  const numbers = cls.numbers.join(' and ');
  if (cls.kind === 'definite-adjective' || cls.kind === 'reflexive-noun') return `${cls.reason}, ${cls.gender}, ${numbers}`;
  return `${cls.reason}, ${cls.gender}, ${numbers}`;
}

export function paradigm(lemma: string, hint: FormHint = {}): Paradigm {
  const nfc = lemma.normalize('NFC').trim();
  const phrase = inflectPhrase(nfc, { ...hint, fixed: hint.fixed?.map((f) => f.normalize('NFC')) });
  return {
    lemma: nfc,
    words: phrase.words.map((w) => ({ word: w.word, role: w.role, description: describe(w.cls) })),
    cells: phrase.cells,
  };
}

/** Every distinct surface form of a lemma, the lemma first. */
export function generateForms(lemma: string, hint: FormHint = {}): string[] {
  const { lemma: nfc, cells } = paradigm(lemma, hint);
  return [...new Set([nfc, ...cells.map((c) => c.form)])];
}
