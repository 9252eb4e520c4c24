/**
 * Organisation and brand names are often written with capitals inside the word (RusLatNafta,
 * AirBaltic, LatRailNet) where the glossary has one spelling (Ruslatnafta, airBaltic). Such a
 * surface is accepted when it spells the same letters as the form and only letters after the
 * first differ in case; the first letter follows the usual rule (it must match, or be a capital
 * where the form has a lowercase one).
 */
import type { TermType } from '../types.js';

const TYPES_WITH_INNER_CAPITALS: ReadonlySet<TermType> = new Set(['organisation', 'brand']);

/** Organisations and brands; and an entry without a type, which may be either (people and places keep their spelling). */
export function innerCapitalsMayVary(type: TermType | undefined): boolean {
  return type === undefined || TYPES_WITH_INNER_CAPITALS.has(type);
}

/** Does `surface` spell `form` with other capitals inside the word only? */
export function innerCapitalSpelling(surface: string, form: string): boolean {
  if (surface === form || surface.toLowerCase() !== form.toLowerCase()) return false;
  const surfaceHead = String.fromCodePoint(surface.codePointAt(0) ?? 0);
  const head = String.fromCodePoint(form.codePointAt(0) ?? 0);
  if (surfaceHead !== head && !(head === head.toLowerCase() && surfaceHead === head.toUpperCase())) return false;
  // Some letter after the first is a capital on one side: an inner-capital spelling, not just a case change of the whole.
  const inner = (s: string) => s.slice(surfaceHead.length) !== s.slice(surfaceHead.length).toLowerCase();
  return inner(surface) || inner(form);
}
