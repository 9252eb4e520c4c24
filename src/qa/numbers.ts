import {
  ENGLISH_NUMBER_WORDS,
  ENGLISH_SCALE_WORDS,
  GROUP_SPACES,
  LATVIAN_MONTHS,
  LATVIAN_SCALE_WORDS,
  LATVIAN_YEAR_WORD,
} from './numbers-data.js';

/**
 * The numbers check: every number in the Latvian source must reach the
 * English, read in each language's own notation. Values are compared, not
 * strings, as keys: `n:80.1` a number, `m:9` a month, `t:14:30` a clock time.
 */
export interface NumberExpectation {
  /** The source text the expectation comes from: "80,1%", "9.augustā", "1,5 milj.". */
  surface: string;
  start: number;
  end: number;
  /** Every group must be met by one of its keys in the translation. */
  needs: string[][];
}

export interface TargetNumbers {
  /** What an English reader gets from the translation. */
  english: Set<string>;
  /** Numbers the translation still writes the Latvian way (80,1 or 150 000). */
  latvianNotation: Set<string>;
}

export interface NumberFindings {
  /** Not in the translation in any notation. */
  missing: NumberExpectation[];
  /** In the translation, but only in Latvian notation. */
  latvianNotation: NumberExpectation[];
}

const SPACE = `[${GROUP_SPACES}]`;
const n = (value: number) => `n:${canonical(value)}`;
const canonical = (value: number) => String(Number(value.toPrecision(12)));
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const monthByForm = new Map<string, number>();
for (const m of LATVIAN_MONTHS) for (const form of [...m.forms, ...m.abbreviations]) monthByForm.set(form, m.month);
const MONTH_FORMS = [...monthByForm.keys()]
  .sort((a, b) => b.length - a.length)
  .map(escapeRegExp)
  .join('|');
const SCALES = [...LATVIAN_SCALE_WORDS].sort((a, b) => b.prefix.length - a.prefix.length);

// A Latvian number: thousands grouped by spaces, or plain digits; an optional decimal comma part.
// Then what may follow it: an ordinal dot with a month or a year word, a scale word.
const LATVIAN_NUMBER = new RegExp(
  String.raw`(?<!\d)(?:(?<date>(?<dd>\d{1,2})\.(?<mm>\d{1,2})\.(?<yyyy>\d{4}|\d{2})(?!\d))` +
    String.raw`|(?<time>(?<hh>[01]?\d|2[0-4])[.:](?<min>[0-5]\d)(?![\d,]|\.\d))` +
    String.raw`|(?<int>\d{1,3}(?:${SPACE}\d{3})+(?!\d)|\d+)(?:,(?<frac>\d+))?(?:\.(?<dotfrac>\d+))?(?:\s?%)?)` +
    String.raw`(?<after>\.?\s?(?:${MONTH_FORMS})(?![\p{L}])|\.?\s?[\p{L}]+\.?)?`,
  'gu',
);

/**
 * Telephone numbers ("+371 67 123 456", "tālr. 29 123 456") are digit strings,
 * not amounts: their space groups are not thousands. Only numbers after "+" or
 * a telephone word count, so "20 000 000" stays twenty million.
 */
const LATVIAN_PHONE = /(?:(?<![\p{L}\d])(?:tālr|tālrunis|tel|mob)\.?:?\s*|\+)(\d[\d \u00A0-]{5,}\d)(?!\d)/giu;
const PHONE_LIKE = /\+?\d[\d \u00A0().-]{5,}\d/g;
const digitsKey = (text: string) => `d:${text.replace(/\D/g, '')}`;

