import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLv2en } from '../../src/index.js';
import type { RunningServer } from '../../src/serve/index.js';
import { latvianSentences } from '../decode/helpers.js';
import { DEMO, example, form, json, libreClient, post, startServer } from './helpers.js';

let server: RunningServer;
let url: string;

beforeAll(async () => {
  // No memory: every answer below is decoded, so sharing batches is what is tested, not the cache.
  server = await startServer({ session: { memory: false } });
  url = server.url;
});

afterAll(() => server?.close());

describe('LibreTranslate API', () => {
  it('translates the issue’s sentence, JSON in and out, with lv2en’s verdict under its own key', async () => {
    const response = await post(`${url}/translate`, { q: DEMO.q, source: 'lv', target: 'en' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await json(response);
    expect(body.translatedText).toBe(DEMO.translatedText);
    expect(Object.keys(body)).toEqual(['translatedText', 'lv2en']);
    const [segment] = body.lv2en.segments;
    expect(segment.glossary.map((h: { target: string; status: string }) => [h.target, h.status])).toEqual([
      ['Tsikhanouskaya', 'enforced'],
      ['Lukashenko', 'found'],
    ]);
  });

  it('takes form data as LibreTranslate’s own tests send it, and repeated q as an array', async () => {
    const one = await json(await form(`${url}/translate`, { q: DEMO.q, source: 'lv', target: 'en' }));
    expect(one.translatedText).toBe(DEMO.translatedText);
    const two = await json(await form(`${url}/translate`, { q: [DEMO.q, 'Lukašenko uzvarēja.'], source: 'lv', target: 'en' }));
    expect(two.translatedText).toEqual([DEMO.translatedText, expect.any(String)]);
    expect(two.lv2en).toHaveLength(2);
  });

  it('answers a real LibreTranslate client from npm (translate, engine libre) the same', async () => {
    const client = libreClient(url, 'lv');
    expect(await client(DEMO.q, 'en')).toBe(DEMO.translatedText);
    // The client reports a refusal with the server's message.
    const german = libreClient(url, 'de');
    await expect(german('Guten Tag', 'en')).rejects.toThrow('de is not supported');
  });

  it('keeps the text’s layout: paragraphs and line breaks of q come back in place', async () => {
    const q = 'Lukašenko uzvarēja.\n\nTihanovska aicina Eiropu.\nBeigas.';
    const body = await json(await post(`${url}/translate`, { q, source: 'lv', target: 'en' }));
    expect(body.translatedText.split('\n').length).toBe(q.split('\n').length);
    expect(body.lv2en.segments).toHaveLength(3);
    const [a, b, c] = body.lv2en.segments.map((s: { target: string }) => s.target);
    expect(body.translatedText).toBe(`${a}\n\n${b}\n${c}`);
  });

  it('returns alternatives from the beam’s next hypotheses, each glossary-checked, none equal to the main one', async () => {
    const body = await json(await post(`${url}/translate`, { q: DEMO.q, source: 'lv', target: 'en', alternatives: 3 }));
    expect(body.translatedText).toBe(DEMO.translatedText);
    expect(body.alternatives.length).toBeGreaterThan(0);
    expect(body.alternatives.length).toBeLessThanOrEqual(3);
    expect(body.alternatives).not.toContain(DEMO.translatedText);
    expect(new Set(body.alternatives).size).toBe(body.alternatives.length);
    // The toy's n-best renders the name wrongly (Tikhanovskaya); the glossary repairs it in every alternative.
    for (const [k, alternative] of body.lv2en.alternatives.entries()) {
      const [segment] = alternative.segments;
      expect(segment.target).toBe(body.alternatives[k]);
      expect(segment.target).toContain('Tsikhanouskaya');
      expect(segment.target).not.toContain('Tikhanovskaya');
      expect(segment.glossary.find((h: { target: string }) => h.target === 'Tsikhanouskaya').status).toMatch(/found|repaired/);
    }
    // Form data sends the count as text; arrays get one list per text.
    const many = await json(await form(`${url}/translate`, { q: [DEMO.q, DEMO.q], source: 'lv', target: 'en', alternatives: '2' }));
    expect(many.alternatives).toHaveLength(2);
    expect(many.alternatives[0].length).toBeGreaterThan(0);
    expect(many.alternatives[0].length).toBeLessThanOrEqual(2);
    expect(many.alternatives[1]).toEqual(many.alternatives[0]);
  });

  it('detects Latvian with source auto and refuses other languages with LibreTranslate’s error shape', async () => {
    const body = await json(await post(`${url}/translate`, { q: DEMO.q, source: 'auto', target: 'en' }));
    expect(body.translatedText).toBe(DEMO.translatedText);
    expect(body.detectedLanguage).toEqual({ language: 'lv', confidence: expect.any(Number) });
    const lithuanian = await post(`${url}/translate`, {
      q: 'Vyriausybė antradienį patvirtino kitų metų biudžeto projektą.',
      source: 'auto',
      target: 'en',
    });
    expect(lithuanian.status).toBe(400);
    const error = await json(lithuanian);
    expect(error.error).toMatch(/looks like lt .*not Latvian/);
    expect(error.detectedLanguage.language).toBe('lt');
    const detect = await json(await post(`${url}/detect`, { q: 'Valdība otrdien apstiprināja nākamā gada budžeta projektu.' }));
    expect(detect[0]).toEqual({ language: 'lv', confidence: expect.any(Number) });
    expect(detect[0].confidence).toBeGreaterThan(0);
    expect(detect[0].confidence).toBeLessThanOrEqual(100);
  });

  it('refuses what it cannot do with a clear 400: other languages, other formats, too many alternatives', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ q: 'x', source: 'de', target: 'en' }, /^de is not supported/],
      [{ q: 'x', source: 'lv', target: 'fr' }, /^fr is not supported/],
      [{ q: 'x', source: 'lv', target: 'en', format: 'docx' }, /docx format is not supported/],
      [{ q: 'x', source: 'lv', target: 'en', alternatives: 99 }, /alternatives parameter must be <= 4/],
      [{ q: '', source: 'lv', target: 'en' }, /missing q parameter/],
    ];
    for (const [body, message] of cases) {
      const response = await post(`${url}/translate`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await json(response)).error).toMatch(message);
    }
  });

  it('translates format html through the web page reader: the markup kept, the English in place', async () => {
    const q = '<p>Tihanovska aicina <b>Eiropu</b> neatzīt Lukašenko uzvaru</p>\n<p>Lukašenko uzvarēja.</p>';
    const body = await json(await post(`${url}/translate`, { q, source: 'lv', target: 'en', format: 'html' }));
    // Where the bold lands is the tag placer's call; the markup and the English around it are the server's.
    expect(body.translatedText).toMatch(/^<p>[^<]*<b>[^<]+<\/b>[^<]*<\/p>\n<p>[^<]+<\/p>$/);
    expect(body.translatedText.replace(/<[^>]+>/g, '')).toBe(`${DEMO.translatedText}\n${body.lv2en.segments[1].target}`);
    expect(body.lv2en.segments.map((s: { source: string }) => s.source)).toEqual([
      'Tihanovska aicina Eiropu neatzīt Lukašenko uzvaru',
      'Lukašenko uzvarēja.',
    ]);
  });

  it('lists its languages and frontend settings as LibreTranslate does', async () => {
    expect(await json(await fetch(`${url}/languages`))).toEqual([
      { code: 'lv', name: 'Latvian', targets: ['en'] },
      { code: 'en', name: 'English', targets: [] },
    ]);
    const settings = await json(await fetch(`${url}/frontend/settings`));
    expect(settings).toMatchObject({
      apiKeys: false,
      keyRequired: false,
      filesTranslation: true,
      supportedFilesFormat: expect.arrayContaining(['.txt', '.html', '.md', '.srt', '.vtt']),
      language: { source: { code: 'lv' }, target: { code: 'en' } },
    });
  });

  it('translates an uploaded text file or document and serves the translation at the URL it returns; other formats get a 400 naming what lv2en reads', async () => {
    const text = await readFile(example, 'utf8');
    const upload = new FormData();
    upload.append('source', 'lv');
    upload.append('target', 'en');
    upload.append('file', new Blob([text]), 'belarus.lv.txt');
    const response = await fetch(`${url}/translate_file`, { method: 'POST', body: upload });
    expect(response.status).toBe(200);
    const { translatedFileUrl, lv2en } = await json(response);
    expect(translatedFileUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/download_file\/[0-9a-f-]{36}\.belarus\.en\.txt$/);
    expect(lv2en.name).toBe('belarus.en.txt');
    const file = await fetch(translatedFileUrl);
    expect(file.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''belarus.en.txt");
    await using session = await createLv2en({ model: 'toy', memory: false });
    expect(await file.text()).toBe((await session.translateQuery(text)).translatedText);

    const pdf = new FormData();
    pdf.append('source', 'lv');
    pdf.append('target', 'en');
    pdf.append('file', new Blob(['%PDF-1.7']), 'report.pdf');
    const refused = await fetch(`${url}/translate_file`, { method: 'POST', body: pdf });
    expect(refused.status).toBe(400);
    const refusal = await json(refused);
    expect(refusal.error).toBe('.pdf files are not a format lv2en reads');
    expect(refusal.hint).toMatch(
      /^lv2en reads plain UTF-8 text \(\.txt\), web page \(\.html, \.htm, \.xhtml\), Markdown file \(\.md, \.markdown\)/,
    );

    // A document comes back as the same kind of document, in English.
    const page = new FormData();
    page.append('source', 'lv');
    page.append('target', 'en');
    page.append('file', new Blob([`<!DOCTYPE html><html><body><h1>${DEMO.q}</h1></body></html>`]), 'zinas.lv.html');
    const { translatedFileUrl: pageUrl } = await json(await fetch(`${url}/translate_file`, { method: 'POST', body: page }));
    expect(pageUrl).toMatch(/\.zinas\.en\.html$/);
    const translatedPage = await fetch(pageUrl);
    expect(translatedPage.headers.get('content-type')).toMatch(/^text\/html/);
    expect(translatedPage.headers.get('content-security-policy')).toMatch(/sandbox/);
    expect(await translatedPage.text()).toContain(`<h1>${DEMO.translatedText}</h1>`);
  });

  it('shares model batches among 60 requests in flight, each answered as it is alone', async () => {
    const sentences = [...new Set(latvianSentences(60))];
    await using alone = await createLv2en({ model: 'toy', memory: false });
    const expected: string[] = [];
    for (const q of sentences) expected.push((await alone.translateQuery(q)).translatedText);
    const calls = async () =>
      (await metric(url, 'lv2en_model_calls_total{kind="plain"}')) + (await metric(url, 'lv2en_model_calls_total{kind="constrained"}'));
    const [callsBefore, sentencesBefore] = [await calls(), await metric(url, 'lv2en_sentences_total')];
    const answers = await Promise.all(
      sentences.map(async (q) => (await json(await post(`${url}/translate`, { q, source: 'lv', target: 'en' }))).translatedText),
    );
    // Glossary enforcement included: constrained decoding shares batches too, and a sentence decodes in one as alone.
    expect(answers).toEqual(expected);
    const made = (await calls()) - callsBefore;
    // 60 requests, far fewer model calls: the queue decodes the requests that wait together.
    expect(made).toBeGreaterThan(0);
    expect(made).toBeLessThan(sentences.length / 3);
    expect((await metric(url, 'lv2en_sentences_total')) - sentencesBefore).toBe(sentences.length);
  });

  it('reports health and Prometheus metrics', async () => {
    expect(await json(await fetch(`${url}/health`))).toMatchObject({ status: 'ok', model: 'toy', fixture: true, queue: { calls: 0 } });
    const text = await (await fetch(`${url}/metrics`)).text();
    for (const name of [
      'lv2en_http_requests_total',
      'lv2en_sentences_total',
      'lv2en_model_source_tokens_total',
      'lv2en_queue_depth',
      'lv2en_model_call_duration_seconds_bucket',
    ])
      expect(text).toContain(name);
  });
});

async function metric(base: string, name: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
}

describe('a text file through the upload', () => {
  it('is read as translate reads it: BOM, CR LF and invalid UTF-8 handled the same', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lv2en-upload-'));
    await writeFile(join(dir, 'bad.txt'), Buffer.from([0x4c, 0x61, 0xee, 0x0a]));
    const upload = new FormData();
    upload.append('source', 'lv');
    upload.append('target', 'en');
    upload.append('file', new Blob([await readFile(join(dir, 'bad.txt'))]), 'bad.txt');
    const response = await fetch(`${url}/translate_file`, { method: 'POST', body: upload });
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({ code: 'INPUT_BAD_ENCODING', error: 'invalid UTF-8 (byte 0xee)' });
  });
});
