/**
 * Checks beyond the schema, for `lv2en glossary check`: entries that will
 * probably match the wrong words, hints that do not fit their lemma, and
 * words in a text that look like an unlisted form of a term.
 */
import type { Pattern } from '../latvian/endings.js';
import { DEFINITE_ADJECTIVE, NOUN_PATTERNS } from '../latvian/endings.js';
import { classifyWord } from '../latvian/classify.js';
import { paradigm } from '../latvian/forms.js';
import { matchEntries } from '../match/find.js';
import { problem } from '../load/problems.js';
import { fold, tokenize } from '../text/tokens.js';
import type { Gender, Glossary, GlossaryEntry, GlossaryProblem, TermMatch } from '../types.js';

/** Frequent Latvian words a term must not collide with unless its case rule is exact. */
const COMMON_WORDS = new Set([
  'es',
  'tu',
  'viņš',
  'viņa',
  'mēs',
  'jūs',
  'viņi',
  'un',
  'ar',
  'ir',
  'ka',
  'kā',
  'no',
  'uz',
  'par',
  'pa',
  'pie',
  'to',
  'tas',
  'tā',
  'tie',
  'tās',
  'bet',
  'vai',
  'jo',
  'arī',
  'lai',
  'ja',
  'kas',
  'ko',
  'kur',
  'pēc',
  'pret',
  'līdz',
  'bez',
  'starp',
  'ne',
  'nav',
  'būs',
  'bija',
  'gada',
  'gads',
  'ļoti',
  'vēl',
  'jau',
]);

function hintFits(entry: GlossaryEntry): GlossaryProblem | undefined {
  if (entry.declension === undefined || entry.explicitForms.length > 0) return undefined;
  const hint = {
    declension: entry.declension,
    fixed: entry.fixed,
    ...(entry.gender ? { gender: entry.gender } : {}),
    ...(entry.number ? { number: entry.number } : {}),
  };
  const head = paradigm(entry.lemma, hint).words.find((w) => w.role === 'head');
  if (!head?.description.startsWith('does not end')) return undefined;
  return problem(
    'warning',
    'hint-mismatch',
    `\`declension: ${entry.declension}\` does not fit \`${entry.lemma}\` (${head.description})`,
    'Fix the hint, or list the forms under `forms:`',
    entry.origin,
  );
}

function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** Warnings for a loaded glossary (the load-time warnings included). */
export function lintGlossary(glossary: Glossary): GlossaryProblem[] {
  const problems: GlossaryProblem[] = [...glossary.warnings];
  for (const entry of glossary.entries) {
    if (entry.case !== 'exact') {
      const common = entry.forms.filter((f) => COMMON_WORDS.has(fold(f)) && !(f.length > 1 && f === f.toUpperCase()));
      if (common.length > 0) {
        problems.push(
          problem(
            'warning',
            'common-word',
            `\`${entry.lemma}\` has the form${common.length > 1 ? 's' : ''} ${common.map((c) => `\`${c}\``).join(', ')}, which ${common.length > 1 ? 'are' : 'is a'} common Latvian word${common.length > 1 ? 's' : ''}`,
            'Set `case: exact`, or give explicit `forms:` without them',
            entry.origin,
          ),
        );
      }
    }
    const mismatch = hintFits(entry);
    if (mismatch) problems.push(mismatch);
    for (const form of entry.explicitForms) {
      if (sharedPrefix(fold(form), fold(entry.lemma)) < Math.min(3, entry.lemma.length)) {
        problems.push(
          problem(
            'warning',
            'unrelated-form',
            `Form \`${form}\` does not look like a form of \`${entry.lemma}\``,
            'Other spellings belong under `aliases:` (they inflect); `forms:` lists inflected forms of the lemma',
            entry.origin,
          ),
        );
      }
    }
    if (entry.target !== entry.target.trim() || /\s{2,}/u.test(entry.target)) {
      problems.push(
        problem(
          'warning',
          'target-spacing',
          `Target \`${entry.target}\` has stray spaces`,
          'Write the target with single spaces; it is matched literally in the English',
          entry.origin,
        ),
      );
    }
  }
  return problems;
}

/**
 * Singular endings of one gender: a wrong declension shows up in the singular,
 * and a feminine lemma is not flagged for a masculine look-alike (Tihanovska,
 * Tihanovskis) or a 6th declension plural.
 */
function singularEndings(patterns: readonly Pattern[]): Set<string> {
  return new Set(patterns.flatMap((p) => [...p.singular]).filter((e) => e.length > 0));
}
const ENDINGS: Readonly<Record<Gender, Set<string>>> = {
  masculine: singularEndings([NOUN_PATTERNS[1], NOUN_PATTERNS[2], NOUN_PATTERNS[3], DEFINITE_ADJECTIVE.masculine]),
  feminine: singularEndings([NOUN_PATTERNS[4], NOUN_PATTERNS[5], NOUN_PATTERNS[6], DEFINITE_ADJECTIVE.feminine]),
};

export interface TextCheck {
  matches: TermMatch[];
  /** Words that look like an inflected form of a term but are not among its forms. */
  problems: GlossaryProblem[];
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * Match a text and point at words that are a term's stem plus a Latvian ending
 * yet were not matched: usually a wrong declension hint or a missing form.
 */
export function checkText(text: string, glossary: Glossary, file?: string): TextCheck {
  const matches = matchEntries(text, glossary);
  const stems: { stem: string; entry: GlossaryEntry; endings: Set<string> }[] = [];
  for (const entry of glossary.entries) {
    const last = entry.lemma.split(/[\s-]+/u).pop() ?? '';
    const cls = classifyWord(last, { ...(entry.type ? { type: entry.type } : {}) });
    if (cls.kind !== 'indeclinable' && cls.stem.length >= 3) stems.push({ stem: fold(cls.stem), entry, endings: ENDINGS[cls.gender] });
  }
  const problems: GlossaryProblem[] = [];
  for (const token of tokenize(text)) {
    if (matches.some((m) => m.start <= token.start && token.end <= m.end)) continue;
    const word = fold(token.text);
    for (const { stem, entry, endings } of stems) {
      if (!word.startsWith(stem) || !endings.has(word.slice(stem.length))) continue;
      if (entry.forms.some((f) => fold(f) === word)) continue; // a form rejected by the case rule or a veto: intended
      const at = lineColumn(text, token.start);
      problems.push(
        problem(
          'warning',
          'possible-form',
          `\`${token.text}\` looks like a form of \`${entry.lemma}\` but is not one of its forms`,
          'If it is the term, add it under `forms:` or fix the declension hint',
          { ...(file ? { file } : {}), ...at },
        ),
      );
      break;
    }
  }
  return { matches: matches.map(({ entry: _entry, ...m }) => m), problems };
}
