/**
 * lv2en's Latvian sentence rules as an SRX 2.0 file, for CAT tools (OmegaT, Okapi, and tools
 * that import SRX): `latvianSrx()` returns the document, `latvianSrxRules()` the rules.
 *
 * The rules are generated from the data in ./rules (abbreviation classes, month and year
 * words, year phrases, ordinal name heads, initials, letter labels, sentence starters, acronyms,
 * brands, quotes, signature slashes, emoticons, list markers, URLs, line-break words, page
 * furniture), in the order boundaries.ts and lines.ts
 * decide: SRX applies the first rule whose `beforebreak` matches the text left of a
 * position and whose `afterbreak` matches the text right of it, so each check of the
 * segmenter becomes one rule, an exception (break="no") or a break, placed where the
 * segmenter makes that check. A position no rule matches is not a break.
 *
 * Patterns use only syntax Java (OmegaT, Okapi), ICU and JavaScript's `u` mode read the
 * same way: `\p{L}`/`\p{Lu}`/`\p{Ll}`, classes without `&&`, bounded look-behind only, no
 * inline flags (case variants are spelled out: lower, Capitalised, UPPER, or letter by
 * letter for the rules modules' case-insensitive regexes), and an explicit whitespace class
 * because Java's `\s` is ASCII only. Every `afterbreak` is a look-ahead, because OmegaT and
 * Okapi find matches left to right without overlap (see latvianSrxRules).
 *
 * What SRX cannot carry over: the boilerplate flag (a furniture line such as "Dalīties" or a
 * glued "20 Foto" becomes its own segment, but a CAT tool has no way to mark it), and which
 * lines form one unit is approximated by looking one line back, so a few odd layouts (a
 * line ending in a dash after a sentence end, furniture after a soft-wrapped line) split
 * differently; a closing signature slash is not checked for its opening one, and an emoji run is
 * read as a run of emoji characters rather than cluster by cluster. A CAT tool's file filter
 * usually hands paragraphs over without their line breaks; the line rules only matter where line
 * breaks survive.
 */
import { create } from 'xmlbuilder2';
import { ACRONYMS, CURRENCY_AFTER_QUANTITY } from './rules/acronyms.js';
import { COUNTED_PHRASE, LIST_END, NEVER_FINAL, QUANTITY, UNIT } from './rules/abbreviations.js';
import { FURNITURE_ONLY, HEADER_ONLY, PREFIX as FURNITURE_PREFIX, SUFFIX as FURNITURE_SUFFIX } from './rules/boilerplate.js';
import { LOWERCASE_BRANDS } from './rules/brands.js';
import { MONTH_ENDINGS, MONTH_STEMS, YEAR_WORDS } from './rules/dates.js';
import { ASCII_EMOTICON_FORMS, MARKER_EMOJI } from './rules/emoticons.js';
import { DIGRAPH_INITIALS, LETTER_LABEL_NOUNS } from './rules/initials.js';
import { LIST_MARKER } from './rules/lists.js';
import { ORDINAL_NAME_GENITIVES, ORDINAL_NAME_HEADS, ORDINAL_NAME_NOUNS } from './rules/ordinals.js';
import { CLOSING, OPENING } from './rules/quotes.js';
import { SENTENCE_STARTERS } from './rules/starters.js';
import { EMAIL, URL } from './rules/urls.js';
import {
  ADJECTIVE_ENDINGS,
  DEFINITE_ADJECTIVES,
  GENITIVE_ENDINGS,
  LOCATIVE_ENDINGS,
  RELATIVE_YEARS,
  YEAR_LEAD_WORDS,
} from './rules/years.js';
import { NON_FINAL_WORDS } from './lines.js';

export const SRX_NAMESPACE = 'http://www.lisa.org/srx20';
export const SRX_LANGUAGE_RULE = 'Latvian (lv2en)';
export const SRX_LANGUAGE_PATTERN = 'lv.*';

export interface SrxRule {
  break: boolean;
  /** Java/ICU regular expression for the text before the position ('' matches anything). */
  before: string;
  /** Java/ICU regular expression for the text after the position ('' matches anything). */
  after: string;
  /** What the rule is for (written into the file as a comment above its group). */
  group: string;
}

// ---- building blocks ------------------------------------------------------------------------

