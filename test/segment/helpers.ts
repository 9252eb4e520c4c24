import { expect } from 'vitest';
import { segment, type SentenceSpan } from '../../src/segment/index.js';

/** The sentences of `text`, as strings. */
export function sentences(text: string): string[] {
  return segment(text).map((s) => s.text);
}

/** The segments flagged boilerplate. */
export function boilerplate(text: string): string[] {
  return segment(text)
    .filter((s) => s.boilerplate)
    .map((s) => s.text);
}

/** The segment() contract: spans in order, trimmed, non-overlapping, covering every non-space character once. */
export function checkInvariants(input: string, spans: readonly SentenceSpan[]): void {
  let covered = 0;
  let last = 0;
  for (const s of spans) {
    expect(s.start).toBeGreaterThanOrEqual(last);
    expect(s.end).toBeGreaterThan(s.start);
    expect(s.text).toBe(input.slice(s.start, s.end));
    expect(s.text).toBe(s.text.trim());
    expect(input.slice(last, s.start).trim()).toBe(''); // only whitespace between spans
    if (s.boilerplate !== undefined) expect(s.boilerplate).toBe(true);
    covered += s.text.replace(/\s/gu, '').length;
    last = s.end;
  }
  expect(input.slice(last).trim()).toBe('');
  expect(covered).toBe(input.replace(/\s/gu, '').length);
}
