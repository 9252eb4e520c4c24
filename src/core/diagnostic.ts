/**
 * One shape for everything lv2en tells a user about their files: a thrown
 * error, a glossary lint, a damaged import. `file:line:column: message. hint`,
 * the form editors and terminals turn into links.
 */
export type DiagnosticSeverity = 'error' | 'warning';

export interface SourceLocation {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based, in code points (see core/position.ts). */
  column: number;
}

export interface Diagnostic {
  severity: DiagnosticSeverity;
  /** Stable machine-readable code, e.g. `duplicate-lemma` or `INPUT_BAD_ENCODING`. */
  code: string;
  message: string;
  /** What the user should do about it. */
  hint: string;
  file?: string;
  line?: number;
  column?: number;
  /** Another place the problem involves (the first definition of a duplicate). */
  related?: SourceLocation;
}

export function formatLocation(at: { file?: string; line?: number; column?: number }): string {
  return [at.file, at.line, at.line !== undefined ? at.column : undefined].filter((p) => p !== undefined).join(':');
}

/** `file:line:column: severity: message. hint`; `withSeverity: false` leaves out the severity (thrown errors). */
export function formatDiagnostic(d: Diagnostic, options: { withSeverity?: boolean } = {}): string {
  const where = formatLocation(d);
  const severity = options.withSeverity === false ? '' : `${d.severity}: `;
  return `${where ? `${where}: ` : ''}${severity}${d.message}. ${d.hint}`;
}