const SYNTAX = /[\\^$.*+?()[\]{}|/]/g;
const escapeRegex = (text: string): string => text.replace(SYNTAX, '\\$&');
const CLASS_SYNTAX = /[\\\][^-]/g;
const charClass = (chars: string): string => `[${[...new Set(chars)].join('').replace(CLASS_SYNTAX, '\\$&')}]`;

/** Alternatives longest first, so a left-to-right matcher prefers the longer form. */
const alt = (words: Iterable<string>): string =>
  `(?:${[...new Set(words)]
    .sort((a, b) => b.length - a.length || a.localeCompare(b))
    .map(escapeRegex)
    .join('|')})`;

const lower = (w: string): string => w.toLocaleLowerCase('lv');
const upper = (w: string): string => w.toLocaleUpperCase('lv');
const capitalised = (w: string): string => upper(w.slice(0, 1)) + w.slice(1);
/** The spellings lv2en's case-insensitive comparisons meet in practice: lower, Capitalised, UPPER. */
const caseForms = (w: string): string[] => [lower(w), capitalised(lower(w)), upper(w)];

/**
 * A regex source written for the `i` flag, made case-insensitive letter by letter (`[dD][aA]…`,
 * `[a-zA-Z]`): SRX patterns carry no flags, and Java's inline `(?i)` is not JavaScript.
 */
export function caseInsensitive(source: string): string {
  const atom = /\\(?:[pP]\{[^}]*\}|u\{[^}]*\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)|[\s\S]/uy;
  const both = (c: string): string => {
    const lo = c.toLowerCase();
    const up = c.toUpperCase();
    return c.length === 1 && lo !== up && lo.length === 1 && up.length === 1 ? lo + up : c;
  };
  const read = (at: number): string => {
    atom.lastIndex = at;
    return atom.exec(source)![0];
  };
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; ) {
    const a = read(i);
    i += a.length;
    if (a.startsWith('\\')) out += a;
    else if (!inClass && a === '(' && source.startsWith('?<', i) && /\p{L}/u.test(source[i + 2] ?? ''))
      throw new Error('named groups are not supported');
    else if (!inClass) {
      if (a === '[') inClass = true;
      out += both(a) === a ? a : `[${both(a)}]`;
    } else if (a === ']') {
      inClass = false;
      out += a;
    } else if (source[i] === '-' && source[i + 1] !== ']' && i + 1 < source.length) {
      const b = read(i + 1);
      i += 1 + b.length;
      const upperRange = both(a) !== a && both(b) !== b ? `${a.toUpperCase()}-${b.toUpperCase()}` : '';
      out += `${a}-${b}${upperRange}`;
    } else out += both(a);
  }
  return out;
}

/** A regex from the rules modules as a fragment for a rule: ^ and $ anchors removed, the `i` flag spelled out. */
function fragment(re: RegExp): string {
  let s = re.source;
  if (!s.startsWith('^')) throw new Error(`expected a pattern anchored at the start: /${s}/`);
  s = s.slice(1, s.endsWith('$') && !s.endsWith('\\$') ? -1 : undefined);
  return re.flags.includes('i') ? caseInsensitive(s) : s;
}

/** JavaScript's \s, spelled out: Java's \s is ASCII only. */
const SPACE_CHARS = String.raw`\s\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF`;
const WS = `[${SPACE_CHARS}]`;
const NWS = `[^${SPACE_CHARS}]`;
/** The start of the text or of a line, consuming nothing (so matches found left to right cannot swallow it). */
const LINE_START = '(?<![^\\n])';
/** Whitespace within a line. */
const HWS = String.raw`[ \t\r\f\u000B\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\uFEFF]`;

const DASHES = '-–—';
const DASH = charClass(DASHES);
const OPEN = charClass(OPENING);
const OPEN_OR_DASH = charClass(OPENING + DASHES);
const CLOSE = charClass(CLOSING);
const FINAL_CHARS = '.!?…';
const FINAL = charClass(FINAL_CHARS);
const CLOSE_OR_FINAL = charClass(CLOSING + FINAL_CHARS);
/** Punctuation stripped from the end of a word before it is looked up. */
const TRAIL = charClass('.,;:!?…”"»’\')]');
/** The end of a word (what follows it is trailing punctuation, then a space or the end). */
const WORD_END = `(?=${TRAIL}*(?:${WS}|$))`;

