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

/**
 * Prepositions, conjunctions and pronouns: capitalised at a sentence start, they
 * stand before a name without being a first name ("Pirms Bačeletas …", "Kopš Putina …").
 */
export const FUNCTION_WORDS: readonly string[] = [
  'pirms', 'pēc', 'par', 'pret', 'bez', 'starp', 'kopš', 'līdz', 'ar', 'no', 'uz', 'pie', 'pa', 'aiz', 'zem', 'virs',
  'caur', 'ap', 'pār', 'priekš', 'dēļ', 'labad', 'saskaņā', 'atbilstoši', 'līdzās', 'blakus', 'pateicoties', 'kā',
  'un', 'bet', 'taču', 'vai', 'jo', 'ka', 'ja', 'kad', 'kamēr', 'lai', 'kaut', 'nekā', 'kas', 'kurš', 'kura', 'kuras',
  'kuru', 'kuram', 'kurai', 'tas', 'tā', 'tās', 'tam', 'tai', 'šis', 'šī', 'šīs', 'šim', 'šai', 'viņa', 'viņas', 'mūsu',
  'jūsu', 'savas', 'sava', 'arī', 'tāpēc', 'tādēļ', 'tāpat', 'turklāt', 'savukārt', 'tomēr', 'protams', 'piemēram',
];

const functionWords = new Set(FUNCTION_WORDS);

/** Is `word` (lower case) a preposition, conjunction or pronoun? */
export function isFunctionWord(word: string): boolean {
  return functionWords.has(word);
}