/** Expectations for every number in a Latvian sentence. */
export function sourceNumbers(source: string): NumberExpectation[] {
  const out: NumberExpectation[] = [];
  const phones: [number, number][] = [];
  for (const match of source.matchAll(LATVIAN_PHONE)) {
    const number = match[0].startsWith('+') ? match[0] : match[1]!;
    const start = match.index + match[0].length - number.length;
    phones.push([start, start + number.length]);
    out.push({ surface: number, start, end: start + number.length, needs: [[digitsKey(number)]] });
  }
  for (const match of source.matchAll(LATVIAN_NUMBER)) {
    const g = match.groups!;
    const start = match.index;
    if (phones.some(([from, to]) => start >= from && start < to)) continue;
    let end = start + match[0].length;
    if (g.date) {
      const day = Number(g.dd);
      const month = Number(g.mm);
      const year = Number(g.yyyy);
      out.push({
        surface: g.date,
        start,
        end: start + g.date.length,
        needs: [[n(day)], [`m:${month}`], year < 100 ? [n(year), n(2000 + year), n(1900 + year)] : [n(year)]],
      });
      continue;
    }
    if (g.time) {
      const hour = Number(g.hh);
      const minute = g.min!;
      // "14.30" is a clock time in Latvian; "1.50" could be a decimal written with a dot.
      const alternatives = [`t:${hour}:${minute}`, `t:${hour % 12 === 0 ? 12 : hour % 12}:${minute}`, n(Number(`${hour}.${minute}`))];
      out.push({ surface: g.time, start, end: start + g.time.length, needs: [alternatives] });
      continue;
    }
    const whole = g.int!.replace(new RegExp(SPACE, 'g'), '');
    const base = g.frac !== undefined ? Number(`${whole}.${g.frac}`) : Number(whole);
    const values = [base];
    // A dot inside a number is not Latvian notation; read it both ways (1.5 or 1 500).
    if (g.dotfrac !== undefined) values.splice(0, 1, Number(`${whole}.${g.dotfrac}`), Number(`${whole}${g.dotfrac}`));
    const numberEnd = start + match[0].length - (g.after?.length ?? 0);
    const after = (g.after ?? '').trim().replace(/^\.\s?/, '');
    const month = monthByForm.get(after.toLowerCase());
    if (month !== undefined && g.frac === undefined && g.dotfrac === undefined) {
      out.push({ surface: source.slice(start, end), start, end, needs: [[n(base)], [`m:${month}`]] });
      continue;
    }
    const word = after.replace(/\.$/, '').toLowerCase();
    const scale = SCALES.find((s) => word.startsWith(s.prefix));
    if (scale) {
      out.push({ surface: source.slice(start, end), start, end, needs: [[...values.map(n), ...values.map((v) => n(v * scale.factor))]] });
      continue;
    }
    if (LATVIAN_YEAR_WORD.test(word) && base < 100 && Number.isInteger(base)) {
      // "90. gados": the nineties; English writes 90s, 1990s or nineties.
      out.push({ surface: source.slice(start, end), start, end, needs: [[n(base), n(1900 + base), n(2000 + base)]] });
      continue;
    }
    end = numberEnd;
    out.push({ surface: source.slice(start, end), start, end, needs: [values.map(n)] });
  }
  return out.sort((a, b) => a.start - b.start);
}

const ENGLISH_MONTHS = new Map<string, number>();
for (const m of LATVIAN_MONTHS) for (const name of [m.english, ...m.englishAbbreviations]) ENGLISH_MONTHS.set(name, m.month);
// Capitalised only: "may" and "march" are also verbs.
const ENGLISH_MONTH = new RegExp(
  String.raw`(?<![\p{L}])(${[...ENGLISH_MONTHS.keys()].sort((a, b) => b.length - a.length).join('|')})\.?(?![\p{L}])`,
  'gu',
);
const ENGLISH_WORD = /[\p{L}]+/gu;