/** A slash that opens a signature ("/J. K. Bērziņš./", rules/signatures.ts): before a capital. */
const SIGNATURE_OPEN = '/(?=\\p{Lu})';
/** A slash that closes one: after the punctuation, before a space or the end. */
const SIGNATURE_CLOSE = `/(?=${WS}|$)`;

/** Where a token starts: at the start or after whitespace, past opening quotes, dashes and a signature's slash. */
const TOKEN_START = `(?:^|(?<=${WS}))(?:${OPEN_OR_DASH}|${SIGNATURE_OPEN})*`;

/**
 * What lies between a candidate sentence end and the next word: whitespace, a spaced dash,
 * opening quotes. Written so that backtracking cannot stop inside it (JavaScript has no
 * possessive quantifiers): a shorter match leaves a space, dash or quote next, which every
 * use of RIGHT refuses.
 */
const RIGHT = `${WS}+(?:${DASH}${WS}+|(?!${DASH}${WS}))(?:${SIGNATURE_OPEN}|(?!${SIGNATURE_OPEN})${OPEN}*(?!${OPEN}))`;

const BRAND = `(?:${alt(LOWERCASE_BRANDS)}${WORD_END}|\\p{Ll}{1,4}\\p{Lu}|(?:${fragment(URL)})${WORD_END})`;
/** What makes the next word "lower case": a lower-case letter (not a brand) or , ; : % ) ] }. */
const LOWER_NEXT = `(?:[,;:%)\\]}]|(?!${BRAND})\\p{Ll})`;
/** The next character: anything but the end (a space only right after an opening quote, as lv2en reads "„ x"). */
const NEXT = `(?:${NWS}|(?<=${OPEN})${HWS})`;
/** Neither a letter of either case, a digit, "+digit" nor lower-case punctuation. */
const OTHER_NEXT = `(?:(?![\\p{Ll}\\p{Lu}\\d,;:%)\\]}]|\\+\\d)${NWS}|(?<=${OPEN})${HWS})`;
/** After a break: the next word. */
const BREAK_AFTER = `${RIGHT}${NEXT}`;
/** Or a capitalised word glued on after a word ending in two lower-case letters ("beigām.Opozīcija"). */
const GLUED = `(?<=\\p{Ll}{2}\\.${CLOSE}{0,3})\\p{Lu}\\p{Ll}`;
const BREAK_OR_GLUED_AFTER = `(?:${BREAK_AFTER}|${GLUED})`;
/** After an exception: anything a break rule could have matched. */
const ANY_AFTER = `(?:${WS}|\\p{Lu})`;

// ---- emoticons and emoji (rules/emoticons.ts) ---------------------------------------------------

const hex4 = (unit: number): string => `\\u${unit.toString(16).toUpperCase().padStart(4, '0')}`;
/** A code point as \uXXXX escapes, a supplementary one as its surrogate pair (Java and JavaScript's u mode read both as one code point). */
const codePointEscape = (cp: number): string => {
  const units = String.fromCodePoint(cp);
  return units.length === 1 ? hex4(units.charCodeAt(0)) : hex4(units.charCodeAt(0)) + hex4(units.charCodeAt(1));
};

/**
 * The code points (up to plane 1, where all emoji are) that pass `test`, as one character class:
 * SRX patterns may use no property but \\p{L}, \\p{Lu} and \\p{Ll}.
 */
function codePointClass(test: (ch: string) => boolean): string {
  const ranges: [number, number][] = [];
  for (let cp = 0; cp <= 0x1ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    if (!test(String.fromCodePoint(cp))) continue;
    const last = ranges.at(-1);
    if (last && last[1] === cp - 1) last[1] = cp;
    else ranges.push([cp, cp]);
  }
  return `[${ranges.map(([a, b]) => (a === b ? codePointEscape(a) : `${codePointEscape(a)}-${codePointEscape(b)}`)).join('')}]`;
}

interface EmoticonPatterns {
  /** A run of emoticons or emoji without a marker (👉 ✅) in it. */
  plain: string;
  /** Any run of emoticons or emoji. */
  any: string;
}

let emoticonPatterns: EmoticonPatterns | undefined;

/**
 * The emoticon runs of rules/emoticons.ts, built once (the classes take a scan of planes 0 and 1).
 * An emoji run is read as a run of emoji characters (pictographs, skin tones, flag letters,
 * presentation selectors, joiners) rather than cluster by cluster: the same runs in practice, and
 * a single class keeps the rules, which every sentence rule carries after its punctuation, fast.
 */
