import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { translateFile, type DocumentResult, type Segment } from '../../src/index.js';
import { runQa } from '../../src/qa/index.js';
import { readReviewFile } from '../../src/review/import.js';
import { descendantsOf, elementsOf, parseXml, segment } from './helpers.js';

/**
 * Characters XML 1.0 forbids (here U+0007, a bell, and other C0 controls):
 * XLIFF 2 writes them as <cp hex> and lv2en reads them back; TMX and XLIFF 1.2
 * cannot hold them, so QA flags the segment xml-char-dropped.
 */
const hostile = fileURLToPath(new URL('../fixtures/hostile/hostile.lv.txt', import.meta.url));
const BELL_SENTENCE = 'Zvans\u0007 atskanēja divreiz, un vadības zīmes\u0001\u0008\u000B\u000C\u001B\u001F palika tekstā.';

describe('a sentence with U+0007 through the pipeline', () => {
  let outDir: string;
  let result: DocumentResult;
  let bell: Segment;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'lv2en-xml-chars-'));
    result = await translateFile(hostile, { model: 'toy', outDir, formats: ['jsonl', 'tmx', 'xlf', 'v12.xlf'], memory: false });
    bell = result.segments.find((s) => s.source.includes('\u0007'))!;
  });

  it('keeps the control characters in the segment', () => {
    expect(bell.source).toBe(BELL_SENTENCE);
  });

  it('survives an XLIFF 2 export and import unchanged', async () => {
    const xliff = await readFile(join(outDir, 'hostile.xlf'), 'utf8');
    expect(xliff).toContain('<source>Zvans<cp hex="0007"/> atskanēja');
    const read = await readReviewFile(join(outDir, 'hostile.xlf'), { all: true });
    const back = read.reviewed.find((r) => r.origin === `hostile.xlf#${bell.id}`)!;
    expect(back.source).toBe(bell.source);
    expect(back.target).toBe(bell.target!.trim());
  });

  it('is flagged xml-char-dropped, naming the characters, and the flag reaches TMX and XLIFF 1.2', async () => {
    expect(bell.flags).toContain('xml-char-dropped:U+0007; U+0001; U+0008; U+000B; U+000C; U+001B; U+001F');
    const tmx = parseXml(await readFile(join(outDir, 'hostile.tmx'), 'utf8'));
    const tu = descendantsOf(tmx, 'tu').find((t) => t.getAttribute('tuid') === bell.id)!;
    const flags = elementsOf(tu, 'prop').filter((p) => p.getAttribute('type') === 'x-lv2en-flag');
    expect(flags.map((p) => p.textContent)).toContain(bell.flags.find((f) => f.startsWith('xml-char-dropped'))!);
    const status = elementsOf(tu, 'prop').find((p) => p.getAttribute('type') === 'x-lv2en-status')!;
    expect(status.textContent).toBe('needs-review');

    const xliff12 = parseXml(await readFile(join(outDir, 'hostile.v12.xlf'), 'utf8'));
    const unit = descendantsOf(xliff12, 'trans-unit').find((u) => u.getAttribute('id') === bell.id)!;
    expect(descendantsOf(unit, 'note').map((n) => n.textContent)).toContainEqual(expect.stringMatching(/^xml-char-dropped — .*: U\+0007/));
    expect(elementsOf(unit, 'source')[0]!.textContent).toBe('Zvans atskanēja divreiz, un vadības zīmes palika tekstā.');
  });

  it('flags only segments that hold such a character', () => {
    const flagged = result.segments.filter((s) => s.flags.some((f) => f.startsWith('xml-char-dropped')));
    expect(flagged.map((s) => s.source.slice(0, 11))).toEqual(['Zvans\u0007 atsk', 'Nerakstzīme']);
    expect(flagged[1]!.flags).toContain('xml-char-dropped:U+FFFE; U+FFFF');
  });
});

describe('the xml-char-dropped check', () => {
  it('looks at the target too, and at lone surrogates', () => {
    const [checked] = runQa([segment(1, 0, 'Labi.', 'Good\uD800.')]);
    expect(checked!.flags).toEqual(['xml-char-dropped:U+D800']);
    const [clean] = runQa([segment(1, 0, 'Tab\tun rinda\n.', 'Tab\tand line\n.')]);
    expect(clean!.flags.filter((f) => f.startsWith('xml-char'))).toEqual([]);
  });
});
