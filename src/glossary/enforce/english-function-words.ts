/**
 * English words whose loss or gain around a forced term is grammar, not
 * content: articles, prepositions, conjunctions, pronouns, auxiliaries. A
 * re-decode that turns "with the ministers" into "with ministers" has lost
 * nothing. Negations (not, no, never) and numbers are content and are not
 * here; general stop-word lists (npm `stopword`, `stopwords-iso`) hold them,
 * so they do not fit this use.
 */
export const ENGLISH_FUNCTION_WORDS: readonly string[] = [
  'a',
  'an',
  'the',
  'of',
  'to',
  'for',
  'in',
  'on',
  'at',
  'by',
  'from',
  'with',
  'into',
  'onto',
  'about',
  'as',
  'and',
  'or',
  'but',
  'that',
  'which',
  'who',
  'whom',
  'whose',
  'this',
  'these',
  'those',
  'it',
  'its',
  'he',
  'his',
  'him',
  'she',
  'her',
  'they',
  'their',
  'them',
  'we',
  'our',
  'us',
  'be',
  'is',
  'are',
  'was',
  'were',
  'been',
  'being',
  'has',
  'have',
  'had',
  'do',
  'does',
  'did',
  'will',
  'would',
  's',
];

const SET: ReadonlySet<string> = new Set(ENGLISH_FUNCTION_WORDS);

export function isEnglishFunctionWord(word: string): boolean {
  return SET.has(word.toLowerCase());
}
