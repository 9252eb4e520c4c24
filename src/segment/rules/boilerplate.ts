/**
 * Web page furniture that scraped articles carry along: share buttons, comment
 * counters, gallery counters, "read more" links, advertising labels and the
 * scraper's own date header. It becomes its own segment, flagged boilerplate: kept
 * in the output, never sent to the model.
 *
 * - a whole segment made only of furniture phrases ("Dalīties", "Komentāri (14)", "Dalīties Tvītot");
 * - furniture glued to the start of a line ("20 Foto Iespaidīgi skati …", "date 2020-09 Šī ir …");
 * - furniture glued to the end of one ("… prezidenta pili +16 Skatīties vairāk").
 */

/** Phrases that make up furniture-only segments. Matched case-insensitively, whole words. */
export const FURNITURE_PHRASES: readonly string[] = [
  'dalīties',
  'dalies',
  'kopīgot',
  'tvītot',
  'twitter',
  'facebook',
  'draugiem',
  'whatsapp',
  'telegram',
  'e-pasts',
  'komentāri',
  'komentārs',
  'komentēt',
  'pievienot komentāru',
  'komentāru skaits',
  'rādīt komentārus',
  'skatīties vairāk',
  'skatīt vairāk',
  'skatīt visas',
  'skatīt visus',
  'lasīt vairāk',
  'lasīt tālāk',
  'lasīt arī',
  'lasiet arī',
  'vairāk',
  'rādīt vairāk',
  'reklāma',
  'sponsorēts saturs',
  'drukāt',
  'saglabāt',
  'kopēt saiti',
  'sūtīt draugam',
  'foto',
  'video',
  'galerija',
  'fotogalerija',
  'foto galerija',
  'audio',
  'klausīties',
  'atpakaļ',
  'uz augšu',
  'abonēt',
  'sekot',
  'seko mums',
  'tiešraide',
  'aizvērt',
  'izvēlne',
  'meklēt',
  'skatīt galeriju',
  'atvērt galeriju',
  'skatīt foto',
  'skatīt video',
  'klausīties rakstu',
  'iesūti ziņu',
  'ziņot par kļūdu',
];

/** A count that goes with furniture: "(14)", "14", "+16", "14 foto". */
const COUNT = String.raw`(?:\(\d+\)|:?\s*\+?\d+)`;

const phrase = FURNITURE_PHRASES.map((p) => p.replace(/ /gu, '\\s+')).join('|');
/** One furniture item: an optional count, a phrase, an optional count. */
const DECORATION = '[»›→>▸▶]';
const ITEM = String.raw`(?:${DECORATION}\s*)?(?:${COUNT}\s+)?(?:${phrase})(?:\s*${COUNT})?(?:\s*${DECORATION})?`;
const SEPARATOR = String.raw`(?:\s*[|·•/]\s*|\s+)`;

export const FURNITURE_ONLY = new RegExp(String.raw`^(?:${ITEM})(?:${SEPARATOR}(?:${ITEM}))*$`, 'iu');

/** Scraper metadata headers: "date 2020-09", "date 2020-09-14", "2020-09-14 12:30". */
const HEADER = String.raw`(?:date|datums)\s+\d{4}-\d{2}(?:-\d{2})?(?:[ T]\d{2}:\d{2}(?::\d{2})?)?|\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?`;

export const HEADER_ONLY = new RegExp(String.raw`^(?:${HEADER})$`, 'u');

/**
 * Furniture glued before a caption or a sentence: "20 Foto", "3 Video", and the date header.
 * Only when a capital, digit or opening quote follows, so "20 Foto konkursa dalībnieki" is left alone.
 */
export const PREFIX = new RegExp(
  String.raw`^(?:${HEADER}|\d+\s+(?:Foto|FOTO|Video|VIDEO|Bildes|Attēli|foto|video))(?=\s+["„«“(]?[\p{Lu}\d])`,
  'u',
);

/** Furniture glued after the last word: "+16 Skatīties vairāk", "Lasīt vairāk", "Komentāri (3)". Case-sensitive capitals. */
export const SUFFIX =
  /(?<=\s)(?:\+\d+\s+)?(?:Skatīties vairāk|Skatīt vairāk|Lasīt vairāk|Lasīt tālāk|Dalīties|Komentāri\s*\(\d+\)|Komentēt)$/u;

/** Furniture is short; longer text is never furniture (and the regex never sees long input). */
export const MAX_FURNITURE_LENGTH = 160;

/** Is the (trimmed) text nothing but page furniture? */
export function isBoilerplate(text: string): boolean {
  const t = text.trim();
  if (t === '' || t.length > MAX_FURNITURE_LENGTH) return false;
  if (HEADER_ONLY.test(t)) return true;
  return FURNITURE_ONLY.test(t);
}

/** Length of furniture glued to the start of `text` (0 when none). `text` must start with a non-space. */
export function boilerplatePrefixLength(text: string): number {
  const m = PREFIX.exec(text.slice(0, MAX_FURNITURE_LENGTH));
  return m ? m[0].length : 0;
}

/** Offset where furniture glued to the end of `text` starts (text.length when none). `text` must end with a non-space. */
export function boilerplateSuffixStart(text: string): number {
  const from = Math.max(0, text.length - MAX_FURNITURE_LENGTH);
  const m = SUFFIX.exec(text.slice(from));
  return m ? from + m.index : text.length;
}
