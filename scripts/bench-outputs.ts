/**
 * The regression guard of the decoding loop's speed work: a digest of every
 * bench sentence's decoded tokens and scores (logProb, score and each token's
 * log-prob, as exact JSON numbers), per method. The digests of the outputs
 * before the work are kept in bench-outputs.json; a faster loop must give
 * the same digests, token for token and score for score. Batches matter to
 * the last bit of a score (how far a batch pads its sources), so the digest
 * is of the bench's own batches: its rounds' slices, no warm-up.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Decoded } from '../src/decode/index.js';

const FILE = new URL('./bench-outputs.json', import.meta.url);

export type GuardedMethod = 'greedy' | 'beam4';

/** Recorded digests, keyed by `${method}:${sentence count}:${rounds}` (the rounds cut the batches). */
type Recorded = Record<string, string>;

/** Collects each source's decoded result (keyed by its token ids) and notices a source that decodes differently twice. */
export class DecodedOutputs {
  private readonly bySource = new Map<string, string>();
  unstable = 0;

  add(sources: readonly (readonly number[])[], decoded: readonly Decoded[]): void {
    sources.forEach((source, i) => {
      const d = decoded[i]!;
      const line = JSON.stringify([d.tokens, d.logProb, d.score, d.tokenLogProbs]);
      const key = source.join(',');
      const before = this.bySource.get(key);
      if (before !== undefined && before !== line) this.unstable += 1;
      this.bySource.set(key, line);
    });
  }

  /** sha256 over the sources in the order given; null when one is missing. */
  digest(sources: readonly (readonly number[])[]): string | null {
    const hash = createHash('sha256');
    for (const source of sources) {
      const line = this.bySource.get(source.join(','));
      if (line === undefined) return null;
      hash.update(`${line}\n`);
    }
    return hash.digest('hex');
  }
}

function recorded(): Recorded {
  try {
    return JSON.parse(readFileSync(FILE, 'utf8')) as Recorded;
  } catch {
    return {};
  }
}

/** Whether `digest` is the recorded one (null: nothing recorded for this method and sentence count). */
export function unchanged(method: GuardedMethod, sentences: number, rounds: number, digest: string | null): boolean | null {
  const expected = recorded()[`${method}:${sentences}:${rounds}`];
  if (expected === undefined) return null;
  return digest === expected;
}

export function record(method: GuardedMethod, sentences: number, rounds: number, digest: string): void {
  const all = { ...recorded(), [`${method}:${sentences}:${rounds}`]: digest };
  writeFileSync(FILE, `${JSON.stringify(all, Object.keys(all).sort(), 2)}\n`);
}