function emoticons(): EmoticonPatterns {
  if (emoticonPatterns) return emoticonPatterns;
  const markers = new Set(MARKER_EMOJI);
  const part = (ch: string): boolean =>
    (/\p{Extended_Pictographic}/u.test(ch) && !'©®™'.includes(ch)) ||
    /^(?:\p{Emoji_Modifier}|\p{Regional_Indicator})$/u.test(ch) ||
    ['\uFE0E', '\uFE0F', '\u200D'].includes(ch);
  const anyPart = codePointClass(part);
  const plainPart = codePointClass((ch) => part(ch) && !markers.has(ch));
  const ascii = `(?:${ASCII_EMOTICON_FORMS})(?=${WS}|$)`;
  // A run with a marker glued on is a marker run: the plain run must not stop before one.
  emoticonPatterns = { plain: `(?:${ascii}|${plainPart}+(?!${alt(MARKER_EMOJI)}))`, any: `(?:${ascii}|${anyPart}+)` };
  return emoticonPatterns;
}

// ---- word lists from ./rules ----------------------------------------------------------------

const ordinalNext = (): string => {
  const months = MONTH_STEMS.flatMap((stem) => MONTH_ENDINGS.map((ending) => stem + ending));
  const years = YEAR_WORDS.map((w) => w.split(' ')[0]!);
  const dateWords = alt([...months, ...years].flatMap(caseForms));
  const heads = alt(ORDINAL_NAME_HEADS.flatMap(caseForms));
  const genitives = alt(ORDINAL_NAME_GENITIVES.flatMap(caseForms));
  const nouns = alt(ORDINAL_NAME_NOUNS);
  return [
    String.raw`\p{Ll}`, // 1990. gada, 4. vietu (and a lower-case brand)
    `${dateWords}${WORD_END}`, // 2020. GADA, 13. Septembrī
    String.raw`\d{1,2}\.(?:${WS}?\d{1,4}\.?)?(?:${WS}|$)`, // 13. 09. 2020.
    String.raw`\d{1,4}\.${WS}+\p{Ll}`, // no 3. 5. klasei
    heads, // 13. Saeima, 30. Starptautiskais
    `${genitives}${TRAIL}*${WS}+${nouns}`, // 2. Eiropas spēles
  ].join('|');
};

interface AbbreviationSet {
  neverFinal: string[];
  listEnd: string[];
  unit: string[];
  quantity: string[];
}

/**
 * The spellings of known abbreviations, split by how many parts they have: "u.c" is also
 * written "u. c." (lv2en joins spaced parts of up to four letters), and a joined form wins
 * over its last part, so multi-part forms get their rules first.
 */
function abbreviationSurfaces(multiPart: boolean): AbbreviationSet {
  const acronyms = new Set(ACRONYMS);
  const surfaces = (keys: readonly string[]): string[] =>
    keys
      .filter((k) => k.includes('.') === multiPart)
      .flatMap((key) => {
        const forms = key.length === 1 ? [key] : caseForms(key).filter((f) => !(f === upper(key) && acronyms.has(f)));
        return forms.map((form) => {
          const parts = form.split('.');
          return parts
            .map((p, i) => (i === parts.length - 1 ? escapeRegex(p) : `${escapeRegex(p)}\\.${p.length <= 4 ? ' *' : ''}`))
            .join('');
        });
      });
  return { neverFinal: surfaces(NEVER_FINAL), listEnd: surfaces(LIST_END), unit: surfaces(UNIT), quantity: surfaces(QUANTITY) };
}

const group = (sources: string[]): string => `(?:${[...new Set(sources)].sort((a, b) => b.length - a.length).join('|')})`;

// ---- the rules ------------------------------------------------------------------------------

/**
 * The start of a line that does not continue the previous one (see lines.ts): the text's start,
 * after a blank line, or after a line that ends neither in , – — nor a hyphenated word part
 * nor a word a sentence cannot end with.
 */
const UNIT_START = `(?:^|\\n${HWS}*\\n|(?<![,–—${SPACE_CHARS}]|\\p{L}-|(?<!\\p{L})${alt(NON_FINAL_WORDS)})${HWS}*\\n)`;

/** A pattern ending in a greedy repetition, made lazy. */
function lazy(source: string): string {
  if (!/\)[*+]$/u.test(source)) throw new Error(`expected a pattern ending in a repeated group: /${source}/`);
  return `${source}?`;
}