/** The numbers, months and times an English reader finds in a translation. */
export function targetNumbers(target: string): TargetNumbers {
  const english = new Set<string>();
  const latvianNotation = new Set<string>();
  const addNumber = (value: number, following: string) => {
    english.add(n(value));
    const scale = ENGLISH_SCALE_WORDS.find((s) => s.word.test(following));
    if (scale) english.add(n(value * scale.factor));
  };
  const nextWord = (index: number) => /^\s?([\p{L}]+)/u.exec(target.slice(index))?.[1] ?? '';

  // Numeric dates, either order: 14.09.2020, 9/14/2020.
  for (const m of target.matchAll(/(?<!\d)(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})(?!\d)/g)) {
    const [a, b, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    for (const v of [a, b, y, y < 100 ? 2000 + y : y, y < 100 ? 1900 + y : y]) english.add(n(v));
    if (b >= 1 && b <= 12) english.add(`m:${b}`);
    if (a >= 1 && a <= 12) english.add(`m:${a}`);
  }
  // Clock times: 14:30, 14.30, 2:30 pm, 2.30 p.m.
  for (const m of target.matchAll(/(?<!\d)(\d{1,2})[:.]([0-5]\d)(?!\d)(?:\s*([ap])\.?m\.?(?!\p{L}))?/giu)) {
    const hour = Number(m[1]);
    english.add(`t:${hour}:${m[2]}`);
    if (m[3]?.toLowerCase() === 'p' && hour < 12) english.add(`t:${hour + 12}:${m[2]}`);
  }
  // English numbers: 150,000  150,000.5  80.1  1994  9th  1990s.
  for (const m of target.matchAll(/(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(st|nd|rd|th|s)?(?![\d])/g)) {
    const value = Number(m[1]!.replace(/,/g, '') + (m[2] ?? ''));
    const end = m.index + m[0].length;
    addNumber(value, nextWord(end));
    if (m[3] === 's' && value >= 100 && value % 10 === 0) english.add(n(value % 100)); // 1990s → 90s
    if (m[2] === undefined && /^\d+,\d{3}$/.test(m[1]!)) {
      // "1,500" is 1500 to an English reader; a Latvian one reads 1.5 (and "80,1" reads 80.1).
      latvianNotation.add(n(Number(m[1]!.replace(',', '.'))));
    }
  }
  // Plain digits on both sides of a comma without a space: each digit run counts (80 and 1),
  // and the Latvian reading (80.1) is noted separately.
  for (const m of target.matchAll(/(?<![\d.,])(\d+),(\d{1,2}|\d{4,})(?![\d,])/g)) {
    english.add(n(Number(m[1]))).add(n(Number(m[2])));
    latvianNotation.add(n(Number(`${m[1]}.${m[2]}`)));
  }
  for (const m of target.matchAll(new RegExp(String.raw`(?<![\d.,])\d{1,3}(?:${SPACE}\d{3})+(?![\d])`, 'g'))) {
    latvianNotation.add(n(Number(m[0].replace(new RegExp(SPACE, 'g'), ''))));
  }
  for (const m of target.matchAll(PHONE_LIKE)) english.add(digitsKey(m[0]));
  for (const m of target.matchAll(ENGLISH_MONTH)) english.add(`m:${ENGLISH_MONTHS.get(m[1]!)}`);
  for (const m of target.matchAll(ENGLISH_WORD)) {
    const value = ENGLISH_NUMBER_WORDS.get(m[0].toLowerCase());
    if (value !== undefined) addNumber(value, nextWord(m.index + m[0].length));
  }
  return { english, latvianNotation };
}

/** Compares a source and its translation; an empty result means every number arrived. */
export function checkNumbers(source: string, target: string): NumberFindings {
  const expected = sourceNumbers(source);
  if (expected.length === 0) return { missing: [], latvianNotation: [] };
  const found = targetNumbers(target);
  const met = (keys: Set<string>) => (e: NumberExpectation) => e.needs.every((group) => group.some((key) => keys.has(key)));
  const inEnglish = met(found.english);
  const withLatvian = met(new Set([...found.english, ...found.latvianNotation]));
  const findings: NumberFindings = { missing: [], latvianNotation: [] };
  for (const expectation of expected) {
    if (inEnglish(expectation)) continue;
    (withLatvian(expectation) ? findings.latvianNotation : findings.missing).push(expectation);
  }
  return findings;
}
