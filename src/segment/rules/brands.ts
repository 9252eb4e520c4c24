/**
 * Words that start a sentence in lower case: brands written in camel case
 * (airBaltic, iPhone, eBay, iOS) and site names written as domains (tvnet.lv).
 * After a period they are evidence of a new sentence, as a capital would be.
 */
import { isUrlOrEmail } from './urls.js';

export const LOWERCASE_BRANDS: readonly string[] = [
  'airBaltic',
  'iPhone',
  'iPad',
  'iPod',
  'iMac',
  'iOS',
  'iCloud',
  'iTunes',
  'eBay',
  'eBook',
  'ebay',
  'e-klase',
  'eKlase',
  'bigbank',
  'tvnet',
  'inbox',
  'mySchool',
  'youtube',
  'x.com',
];

const brands = new Set(LOWERCASE_BRANDS);

/** A lower-case-initial word that may nonetheless open a sentence. */
export function isLowercaseSentenceOpener(word: string): boolean {
  if (brands.has(word)) return true;
  if (/^\p{Ll}{1,4}\p{Lu}/u.test(word)) return true; // camel case: airBaltic, iPhone, eBay, iOS
  return isUrlOrEmail(word) && !word.includes('@');
}