/** A line that is nothing but page furniture ("Dalīties", "Komentāri (14)", "date 2020-09"). */
const furnitureLine = (): string => `(?:${fragment(FURNITURE_ONLY)}|${fragment(HEADER_ONLY)})`;

function lineRules(): SrxRule[] {
  const g = 'Line breaks: a line is its own segment (headline, list item, dateline) unless the sentence plainly runs on';
  const next = `${HWS}*${NWS}`;
  return [
    { break: true, before: `\\n${HWS}*\\n`, after: next, group: g },
    { break: true, before: '\\n', after: `${HWS}*${fragment(LIST_MARKER)}`, group: g },
    { break: true, before: `${LINE_START}${HWS}*${furnitureLine()}${HWS}*\\n`, after: next, group: g },
    { break: true, before: '\\n', after: `${HWS}*${furnitureLine()}${HWS}*(?:\\n|$)`, group: g },
    { break: false, before: `[,–—]${HWS}*\\n`, after: next, group: g },
    { break: false, before: `\\p{L}-${HWS}*\\n`, after: next, group: g },
    { break: true, before: `[.!?…:;][”"»’')\\]]*${HWS}*\\n`, after: next, group: g },
    { break: false, before: '\\n', after: `${HWS}*(?!${BRAND})\\p{Ll}`, group: g },
    { break: false, before: `(?<!\\p{L})${alt(NON_FINAL_WORDS)}${HWS}*\\n`, after: next, group: g },
    { break: true, before: '\\n', after: next, group: g },
  ];
}

/** Page furniture glued to a line's start ("20 Foto", the scraper's "date 2020-09") or end ("+16 Skatīties vairāk") is a segment of its own. */
function furnitureRules(): SrxRule[] {
  const g = 'Page furniture glued to the start or end of a line is its own segment';
  const suffix = FURNITURE_SUFFIX.source;
  if (!suffix.endsWith('$')) throw new Error(`expected a pattern anchored at the end: /${suffix}/`);
  const prefix = fragment(FURNITURE_PREFIX);
  // At the end of a sentence: of the text, or of a line the next line does not continue in lower case.
  const glued = `${suffix.slice(0, -1)}(?=${HWS}*(?:$|\\n(?!${HWS}*(?!${BRAND})\\p{Ll})))`;
  return [
    // "20 Foto Reklāma" is all furniture: one segment.
    {
      break: false,
      before: `${LINE_START}${HWS}*(?:${lazy(fragment(FURNITURE_ONLY))})`,
      after: `${WS}+(?:${fragment(FURNITURE_ONLY)})${HWS}*(?:\\n|$)`,
      group: g,
    },
    { break: true, before: `${UNIT_START}${HWS}*${prefix}`, after: WS, group: g },
    // The count belongs to the phrase after it ("+16 Skatīties vairāk"); a line that is all furniture
    // ("Dalīties | Tvītot | Komentāri (0)", items separated by | · • /) stays one segment.
    { break: false, before: `\\+\\d+${WS}+`, after: glued, group: g },
    { break: false, before: `(?<=${NWS}${HWS}{0,3})[|·•/]${WS}+`, after: glued, group: g },
    {
      break: false,
      // Lazy, so that a left-to-right matcher (OmegaT) stops after the first item ("Dalīties Komentāri (14)").
      before: `(?:${LINE_START}${HWS}*|(?<=${FINAL}${CLOSE}{0,3}${WS}{1,3}))(?:${lazy(fragment(FURNITURE_ONLY))})${WS}+`,
      after: glued,
      group: g,
    },
    { break: true, before: WS, after: glued, group: g },
  ];
}

