/** Inflect one classified word into its case forms. */
import { alternate } from './alternation.js';
import type { WordClass } from './classify.js';
import type { GramCase, GramNumber, Pattern } from './endings.js';
import { CASES, DEFINITE_ADJECTIVE, MASCULINE_DATIVE, NOUN_PATTERNS, REFLEXIVE_NOUN } from './endings.js';
import { FIFTH_GENITIVE_PLURAL_HARD, secondConsonantStem, secondKeepsHardStem, sixthGenitivePlurals } from './exceptions.js';

export interface Cell {
  case: GramCase;
  number: GramNumber;
  form: string;
}

/** Which stems the softened cells take: the hard stem, the softened one, or (where usage varies) both. */
interface Softening {
  hard: boolean;
  soft: boolean;
}

function softening(word: string, declension: number, stem: string): Softening {
  const lower = word.toLowerCase();
  if (declension === 2) {
    // After a the t stays (tālskatis → tālskata, Atis → Ata), as the dictionary's affix rules have it.
    if (secondKeepsHardStem(lower) || lower.endsWith('atis')) return { hard: true, soft: false };
    // Personal names in -tis/-dis mostly keep the stem (Atis → Ata, Aldis → Alda, Sandis → Sanda), but the
    // Latvian Hunspell dictionary softens them (Alža, Sanža, Zinša) except after a or s (Atis, Gatis): both are written.
    const capitalised = word[0] !== undefined && word[0] !== word[0].toLowerCase();
    if (capitalised && /[td]is$/u.test(lower)) return { hard: true, soft: !lower.endsWith('stis') };
    return { hard: false, soft: true };
  }
  if (declension === 5) return FIFTH_GENITIVE_PLURAL_HARD.has(lower) ? { hard: true, soft: false } : { hard: false, soft: true };
  if (declension === 6) return sixthGenitivePlurals(word, stem);
  return { hard: false, soft: true };
}

interface CellOptions {
  hard: boolean;
  dative?: string;
  nominative?: string;
  genitive?: string;
}

function cellsFrom(stem: string, pattern: Pattern, numbers: readonly GramNumber[], options: CellOptions): Cell[] {
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

function reflexiveCells(stem: string, numbers: readonly GramNumber[]): Cell[] {
  const cells: Cell[] = [];
  for (const number of numbers) {
    for (const gramCase of CASES) {
      const ending = REFLEXIVE_NOUN[number][gramCase];
      if (ending !== undefined) cells.push({ case: gramCase, number, form: stem + ending });
    }
  }
  return cells;
}

export function inflectWord(word: string, cls: WordClass): Cell[] {
  if (cls.kind === 'indeclinable') return CASES.map((gramCase) => ({ case: gramCase, number: 'singular', form: word }));
  if (cls.kind === 'definite-adjective') return cellsFrom(cls.stem, DEFINITE_ADJECTIVE[cls.gender], cls.numbers, { hard: true });
  if (cls.kind === 'reflexive-noun') return reflexiveCells(cls.stem, cls.numbers);

  const { declension, stem, numbers, gender } = cls;
  const pattern = NOUN_PATTERNS[declension];
  const lower = word.toLowerCase();
  // The lemma itself is the nominative: it keeps -š (Kalniņš) and the -s of consonant stems (akmens).
  // A plural-only lemma has no singular cells, so the override never touches it.
  const options: Omit<CellOptions, 'hard'> = { nominative: word };
  const consonantStem = declension === 2 ? secondConsonantStem(lower) : undefined;
  if (consonantStem) options.genitive = consonantStem.genitiveA ? `${alternate(stem)}a` : word;
  if ((declension === 4 || declension === 5) && gender === 'masculine') options.dative = MASCULINE_DATIVE[declension];
  const { hard, soft } = softening(word, declension, stem);
  const cells = cellsFrom(stem, pattern, numbers, { ...options, hard });
  if (!hard || !soft) return cells;
  // Both in use: the softened spelling of each softened cell follows the hard one.
  const softened = cellsFrom(stem, pattern, numbers, { ...options, hard: false });
  return [...cells, ...softened.filter((c, i) => c.form !== cells[i]?.form)];
}
