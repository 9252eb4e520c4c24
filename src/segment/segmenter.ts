/**
 * segment(text): units from the line structure, sentence ends inside each unit,
 * then page furniture peeled off each sentence's edges and flagged.
 */
import type { SentenceSpan } from '../core/segment-record.js';
import { findSentenceEnds } from './boundaries.js';
import { splitUnits } from './lines.js';
import { boilerplatePrefixLength, boilerplateSuffixStart, isBoilerplate } from './rules/boilerplate.js';

const WS = /\s/u;

function trim(text: string, start: number, end: number): [number, number] {
  while (start < end && WS.test(text[start]!)) start++;
  while (end > start && WS.test(text[end - 1]!)) end--;
  return [start, end];
}

function pushSpan(out: SentenceSpan[], text: string, start: number, end: number, boilerplate: boolean): void {
  [start, end] = trim(text, start, end);
  if (start >= end) return;
  const span: SentenceSpan = { text: text.slice(start, end), start, end };
  if (boilerplate || isBoilerplate(span.text)) span.boilerplate = true;
  out.push(span);
}

/** Emit one sentence, first peeling furniture glued to its start ("20 Foto …") and end ("… +16 Skatīties vairāk"). */
function emitSentence(out: SentenceSpan[], text: string, start: number, end: number): void {
  [start, end] = trim(text, start, end);
  const tail: [number, number][] = [];
  for (let guard = 0; guard < 8 && start < end; guard++) {
    const slice = text.slice(start, end);
    if (isBoilerplate(slice)) break;
    const p = boilerplatePrefixLength(slice);
    if (p > 0 && p < slice.length) {
      pushSpan(out, text, start, start + p, true);
      [start, end] = trim(text, start + p, end);
      continue;
    }
    const s = boilerplateSuffixStart(slice);
    if (s > 0 && s < slice.length) {
      tail.unshift([start + s, end]);
      [start, end] = trim(text, start, start + s);
      continue;
    }
    break;
  }
  pushSpan(out, text, start, end, false);
  for (const [s, e] of tail) pushSpan(out, text, s, e, true);
}

export function segment(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  for (const unit of splitUnits(text)) {
    let from = unit.start;
    for (const cut of findSentenceEnds(text, unit.start, unit.end)) {
      emitSentence(out, text, from, cut);
      from = cut;
    }
    emitSentence(out, text, from, unit.end);
  }
  return out;
}
