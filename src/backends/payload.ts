/**
 * What travels to a worker and back: the model key, the chunk's sources and
 * (for constrained decoding) their glossary constraints; the worker answers
 * with the targets. Nothing else leaves the coordinator. Workers validate
 * every payload, since anyone who can write to the queue can send one.
 */
import { createHash } from 'node:crypto';
import { MAX_BATCH_ROWS } from '../translate/batching.js';
import type { TranslationChunk } from './types.js';

export const PAYLOAD_FORMAT = 1;

export interface ChunkPayload {
  format: typeof PAYLOAD_FORMAT;
  /** The model key (identity + decoding settings) the chunk was planned for. */
  model: string;
  sources: string[];
  constraints?: string[][][];
}

/** Bounds a hostile payload cannot exceed; real chunks stay far below them. */
export const PAYLOAD_LIMITS = {
  rows: MAX_BATCH_ROWS,
  sourceChars: 20_000,
  constraintsPerSource: 64,
  stringsPerConstraint: 64,
  constraintChars: 500,
} as const;

export function toPayload(model: string, chunk: TranslationChunk): ChunkPayload {
  const payload: ChunkPayload = { format: PAYLOAD_FORMAT, model, sources: [...chunk.sources] };
  if (chunk.constraints) payload.constraints = chunk.constraints.map((c) => c.map((strings) => [...strings]));
  return payload;
}

/** The same model and chunk always get the same id, so a resubmitted chunk is deduplicated by the queue. */
export function chunkId(payload: ChunkPayload): string {
  return createHash('sha256')
    .update(JSON.stringify([payload.format, payload.model, payload.sources, payload.constraints ?? null]))
    .digest('hex')
    .slice(0, 40);
}

export class InvalidPayloadError extends Error {
  override name = 'InvalidPayloadError';
}

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

/**
 * Checks an untrusted payload against the worker's model key and the model's
 * input limit; throws InvalidPayloadError saying what is wrong.
 */
export function parsePayload(raw: unknown, model: string, countTokens: (text: string) => number, maxInputTokens: number): ChunkPayload {
  const fail = (reason: string): never => {
    throw new InvalidPayloadError(`invalid chunk: ${reason}`);
  };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail('not an object');
  const value = raw as Record<string, unknown>;
  if (value.format !== PAYLOAD_FORMAT) fail(`format ${JSON.stringify(value.format)} (this worker reads format ${PAYLOAD_FORMAT})`);
  if (value.model !== model) fail('planned for another model key');
  const { sources, constraints } = value;
  if (!isStringArray(sources)) fail('sources must be a list of strings');
  const list = sources as string[];
  if (list.length === 0 || list.length > PAYLOAD_LIMITS.rows) fail(`${list.length} sources (1–${PAYLOAD_LIMITS.rows} allowed)`);
  list.forEach((source, i) => {
    if (source.length > PAYLOAD_LIMITS.sourceChars) fail(`source ${i} has ${source.length} characters`);
    const tokens = countTokens(source);
    if (tokens > maxInputTokens) fail(`source ${i} has ${tokens} tokens, more than the model's ${maxInputTokens}`);
  });
  if (constraints === undefined) return { format: PAYLOAD_FORMAT, model, sources: list };
  if (!Array.isArray(constraints) || constraints.length !== list.length) fail('constraints must be one list per source');
  for (const [i, perSource] of (constraints as unknown[]).entries()) {
    if (!Array.isArray(perSource) || perSource.length > PAYLOAD_LIMITS.constraintsPerSource) fail(`constraints of source ${i}`);
    for (const strings of perSource as unknown[]) {
      if (!isStringArray(strings) || strings.length === 0 || strings.length > PAYLOAD_LIMITS.stringsPerConstraint)
        fail(`a constraint of source ${i} must be 1–${PAYLOAD_LIMITS.stringsPerConstraint} strings`);
      if ((strings as string[]).some((s) => s.length === 0 || s.length > PAYLOAD_LIMITS.constraintChars))
        fail(`a constraint string of source ${i} is empty or too long`);
    }
  }
  return { format: PAYLOAD_FORMAT, model, sources: list, constraints: constraints as string[][][] };
}

/** Checks a worker's answer before it reaches the memory and the outputs. */
export function parseTargets(raw: unknown, expected: number): string[] | null {
  const targets = raw !== null && typeof raw === 'object' ? (raw as { targets?: unknown }).targets : undefined;
  return isStringArray(targets) && targets.length === expected ? targets : null;
}
