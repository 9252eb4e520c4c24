import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLv2en, type Segment } from '../../src/index.js';
import { json, startServer } from './helpers.js';

/**
 * The live review of a web page's job: a save carries where the reviewer
 * left the sentence's inline codes, the server checks them (each of the
 * source's once, well nested), stores them with the reviewed translation,
 * and the next run writes the page with the codes there.
 */
const PAGE = `<!DOCTYPE html>
<html lang="lv"><head><meta charset="utf-8"><title>Ziņas</title></head>
<body>
<p>Svetlana <b>Tihanovska</b> pirmdien tikās ar <i>Eiropas Savienības</i> ārlietu ministriem.</p>
</body></html>
`;
const edited = 'Tsikhanouskaya met the EU foreign ministers on Monday.';
const ministers = edited.indexOf('ministers');

let dir: string;
let memory: string;
let sentence: Segment;
let server: Awaited<ReturnType<typeof startServer>>;
let api: string;

const save = (body: unknown) =>
  fetch(`${api}/segments/${sentence.id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
/** The codes of the sentence at the reviewer's places: bold on the first word, italic on "ministers". */
const placed = () => {
  const [b, i] = [sentence.sourceTags![0]!.id, sentence.sourceTags![2]!.id];
  return [
    { kind: 'open', id: b, at: 0 },
    { kind: 'close', id: b, at: 'Tsikhanouskaya'.length },
    { kind: 'open', id: i, at: ministers },
    { kind: 'close', id: i, at: ministers + 'ministers'.length },
  ];
};
const translatePage = async (out: string) => {
  await using lv2en = await createLv2en({ model: 'toy', memory });
  const { segments } = await lv2en.translateFile(join(dir, 'news.html'), { outDir: out });
  return { record: segments.find((s) => s.id === sentence.id)!, page: await readFile(join(out, 'news.en.html'), 'utf8') };
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lv2en-review-codes-'));
  memory = join(dir, 'memory.sqlite');
  await writeFile(join(dir, 'news.html'), PAGE);
  await using lv2en = await createLv2en({ model: 'toy', memory });
  const { segments } = await lv2en.translateFile(join(dir, 'news.html'), { outDir: join(dir, 'out') });
  sentence = segments.find((s) => s.source.startsWith('Svetlana'))!;
  server = await startServer({ jobs: dir, session: { memory } });
  api = `${server.url}/api/jobs/${encodeURIComponent('out/news')}`;
});

afterAll(() => server?.close());

describe('inline codes in the live review', () => {
  it('refuses codes that are lost, doubled, foreign or misnested, saying which', async () => {
    const tags = placed();
    const cases: [unknown[], RegExp][] = [
      [tags.slice(0, 3), /every inline code must be kept: close \S+ missing/],
      [[...tags, tags[0]], /is there twice/],
      [[...tags.slice(0, 3), { kind: 'close', id: 'nope', at: 3 }], /has no close code "nope"/],
      [[tags[0], tags[2], tags[1], { ...tags[3], at: 20 }], /not well nested/],
      [[...tags.slice(0, 3), { ...tags[3], at: 999 }], /not at an offset into the target/],
    ];
    for (const [targetTags, message] of cases) {
      const response = await save({ version: 0, state: 'approved', target: edited, targetTags });
      expect(response.status).toBe(400);
      expect((await json(response)).error).toMatch(message);
    }
    expect((await save({ version: 0, state: 'approved', target: edited, targetTags: [{ kind: 'open', id: 1, at: 0 }] })).status).toBe(400);
  });

  it('stores the codes where the reviewer left them: the answer carries them, the next run writes them there', async () => {
    const response = await save({ version: 0, state: 'approved', target: edited, targetTags: placed() });
    expect(response.status).toBe(200);
    const [saved] = (await json(response)).segments;
    expect(saved).toMatchObject({ version: 1, state: 'approved', target: edited });
    expect(saved.targetTags.map((t: unknown[]) => [t[0], t[2]])).toEqual([
      ['o', 0],
      ['c', 'Tsikhanouskaya'.length],
      ['o', ministers],
      ['c', ministers + 'ministers'.length],
    ]);
    const { record, page } = await translatePage(join(dir, 'again'));
    expect(record).toMatchObject({ target: edited, flags: expect.arrayContaining(['tm:reviewed']) });
    expect(page).toContain('<b>Tsikhanouskaya</b> met the EU foreign <i>ministers</i> on Monday.');
  });

  it('takes a reviewed translation back with its codes: the next run gives the machine translation again', async () => {
    expect((await save({ version: 1, state: 'todo' })).status).toBe(200);
    const { record } = await translatePage(join(dir, 'after-todo'));
    expect(record.target).toBe(sentence.target);
    expect(record.flags).not.toContain('tm:reviewed');
  });
});
