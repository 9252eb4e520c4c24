/**
 * Verify and repair one translated sentence against the glossary. Pure: the
 * same source, target and glossary always give the same result.
 *
 * 1. Every source occurrence claims an occurrence of its target in the English
 *    (nearest by relative position) → `found`, or `enforced` when the decoder
 *    was constrained to produce it.
 * 2. Occurrences left over get the model's rendering replaced → `repaired`, or
 *    `missing` when no span is close enough.
 * 3. Targets in the English that no source occurrence claimed are reported.
 * Longer targets go first so "UN Human Rights Council" is not eaten by "UN".
 */
import { FLAG_MISSING, FLAG_REPAIRED, FLAG_UNSOURCED_PREFIX } from '../flags.js';
import type { GlossaryHit, GlossaryStatus } from '../../core/segment-record.js';
import type { Glossary } from '../types.js';
import type { EntryMatch } from '../match/find.js';
import { matchEntries } from '../match/find.js';
import type { Span } from './english.js';
import { overlaps, targetOccurrences } from './english.js';
import { isAllCaps } from '../text/casing.js';
import { RenderingFinder } from './repair.js';
import { unsourcedTargets } from './unsourced.js';

export interface ApplyOptions {
  /** Targets the constrained decoder forced into this sentence (or `true` for all); found ones are reported as `enforced`. */
  enforced?: boolean | readonly string[];
  /** False: only verify (a person's reviewed translation is never rewritten); a term not there is `missing`. */
  repair?: boolean;
}

export interface ApplyResult {
  target: string;
  hits: GlossaryHit[];
  flags: string[];
}

export { FLAG_MISSING, FLAG_REPAIRED, FLAG_UNSOURCED_PREFIX } from '../flags.js';

interface Replacement extends Span {
  text: string;
}

function byTargetLength(a: EntryMatch, b: EntryMatch): number {
  return b.target.split(/\s+/u).length - a.target.split(/\s+/u).length || b.target.length - a.target.length;
}

/** Group occurrences by target, longest target first, source order within a group. */
function groups(matches: readonly EntryMatch[]): EntryMatch[][] {
  const map = new Map<string, EntryMatch[]>();
  for (const m of [...matches].sort(byTargetLength)) {
    const list = map.get(m.target);
    if (list) list.push(m);
    else map.set(m.target, [m]);
  }
  return [...map.values()];
}

function applyReplacements(text: string, replacements: readonly Replacement[]): { text: string; map: (offset: number) => number } {
  const sorted = [...replacements].sort((a, b) => a.start - b.start);
  let out = '';
  let cursor = 0;
  for (const r of sorted) {
    out += text.slice(cursor, r.start) + r.text;
    cursor = r.end;
  }
  out += text.slice(cursor);
  const map = (offset: number): number => {
    let shift = 0;
    for (const r of sorted) {
      if (r.end <= offset) shift += r.text.length - (r.end - r.start);
    }
    return offset + shift;
  };
  return { text: out, map };
}

export function applyGlossary(source: string, target: string, glossary: Glossary, options: ApplyOptions = {}): ApplyResult {
  const matches = matchEntries(source, glossary);
  const status = new Map<EntryMatch, GlossaryStatus>();
  const claimed: Span[] = [];
  const replacements: Replacement[] = [];
  const relative = (m: EntryMatch) => (source.length > 0 ? m.start / source.length : 0);
  const isEnforced = (t: string) => options.enforced === true || (Array.isArray(options.enforced) && options.enforced.includes(t));

  const ordered = groups(matches);
  for (const group of ordered) {
    const first = group[0];
    if (!first) continue;
    const free = targetOccurrences(target, first.entry).filter((o) => !claimed.some((c) => overlaps(c, o)));
    for (const m of group) {
      if (free.length === 0) break;
      // Nearest by relative position, so two mentions pair with their own renderings.
      let bestIndex = 0;
      free.forEach((o, i) => {
        const best = free[bestIndex];
        if (best && Math.abs(o.start / target.length - relative(m)) < Math.abs(best.start / target.length - relative(m))) bestIndex = i;
      });
      const [occurrence] = free.splice(bestIndex, 1);
      if (!occurrence) break;
      claimed.push(occurrence);
      status.set(m, isEnforced(m.target) ? 'enforced' : 'found');
    }
  }

  const renderings = new RenderingFinder(target);
  for (const group of ordered) {
    for (const m of group) {
      if (status.has(m)) continue;
      const rendering =
        options.repair === false
          ? null
          : renderings.find({ entry: m.entry, surface: m.surface, position: relative(m) }, [...claimed, ...replacements]);
      if (!rendering) {
        status.set(m, 'missing');
        continue;
      }
      // A headline in capitals stays in capitals.
      const replaced = target.slice(rendering.start, rendering.end);
      const text = replaced.length > 1 && isAllCaps(replaced) ? m.target.toUpperCase() : m.target;
      replacements.push({ start: rendering.start, end: rendering.end, text });
      status.set(m, 'repaired');
    }
  }

  const repaired = applyReplacements(target, replacements);
  const covered: Span[] = [
    ...claimed.map((c) => ({ start: repaired.map(c.start), end: repaired.map(c.end) })),
    ...replacements.map((r) => {
      const start = repaired.map(r.start);
      return { start, end: start + r.text.length };
    }),
  ];

  const hits: GlossaryHit[] = matches.map((m) => ({
    start: m.start,
    end: m.end,
    surface: m.surface,
    lemma: m.lemma,
    target: m.target,
    status: status.get(m) ?? 'missing',
  }));
  const flags: string[] = [];
  if (hits.some((h) => h.status === 'repaired')) flags.push(FLAG_REPAIRED);
  if (hits.some((h) => h.status === 'missing')) flags.push(FLAG_MISSING);
  for (const t of unsourcedTargets(repaired.text, glossary, covered)) flags.push(FLAG_UNSOURCED_PREFIX + t);
  return { target: repaired.text, hits, flags };
}
