import { describe, expect, it } from 'vitest';
import { readReviewText } from '../../src/formats/index.js';
import { parseJsonl } from '../../src/formats/jsonl.js';
import { parseTsv } from '../../src/formats/tsv.js';
import { xmlText } from '../../src/formats/xml.js';
import { hostileDocument, renderFormat } from './helpers.js';

/** Every writer's output read back by lv2en's own readers: what went out comes back, or exactly what the format cannot hold is missing. */
const segments = hostileDocument();
const lineFeeds = (text: string) => text.replace(/\r\n?/g, '\n');

describe('every format reads back what it wrote', () => {
  it('jsonl: the segment records, field for field', () => {
    expect(parseJsonl(renderFormat('jsonl', 'doc', segments))).toEqual(segments);
  });

  it('tsv: id, source and target, tabs, line breaks and backslashes included', () => {
    const odd = [...segments, { ...segments[0]!, id: '8', source: 'a\\tb\\\\n\tc', target: '\\' }];
    expect(parseTsv(renderFormat('tsv', 'doc', odd))).toEqual(odd.map((s) => ({ id: s.id, source: s.source, target: s.target ?? '' })));
  });

  it('tsv: refuses a file that is not lv2en TSV, with the line', () => {
    expect(() => parseTsv('a\tb\n')).toThrow(/no id\/source\/target header/);
    expect(() => parseTsv('id\tsource\ttarget\n1\tonly two\n')).toThrow(/a row of 2 fields/);
  });

  it('jsonl: refuses a line that is no segment record', () => {
    expect(() => parseJsonl('{"id":"1","source":"a"}\n[1]\n')).toThrow(/not a segment record/);
  });

  it.each([
    ['xlf', 'xliff-2', lineFeeds],
    ['v12.xlf', 'xliff-1.2', xmlText],
    ['tmx', 'tmx', xmlText],
  ] as const)('%s: recognised as %s; every unit, id, source and target (XLIFF 2 keeps even what XML forbids)', (format, detected, kept) => {
    const read = readReviewText(renderFormat(format, 'doc', segments), `doc.${format}`);
    expect(read.format).toBe(detected);
    expect(read.document).toBe('doc');
    expect(read.units.map((u) => [u.id, u.source, u.target])).toEqual(
      segments.map((s) => [s.id, kept(s.source), s.target === null ? null : kept(s.target)]),
    );
    expect(read.units.map((u) => u.notTranslatable)).toEqual(segments.map((s) => s.kind === 'boilerplate'));
    // Boilerplate is written final (XLIFF) and never read as a translation; of the others only the reviewed one is confirmed.
    const translatable = read.units.filter((u) => !u.notTranslatable);
    expect(translatable.map((u) => u.confirmed)).toEqual(
      segments.filter((s) => s.kind !== 'boilerplate').map((s) => s.flags.includes('tm:reviewed')),
    );
  });
});
