import { formatDiagnostic, formatLocation } from '../../core/diagnostic.js';
import { Lv2enError } from '../../core/errors.js';
import type { GlossaryProblem, SourceLocation } from '../types.js';

export function problem(
  severity: GlossaryProblem['severity'],
  code: string,
  message: string,
  hint: string,
  at?: Partial<SourceLocation>,
  related?: SourceLocation,
): GlossaryProblem {
  const p: GlossaryProblem = { severity, code, message, hint };
  if (at?.file !== undefined) p.file = at.file;
  if (at?.line !== undefined) p.line = at.line;
  if (at?.column !== undefined) p.column = at.column;
  if (related) p.related = related;
  return p;
}

export { formatLocation };

/** `file:line:column: severity: message. hint` — one line per problem, as editors link them. */
export const formatProblem = (p: GlossaryProblem): string => formatDiagnostic(p);

/** The first error becomes the thrown Lv2enError; the rest are counted so the user knows to run `lv2en glossary check`. */
export function errorFromProblems(problems: readonly GlossaryProblem[]): Lv2enError | undefined {
  const errors = problems.filter((p) => p.severity === 'error');
  const first = errors[0];
  if (!first) return undefined;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more; run \`lv2en glossary check\` to list them all)` : '';
  const location: { file?: string; line?: number; column?: number } = {};
  if (first.file !== undefined) location.file = first.file;
  if (first.line !== undefined) location.line = first.line;
  if (first.column !== undefined) location.column = first.column;
  return new Lv2enError('GLOSSARY_INVALID', first.message + more, first.hint, location);
}
