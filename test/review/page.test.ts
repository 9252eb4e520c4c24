import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { jsonForScript, renderReviewPage } from '../../src/formats/html/index.js';
import { hostileDocument, renderFormat } from '../write/helpers.js';

const segments = hostileDocument();
const html = renderReviewPage({ name: 'doc </script><script>alert(1)</script>', segments });
const between = (text: string, start: string, end: string) =>
  text.slice(text.indexOf(start) + start.length, text.indexOf(end, text.indexOf(start) + start.length));
const DATA_OPEN = '<script type="application/json" id="lv2en-data">';
/** The page without its data block: the markup and code lv2en wrote itself. */
const markup = html.slice(0, html.indexOf(DATA_OPEN)) + html.slice(html.indexOf('</script>', html.indexOf(DATA_OPEN)));

describe('review page markup', () => {
  it('has exactly its two script elements: the data block and its own code', () => {
    expect(html.match(/<script/gi)).toHaveLength(2);
    expect(html.match(/<\/script/gi)).toHaveLength(2);
    expect(html).toContain(DATA_OPEN);
    // The hostile text is only ever JSON inside the data block, its "<" written as \u003c.
    expect(html).not.toMatch(/<img|<!--/i);
    expect(markup).not.toMatch(/onerror|alert/);
    expect(between(html, DATA_OPEN, '</script>')).toContain('\\u003cimg src=x onerror=');
  });

  it('carries every segment, exactly, in the data block', () => {
    const data = JSON.parse(between(html, '<script type="application/json" id="lv2en-data">', '</script>'));
    expect(data.document).toBe('doc </script><script>alert(1)</script>');
    // Records are [id, paragraph, source, target, hits, flags, bits (1 boilerplate, 2 reviewed)].
    type PageRecord = [string, number, string, string | null, [number, number, number, string][], [number, string | null][], number];
    const records = data.segments as PageRecord[];
    expect(records.map((r) => [r[0], r[1], r[2], r[3]])).toEqual(segments.map((s) => [s.id, s.paragraph, s.source, s.target]));
    expect(records.map((r) => r[6] & 1)).toEqual(segments.map((s) => (s.kind === 'boilerplate' ? 1 : 0)));
    expect(records[5]![6] & 2).toBe(2);
    // Flags as [number in the flags table, detail]; the table says each flag's meaning once.
    const [index, detail] = records[3]![5][0]!;
    expect(detail).toBe('80,1%');
    expect(data.flags[index]).toEqual(['number-missing', true, 'a number or date of the source is not in the translation']);
    records.forEach((record, i) => {
      const hits = record[4].map(([start, end, term, status]) => ({
        start,
        end,
        lemma: data.terms[term][0],
        target: data.terms[term][1],
        status,
      }));
      expect(hits).toEqual(segments[i]!.glossary.map(({ start, end, lemma, target, status }) => ({ start, end, lemma, target, status })));
    });
  });

  it('admits only its own script and style, by hash, and nothing from the network', () => {
    const csp = between(html, '<meta http-equiv="Content-Security-Policy" content="', '">');
    const script = between(html, '</script>\n<script>', '</script>');
    const style = between(html, '<style>', '</style>');
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    expect(csp).toContain(`script-src ${hash(script)}`);
    expect(csp).toContain(`style-src ${hash(style)}`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'none'");
    expect(html).not.toMatch(/https?:\/\//);
    expect(markup).not.toMatch(/\s(src|href)=/);
  });

  it('escapes everything that could end a script element', () => {
    expect(jsonForScript('</script><!-- & \u2028')).toBe('"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028"');
  });

  it('streams to the same page in chunks', () => {
    const name = 'doc </script><script>alert(1)</script>';
    expect(renderFormat('html', name, segments, [1, 2, 3])).toBe(html);
    expect(renderFormat('html', name, segments, [0, 0])).toBe(html);
  });

  it('is a whole page for an empty document', () => {
    const empty = renderReviewPage({ name: 'empty', segments: [] });
    expect(JSON.parse(between(empty, 'id="lv2en-data">', '</script>')).segments).toEqual([]);
  });
});
