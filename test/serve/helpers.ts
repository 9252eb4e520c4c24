import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Translate } from 'translate';
import { createLv2en, type Segment } from '../../src/index.js';
import { type RunningServer, type ServeOptions, serve } from '../../src/serve/index.js';

export const example = fileURLToPath(new URL('../../examples/belarus-2020-09.lv.txt', import.meta.url));
export const hostile = fileURLToPath(new URL('../fixtures/review/hostile.lv.txt', import.meta.url));

/** The sentence and the answer the issue names, on the toy model. */
export const DEMO = {
  q: 'Tihanovska aicina Eiropu neatzīt Lukašenko uzvaru',
  translatedText: 'Tsikhanouskaya urges Europe not to recognise Lukashenko victory',
};

/** A real server on a free port over a toy-model session with its own memory. */
export async function startServer(options: ServeOptions = {}): Promise<RunningServer & { memory: string }> {
  const memory = join(await mkdtemp(join(tmpdir(), 'lv2en-serve-memory-')), 'translations.sqlite');
  const server = await serve({ port: 0, ...options, session: { model: 'toy', memory, ...options.session } });
  return Object.assign(server, { memory });
}

/** A response's JSON body, for assertions to check (whatever its shape). */
// biome-ignore lint/suspicious/noExplicitAny: the tests assert the shape themselves
export const json = (response: Response): Promise<any> => response.json();

export const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

export const form = (url: string, fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v);
  return fetch(url, { method: 'POST', body });
};

/**
 * A jobs folder with one translated document (the example article plus the
 * hostile fixture, as the static page's browser test has it), written by a
 * session of its own with the given memory.
 */
export async function jobsFolder(
  name: string,
  memory: string,
  formats = ['jsonl', 'tsv', 'txt', 'html', 'xlf', 'tmx'],
): Promise<{
  root: string;
  outDir: string;
  segments: Segment[];
}> {
  const root = await mkdtemp(join(tmpdir(), 'lv2en-jobs-'));
  const outDir = join(root, 'out');
  const input = join(root, `${name}.lv.txt`);
  // Page furniture too, which is never reviewed.
  await writeFile(input, `${await readFile(example, 'utf8')}\n${await readFile(hostile, 'utf8')}\n\n20 Foto\n`);
  await using lv2en = await createLv2en({ model: 'toy', memory, formats });
  const { segments } = await lv2en.translateFile(input, { outDir });
  return { root, outDir, segments };
}

/** The npm LibreTranslate client (`translate`, its libre engine) pointed at a server's /translate (its types lack `url`). */
export const libreClient = (url: string, from: string, key?: string) =>
  Translate({ engine: 'libre', url: `${url}/translate`, from, ...(key ? { key } : {}) } as Parameters<typeof Translate>[0]);
