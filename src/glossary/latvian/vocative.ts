/**
 * The vocative of a person's name. Most Latvian vocatives equal the nominative
 * (Svetlana!, Lukašenko!) or the accusative (Jāni!), which are generated anyway;
 * a 1st declension masculine name drops its ending instead: Putins → Putin,
 * Vladimirs Putins → Vladimir Putin, Kalniņš → Kalniņ. Diminutives do the same in
 * every declension they are formed in: Jānītis → Jānīt, Anniņa → Anniņ (the Latvian
 * Hunspell dictionary's diminutive flags P, R and T list these vocatives, tag vdv).
 * Such a bare stem is only a
 * vocative when it is set off by punctuation (see match/find.ts), because it is
 * also the English spelling and a prefix of other words.
 */
import type { FormHint } from '../types.js';
import { inflectPhrase } from './phrase.js';

/** -ītis (2nd declension) and -iņa (4th): the 1st declension's -iņš is covered by its own rule. */
function isDiminutive(word: string, declension: number): boolean {
  const lower = word.toLowerCase();
  return (declension === 2 && lower.endsWith('ītis')) || (declension === 4 && lower.endsWith('iņa'));
}

/** The distinct vocative form of a person name, or undefined when the vocative is a generated form already. */
export function vocativeForm(lemma: string, hint: FormHint = {}): string | undefined {
  if (hint.type !== 'person') return undefined;
  const nfc = lemma.normalize('NFC').trim();
  const phrase = inflectPhrase(nfc, { ...hint, fixed: hint.fixed?.map((f) => f.normalize('NFC')) });
  let changed = false;
  const words = phrase.words.map(({ word, role, cls }) => {
    if (role === 'fixed' || cls.kind !== 'noun' || !cls.numbers.includes('singular') || cls.stem.length < 3) return word;
    if (!(cls.declension === 1 && cls.gender === 'masculine') && !isDiminutive(word, cls.declension)) return word;
    changed = true;
    return cls.stem;
  });
  if (!changed) return undefined;
  return words.map((w, i) => w + (phrase.separators[i] ?? '')).join('');
}
