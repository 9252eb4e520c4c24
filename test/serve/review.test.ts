import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLv2en, type Segment } from '../../src/index.js';
import { jobsFolder, startServer, json } from './helpers.js';

const corrected = 'Officially, he won 80.1% of the vote, while Tsikhanouskaya was credited with only 10.1%.';
const lacksTerm = 'Officially, he won 80.1% of the vote, while the opposition leader got 10.1%.';

let memory: string;
let root: string;
let outDir: string;
let segments: Segment[];
let server: Awaited<ReturnType<typeof startServer>>;
let api: string;

interface Wire {
  id: string;
  version: number;
  state: string;
  target: string;
  glossary: { target: string; status: string }[];
  flags: { name: string; detail: string | null }[];
}

const save = (id: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${api}/segments/${id}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const current = async (id: string): Promise<Wire> =>
  ((await json(await fetch(`${api}/segments`))).segments as Wire[]).find((s) => s.id === id)!;
const flagNames = (s: Wire) => s.flags.map((f) => f.name);

/** The next server-sent event of `type` on a stream opened now. */
async function nextEvent(type: string): Promise<{ ready: Promise<void>; event: Promise<unknown> }> {
  const response = await fetch(`${api}/events`);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let helloSeen: () => void = () => {};
  const ready = new Promise<void>((resolve) => (helloSeen = resolve));
  const event = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += decoder.decode(value, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const name = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (name === 'hello') helloSeen();
        if (name === type) {
          await reader.cancel();
          return JSON.parse(data!);
        }
      }
    }
  })();
  return { ready, event };
}

beforeAll(async () => {
  memory = join(await mkdtemp(join(tmpdir(), 'lv2en-review-memory-')), 'translations.sqlite');
  ({ root, outDir, segments } = await jobsFolder('belarus', memory));
  server = await startServer({ jobs: root, session: { memory } });
  api = `${server.url}/api/jobs/${encodeURIComponent('out/belarus')}`;
});

afterAll(() => server?.close());

