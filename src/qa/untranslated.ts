import type { Segment } from '../core/segment-record.js';

/**
 * Letters Latvian has and English does not. A translation that still carries
 * them outside a name kept a Latvian word (`Tikmēr`, `ziņoja`).
 */
export const LATVIAN_ONLY_LETTERS = 'āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ';
const LATVIAN_ONLY = new RegExp(`[${LATVIAN_ONLY_LETTERS}]`, 'u');
const WORD = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*/gu;
const isCapitalised = (word: string) => /^\p{Lu}/u.test(word);
/** Lower-case source words this long that reappear unchanged in the English were most likely copied. */
const COPIED_WORD_MIN_LENGTH = 4;

export interface UntranslatedContext {
  /** Words written with a capital inside a sentence somewhere in the window: names. */
  names: ReadonlySet<string>;
}

const words = (text: string) => [...text.matchAll(WORD)].map((m) => m[0]);

/**
 * Names seen in a run of segments: a capitalised word that is not the first
 * word of its sentence, in a source or a translation. A sentence-initial word
 * counts as a name only if it also appears so elsewhere — how "Kariņš teica"
 * is told from an untranslated "Tikmēr notika".
 */
export function collectNames(segments: readonly Segment[]): Set<string> {
  const names = new Set<string>();
  for (const segment of segments) {
    for (const text of [segment.source, segment.target ?? ''])
      for (const word of words(text).slice(1)) if (isCapitalised(word)) names.add(word);
    for (const hit of segment.glossary) for (const word of words(hit.target)) names.add(word);
  }
  return names;
}

/** Words of the translation that look Latvian, or null; `''` when the whole translation repeats the source. */
export function untranslatedWords(source: string, target: string, context: UntranslatedContext): string[] | null {
  const sourceWords = words(source);
  const targetWords = words(target);
  if (target.trim() === source.trim()) {
    // A heading of names or acronyms ("NATO", "Rīga – Tallina") may rightly stay as it is.
    return sourceWords.some((w) => !isCapitalised(w)) ? [] : null;
  }
  const found = new Set<string>();
  for (const word of targetWords) {
    if (!LATVIAN_ONLY.test(word)) continue;
    if (isCapitalised(word) && context.names.has(word)) continue;
    found.add(word);
  }
  // Latvian words without Latvian-only letters ("runa", "tauta") show up by being copied.
  const lowerSource = new Set(sourceWords.filter((w) => !isCapitalised(w) && w.length >= COPIED_WORD_MIN_LENGTH));
  const targetSet = new Set(targetWords);
  const copied = [...lowerSource].filter((w) => targetSet.has(w));
  if (copied.length >= 2 && copied.length >= 0.3 * lowerSource.size) for (const word of copied) found.add(word);
  return found.size > 0 ? [...found] : null;
}
