/**
 * The SRX export: a well-formed SRX 2.0 document mapped to lv.*, whose patterns use only syntax
 * Java reads too, and which, applied by the SRX evaluator, splits the gold sets exactly as
 * lv2en's own segmenter does.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { parseGold, spanBoundaries } from '../support/segment-gold.js';
import { latvianSrx, latvianSrxRules, segment } from '../../src/segment/index.js';
import { caseInsensitive, SRX_NAMESPACE } from '../../src/segment/srx.js';
import { mulberry32, randomText } from './fuzz.js';
import { ALL_SHAPES } from './shapes.js';
import { parseSrx, rulesForLanguage, type SrxMatching, srxBreaks, srxSegmenter } from './srx-evaluator.js';

const xml = latvianSrx();
const doc = parseSrx(xml);
const rules = rulesForLanguage(doc, 'lv-LV');
const srxSegment = srxSegmenter(rules);
const fixtures = new URL('../fixtures/segment/', import.meta.url);
const goldSets = readdirSync(fixtures).filter((f) => f.endsWith('.txt'));

/** Texts whose SRX split has exactly lv2en's boundaries. */
function agreement(texts: readonly string[], matching: SrxMatching = 'spec'): { same: number; total: number; differing: string[] } {
  const split = matching === 'spec' ? srxSegment : srxSegmenter(rules, matching);
  const differing = texts.filter((t) => spanBoundaries(split(t)).join() !== spanBoundaries(segment(t)).join());
  return { same: texts.length - differing.length, total: texts.length, differing };
}

