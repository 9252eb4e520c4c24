/**
 * The vocative of a person's name. Most Latvian vocatives equal the nominative
 * (Svetlana!, Lukašenko!) or the accusative (Jāni!), which are generated anyway;
 * a 1st declension masculine name drops its ending instead: Putins → Putin,
 * Vladimirs Putins → Vladimir Putin, Kalniņš → Kalniņ. Such a bare stem is only a
 * vocative when it is set off by punctuation (see match/find.ts), because it is
 * also the English spelling and a prefix of other words.
 */
import type { FormHint } from '../types.js';
import { inflectPhrase } from './phrase.js';

/** The distinct vocative form of a person name, or undefined when the vocative is a generated form already. */
export function vocativeForm(lemma: string, hint: FormHint = {}): string | undefined {
  if (hint.type !== 'person') return undefined;
  const nfc = lemma.normalize('NFC').trim();
  const phrase = inflectPhrase(nfc, { ...hint, fixed: hint.fixed?.map((f) => f.normalize('NFC')) });
  let changed = false;
  const words = phrase.words.map(({ word, role, cls }) => {
    if (role === 'fixed' || cls.kind !== 'noun' || cls.declension !== 1 || cls.gender !== 'masculine') return word;
    if (!cls.numbers.includes('singular') || cls.stem.length < 3) return word;
    changed = true;
    return cls.stem;
  });
  if (!changed) return undefined;
  return words.map((w, i) => w + (phrase.separators[i] ?? '')).join('');
}
