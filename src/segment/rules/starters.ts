/**
 * Capitalised words that typically open a Latvian sentence and are not names:
 * pronouns, demonstratives, conjunctions, sentence adverbs and prepositions. After
 * an ambiguous period (an initial, a number) such a word is evidence of a new sentence.
 */
export const SENTENCE_STARTERS: readonly string[] = [
  // pronouns and demonstratives (all common case forms)
  'tas', 'tā', 'tie', 'tās', 'tam', 'tai', 'tiem', 'tām', 'to', 'tajā', 'tajos', 'tajās', 'tā', 'tāds', 'tāda', 'tādi',
  'šis', 'šī', 'šie', 'šīs', 'šo', 'šim', 'šai', 'šiem', 'šajā', 'šajos', 'šajās', 'šāds', 'šāda',
  'viņš', 'viņa', 'viņi', 'viņas', 'viņam', 'viņai', 'viņu', 'viņiem', 'viņām',
  'es', 'mēs', 'jūs', 'tu', 'man', 'mums', 'jums', 'mūsu', 'jūsu', 'mani', 'mūs',
  'kas', 'kurš', 'kura', 'kuri', 'kuras', 'kam', 'ko', 'kur', 'kad', 'kā', 'kāpēc', 'kādēļ', 'cik', 'vai', 'kāds', 'kāda',
  'neviens', 'nekas', 'nekad', 'visi', 'visas', 'viss', 'katrs', 'katra', 'daudzi', 'daudzas', 'daži', 'dažas', 'citi',
  // conjunctions and sentence adverbs
  'un', 'bet', 'taču', 'tomēr', 'arī', 'vēl', 'jau', 'ja', 'lai', 'kamēr', 'kaut', 'jo', 'gan', 'ne', 'nē', 'jā',
  'savukārt', 'turklāt', 'tāpat', 'tāpēc', 'tādēļ', 'tikmēr', 'tātad', 'proti', 'piemēram', 'tad', 'tagad', 'tur',
  'šeit', 'šogad', 'šodien', 'šobrīd', 'šoreiz', 'pērn', 'vakar', 'rīt', 'iepriekš', 'vēlāk', 'pašlaik', 'patlaban',
  'pēdējā', 'pēdējos', 'kopumā', 'kopš', 'līdz', 'pēc', 'pirms', 'pie', 'par', 'pret', 'bez', 'no', 'uz', 'ar', 'pa',
  'starp', 'saskaņā', 'atbilstoši', 'neskatoties', 'ņemot', 'līdzīgi', 'iespējams', 'acīmredzot', 'diemžēl',
  'galvenais', 'pirmais', 'pirmā', 'otrais', 'otrā', 'nākamais', 'nākamā', 'lielākā', 'lielākais', 'vairākums',
  'ir', 'nav', 'bija', 'būs', 'bijis', 'var', 'jāņem',
];

const starters = new Set(SENTENCE_STARTERS);

export function isSentenceStarter(word: string): boolean {
  return starters.has(word.toLocaleLowerCase('lv'));
}
