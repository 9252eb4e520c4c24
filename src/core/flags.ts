import type { Segment } from './segment-record.js';

/**
 * Flags are `name` or `name:detail` (`number-missing:80,1%`). A warning asks a
 * reviewer to look; an info flag records what a stage did. Every writer uses
 * the same split: a segment with a warning is the one a CAT tool gets as
 * needs-review and the review page lists under "flagged".
 *
 * The module that sets a flag registers it here, with its severity and what it
 * means; QA, the writers and the review page read this one registry.
 */
export type FlagSeverity = 'warning' | 'info';

export interface FlagDefinition {
  name: string;
  severity: FlagSeverity;
  /** What the flag means, for notes, badges and tooltips. */
  description: string;
}

const registry = new Map<string, FlagDefinition>();

/** Registers a flag and returns its name, so the owner can keep it as a constant. */
export function defineFlag<const Name extends string>(name: Name, severity: FlagSeverity, description: string): Name {
  const known = registry.get(name);
  if (known && (known.severity !== severity || known.description !== description)) {
    throw new Error(`flag ${name} is defined twice, differently`);
  }
  registry.set(name, { name, severity, description });
  return name;
}

/** Every registered flag, by name (for the review page's legend and the docs). */
export const registeredFlags = (): FlagDefinition[] => [...registry.values()].sort((a, b) => a.name.localeCompare(b.name));

/** `number-missing:80,1%` → `number-missing`; a registered name that holds a colon (`tm:reviewed`) stays whole. */
export function flagName(flag: string): string {
  if (registry.has(flag)) return flag;
  for (let colon = flag.indexOf(':'); colon !== -1; colon = flag.indexOf(':', colon + 1)) {
    const name = flag.slice(0, colon);
    if (registry.has(name)) return name;
  }
  const colon = flag.indexOf(':');
  return colon === -1 ? flag : flag.slice(0, colon);
}

export function flagDetail(flag: string): string | null {
  const name = flagName(flag);
  return flag.length > name.length ? flag.slice(name.length + 1) : null;
}

/** Unknown flags are warnings: a flag nobody classified should be looked at, not hidden. */
export function flagSeverity(flag: string): FlagSeverity {
  return registry.get(flagName(flag))?.severity ?? 'warning';
}

export function describeFlag(flag: string): string {
  const name = flagName(flag);
  const detail = flagDetail(flag);
  const description = registry.get(name)?.description ?? name;
  return detail === null ? description : `${description}: ${detail}`;
}

/** The flags that ask for a reviewer's attention. */
export const warningFlags = (segment: Pick<Segment, 'flags'>) => segment.flags.filter((flag) => flagSeverity(flag) === 'warning');

export const needsReview = (segment: Pick<Segment, 'flags'>) => warningFlags(segment).length > 0;

/** Flag name → number of segments carrying it, for the end-of-run summary. */
export function countFlags(segments: readonly Pick<Segment, 'flags'>[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const segment of segments) for (const name of new Set(segment.flags.map(flagName))) counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}
