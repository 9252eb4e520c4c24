import type { Segment } from '../core/segment-record.js';

/**
 * Flags are `name` or `name:detail` (`number-missing:80,1%`). A warning asks a
 * reviewer to look; an info flag records what a stage did. Every writer uses
 * the same split: a segment with a warning is the one a CAT tool gets as
 * needs-review and the review page lists under "flagged".
 */
export type FlagSeverity = 'warning' | 'info';

export const FLAG = {
  emptyTarget: 'empty-target',
  untranslated: 'untranslated',
  numberMissing: 'number-missing',
  numberFormat: 'number-format',
  lengthRatio: 'length-ratio',
  repeatedNgram: 'repeated-ngram',
  glossaryMissing: 'glossary-missing',
  xmlCharDropped: 'xml-char-dropped',
  /** Set by the translate stage when a person's reviewed translation was reused from the translation memory. */
  tmReviewed: 'tm:reviewed',
} as const;

interface FlagInfo {
  severity: FlagSeverity;
  /** What the flag means, for notes, badges and tooltips. */
  description: string;
}

const KNOWN: Record<string, FlagInfo> = {
  'empty-target': { severity: 'warning', description: 'the translation is empty' },
  untranslated: { severity: 'warning', description: 'the translation repeats the Latvian or keeps Latvian words' },
  'number-missing': { severity: 'warning', description: 'a number or date of the source is not in the translation' },
  'number-format': { severity: 'warning', description: 'a number keeps Latvian notation (80,1 → 80.1; 150 000 → 150,000)' },
  'length-ratio': { severity: 'warning', description: 'the translation is much shorter or longer than this model usually writes' },
  'repeated-ngram': { severity: 'warning', description: 'words repeat as in a decoder loop' },
  'glossary-missing': { severity: 'warning', description: 'a glossary term of the source is not in the translation' },
  'xml-char-dropped': {
    severity: 'warning',
    description: 'a character XML cannot hold (a control character, U+FFFE, U+FFFF) is left out of the TMX and XLIFF 1.2 files',
  },
  'glossary-unsourced': { severity: 'warning', description: 'a glossary target appears without its Latvian term in the source' },
  'glossary-repaired': { severity: 'info', description: 'the glossary stage replaced a wrong rendering of a term' },
  'split-long': { severity: 'info', description: 'the sentence was too long for the model and was translated in parts' },
  boilerplate: { severity: 'info', description: 'web page furniture, kept as it is and not translated' },
  'tm:reviewed': { severity: 'info', description: 'a reviewed translation from the translation memory' },
};

/** `number-missing:80,1%` → `number-missing`; `tm:reviewed` stays whole (the colon is part of its name). */
export function flagName(flag: string): string {
  if (flag.startsWith('tm:')) return flag;
  const colon = flag.indexOf(':');
  return colon === -1 ? flag : flag.slice(0, colon);
}

export function flagDetail(flag: string): string | null {
  const name = flagName(flag);
  return flag.length > name.length ? flag.slice(name.length + 1) : null;
}

/** Unknown flags are warnings: a flag nobody classified should be looked at, not hidden. */
export function flagSeverity(flag: string): FlagSeverity {
  return KNOWN[flagName(flag)]?.severity ?? 'warning';
}

export function describeFlag(flag: string): string {
  const name = flagName(flag);
  const detail = flagDetail(flag);
  const description = KNOWN[name]?.description ?? name;
  return detail === null ? description : `${description}: ${detail}`;
}

/** The flags that ask for a reviewer's attention. */
export const warningFlags = (segment: Pick<Segment, 'flags'>) => segment.flags.filter((flag) => flagSeverity(flag) === 'warning');

export const needsReview = (segment: Pick<Segment, 'flags'>) => warningFlags(segment).length > 0;

export const isReviewedFromMemory = (segment: Pick<Segment, 'flags'>) => segment.flags.includes(FLAG.tmReviewed);