function sentenceRules(): SrxRule[] {
  const rules: SrxRule[] = [];
  const add = (g: string, ...list: Omit<SrxRule, 'group'>[]): void => {
    for (const r of list) rules.push({ ...r, group: g });
  };
  // Emoticons after the punctuation, on the same line, belong to the sentence: every rule decides at the position after them.
  const emoticon = emoticons();
  const tail = `(?:${HWS}*${emoticon.plain})*`;
  const period = `\\.(?:${CLOSE}|${SIGNATURE_CLOSE})*${tail}`;
  const final = `${FINAL}(?:${CLOSE_OR_FINAL}|${SIGNATURE_CLOSE})*${tail}`;
  add(
    'Emoticons after the punctuation ("Uz tikšanos! :) Rīt"): no break before or between them, nor when only emoticons follow',
    { break: false, before: final, after: `${HWS}*${emoticon.plain}` },
    { break: false, before: final, after: `(?:${HWS}*${emoticon.any})+${HWS}*(?:\\n|$)` },
  );

  add(
    'Omissions inside brackets, and a lower-case word (or , ; : %) after the punctuation: no break',
    { break: false, before: `${OPEN}${FINAL}+[)\\]]${CLOSE}*`, after: ANY_AFTER },
    { break: false, before: final, after: `${RIGHT}${LOWER_NEXT}` },
  );

  add('A URL or e-mail address before the period: an ordinary sentence end', {
    break: true,
    before: `${TOKEN_START}(?:${fragment(URL)}|${fragment(EMAIL)})${period}`,
    after: BREAK_AFTER,
  });

  const number = `${TOKEN_START}\\d{1,4}${period}`;
  const ordinal = ordinalNext();
  add(
    'Numbers: a list marker at a line start ("1. Gada pārskats"); an ordinal ("13. Saeima", "2020. gada 14. septembris") unless it ends the sentence',
    { break: false, before: `${LINE_START}[ \\t]*${OPEN_OR_DASH}*(?:\\d{1,3}|[IVXLC]{1,3})${period}`, after: ANY_AFTER },
    { break: true, before: number, after: `${RIGHT}${OTHER_NEXT}` },
    { break: false, before: `[:,;]${HWS}{1,2}${OPEN_OR_DASH}*\\d{1,4}${period}`, after: WS }, // Rezultāti: 1. Latvija, 2. Lietuva
    { break: false, before: number, after: `${WS}+${DASH}${WS}` }, // bet 3. – Dānija
    { break: false, before: number, after: `${RIGHT}(?:${ordinal})` },
    { break: true, before: number, after: BREAK_AFTER },
  );

  const initial = `(?:\\p{Lu}(?:\\.\\p{Lu}){0,3}|${alt(DIGRAPH_INITIALS)})`;
  const initialToken = `${TOKEN_START}${initial}${period}`;
  const starters = alt(SENTENCE_STARTERS.flatMap((w) => caseForms(w).slice(1)));
  const capsWord = `\\p{Lu}{2,}${WORD_END}`;
  add(
    'Initials ("A. Bērziņš", "Dž. Baidens"): kept with a capitalised surname, unless the letter is a label ("grupā B.") or a sentence opener follows',
    { break: false, before: initialToken, after: `${WS}+(?:${DASH}${WS}+|(?!${DASH}${WS}))\\(` },
    { break: true, before: `${TOKEN_START}${initial}\\.${SIGNATURE_CLOSE}${tail}`, after: BREAK_AFTER }, // "/J. K./ Teksts"
    { break: true, before: initialToken, after: `${RIGHT}(?!\\p{Lu})${NEXT}` },
    {
      break: true,
      before: `${TOKEN_START}${alt(LETTER_LABEL_NOUNS)}\\p{L}{0,4}${TRAIL}*${WS}+${OPEN_OR_DASH}*${initial}${period}`,
      after: BREAK_AFTER,
    },
    { break: true, before: initialToken, after: `${RIGHT}${starters}${WORD_END}` },
    { break: false, before: `${TOKEN_START}\\p{Lu}{2,}${TRAIL}*${WS}+${OPEN_OR_DASH}*${initial}${period}`, after: `${RIGHT}${capsWord}` },
    { break: true, before: initialToken, after: `${RIGHT}${capsWord}` },
    { break: false, before: initialToken, after: ANY_AFTER },
  );

  const romanAcronyms = ACRONYMS.filter((a) => /^[IVXLC]{2,6}$/u.test(a));
  const roman = `${TOKEN_START}${romanAcronyms.length > 0 ? `(?!${alt(romanAcronyms)}\\.)` : ''}[IVXLC]{2,6}${period}`;
  add(
    'Roman ordinals ("XVI. gadsimtā")',
    { break: true, before: roman, after: `${RIGHT}${OTHER_NEXT}` },
    { break: false, before: roman, after: `${RIGHT}(?:${ordinal})` },
    { break: true, before: roman, after: BREAK_AFTER },
  );

  // Year phrases before a capital (rules/years.ts): 2004.g., 2004. g., 19. gs., XIX gs., p.g.
  // A year number starts a token (after a space, an opening quote or bracket) or follows a dash or slash (2004.–2008.g.).
  const yearNumber = `(?<![^${SPACE_CHARS}${charClass(`${OPENING}–—-/`).slice(1, -1)}])`;
  const relative = RELATIVE_YEARS.flatMap((k) => [k, capitalised(k)]).map((k) => k.split('.').map(escapeRegex).join('\\. *'));
  const yearPhrase = `(?:${yearNumber}\\d{3,4}\\.${WS}*gg?|${yearNumber}(?:\\d{1,2}\\.|[IVXLC]{1,6}\\.?)${WS}*gs|${TOKEN_START}${group(relative)})${period}`;
  const lead = `(?:${OPEN}*${alt(YEAR_LEAD_WORDS.flatMap(caseForms))}|\\d{1,4}\\.?,?|${DASH})`;
  const opensSentence = `(?:${UNIT_START}${HWS}*|[.!?…:]${CLOSE}*${WS}+)(?:${lead}${WS}+){0,5}${OPEN}*`;
  const locativeEnding = alt(LOCATIVE_ENDINGS);
  const months = MONTH_STEMS.flatMap((stem) => MONTH_ENDINGS.map((ending) => stem + ending));
  const locativeName = `(?!${alt([...SENTENCE_STARTERS, ...DEFINITE_ADJECTIVES, ...months].flatMap((w) => caseForms(w).slice(1)))}${WORD_END})\\p{Lu}\\p{Ll}[\\p{Ll}-]*${locativeEnding}(?<!${alt(ADJECTIVE_ENDINGS)})${WORD_END}`;
  const lowerLocative = `\\p{Ll}*${locativeEnding}${WORD_END}`;
  const genitive = `${OPEN}*\\p{Lu}${NWS}*${alt(GENITIVE_ENDINGS)}${WS}+${OPEN}*`;
  const yearStarters = alt(SENTENCE_STARTERS.flatMap((w) => caseForms(w).slice(1)));
  add(
    'Year phrases ("2004.g.", "19. gs.", "p.g.") before a capital: a sentence end before a sentence opener; inside the sentence when the year opens it or a place in the locative follows ("2004.g. Latvijā", "2019.g. Latvijas Universitātē")',
    { break: true, before: yearPhrase, after: `${RIGHT}${yearStarters}${WORD_END}` },
    { break: false, before: `${opensSentence}${yearPhrase}`, after: `${RIGHT}\\p{Lu}` },
    { break: false, before: yearPhrase, after: `${RIGHT}${locativeName}` },
    {
      break: false,
      before: yearPhrase,
      after: `${RIGHT}${genitive}(?:${locativeName}|${genitive}(?:${locativeName}|${lowerLocative}|${genitive}(?:${locativeName}|${lowerLocative})))`,
    },
  );

  const currencies = `(?:${alt(CURRENCY_AFTER_QUANTITY)}|\\p{Lu}{2,})${WORD_END}`;
  const counted = fragment(COUNTED_PHRASE).replace('|\\s*$)', `|${HWS}*(?:\\n|$))`);
  const abbreviationRules = (set: AbbreviationSet, which: string): void => {
    // After a token start, a slash (eiro/mēn.) or a number glued on (2004.g., 1990.Nr.).
    const at = (forms: string[]): string => `(?:${TOKEN_START}|(?<=/)|(?<=\\d\\.))${group(forms)}${period}`;
    if (set.neverFinal.length > 0)
      add(`${which} abbreviations that stand before what they qualify ("prof.", "plkst.", "t.i."): never a sentence end`, {
        break: false,
        before: at(set.neverFinal),
        after: ANY_AFTER,
      });
    if (set.listEnd.length > 0)
      add(`${which} "and so on" abbreviations ("utt.", "u.c."): a sentence end before a capital or a number`, {
        break: true,
        before: at(set.listEnd),
        after: BREAK_OR_GLUED_AFTER,
      });
    if (set.unit.length > 0) {
      const units: Omit<SrxRule, 'group'>[] = [{ break: false, before: at(set.unit), after: `${RIGHT}\\+?\\d` }];
      if (set.quantity.length > 0)
        units.push(
          { break: false, before: at(set.quantity), after: `${RIGHT}${currencies}` },
          { break: false, before: at(set.quantity), after: `${RIGHT}${counted}` },
        );
      units.push({ break: true, before: at(set.unit), after: BREAK_OR_GLUED_AFTER });
      add(
        `${which} units and counted nouns ("5 proc.", "1994. g.", "2 milj. EUR"): a sentence end unless a number, a currency or a counted phrase follows`,
        ...units,
      );
    }
  };
  abbreviationRules(abbreviationSurfaces(true), 'Multi-part');
  abbreviationRules(abbreviationSurfaces(false), 'Single-part');

  const shortUnit = String.raw`(?:\p{Ll}{1,3}|\p{Lu}\p{Ll}{1,2})`;
  const afterNumber = `(?:${TOKEN_START}\\d[\\d,]*${TRAIL}*${WS}+${OPEN_OR_DASH}*${shortUnit}|(?<=/)(?:${shortUnit}|\\p{Lu})|(?<=\\d\\.)\\p{Ll}{1,3})${period}`;
  const consonant = '(?![aāeēiīoōuūyAĀEĒIĪOŌUŪY])';
  add(
    'Unknown short forms: a unit after a number ("5 t.", "KL 195. p."); a single lower-case letter or a word without vowels is an abbreviation',
    { break: false, before: afterNumber, after: `${RIGHT}\\+?\\d` },
    { break: true, before: afterNumber, after: BREAK_OR_GLUED_AFTER },
    { break: false, before: `(?:${TOKEN_START}|(?<=/))\\p{Ll}${period}`, after: ANY_AFTER },
    {
      break: false,
      before: `(?:${TOKEN_START}|(?<=/))(?:${consonant}\\p{Lu}|${consonant}\\p{Ll})(?:${consonant}\\p{Ll})*${period}`,
      after: ANY_AFTER,
    },
  );

  add(
    'Sentence ends: an ellipsis opening a line or a quotation is not one; a period glued to a capitalised word ("beigām.Opozīcija") is; any . ! ? … before the next sentence is',
    { break: false, before: `(?:${UNIT_START}|${OPEN})(?:…[.…]*|\\.[.…]+)${CLOSE}*${tail}`, after: ANY_AFTER },
    { break: true, before: `${TOKEN_START}\\p{L}*\\p{Ll}{2}${FINAL}+${CLOSE_OR_FINAL}*`, after: '\\p{Lu}\\p{Ll}' },
    { break: true, before: final, after: BREAK_AFTER },
  );
  return rules;
}

