import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Segment } from '../../src/core/segment-record.js';
import { xmlForbiddenCharacters } from '../../src/core/xml-chars.js';
import { readReviewText } from '../../src/formats/index.js';
import { parseJsonl } from '../../src/formats/jsonl.js';
import { parseTsv } from '../../src/formats/tsv.js';
import { rebuildLayout } from '../../src/formats/txt.js';
import { checkWellFormed } from '../../src/formats/xml-check.js';
import { normalizeText } from '../../src/ingest/decode.js';
import { createLv2en, type Lv2en } from '../../src/index.js';
import { renderFormat } from '../write/helpers.js';

/**
 * Properties over random Unicode text: words the toy model knows, mixed with
 * astral characters, combining marks, C0 controls, bidi controls, CR/LF mixes
 * and very long words. Run counts are kept small: each property stays within a
 * few seconds on the toy model.
 */
const WORDS = ['Tihanovska', 'pirmdien', 'tikās', 'ar', 'ministriem', 'Lukašenko', 'ANO', 'ES', 'gada', '80,1%', '1994.', 'plkst.', 'Nr.'];
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 3, arbitrary: fc.constantFrom(' ', ' ', '. ', ', ', '\n', '\r\n', '\r', '\n\n', '\t', '„', '”', '– ', '? ', '! ') },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '😀',
      '🇱🇻',
      '𝔘',
      'e\u0301',
      'a\u0308\u0323',
      '\u202E',
      '\u2066',
      '\u200F',
      '\u200B',
      '\u0007',
      '\u000B',
      '\uFEFF',
      '\u00A0',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 200, maxLength: 400 }).map((s) => s.replace(/\s/g, 'x')) },
);
const text = fc.array(piece, { minLength: 1, maxLength: 40 }).map((parts) => parts.join(''));

/** The input with every segment's span blanked: what the sources do not cover. */
const uncovered = (input: string, segments: readonly Segment[]) => {
  let rest = '';
  let at = 0;
  for (const s of segments) {
    rest += input.slice(at, s.start);
    at = s.end;
  }
  return rest + input.slice(at);
};

/** What TMX and XLIFF 1.2 can hold of a text (XML 1.0 drops the rest). */
const xmlKept = (text: string) => {
  const forbidden = new Set(xmlForbiddenCharacters(text));
  return [...text].filter((ch) => !forbidden.has(ch)).join('');
};

describe('random Unicode text through the whole pipeline (toy model, default glossary)', () => {
  let lv2en: Lv2en;
  beforeAll(async () => {
    lv2en = await createLv2en({ model: 'toy', memory: false });
    await lv2en.translateText('Sveiki.');
  });
  afterAll(() => lv2en?.close());

  it('never crashes; one record per sentence in order; the sources rebuild the normalised input', async () => {
    let translated = 0;
    await fc.assert(
      fc.asyncProperty(text, async (input) => {
        const segments = await lv2en.translateText(input);
        translated += segments.filter((s) => s.kind === 'sentence' && s.target !== s.source).length;
        const normal = normalizeText(input);
        const spans = lv2en.segment(normal);
        expect(segments.map((s) => s.source)).toEqual(spans.map((s) => s.text));
        expect(segments.map((s) => s.id)).toEqual(segments.map((_, i) => String(i + 1)));
        let previous = 0;
        for (const s of segments) {
          expect(s.start).toBeGreaterThanOrEqual(previous);
          expect(normal.slice(s.start, s.end)).toBe(s.source);
          expect(typeof s.target).toBe('string');
          previous = s.end;
        }
        // Between and around the sentences there is only white space.
        expect(uncovered(normal, segments)).toMatch(/^\s*$/u);
      }),
      { numRuns: 100, seed: 14 },
    );
    // The model ran: most random texts hold words it translates.
    expect(translated).toBeGreaterThan(50);
  });

  it('every writer’s output parses back to the same records; XML is well-formed; the page data is inert', async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 3 }), async (input, chunks) => {
        const segments = await lv2en.translateText(input);
        const normal = normalizeText(input);
        const render = (format: string) => renderFormat(format, 'doc', segments, chunks);
        expect(parseJsonl(render('jsonl'))).toEqual(segments);
        expect(parseTsv(render('tsv')).map((r) => [r.id, r.source, r.target])).toEqual(segments.map((s) => [s.id, s.source, s.target]));
        expect(rebuildLayout(normal, segments, (s) => s.source)).toBe(normal);
        for (const format of ['tmx', 'xlf', 'v12.xlf']) {
          const xml = render(format);
          expect(checkWellFormed(xml), format).toBeNull();
          const units = readReviewText(xml, format).units.map((u) => [u.source, u.target]);
          const kept = format === 'xlf' ? (t: string) => t : xmlKept;
          expect(units, format).toEqual(segments.map((s) => [kept(s.source), kept(s.target!)]));
        }
        const page = render('html');
        const open = '<script type="application/json" id="lv2en-data">';
        const data = page.slice(page.indexOf(open) + open.length, page.indexOf('</script>', page.indexOf(open)));
        // Nothing in the data can end the block or open markup: every <, > and & is a \u escape.
        expect(data).not.toMatch(/[<>&]/);
        expect(page.match(/<script/g)).toHaveLength(2);
        const records = (JSON.parse(data) as { segments: [string, number, string, string][] }).segments;
        expect(records.map((r) => [r[0], r[2], r[3]])).toEqual(segments.map((s) => [s.id, s.source, s.target]));
      }),
      { numRuns: 60, seed: 15 },
    );
  });
});
