/** The bench's sentences (scripts/bench.ts): fixture sentences of about 25 tokens. */
import { readFileSync } from 'node:fs';
import type { Segment } from '../src/core/segment-record.js';

const FIXTURES = new URL('../test/fixtures/', import.meta.url);

/** Gold-split Latvian sentences of the segmenter and glossary fixtures, in file order. */
function fixtureSentences(): string[] {
  const out: string[] = [];
  for (const file of ['segment/dev.txt', 'segment/heldout.txt']) {
    const text = readFileSync(new URL(file, FIXTURES), 'utf8');
    const body = text.slice(text.indexOf('\n@@'));
    for (const line of body.split('\n')) {
      if (line.startsWith('@@') || line.trim() === '') continue;
      for (const part of line.split('‖')) {
        const sentence = part.replace(/⟦[^⟧]*⟧/g, '').trim();
        if (sentence.length > 0) out.push(sentence);
      }
    }
  }
  for (const line of readFileSync(new URL('glossary/sentences.gold.jsonl', FIXTURES), 'utf8').trim().split('\n')) {
    out.push((JSON.parse(line) as { text: string }).text);
  }
  return [...new Set(out)];
}

/** ≥ `count` inputs of about 25 tokens: long-enough sentences as they are, short neighbours joined. */
export function benchInputs(count: number, tokens: (text: string) => number): string[] {
  const inputs: string[] = [];
  let pending = '';
  for (const sentence of fixtureSentences()) {
    const candidate = pending ? `${pending} ${sentence}` : sentence;
    const length = tokens(candidate);
    if (length > 40) {
      pending = tokens(sentence) <= 40 && tokens(sentence) < 18 ? sentence : '';
      continue;
    }
    if (length >= 18) {
      inputs.push(candidate);
      pending = '';
    } else {
      pending = candidate;
    }
    if (inputs.length === count) return inputs;
  }
  throw new Error(`the fixtures give only ${inputs.length} bench inputs, ${count} asked`);
}

/** One sentence segment per text, in order, as a document's segmenter would make them. */
export function segmentsOf(texts: readonly string[]): Segment[] {
  let offset = 0;
  return texts.map((source, i) => {
    const segment: Segment = {
      id: String(i + 1),
      paragraph: i,
      start: offset,
      end: offset + source.length,
      source,
      kind: 'sentence',
      target: null,
      glossary: [],
      flags: [],
    };
    offset += source.length + 1;
    return segment;
  });
}