describe('SRX document', () => {
  it('is well-formed XML in the SRX 2.0 namespace, version 2.0, with the Latvian rule mapped to lv.*', async () => {
    const result = await validateXML({ xml: [{ fileName: 'lv2en-lv.srx', contents: xml }], normalization: 'format' });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.namespace).toBe(SRX_NAMESPACE);
    expect(doc.namespace).toBe('http://www.lisa.org/srx20');
    expect(doc.version).toBe('2.0');
    expect(doc.maps).toEqual([{ pattern: 'lv.*', rule: 'Latvian (lv2en)' }]);
    expect(rules.length).toBe(latvianSrxRules().length);
    expect(rulesForLanguage(doc, 'lv').length).toBe(rules.length);
    expect(rulesForLanguage(doc, 'en-GB')).toEqual([]);
    expect(rules.some((r) => r.break) && rules.some((r) => !r.break)).toBe(true);
  });

  it('writes every rule with both patterns, in the order the segmenter decides', () => {
    expect(rules).toEqual(latvianSrxRules().map((r) => ({ break: r.break, before: r.before, after: r.after })));
    for (const r of rules) expect(r.before, JSON.stringify(r)).not.toBe('');
  });

  it('uses only regex syntax Java (OmegaT, Okapi) reads the same way', () => {
    let checkedLookbehinds = 0;
    for (const { before, after } of rules) {
      for (const p of [before, after]) {
        expect(() => new RegExp(p, 'u')).not.toThrow();
        expect(p).not.toMatch(/\\[pP]\{(?!(?:L|Lu|Ll)\})/u); // only \p{L}, \p{Lu}, \p{Ll}
        expect(p).not.toMatch(/\(\?[a-z]|\(\?<[A-Za-z]|\\k<|&&|\\[uU]\{/u); // no inline flags, named groups, class intersection, \u{…}
        for (const body of lookbehinds(p)) {
          expect(body, `unbounded look-behind in ${p}`).not.toMatch(/(?<!\\)[*+]|\{\d+,\}/u);
          checkedLookbehinds++;
        }
      }
    }
    expect(checkedLookbehinds).toBeGreaterThan(50);
    expect(lookbehinds('a(?<=x+)b(?<![^y])')).toEqual(['x+', '[^y]']);
  });

  it('spells out case-insensitive patterns letter by letter', () => {
    const re = new RegExp(`^(?:${caseInsensitive('date|[a-z]+ī\\p{L}')})$`, 'u');
    for (const s of ['date', 'DATE', 'Date', 'abcĪé', 'XYīx']) expect(re.test(s), s).toBe(true);
    expect(re.test('dat')).toBe(false);
    expect(re.test('[]ī')).toBe(false);
  });
});

describe('SRX evaluator', () => {
  it('lets the first matching rule decide each position', () => {
    const toy = [
      { break: false, before: 'prof\\.', after: '\\s' },
      { break: true, before: '\\.', after: '\\s' },
    ];
    for (const matching of ['spec', 'left-to-right'] as const) {
      expect(srxBreaks('Sveiks, prof. Kalns. Labdien.', toy, matching)).toEqual([20]);
      expect(srxBreaks('Sveiks, prof. Kalns. Labdien.', [...toy].reverse(), matching)).toEqual([13, 20]);
    }
  });

  it('reads patterns left to right without overlap as OmegaT does: a consuming afterbreak hides the next position', () => {
    const consuming = [{ break: true, before: '\\.', after: '\\s\\S+\\s\\S+' }];
    const text = 'Viens. Divi. Trīs četri';
    expect(srxBreaks(text, consuming, 'spec')).toEqual([6, 12]);
    expect(srxBreaks(text, consuming, 'left-to-right')).toEqual([6]); // " Divi. Trīs" used up the text after 12
    const lookahead = [{ break: true, before: '\\.', after: '(?=\\s\\S+\\s\\S+)' }];
    expect(srxBreaks(text, lookahead, 'left-to-right')).toEqual([6, 12]);
  });
});

describe('SRX applied to the gold sets', () => {
  const layouts = {
    'as written': (t: string) => t,
    // A CAT tool's file filter usually hands over paragraphs with their line breaks folded into spaces.
    'lines joined': (t: string) => t.replace(/\s*\n\s*/gu, ' '),
  };
  const cases = goldSets.flatMap((file) =>
    (['spec', 'left-to-right'] as const).flatMap((matching) => Object.keys(layouts).map((layout) => [file, matching, layout] as const)),
  );

  it.each(cases)('%s, %s matching, %s: at least 98 percent of paragraphs split exactly as lv2en splits them', (file, matching, layout) => {
    const texts = parseGold(readFileSync(new URL(file, fixtures), 'utf8')).map((g) => layouts[layout as keyof typeof layouts](g.text));
    const a = agreement(texts, matching);
    const plain = agreement(
      texts.filter((t) => !segment(t).some((s) => s.boilerplate)),
      matching,
    );
    console.log(
      `SRX vs lv2en, ${file} (${matching}, ${layout}): ${a.same}/${a.total} paragraphs identical (${((100 * a.same) / a.total).toFixed(1)} %); ` +
        `without page furniture ${plain.same}/${plain.total}`,
    );
    expect(a.same / a.total).toBeGreaterThanOrEqual(0.98);
    expect(plain.differing).toEqual([]);
  });

  // Year phrases, dotted year abbreviations, signatures between slashes, emoticons after the punctuation.
  it.each(['spec', 'left-to-right'] as const)(
    'splits the shapes of test/segment/shapes.ts into their gold sentences (%s matching)',
    (matching) => {
      const split = matching === 'spec' ? srxSegment : srxSegmenter(rules, matching);
      for (const gold of ALL_SHAPES) {
        const text = gold.join(' ');
        expect(
          split(text).map((s) => text.slice(s.start, s.end)),
          text,
        ).toEqual(gold);
      }
    },
  );

  it('keeps the ordinal dates OmegaT’s default rules break ("2020. gada 14. septembris")', () => {
    const text = 'Likums pieņemts 2020. gada 14. septembrī. Tas stāsies spēkā 13. Saeimas vēlēšanu dienā. Prof. A. Bērziņš to atbalsta.';
    expect(srxSegment(text).map((s) => text.slice(s.start, s.end))).toEqual([
      'Likums pieņemts 2020. gada 14. septembrī.',
      'Tas stāsies spēkā 13. Saeimas vēlēšanu dienā.',
      'Prof. A. Bērziņš to atbalsta.',
    ]);
  });

  // Hostile random text (stray quotes, dashes, furniture, odd line breaks); measured 1981 and 1980 of 2000 identical.
  it.each(['spec', 'left-to-right'] as const)(
    'agrees with lv2en on at least 97 percent of random Latvian-ish texts (%s matching)',
    (matching) => {
      const rand = mulberry32(1);
      const a = agreement(
        Array.from({ length: 2000 }, () => randomText(rand, 12)),
        matching,
      );
      console.log(`SRX vs lv2en, random texts (${matching}): ${a.same}/${a.total} identical`);
      expect(a.same / a.total).toBeGreaterThanOrEqual(0.97);
    },
  );
});

/** The bodies of the look-behind groups in a pattern (Java requires each to have a bounded length). */
function lookbehinds(pattern: string): string[] {
  const out: string[] = [];
  for (let i = pattern.indexOf('(?<'); i !== -1; i = pattern.indexOf('(?<', i + 1)) {
    if (pattern[i - 1] === '\\' || !'=!'.includes(pattern[i + 3] ?? '')) continue;
    let depth = 0;
    let inClass = false;
    for (let k = i; k < pattern.length; k++) {
      const c = pattern[k];
      if (c === '\\') k++;
      else if (inClass) inClass = c !== ']';
      else if (c === '[') inClass = true;
      else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) {
        out.push(pattern.slice(i + 4, k));
        break;
      }
    }
  }
  return out;
}
