import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLv2en, type Lv2en } from '../../src/index.js';
import { untranslated } from '../../src/formats/document/index.js';
import type { DocumentFormat } from '../../src/formats/index.js';
import { srt, vtt } from '../../src/formats/subtitles/index.js';

const SRT = `1
00:00:01,000 --> 00:00:03,500
Svetlana Tihanovska pirmdien

2
00:00:03,600 --> 00:00:06,000
tikās ar <i>Eiropas Savienības</i>
ārlietu ministriem.

3
00:00:07,000 --> 00:00:09,000
{\\an8}Viņa aicināja neatzīt rezultātus.

4
00:00:09,500 --> 00:00:10,000
♪ ♪
`;

const VTT = `WEBVTT - opozīcija

NOTE Šis ir komentārs, ko netulko.

STYLE
::cue { color: yellow }

intro
00:01.000 --> 00:03.500 position:10% align:start
<v Roger>Svetlana Tihanovska</v> pirmdien tikās

00:03.600 --> 00:06.000
ar Eiropas Savienības &amp; NATO ministriem.
`;

const bytes = (text: string) => new TextEncoder().encode(text);

async function rewrite(format: DocumentFormat, source: string): Promise<string> {
  const blocks = await format.read(bytes(source), 'subs');
  let i = 0;
  const chunks: string[] = [];
  await format.write(
    bytes(source),
    { next: async () => untranslated(blocks[i++]!) },
    { write: async (c) => void chunks.push(String(c)) },
    'subs',
  );
  expect(i).toBe(blocks.length);
  return chunks.join('');
}

const timings = (text: string) => text.split('\n').filter((line) => line.includes('-->'));

describe('subtitle readers', () => {
  it('join cues into whole sentences, the cue boundaries as codes in them', async () => {
    const blocks = await srt.read(bytes(SRT), 'a.srt');
    expect(blocks.map((b) => b.text)).toEqual([
      'Svetlana Tihanovska pirmdien tikās ar Eiropas Savienības ārlietu ministriem.',
      'Viņa aicināja neatzīt rezultātus.',
    ]);
    expect(blocks[0]!.tags.map((t) => [t.kind, t.type, t.data])).toEqual([
      ['isolated', 'cue', ''],
      ['open', 'italic', '<i>'],
      ['close', 'italic', '</i>'],
    ]);
    expect(blocks[0]!.context).toBe('cues at lines 2–6');
    expect(blocks[1]!.tags.map((t) => t.data)).toEqual(['{\\an8}']);
    const webvtt = await vtt.read(bytes(VTT), 'a.vtt');
    expect(webvtt.map((b) => b.text)).toEqual(['Svetlana Tihanovska pirmdien tikās ar Eiropas Savienības & NATO ministriem.']);
  });

  it('write the file back byte for byte where the text comes back as it was', async () => {
    expect(await rewrite(srt, SRT)).toBe(SRT);
    expect(await rewrite(vtt, VTT)).toBe(VTT);
    const crlf = SRT.replace(/\n/g, '\r\n');
    expect(await rewrite(srt, crlf)).toBe(crlf);
  });

  it('refuse broken timings with the line and a hint', async () => {
    const cases = [
      [srt, '1\n00:00:01,000 -> 00:00:02,000\nTeksts.\n', 1, /is not a cue/],
      [srt, '1\n00:00:05,000 --> 00:00:02,000\nTeksts.\n', 2, /the cue ends .* before it starts/],
      [srt, '1\n00:00:01,000 --> 00:00:02,000\nTeksts.\n\nx\n00:00:03,000 --> 00:00:04,000\nOtrs.\n', 5, /"x" is not a cue number/],
      [srt, '1\n00:61:01,000 --> 00:00:02,000\nTeksts.\n', 2, /is not a cue timing/],
      [vtt, '00:01.000 --> 00:02.000\nTeksts.\n', 1, /first line is not "WEBVTT"/],
      [vtt, 'WEBVTT\n\n00:01.000 --> 00:02\nTeksts.\n', 3, /is not a cue timing/],
    ] as const;
    for (const [format, text, line, message] of cases) {
      const error = await format.read(bytes(text), 'bad').catch((e: unknown) => e);
      expect(error, text).toMatchObject({ code: 'SUBTITLE_TIMING_INVALID', exitCode: 27, message, location: { file: 'bad', line } });
    }
  });
});

describe('subtitles through the pipeline (toy model)', () => {
  let lv2en: Lv2en;
  let dir: string;
  let english: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lv2en-srt-'));
    await writeFile(join(dir, 'talk.srt'), SRT);
    await writeFile(join(dir, 'talk2.vtt'), VTT);
    lv2en = await createLv2en({ model: 'toy', memory: false });
    await lv2en.translateFiles([join(dir, 'talk.srt'), join(dir, 'talk2.vtt')], { outDir: join(dir, 'out') });
    english = await readFile(join(dir, 'out', 'talk.en.srt'), 'utf8');
  });
  afterAll(() => lv2en.close());

  it('keeps every cue and its timing, and gives each cue its part of the English', () => {
    expect(timings(english)).toEqual(timings(SRT));
    const cues = english.trim().split(/\n\n/);
    expect(cues).toHaveLength(4);
    for (const cue of cues) expect(cue.split('\n').slice(2).join(' ').trim()).not.toBe('');
    const sentence = cues
      .slice(0, 2)
      .map((c) => c.split('\n').slice(2).join(' '))
      .join(' ');
    expect(sentence.replace(/<\/?i>/g, '')).toMatch(/Tsikhanouskaya .*European Union/);
    expect(sentence).toContain('<i>European Union</i>');
    expect(cues[2]).toContain('{\\an8}She urged');
    expect(cues[3]).toBe('4\n00:00:09,500 --> 00:00:10,000\n♪ ♪');
  });

  it('keeps WebVTT headers, notes, styles, identifiers and settings', async () => {
    const webvtt = await readFile(join(dir, 'out', 'talk2.en.vtt'), 'utf8');
    expect(
      webvtt.startsWith(
        'WEBVTT - opozīcija\n\nNOTE Šis ir komentārs, ko netulko.\n\nSTYLE\n::cue { color: yellow }\n\nintro\n00:01.000 --> 00:03.500 position:10% align:start\n',
      ),
    ).toBe(true);
    expect(timings(webvtt)).toEqual(timings(VTT));
    expect(webvtt).toContain('&amp;');
  });

  it('fails on a broken timing with its own exit status and writes nothing', async () => {
    await writeFile(join(dir, 'bad.srt'), '1\n00:00:05,000 --> 00:00:02,000\nTeksts.\n');
    const error = await lv2en.translateFile(join(dir, 'bad.srt'), { outDir: join(dir, 'bad-out') }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SUBTITLE_TIMING_INVALID', exitCode: 27 });
    expect(existsSync(join(dir, 'bad-out'))).toBe(false);
  });
});