describe('the live review API', () => {
  it('lists the job and every segment, todo at version 0', async () => {
    const body = await json(await fetch(`${api}/segments`));
    expect(body.document).toBe('belarus');
    expect(body.segments.map((s: Wire) => s.id)).toEqual(segments.map((s) => s.id));
    expect(body.segments.every((s: Wire) => s.version === 0 && s.state === 'todo')).toBe(true);
    expect(body.counts).toEqual({ todo: segments.filter((s) => s.kind === 'sentence').length, edited: 0, approved: 0 });
  });

  it('saves an edit to the memory at once and answers with the glossary and QA verdict, seen by other reviewers', async () => {
    const flagged = segments.find((s) => s.source.includes('80,1%'))!;
    expect(flagged.flags.some((f) => f.startsWith('number-format'))).toBe(true);
    const watcher = await nextEvent('saved');
    await watcher.ready;
    const response = await save(flagged.id, { version: 0, state: 'approved', target: corrected });
    expect(response.status).toBe(200);
    const [saved] = (await json(response)).segments as Wire[];
    expect(saved).toMatchObject({ id: flagged.id, version: 1, state: 'approved', target: corrected });
    expect(flagNames(saved!)).toContain('tm:reviewed');
    expect(flagNames(saved!)).not.toContain('number-format');
    expect(saved!.glossary.find((h) => h.target === 'Tsikhanouskaya')?.status).toBe('found');
    // The other reviewer's stream gets the same segment.
    expect(((await watcher.event) as { segments: Wire[] }).segments[0]).toMatchObject({ id: flagged.id, version: 1, target: corrected });
    // In the memory now: a session on it gives the reviewed translation for the same sentence.
    await using session = await createLv2en({ model: 'toy', memory });
    const [again] = await session.translateText(flagged.source);
    expect(again).toMatchObject({ target: corrected, flags: expect.arrayContaining(['tm:reviewed']) });
  });

  it('flags an edit that drops a glossary term, without rewriting it', async () => {
    const flagged = segments.find((s) => s.source.includes('80,1%'))!;
    const response = await save(flagged.id, { version: 1, state: 'edited', target: lacksTerm });
    const [saved] = (await json(response)).segments as Wire[];
    expect(saved).toMatchObject({ version: 2, state: 'edited', target: lacksTerm });
    expect(flagNames(saved!)).toContain('glossary-missing');
    expect(saved!.glossary.find((h) => h.target === 'Tsikhanouskaya')?.status).toBe('missing');
  });

  it('refuses a save made on an old version with a 409 and the current text, writing nothing', async () => {
    const flagged = segments.find((s) => s.source.includes('80,1%'))!;
    const stale = await save(flagged.id, { version: 1, state: 'approved', target: 'A stale edit.' });
    expect(stale.status).toBe(409);
    const body = await json(stale);
    expect(body.error).toMatch(/saved by someone else first/);
    expect(body.current).toMatchObject({ id: flagged.id, version: 2, target: lacksTerm });
    expect((await current(flagged.id)).target).toBe(lacksTerm);
  });

  it('checks what a save may say', async () => {
    const sentence = segments.find((s) => s.kind === 'sentence' && !s.source.includes('80,1%'))!;
    const boilerplate = segments.find((s) => s.kind === 'boilerplate')!;
    expect((await save(sentence.id, { version: 0, state: 'approved', target: '   ' })).status).toBe(400);
    expect((await save(sentence.id, { version: 0, state: 'todo', target: 'not the machine text' })).status).toBe(400);
    expect((await save(sentence.id, { version: 0, state: 'done' })).status).toBe(400);
    expect((await save(sentence.id, { version: -1, state: 'todo' })).status).toBe(400);
    expect((await save(boilerplate.id, { version: 0, state: 'approved', target: 'x' })).status).toBe(400);
    expect((await save('9999', { version: 0, state: 'approved', target: 'x' })).status).toBe(404);
  });

  it('re-exports the outputs from the reviewed state through the commit protocol', async () => {
    const flagged = segments.find((s) => s.source.includes('80,1%'))!;
    expect((await save(flagged.id, { version: 2, state: 'approved', target: corrected })).status).toBe(200);
    const manifestBefore = JSON.parse(await readFile(join(outDir, '.lv2en', 'belarus', 'manifest.json'), 'utf8'));
    const response = await fetch(`${api}/reexport`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(((await json(response)).outputs as string[]).sort()).toEqual(
      ['belarus.jsonl', 'belarus.tsv', 'belarus.en.txt', 'belarus.html', 'belarus.xlf', 'belarus.tmx', 'belarus.provenance.json'].sort(),
    );
    const jsonl = (await readFile(join(outDir, 'belarus.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Segment);
    const record = jsonl.find((s) => s.id === flagged.id)!;
    expect(record.target).toBe(corrected);
    expect(record.flags).toContain('tm:reviewed');
    expect(record.flags.some((f) => f.startsWith('number-format'))).toBe(false);
    expect(record.glossary.find((h) => h.target === 'Tsikhanouskaya')?.status).toBe('found');
    // Every other segment as the run wrote it; the English text and the XLIFF carry the edit too.
    expect(jsonl.filter((s) => s.id !== flagged.id).map((s) => s.target)).toEqual(
      segments.filter((s) => s.id !== flagged.id).map((s) => s.target),
    );
    expect(await readFile(join(outDir, 'belarus.en.txt'), 'utf8')).toContain(corrected);
    expect(await readFile(join(outDir, 'belarus.xlf'), 'utf8')).toContain('state="reviewed"');
    const manifest = JSON.parse(await readFile(join(outDir, '.lv2en', 'belarus', 'manifest.json'), 'utf8'));
    expect(manifest.stages.translate.key).not.toBe(manifestBefore.stages.translate.key);
    expect(manifest.stages.segment.key).toBe(manifestBefore.stages.segment.key);
  });

  it('sets a segment back to todo: the machine text again, and out of the memory', async () => {
    const flagged = segments.find((s) => s.source.includes('80,1%'))!;
    const { version } = await current(flagged.id);
    const [saved] = (await json(await save(flagged.id, { version, state: 'todo' }))).segments as Wire[];
    expect(saved).toMatchObject({ state: 'todo', target: flagged.target });
    await using session = await createLv2en({ model: 'toy', memory });
    const [again] = await session.translateText(flagged.source);
    expect(again!.flags).not.toContain('tm:reviewed');
  });

  it('keeps the review state across a restart of the server', async () => {
    const sentence = segments.find((s) => s.kind === 'sentence' && s.id !== segments.find((x) => x.source.includes('80,1%'))!.id)!;
    expect((await save(sentence.id, { version: 0, state: 'approved', target: sentence.target })).status).toBe(200);
    await using again = await startServer({ jobs: root, session: { memory } });
    const state = ((await json(await fetch(`${again.url}/api/jobs/out%2Fbelarus/segments`))).segments as Wire[]).find(
      (s) => s.id === sentence.id,
    );
    expect(state).toMatchObject({ version: 1, state: 'approved' });
  });
});
