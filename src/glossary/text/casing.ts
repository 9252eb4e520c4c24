/** Letter-case rules that decide whether a word in the text is the glossary's form. */
import type { CaseRule } from '../types.js';

function hasCase(s: string): boolean {
  return s.toUpperCase() !== s.toLowerCase();
}

export function isAllCaps(word: string): boolean {
  return hasCase(word) && word === word.toUpperCase();
}

function firstChar(s: string): string {
  return String.fromCodePoint(s.codePointAt(0) ?? 0);
}

export interface CaseContext {
  /** The surrounding line is written in capitals (a headline). */
  allCapsLine: boolean;
  /** Organisation names also appear in lowercase: "Baltkrievijas iekšlietu ministrija". */
  capitalMayDrop: boolean;
}

/** Does `surface` (one word of the text, NFC) spell `form` (one word of a glossary form) under `rule`? */
export function caseMatches(surface: string, form: string, rule: CaseRule, context: CaseContext): boolean {
  if (surface === form) return true;
  const upper = form.toUpperCase();
  if (rule === 'insensitive') return surface.toLowerCase() === form.toLowerCase();
  if (rule === 'exact') return context.allCapsLine && surface === upper;
  // An acronym in the glossary (ANO, ES) is only ever itself: "Es" is the pronoun "I".
  if (form.length > 1 && isAllCaps(form)) return false;
  if (surface.length > 1 && surface === upper) return true;
  const head = firstChar(form);
  const rest = form.slice(head.length);
  const surfaceHead = firstChar(surface);
  if (surface.slice(surfaceHead.length) !== rest) return false;
  if (surfaceHead.toLowerCase() !== head.toLowerCase()) return false;
  const formIsCapitalised = head !== head.toLowerCase();
  // Lowercase forms may be capitalised (sentence start); capitalised ones keep their capital unless the entry allows otherwise.
  return !formIsCapitalised || context.capitalMayDrop;
}
