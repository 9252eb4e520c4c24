/**
 * Short words that stand between a subject and its verb, or before a noun phrase,
 * without being part of either: adverbs, particles and object pronouns. A veto on
 * the word after a term looks past them to the verb ("ES NEKAD NEPADOŠOS",
 * "ES TO ZINU" = "I never give up", "I know it"), and a capitalised one before a
 * name is not a first name ("Tikai Tihanovskai izdevās …").
 */
export const PARTICLES: readonly string[] = [
  // negation, time and degree adverbs
  'ne', 'nē', 'nekad', 'nekur', 'nemaz', 'nekādā', 'vairs', 'vēl', 'jau', 'arī', 'tikai', 'pat', 'gan', 'taču', 'tomēr',
  'tiešām', 'patiešām', 'noteikti', 'droši', 'vienmēr', 'joprojām', 'tagad', 'šodien', 'rīt', 'vakar', 'šobrīd', 'nu',
  'labprāt', 'personīgi', 'vienkārši', 'ļoti', 'tieši', 'vismaz', 'drīz', 'beidzot', 'atkal', 'šeit', 'tur', 'te',
  'pats', 'pati', 'kopā', 'sen', 'mazliet', 'gandrīz', 'pilnīgi',
  // object pronouns
  'to', 'tos', 'tās', 'tevi', 'tev', 'viņu', 'viņus', 'viņas', 'viņam', 'viņai', 'jūs', 'jums', 'ko', 'neko', 'visu',
  'sevi', 'sev', 'šo', 'šos',
];

const particles = new Set(PARTICLES);

/** Is `word` (lower case) an adverb, particle or object pronoun? */
export function isParticle(word: string): boolean {
  return particles.has(word);
}
