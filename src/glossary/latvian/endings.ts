/**
 * Case endings as data. Each row lists nominative, genitive, dative,
 * accusative, instrumental, locative; the vocative is left out because in news
 * text it either equals the nominative or is a bare stem that would match too
 * much (Putin!). Person names get that bare stem separately (vocative.ts), and
 * it only matches as a form of address, set off by punctuation.
 */

export const CASES = ['nominative', 'genitive', 'dative', 'accusative', 'instrumental', 'locative'] as const;
export type GramCase = (typeof CASES)[number];
export type GramNumber = 'singular' | 'plural';

export type EndingRow = readonly [string, string, string, string, string, string];

export interface Pattern {
  /** Removed from the nominative (singular, or plural for plural-only lemmas) to get the stem. */
  singularNominative: string;
  pluralNominative: string;
  singular: EndingRow;
  plural: EndingRow;
  /** Cells built on the softened stem (see alternation.ts). */
  softSingular: readonly GramCase[];
  softPlural: readonly GramCase[];
}

const MASCULINE_PLURAL: EndingRow = ['i', 'u', 'iem', 'us', 'iem', 'os'];
const ALL_CASES: readonly GramCase[] = CASES;

/** Nouns by declension. The 1st declension's nominative may be -s or -š; see paradigm.ts. */
export const NOUN_PATTERNS: Readonly<Record<1 | 2 | 3 | 4 | 5 | 6, Pattern>> = {
  1: {
    singularNominative: 's',
    pluralNominative: 'i',
    singular: ['s', 'a', 'am', 'u', 'u', 'ā'],
    plural: MASCULINE_PLURAL,
    softSingular: [],
    softPlural: [],
  },
  2: {
    singularNominative: 'is',
    pluralNominative: 'i',
    singular: ['is', 'a', 'im', 'i', 'i', 'ī'],
    plural: MASCULINE_PLURAL,
    softSingular: ['genitive'],
    softPlural: ALL_CASES,
  },
  3: {
    singularNominative: 'us',
    pluralNominative: 'i',
    singular: ['us', 'us', 'um', 'u', 'u', 'ū'],
    plural: MASCULINE_PLURAL,
    softSingular: [],
    softPlural: [],
  },
  4: {
    singularNominative: 'a',
    pluralNominative: 'as',
    singular: ['a', 'as', 'ai', 'u', 'u', 'ā'],
    plural: ['as', 'u', 'ām', 'as', 'ām', 'ās'],
    softSingular: [],
    softPlural: [],
  },
  5: {
    singularNominative: 'e',
    pluralNominative: 'es',
    singular: ['e', 'es', 'ei', 'i', 'i', 'ē'],
    plural: ['es', 'u', 'ēm', 'es', 'ēm', 'ēs'],
    softSingular: [],
    softPlural: ['genitive'],
  },
  6: {
    singularNominative: 's',
    pluralNominative: 'is',
    singular: ['s', 's', 'ij', 'i', 'i', 'ī'],
    plural: ['is', 'u', 'īm', 'is', 'īm', 'īs'],
    softSingular: [],
    softPlural: ['genitive'],
  },
};

/** The few masculine nouns of the 4th and 5th declensions (puika, bende) take -am/-em in the dative. */
export const MASCULINE_DATIVE: Readonly<Record<4 | 5, string>> = { 4: 'am', 5: 'em' };

/** Definite adjectives (Baltais nams, Apvienotā Karaliste). Indefinite ones decline like the 1st and 4th declension nouns. */
export const DEFINITE_ADJECTIVE: Readonly<Record<'masculine' | 'feminine', Pattern>> = {
  masculine: {
    singularNominative: 'ais',
    pluralNominative: 'ie',
    singular: ['ais', 'ā', 'ajam', 'o', 'o', 'ajā'],
    plural: ['ie', 'o', 'ajiem', 'os', 'ajiem', 'ajos'],
    softSingular: [],
    softPlural: [],
  },
  feminine: {
    singularNominative: 'ā',
    pluralNominative: 'ās',
    singular: ['ā', 'ās', 'ajai', 'o', 'o', 'ajā'],
    plural: ['ās', 'o', 'ajām', 'ās', 'ajām', 'ajās'],
    softSingular: [],
    softPlural: [],
  },
};

/**
 * Reflexive deverbal nouns in -šanās (mazgāšanās, tikšanās, iepazīšanās) have only four case
 * forms, built on -šan-: nominative and genitive -šanās, accusative and instrumental (ar + acc.)
 * -šanos; no dative or locative (Latviešu valodas gramatika, LU Latviešu valodas institūts, 2013,
 * on atgriezeniskie lietvārdi; the Latvian Hunspell dictionary's affix flag j gives the same two
 * spellings). In the plural the nominative and accusative are -šanās and the genitive -šanos; a
 * plural instrumental would be the missing dative, so there is none.
 */
export const REFLEXIVE_NOUN: Readonly<Record<GramNumber, Partial<Record<GramCase, string>>>> = {
  singular: { nominative: 'ās', genitive: 'ās', accusative: 'os', instrumental: 'os' },
  plural: { nominative: 'ās', genitive: 'os', accusative: 'ās' },
};
