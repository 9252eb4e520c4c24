import type { Diagnostic, DiagnosticSeverity, SourceLocation } from '../core/diagnostic.js';
/**
 * Shapes shared by the glossary stage. A `Glossary` is plain data (it can be
 * logged, hashed or sent to a worker); the matcher compiled from it is cached
 * separately, keyed by the object.
 */

export type TermType = 'person' | 'place' | 'organisation' | 'brand' | 'term' | 'acronym' | 'other';
export type Gender = 'masculine' | 'feminine';
/** 1–6 are the noun declensions; the rest describe words that do not follow them. */
export type DeclensionHint = 1 | 2 | 3 | 4 | 5 | 6 | 'indeclinable' | 'adjective';
export type NumberHint = 'singular' | 'plural' | 'both';
/**
 * `auto`: a capitalised form needs a capital in the text, a lowercase one may
 * gain one (sentence start); all-caps text always matches. Organisations may
 * also lose the capital ("Baltkrievijas iekšlietu ministrija").
 * `exact`: letter for letter (acronyms: ES is not Es "I").
 * `insensitive`: any letter case.
 */
export type CaseRule = 'auto' | 'exact' | 'insensitive';

/** How to inflect a lemma. Everything is optional; gaps are inferred from the lemma's shape. */
export interface FormHint {
  type?: TermType;
  declension?: DeclensionHint;
  gender?: Gender;
  number?: NumberHint;
  /** Words of a multiword lemma that never change (genitive modifiers). */
  fixed?: readonly string[];
}

export type { SourceLocation };

export interface GlossaryEntry {
  lemma: string;
  target: string;
  type?: TermType;
  declension?: DeclensionHint;
  gender?: Gender;
  number?: NumberHint;
  case: CaseRule;
  fixed: string[];
  /** Explicit forms from the file; when present they replace the generated forms of the lemma. */
  explicitForms: string[];
  aliases: string[];
  /** Every Latvian surface form the matcher accepts (lemma, forms or generated forms, aliases and theirs). */
  forms: string[];
  /** Next-word patterns that veto a match (`esmu`, `*šu`): "ES esmu" is "I am". */
  notFollowedBy: string[];
  /** English renderings to replace with the target when repairing (Belorussia). */
  replace: string[];
  /** English words that already carry the target (Philippine for Philippines). */
  accept: string[];
  note?: string;
  origin: SourceLocation;
}

export type ProblemSeverity = DiagnosticSeverity;

/** A glossary lint: codes such as `unknown-key`, `conflict`, `form-collision`; `related` is the other side of a conflict. */
export type GlossaryProblem = Diagnostic;

export interface Glossary {
  entries: GlossaryEntry[];
  /** Files the entries came from, in load order. */
  files: string[];
  /** Non-fatal findings from loading (generated-form collisions, duplicates). */
  warnings: GlossaryProblem[];
}

/** One term occurrence in Latvian text: `surface === text.slice(start, end)`. */
export interface TermMatch {
  start: number;
  end: number;
  surface: string;
  lemma: string;
  target: string;
}
