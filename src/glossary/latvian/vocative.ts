/**
 * The vocative of a name. Most Latvian vocatives equal the nominative
 * (Svetlana!, Lukašenko!) or the accusative (Jāni!), which are generated anyway;
 * a 1st declension masculine name drops its ending instead: Putins → Putin,
 * Vladimirs Putins → Vladimir Putin, Kalniņš → Kalniņ. Diminutives do the same in
 * every declension they are formed in: Jānītis → Jānīt, Anniņa → Anniņ, māmiņa →
 * māmiņ (the Latvian Hunspell dictionary's diminutive flags P, R and T list these
 * vocatives, tag vdv). Such a bare stem is only a vocative when it is set off by
 * punctuation (see match/find.ts), because it is also the English spelling and a
 * prefix of other words.
 *
 * A `type: person` entry gets both; an entry without a type only the diminutive's,
 * which no other Latvian word form ends in (-iņ, -īt), so a name or a word like
 * māmiņa needs no hint for it.
 */
import type { FormHint } from '../types.js';
import type { WordClass } from './classify.js';
import { inflectPhrase } from './phrase.js';

/** -iņš (1st declension), -ītis (2nd) and -iņa (4th). */
function isDiminutive(word: string, declension: number): boolean {
  const lower = word.toLowerCase();
  return (
    (declension === 1 && lower.endsWith('iņš')) ||
    (declension === 2 && lower.endsWith('ītis')) ||
    (declension === 4 && lower.endsWith('iņa'))
  );
}

function dropsEnding(word: string, cls: Extract<WordClass, { kind: 'noun' }>, person: boolean): boolean {
  if (!cls.numbers.includes('singular') || cls.stem.length < 3) return false;
  if (isDiminutive(word, cls.declension)) return true;
  return person && cls.declension === 1 && cls.gender === 'masculine';
}

/** The distinct bare-stem vocative of a name, or undefined when the vocative is a generated form already. */
export function vocativeForm(lemma: string, hint: FormHint = {}): string | undefined {
  if (hint.type !== 'person' && hint.type !== undefined) return undefined;
  const person = hint.type === 'person';
  const nfc = lemma.normalize('NFC').trim();
  const phrase = inflectPhrase(nfc, { ...hint, fixed: hint.fixed?.map((f) => f.normalize('NFC')) });
  let changed = false;
  const words = phrase.words.map(({ word, role, cls }) => {
    if (role === 'fixed' || cls.kind !== 'noun' || !dropsEnding(word, cls, person)) return word;
    changed = true;
    return cls.stem;
  });
  if (!changed) return undefined;
  return words.map((w, i) => w + (phrase.separators[i] ?? '')).join('');
}