/**
 * The Latvian rules in the order SRX applies them. Every `afterbreak` is a look-ahead that
 * consumes nothing: OmegaT (and Okapi) find after-break matches left to right without overlap,
 * so a match that ran past the next candidate (" 14. " after "Jaunā") would hide it.
 */
export function latvianSrxRules(): SrxRule[] {
  return [...lineRules(), ...furnitureRules(), ...sentenceRules()].map((r) => ({ ...r, after: r.after === '' ? '' : `(?=${r.after})` }));
}

/** The SRX 2.0 document: one language rule, mapped to every Latvian language code (lv.*). */
export function latvianSrx(): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const srx = doc.ele(SRX_NAMESPACE, 'srx', { version: '2.0' });
  srx.com(' Latvian sentence segmentation rules, generated by lv2en from the rules its own segmenter uses. ');
  const header = srx.ele('header', { segmentsubflows: 'yes', cascade: 'no' });
  header.ele('formathandle', { type: 'start', include: 'no' });
  header.ele('formathandle', { type: 'end', include: 'yes' });
  header.ele('formathandle', { type: 'isolated', include: 'no' });
  const body = srx.ele('body');
  const rulesElement = body.ele('languagerules').ele('languagerule', { languagerulename: SRX_LANGUAGE_RULE });
  let lastGroup = '';
  for (const rule of latvianSrxRules()) {
    if (rule.group !== lastGroup) {
      rulesElement.com(` ${rule.group} `);
      lastGroup = rule.group;
    }
    const r = rulesElement.ele('rule', { break: rule.break ? 'yes' : 'no' });
    r.ele('beforebreak').txt(rule.before);
    r.ele('afterbreak').txt(rule.after);
  }
  body.ele('maprules').ele('languagemap', { languagepattern: SRX_LANGUAGE_PATTERN, languagerulename: SRX_LANGUAGE_RULE });
  return doc.end({ prettyPrint: true, indent: '  ', newline: '\n' });
}
