/**
 * Consonant alternation (līdzskaņu mija). The 2nd declension softens the stem
 * in the genitive singular and the whole plural (Kremlis → Kremļa, Kremļi); the
 * 5th and 6th soften it in the genitive plural only (egle → egļu, sirds → siržu).
 */

/**
 * Stem ends that change together: zvaigzne → zvaigžņu, not *zvaigzņu; after k the t of st goes
 * (sacīkstes → sacīkšu, plekste → plekšu, as the Latvian Hunspell dictionary's affix rules give).
 */
const CLUSTER_SHIFTS: ReadonlyArray<readonly [string, string]> = [
  ['kst', 'kš'],
  ['ll', 'ļļ'],
  ['ln', 'ļņ'],
  ['nn', 'ņņ'],
  ['sl', 'šļ'],
  ['sn', 'šņ'],
  ['zl', 'žļ'],
  ['zn', 'žņ'],
  ['dz', 'dž'],
];

/** After s/z a dental stays put: kaste → kastu, valsts → valstu, brazde → brazdu. */
const BLOCKING_CLUSTERS = ['st', 'zd'];

const SINGLE_SHIFTS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    c: 'č',
    d: 'ž',
    t: 'š',
    s: 'š',
    z: 'ž',
    l: 'ļ',
    n: 'ņ',
    // Labials gain a j instead of changing: gulbis → gulbja, zeme → zemju.
    b: 'bj',
    m: 'mj',
    p: 'pj',
    v: 'vj',
  }),
);

function matchCase(replacement: string, original: string): string {
  return original === original.toUpperCase() && original !== original.toLowerCase() ? replacement.toUpperCase() : replacement;
}

/** The softened stem, or the stem unchanged when its last consonant does not alternate (r, k, g, j, vowels…). */
export function alternate(stem: string): string {
  const lower = stem.toLowerCase();
  for (const [from, to] of CLUSTER_SHIFTS) {
    if (lower.endsWith(from)) return stem.slice(0, -from.length) + matchCase(to, stem.slice(-from.length));
  }
  for (const blocked of BLOCKING_CLUSTERS) if (lower.endsWith(blocked)) return stem;
  const last = lower.slice(-1);
  const shifted = SINGLE_SHIFTS.get(last);
  if (shifted === undefined) return stem;
  return stem.slice(0, -1) + matchCase(shifted, stem.slice(-1));
}
