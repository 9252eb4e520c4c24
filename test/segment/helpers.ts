import { segment } from '../../src/segment/index.js';

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
