/** Per-sentence length limits. */
import type { DecodeInput } from './types.js';

export interface Limits {
  maxNew: Int32Array;
  minNew: Int32Array;
}

function perSentence(value: number | readonly number[], count: number, name: string): Int32Array {
  const values = typeof value === 'number' ? new Array<number>(count).fill(value) : value;
  if (values.length !== count) throw new Error(`${name}: ${values.length} values for ${count} sentences`);
  return Int32Array.from(values, (v) => {
    if (!Number.isInteger(v) || v < 0) throw new Error(`${name} must be whole numbers ≥ 0, got ${v}`);
    return v;
  });
}

export function limitsOf(input: DecodeInput): Limits {
  const count = input.sources.length;
  const maxNew = perSentence(input.maxNewTokens, count, 'maxNewTokens');
  if (maxNew.some((m) => m < 1)) throw new Error('maxNewTokens must be ≥ 1 (room for </s>)');
  return { maxNew, minNew: perSentence(input.minNewTokens ?? 0, count, 'minNewTokens') };
}
