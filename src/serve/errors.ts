import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { type ErrorCode, Lv2enError } from '../index.js';

/**
 * Every error leaves the server as LibreTranslate shapes it, `{"error":
 * "…"}` with the status, plus lv2en's `code` and `hint` (what to do next).
 * A client that only reads `error` gets a complete sentence.
 */
export interface ErrorBody {
  error: string;
  code?: string;
  hint?: string;
}

/** An error a route raises on purpose, with its status. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly hint?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** HTTP status of an Lv2enError: the caller's mistake (4xx) or a state of the server (5xx). */
const STATUS: Partial<Record<ErrorCode, number>> = {
  USAGE: 400,
  INPUT_NOT_TEXT: 400,
  INPUT_BAD_ENCODING: 400,
  REVIEW_FILE_INVALID: 400,
  // A document the caller sent that lv2en cannot or will not read.
  DOCUMENT_DAMAGED: 400,
  DOCUMENT_ENCRYPTED: 400,
  DOCUMENT_HAS_MACROS: 400,
  DOCUMENT_TOO_LARGE: 413,
  XML_UNSAFE: 400,
  HTML_INVALID: 400,
  XLIFF_VERSION_UNKNOWN: 400,
  SUBTITLE_TIMING_INVALID: 400,
  INPUT_NOT_FOUND: 404,
  OUTPUT_LOCKED: 409,
  MODEL_UNAVAILABLE: 503,
  QUEUE_UNAVAILABLE: 503,
  QUEUE_NO_WORKER: 503,
  WORKER_FAILED: 503,
  INTERRUPTED: 503,
  TERMINATED: 503,
  MEMORY_LOCKED: 503,
};

export function errorReply(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof HttpError)
    return { status: error.statusCode, body: { error: error.message, ...(error.hint ? { hint: error.hint } : {}), ...error.extra } };
  if (error instanceof Lv2enError) {
    // The location names server-side files: only a file name the client sent itself is worth repeating.
    return { status: STATUS[error.code] ?? 500, body: { error: error.message, code: error.code, hint: error.hint } };
  }
  const fastify = error as FastifyError;
  if (typeof fastify?.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    const message = fastify.validation !== undefined ? `Invalid request: ${fastify.message}` : fastify.message || 'Invalid request';
    return { status: fastify.statusCode, body: { error: message, ...(fastify.code ? { code: fastify.code } : {}) } };
  }
  if (fastify?.name === 'AbortError')
    return { status: 503, body: { error: 'the server is shutting down', hint: 'Send the request again later' } };
  return { status: 500, body: { error: 'internal error in lv2en', hint: 'Please report it with the request that caused it' } };
}

export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = errorReply(error);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  void reply.code(status).type('application/json; charset=utf-8').send(body);
}
