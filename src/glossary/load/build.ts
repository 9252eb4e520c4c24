/**
 * Turn raw entries from one or more files into a Glossary: generate the forms,
 * merge duplicates and report conflicts with both locations.
 */
import { generateForms } from '../latvian/forms.js';
import type { CaseRule, FormHint, Glossary, GlossaryEntry, GlossaryProblem, SourceLocation } from '../types.js';
import { formatLocation, problem } from './problems.js';
import type { RawEntry } from './schema.js';

function isAcronym(lemma: string): boolean {
  const letters = lemma.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

function hintOf(raw: RawEntry): FormHint {
  const hint: FormHint = { fixed: raw.fixed };
  if (raw.type !== undefined) hint.type = raw.type;
  if (raw.declension !== undefined) hint.declension = raw.declension;
  if (raw.gender !== undefined) hint.gender = raw.gender;
  if (raw.number !== undefined) hint.number = raw.number;
  return hint;
}

function defaultCase(raw: RawEntry): CaseRule {
  return raw.type === 'acronym' || isAcronym(raw.lemma) ? 'exact' : 'auto';
}

export function toEntry(raw: RawEntry): GlossaryEntry {
  const hint = hintOf(raw);
  // Explicit forms replace what the lemma would generate; aliases are other spellings and inflect like a lemma.
  const lemmaForms = raw.forms.length > 0 ? [raw.lemma, ...raw.forms] : generateForms(raw.lemma, hint);
  const aliasForms = raw.aliases.flatMap((alias) =>
    generateForms(alias, { ...hint, fixed: raw.fixed.filter((w) => alias.split(/[\s-]+/u).includes(w)) }),
  );
  const entry: GlossaryEntry = {
    lemma: raw.lemma,
    target: raw.target,
    case: raw.case ?? defaultCase(raw),
    fixed: raw.fixed,
    explicitForms: raw.forms,
    aliases: raw.aliases,
    forms: [...new Set([...lemmaForms, ...aliasForms])],
    notFollowedBy: raw.notFollowedBy,
    replace: raw.replace,
    accept: raw.accept,
    origin: raw.origin,
  };
  if (raw.type !== undefined) entry.type = raw.type;
  if (raw.declension !== undefined) entry.declension = raw.declension;
  if (raw.gender !== undefined) entry.gender = raw.gender;
  if (raw.number !== undefined) entry.number = raw.number;
  if (raw.note !== undefined) entry.note = raw.note;
  return entry;
}

interface Owner {
  raw: RawEntry;
  entry: GlossaryEntry;
  at: SourceLocation;
}

/**
 * Merge entries in order. The same lemma with the same target is a duplicate
 * (first kept, warned); with another target it is a conflict (error). A written
 * form or alias claimed by two targets is a conflict; a generated form shared
 * by two targets is a warning, and the matcher prefers the entry that wrote it.
 */
export function buildGlossary(raws: readonly RawEntry[], files: readonly string[]): { glossary: Glossary; problems: GlossaryProblem[] } {
  const problems: GlossaryProblem[] = [];
  const entries: GlossaryEntry[] = [];
  const byLemma = new Map<string, Owner>();
  const written = new Map<string, Owner>();
  const generated = new Map<string, Owner>();

  for (const raw of raws) {
    const previous = byLemma.get(raw.lemma);
    if (previous) {
      const where = formatLocation(previous.at);
      if (previous.entry.target === raw.target) {
        problems.push(
          problem(
            'warning',
            'duplicate',
            `\`${raw.lemma}\` is already defined at ${where}`,
            'Remove one of the two entries; the first one is used',
            raw.origin,
            previous.at,
          ),
        );
      } else {
        problems.push(
          problem(
            'error',
            'conflict',
            `\`${raw.lemma}\` → \`${raw.target}\` conflicts with \`${raw.lemma}\` → \`${previous.entry.target}\` at ${where}`,
            'Keep one target for this lemma: delete or change one of the entries',
            raw.origin,
            previous.at,
          ),
        );
      }
      continue;
    }
    const entry = toEntry(raw);
    const owner: Owner = { raw, entry, at: raw.positions.get(raw.lemma) ?? raw.origin };
    let conflicted = false;
    for (const surface of [raw.lemma, ...raw.forms, ...raw.aliases]) {
      const other = written.get(surface);
      if (!other || other.entry.target === entry.target) continue;
      const at = raw.positions.get(surface) ?? raw.origin;
      const otherAt = other.raw.positions.get(surface) ?? other.at;
      problems.push(
        problem(
          'error',
          'conflict',
          `\`${surface}\` → \`${entry.target}\` conflicts with \`${surface}\` → \`${other.entry.target}\` (entry \`${other.entry.lemma}\`) at ${formatLocation(otherAt)}`,
          'A form or alias can belong to one target only: remove it from one entry',
          at,
          otherAt,
        ),
      );
      conflicted = true;
    }
    if (conflicted) continue;
    // One warning per pair of entries, listing every shared form.
    const shared = new Map<Owner, string[]>();
    for (const form of entry.forms) {
      const other = generated.get(form);
      if (!other || other.entry.target === entry.target) continue;
      shared.set(other, [...(shared.get(other) ?? []), form]);
    }
    for (const [other, forms] of shared) {
      const list = forms.map((f) => `\`${f}\``).join(', ');
      problems.push(
        problem(
          'warning',
          'form-collision',
          `\`${entry.lemma}\` (→ ${entry.target}) shares the form${forms.length > 1 ? 's' : ''} ${list} with \`${other.entry.lemma}\` (→ ${other.entry.target}) at ${formatLocation(other.at)}`,
          'The entry that writes a form as its lemma, form or alias wins, otherwise the earlier one; add `forms:` to one entry to settle it',
          owner.at,
          other.at,
        ),
      );
    }
    byLemma.set(raw.lemma, owner);
    for (const surface of [raw.lemma, ...raw.forms, ...raw.aliases]) if (!written.has(surface)) written.set(surface, owner);
    for (const form of entry.forms) if (!generated.has(form)) generated.set(form, owner);
    entries.push(entry);
  }
  return { glossary: { entries, files: [...files], warnings: problems.filter((p) => p.severity === 'warning') }, problems };
}
