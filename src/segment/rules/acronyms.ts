/**
 * Acronyms (ANO, ES, NATO, LR, ASV, KNAB, VID): capitalised words written without
 * periods. A period after one is an ordinary sentence end ("… arī ASV. Pret …"), and
 * an all-caps word is not an abbreviation to look up in lower case ("VID." is not "vid.").
 * The list names common ones; any run of 2–6 capitals is treated the same way.
 */
export const ACRONYMS: readonly string[] = [
  'ANO',
  'ES',
  'NATO',
  'LR',
  'ASV',
  'KNAB',
  'VID',
  'CSP',
  'NVA',
  'PVO',
  'SPKC',
  'VUGD',
  'VP',
  'ECB',
  'EK',
  'EP',
  'EDSO',
  'PSRS',
  'LPSR',
  'VDK',
  'LTV',
  'LSM',
  'LETA',
  'LNT',
  'TV3',
  'AS',
  'SIA',
  'VAS',
  'PTAC',
  'IKP',
  'PVN',
  'IIN',
  'UIN',
  'NĪN',
  'VSAA',
  'VARAM',
  'IZM',
  'VM',
  'FM',
  'ĀM',
  'AM',
  'EM',
  'ZM',
  'TM',
  'LM',
  'KM',
  'SM',
  'IeM',
  'LU',
  'RTU',
  'RSU',
  'LLU',
  'LFF',
  'LBS',
  'LOK',
  'SOK',
  'FIFA',
  'UEFA',
  'NBA',
  'NHL',
  'KHL',
  'BBC',
  'CNN',
  'ASV',
  'UNESCO',
  'OECD',
  'SVF',
  'COVID',
  'HIV',
  'DNS',
  'IT',
  'AI',
  'EUR',
  'USD',
  'GBP',
  'LVL',
  'CO2',
  'NVO',
  'KNB',
  'VK',
  'VARAM',
  'CVK',
  'ST',
  'AT',
];

const acronyms = new Set(ACRONYMS);

/** Only the listed acronyms (used where an all-caps word might also be an abbreviation, e.g. PLKST.). */
export function isKnownAcronym(word: string): boolean {
  return acronyms.has(word);
}

export function isAcronym(word: string): boolean {
  if (acronyms.has(word)) return true;
  return /^\p{Lu}{2,6}\d?$/u.test(word) && word.length <= 6;
}

/** Currency and unit codes that follow a quantity abbreviation (2 milj. EUR, 5 tūkst. ASV dolāru). */
export const CURRENCY_AFTER_QUANTITY: readonly string[] = ['EUR', 'USD', 'GBP', 'LVL', 'ASV', 'Ls', 'CHF', 'SEK', 'NOK', 'RUB'];

export function isCurrencyCode(word: string): boolean {
  return CURRENCY_AFTER_QUANTITY.includes(word);
}
