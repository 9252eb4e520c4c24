/** Inflect one classified word into its case forms. */
import { alternate } from './alternation.js';
import type { WordClass } from './classify.js';
import type { GramCase, GramNumber, Pattern } from './endings.js';
import { CASES, DEFINITE_ADJECTIVE, MASCULINE_DATIVE, NOUN_PATTERNS } from './endings.js';
import {
  FIFTH_GENITIVE_PLURAL_HARD,
  SECOND_CONSONANT_GENITIVE_A,
  SECOND_CONSONANT_STEMS,
  SECOND_WITHOUT_ALTERNATION,
  sixthGenitivePluralIsHard,
} from './exceptions.js';

export interface Cell {
  case: GramCase;
  number: GramNumber;
  form: string;
}

/** Does this word keep a hard stem where its declension would soften it? */
function staysHard(word: string, declension: number): boolean {
  const lower = word.toLowerCase();
  if (declension === 2) {
    if (SECOND_WITHOUT_ALTERNATION.has(lower)) return true;
    // Personal names in -tis/-dis keep the stem: Atis → Ata, Gatis → Gata.
    const capitalised = word[0] !== undefined && word[0] !== word[0].toLowerCase();
    return capitalised && /[td]is$/u.test(lower);
  }
  if (declension === 5) return FIFTH_GENITIVE_PLURAL_HARD.has(lower);
  if (declension === 6) return sixthGenitivePluralIsHard(lower);
  return false;
}

function cellsFrom(
  _word: string,
  stem: string,
  pattern: Pattern,
  numbers: readonly GramNumber[],
  options: { hard: boolean; dative?: string; nominative?: string; genitive?: string },
): Cell[] {
  const soft = options.hard ? stem : alternate(stem);
  const cells: Cell[] = [];
  for (const number of numbers) {
    const row = number === 'singular' ? pattern.singular : pattern.plural;
    const softCases = number === 'singular' ? pattern.softSingular : pattern.softPlural;
    CASES.forEach((gramCase, i) => {
      let form = (softCases.includes(gramCase) ? soft : stem) + row[i];
      if (number === 'singular' && gramCase === 'nominative' && options.nominative) form = options.nominative;
      if (number === 'singular' && gramCase === 'genitive' && options.genitive) form = options.genitive;
      if (number === 'singular' && gramCase === 'dative' && options.dative) form = stem + options.dative;
      cells.push({ case: gramCase, number, form });
    });
  }
  return cells;
}

export function inflectWord(word: string, cls: WordClass): Cell[] {
  if (cls.kind === 'indeclinable') return CASES.map((gramCase) => ({ case: gramCase, number: 'singular', form: word }));
  if (cls.kind === 'definite-adjective') return cellsFrom(word, cls.stem, DEFINITE_ADJECTIVE[cls.gender], cls.numbers, { hard: true });

  const { declension, stem, numbers, gender } = cls;
  const pattern = NOUN_PATTERNS[declension];
  const lower = word.toLowerCase();
  // The lemma itself is the nominative: it keeps -š (Kalniņš) and the -s of consonant stems (akmens).
  // A plural-only lemma has no singular cells, so the override never touches it.
  const options: { hard: boolean; dative?: string; nominative?: string; genitive?: string } = {
    hard: staysHard(word, declension),
    nominative: word,
  };
  if (declension === 2 && SECOND_CONSONANT_STEMS.has(lower)) {
    options.genitive = SECOND_CONSONANT_GENITIVE_A.has(lower) ? `${alternate(stem)}a` : word;
  }
  if ((declension === 4 || declension === 5) && gender === 'masculine') options.dative = MASCULINE_DATIVE[declension];
  return cellsFrom(word, stem, pattern, numbers, options);
}
