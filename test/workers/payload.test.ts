import { describe, expect, it } from 'vitest';
import { chunkId, parsePayload, toPayload } from '../../src/backends/index.js';
import { parseTargets } from '../../src/backends/payload.js';
import { MAX_BATCH_ROWS, planConstrainedChunks } from '../../src/translate/batching.js';

const key = 'a'.repeat(64);
const words = (text: string) => text.split(' ').length + 1;

describe('chunk payloads', () => {
  it('derive the job id from the model key, the sources in order and the constraints', () => {
    const base = chunkId(toPayload(key, { sources: ['Labdien.', 'Rīga.'] }));
    expect(chunkId(toPayload(key, { sources: ['Labdien.', 'Rīga.'] }))).toBe(base);
    expect(chunkId(toPayload('b'.repeat(64), { sources: ['Labdien.', 'Rīga.'] }))).not.toBe(base);
    expect(chunkId(toPayload(key, { sources: ['Rīga.', 'Labdien.'] }))).not.toBe(base);
    expect(chunkId(toPayload(key, { sources: ['Labdien.', 'Rīga.'], constraints: [[], [['Riga']]] }))).not.toBe(base);
  });

  it('round-trip through the worker’s check unchanged', () => {
    const payload = toPayload(key, { sources: ['Labdien.', 'Rīga.'], constraints: [[], [['Riga', 'Rīga']]] });
    expect(parsePayload(JSON.parse(JSON.stringify(payload)), key, words, 512)).toEqual(payload);
  });

  it('accept an answer only with one string per source', () => {
    expect(parseTargets({ targets: ['a', 'b'] }, 2)).toEqual(['a', 'b']);
    expect(parseTargets({ targets: ['a'] }, 2)).toBeNull();
    expect(parseTargets({ targets: ['a', 3] }, 2)).toBeNull();
    expect(parseTargets('a,b', 2)).toBeNull();
  });
});

describe('constrained chunks', () => {
  it('sort by length (ties in input order) and hold MAX_BATCH_ROWS / beams items each', () => {
    const lengths = Array.from({ length: 60 }, (_, i) => (i * 7) % 13);
    const chunks = planConstrainedChunks(lengths, 4);
    const perChunk = Math.floor(MAX_BATCH_ROWS / 4);
    expect(perChunk).toBeLessThan(60);
    expect(chunks.map((c) => c.length)).toEqual(
      Array.from({ length: Math.ceil(60 / perChunk) }, (_, i) => Math.min(perChunk, 60 - i * perChunk)),
    );
    const flat = chunks.flat();
    expect(flat).toEqual([...flat].sort((a, b) => lengths[a]! - lengths[b]! || a - b));
  });
});
