import { type Diagnostic, formatDiagnostic } from './diagnostic.js';

/**
 * Every error a user can cause carries what to do next. The CLI prints
 * `message` and `hint` on one line and exits with the code's exit status; it
 * never prints a stack for an Lv2enError. Anything else is a bug in lv2en
 * (exit 70).
 */
export const ERROR_EXIT_CODES = {
  USAGE: 2,
  INPUT_NOT_FOUND: 3,
  INPUT_NOT_TEXT: 3,
  INPUT_BAD_ENCODING: 3,
  PIPELINE_CONFIG: 4,
  MODEL_CONFIG: 4,
  GLOSSARY_INVALID: 4,
  MODEL_UNKNOWN: 5,
  MODEL_UNAVAILABLE: 5,
  MODEL_EXPORT_UNSUPPORTED: 5,
  REVIEW_FILE_INVALID: 6,
  MEMORY_TOO_NEW: 7,
  MEMORY_UNAVAILABLE: 7,
  PERMISSION_DENIED: 8,
  READ_ONLY_FILESYSTEM: 9,
  NOT_A_FOLDER: 10,
  IS_A_FOLDER: 11,
  DISK_FULL: 12,
  TOO_MANY_OPEN_FILES: 13,
  MEMORY_READ_ONLY: 14,
  MEMORY_LOCKED: 15,
  OUTPUT_LOCKED: 16,
  QUEUE_UNAVAILABLE: 17,
  QUEUE_NO_WORKER: 18,
  WORKER_FAILED: 19,
  /** A document lv2en reads (DOCX, ODT, HTML, Markdown, subtitles, XLIFF) that it must refuse; each reason its own status. */
  DOCUMENT_DAMAGED: 20,
  DOCUMENT_ENCRYPTED: 21,
  DOCUMENT_HAS_MACROS: 22,
  DOCUMENT_TOO_LARGE: 23,
  XML_UNSAFE: 24,
  HTML_INVALID: 25,
  XLIFF_VERSION_UNKNOWN: 26,
  SUBTITLE_TIMING_INVALID: 27,
  /** 128 + the signal number, as shells report a process stopped by SIGINT / SIGTERM. */
  INTERRUPTED: 130,
  TERMINATED: 143,
} as const;

export type ErrorCode = keyof typeof ERROR_EXIT_CODES;

/** Exit status of anything that is not an Lv2enError: a bug, to be reported. */
export const INTERNAL_ERROR_EXIT = 70;

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

  get exitCode(): number {
    return ERROR_EXIT_CODES[this.code];
  }

  toDiagnostic(): Diagnostic {
    return { severity: 'error', code: this.code, message: this.message, hint: this.hint, ...this.location };
  }

  /** `file:line:column: message. hint`, the form editors and terminals link. */
  toOneLine(): string {
    return formatDiagnostic(this.toDiagnostic(), { withSeverity: false });
  }
}

export function isLv2enError(error: unknown): error is Lv2enError {
  return error instanceof Lv2enError;
}
