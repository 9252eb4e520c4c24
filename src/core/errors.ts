/**
 * Every error a user can cause carries what to do next. The CLI prints
 * `message` and `hint` on one line and exits non-zero; it never prints a stack
 * for an Lv2enError.
 */
export type ErrorCode =
  | 'INPUT_NOT_FOUND'
  | 'INPUT_NOT_TEXT'
  | 'INPUT_BAD_ENCODING'
  | 'MODEL_UNKNOWN'
  | 'MODEL_UNAVAILABLE'
  | 'MODEL_CONFIG'
  | 'GLOSSARY_INVALID'
  | 'PIPELINE_CONFIG'
  | 'QUEUE_UNAVAILABLE'
  | 'QUEUE_NO_WORKER'
  | 'WORKER_FAILED'
  | 'USAGE';

export interface ErrorLocation {
  file?: string;
  line?: number;
  column?: number;
}

export class Lv2enError extends Error {
  readonly code: ErrorCode;
  readonly hint: string;
  readonly location: ErrorLocation;

  constructor(code: ErrorCode, message: string, hint: string, location: ErrorLocation = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'Lv2enError';
    this.code = code;
    this.hint = hint;
    this.location = location;
  }

  /** `file:line:column: message. hint`, the form editors and terminals link. */
  toOneLine(): string {
    const { file, line, column } = this.location;
    const where = file ? `${[file, line, line !== undefined ? column : undefined].filter((p) => p !== undefined).join(':')}: ` : '';
    return `${where}${this.message}. ${this.hint}`;
  }
}

export function isLv2enError(error: unknown): error is Lv2enError {
  return error instanceof Lv2enError;
}
