import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listJobFolders } from '../../src/index.js';
import { serve, TokenSet } from '../../src/serve/index.js';
import { DEMO, form, jobsFolder, json, libreClient, post, startServer } from './helpers.js';

const TOKENS = 'alice 0123456789abcdef0123456789abcdef\nbob fedcba9876543210fedcba9876543210\n';
const ALICE = '0123456789abcdef0123456789abcdef';
const BOB = 'fedcba9876543210fedcba9876543210';

async function tokenFile(): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'lv2en-tokens-')), 'tokens.txt');
  await writeFile(path, TOKENS);
  return path;
}

/** A raw HTTP exchange: what the server sends back until it closes the connection (bounded by `limitMs`). */
function rawExchange(
  port: number,
  write: (send: (text: string) => void) => void,
  limitMs = 15_000,
): Promise<{ reply: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ reply, closed: false });
    }, limitMs);
    socket.on('data', (chunk) => (reply += chunk.toString('latin1')));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ reply, closed: true });
    });
    socket.on('error', () => {});
    socket.on('connect', () => write((text) => socket.write(text)));
  });
}

describe('binding and tokens', () => {
  it('refuses a non-loopback --host without a token file', async () => {
    await expect(serve({ host: '0.0.0.0', port: 0, session: { model: 'toy', memory: false } })).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('--host 0.0.0.0'),
    });
    await expect(serve({ host: '192.168.1.1', port: 0, session: { model: 'toy', memory: false } })).rejects.toThrow(/token/);
  });

  it('compares tokens by digest in constant time and names the one that matched', () => {
    const tokens = TokenSet.parse(TOKENS);
    expect(tokens.check(ALICE)).toBe('alice');
    expect(tokens.check(BOB)).toBe('bob');
    for (const wrong of [ALICE.slice(0, -1), `${ALICE}0`, ALICE.toUpperCase(), '', undefined]) expect(tokens.check(wrong)).toBeNull();
    expect(() => TokenSet.parse('short')).toThrow(/shorter than 16/);
    expect(() => TokenSet.parse('# nothing\n')).toThrow(/no token/);
    expect(() => TokenSet.parse(`a ${ALICE}\na ${BOB}`)).toThrow(/used twice/);
  });
});

describe('a server with tokens', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer({ tokenFile: await tokenFile(), limits: { requestsPerMinute: 5 }, session: { memory: false } });
  });
  afterAll(() => server?.close());

  it('wants a token on translation routes: missing 400, wrong 403, right 200, in the body, as Bearer or in form data', async () => {
    const url = `${server.url}/translate`;
    const missing = await post(url, { q: 'Labdien', source: 'lv', target: 'en' });
    expect(missing.status).toBe(400);
    expect((await json(missing)).error).toMatch(/needs an API key/);
    const wrong = await post(url, { q: 'Labdien', source: 'lv', target: 'en', api_key: `${ALICE}x` });
    expect(wrong.status).toBe(403);
    expect(await json(wrong)).toMatchObject({ error: 'Invalid API key' });
    expect((await post(url, { q: DEMO.q, source: 'lv', target: 'en', api_key: ALICE })).status).toBe(200);
    expect((await post(url, { q: DEMO.q, source: 'lv', target: 'en' }, { authorization: `Bearer ${BOB}` })).status).toBe(200);
    expect((await form(url, { q: DEMO.q, source: 'lv', target: 'en', api_key: BOB })).status).toBe(200);
    // The npm client sends api_key as LibreTranslate wants it.
    const client = libreClient(server.url, 'lv', BOB);
    expect(await client(DEMO.q, 'en')).toBe(DEMO.translatedText);
    // Languages, settings and health stay open, as on LibreTranslate; metrics do not.
    expect((await fetch(`${server.url}/languages`)).status).toBe(200);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(400);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${ALICE}` } })).status).toBe(200);
  });

  it('limits each token’s requests per minute with a 429, other tokens unaffected', async () => {
    const url = `${server.url}/detect`;
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await post(url, { q: 'Labdien, Rīga!', api_key: ALICE })).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    const limited = await post(url, { q: 'Labdien, Rīga!', api_key: ALICE });
    expect(limited.status).toBe(429);
    expect((await json(limited)).error).toMatch(/^Slowdown: 5 requests per minute/);
    expect((await post(url, { q: 'Labdien, Rīga!', api_key: BOB })).status).toBe(200);
  });
});

describe('bad requests', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer({
      session: { memory: false },
      cors: ['https://cat.example.org'],
      limits: { bodyBytes: 64 * 1024, charsPerText: 2000, textsPerRequest: 8, requestTimeoutMs: 1500, headersTimeoutMs: 1000 },
    });
  });
  afterAll(() => server?.close());

  const translate = (body: string, contentType = 'application/json') =>
    fetch(`${server.url}/translate`, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('answers each with its status and a JSON error, and keeps serving', async () => {
    const cases: [string, string, number, RegExp][] = [
      ['malformed JSON', '{"q": "Labdien", ', 400, /JSON/],
      ['q of the wrong type', JSON.stringify({ q: 5, source: 'lv', target: 'en' }), 400, /q/],
      ['an unknown field', JSON.stringify({ q: 'Labdien', source: 'lv', target: 'en', colour: 'red' }), 400, /additional properties/],
      ['no source', JSON.stringify({ q: 'Labdien', target: 'en' }), 400, /source/],
      ['q too long', JSON.stringify({ q: 'a'.repeat(2001), source: 'lv', target: 'en' }), 400, /2000/],
      ['too many texts', JSON.stringify({ q: Array(9).fill('Labdien'), source: 'lv', target: 'en' }), 400, /8/],
      ['a body over the limit', JSON.stringify({ q: 'a'.repeat(70_000), source: 'lv', target: 'en' }), 413, /too large/i],
      ['an array body', '[1, 2]', 400, /object/],
      ['a prototype key', '{"__proto__": {"x": 1}, "q": "Labdien", "source": "lv", "target": "en"}', 400, /./],
    ];
    for (const [what, body, status, message] of cases) {
      const response = await translate(body);
      expect(response.status, what).toBe(status);
      expect(response.headers.get('content-type'), what).toMatch(/^application\/json/);
      expect((await json(response)).error, what).toMatch(message);
    }
    const xml = await translate('<q>Labdien</q>', 'application/xml');
    expect(xml.status).toBe(415);
    expect(await json(xml)).toHaveProperty('error');
    expect((await fetch(`${server.url}/nowhere`)).status).toBe(404);
    expect((await post(`${server.url}/translate`, { q: DEMO.q, source: 'lv', target: 'en' })).status).toBe(200);
  });

  it('cuts off a client that sends its body too slowly (slowloris) with a 408, and keeps serving', async () => {
    const slowBody = await rawExchange(server.port, (send) => {
      send('POST /translate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"q": "');
      const drip = setInterval(() => send('a'), 200);
      setTimeout(() => clearInterval(drip), 12_000);
    });
    expect(slowBody.closed).toBe(true);
    expect(slowBody.reply).toMatch(/^HTTP\/1\.1 408/);
    const slowHeaders = await rawExchange(server.port, (send) => {
      send('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      const drip = setInterval(() => send('X-Slow: 1\r\n'), 200);
      setTimeout(() => clearInterval(drip), 12_000);
    });
    expect(slowHeaders.closed).toBe(true);
    expect(slowHeaders.reply).toMatch(/^HTTP\/1\.1 408/);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });

  it('answers only for loopback host names without tokens (no DNS rebinding)', async () => {
    const { reply } = await rawExchange(server.port, (send) =>
      send('GET /languages HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n'),
    );
    expect(reply).toMatch(/^HTTP\/1\.1 403/);
    expect(reply).toContain('only for localhost');
    const local = await rawExchange(server.port, (send) =>
      send('GET /languages HTTP/1.1\r\nHost: localhost:1\r\nConnection: close\r\n\r\n'),
    );
    expect(local.reply).toMatch(/^HTTP\/1\.1 200/);
  });

  it('sends CORS headers to the origins named only, and on the translation API only', async () => {
    const allowed = await post(`${server.url}/translate`, { q: DEMO.q, source: 'lv', target: 'en' }, { origin: 'https://cat.example.org' });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://cat.example.org');
    const other = await post(`${server.url}/translate`, { q: DEMO.q, source: 'lv', target: 'en' }, { origin: 'https://evil.example' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const health = await fetch(`${server.url}/health`, { headers: { origin: 'https://cat.example.org' } });
    expect(health.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('CORS off by default', () => {
  it('sends no CORS header without --cors', async () => {
    await using server = await startServer({ session: { memory: false } });
    const response = await post(
      `${server.url}/translate`,
      { q: DEMO.q, source: 'lv', target: 'en' },
      { origin: 'https://cat.example.org' },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('paths from requests never reach the file system outside --jobs', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let root: string;
  beforeAll(async () => {
    const memory = join(await mkdtemp(join(tmpdir(), 'lv2en-serve-memory-')), 'translations.sqlite');
    ({ root } = await jobsFolder('doc', memory, ['jsonl', 'txt']));
    // Jobs outside the root, reached through symbolic links from inside it, and a manifest that points out.
    const outside = await jobsFolder('secret', memory, ['jsonl', 'txt']);
    await symlink(join(outside.outDir), join(root, 'linked'));
    await symlink(join(outside.outDir, '.lv2en', 'secret'), join(root, 'out', '.lv2en', 'secret'));
    await mkdir(join(root, 'out', '.lv2en', 'evil'), { recursive: true });
    await writeFile(
      join(root, 'out', '.lv2en', 'evil', 'manifest.json'),
      JSON.stringify({
        version: 3,
        document: 'evil',
        stages: { segment: { file: '../../../../../../etc/passwd' }, qa: { file: '/etc/passwd' } },
      }),
    );
    server = await startServer({ jobs: root, session: { memory } });
  });
  afterAll(() => server?.close());

  it('lists only the real job folders inside the root', async () => {
    expect((await listJobFolders(root)).map((job) => job.id)).toEqual(['out/doc', 'out/evil']);
    expect(await json(await fetch(`${server.url}/api/jobs`))).toEqual({
      jobs: [
        { id: 'out/doc', document: 'doc' },
        { id: 'out/evil', document: 'evil' },
      ],
    });
  });

  it('answers 404 to ../, absolute paths, symbolic links, URL-encoded and NUL tricks', async () => {
    const paths = [
      '/review/..%2F..%2F..%2Fetc%2Fpasswd',
      '/review/%2e%2e%2f%2e%2e%2fetc',
      '/review/%2Fetc%2Fpasswd',
      '/review/out%2Fdoc%00',
      '/review/out%2F..%2Fout%2Fdoc',
      '/review/linked%2Fsecret',
      '/review/out%2Fsecret',
      '/api/jobs/..%2F..%2Fetc/segments',
      '/api/jobs/%2Fetc%2Fpasswd/segments',
      '/api/jobs/out%252Fdoc/segments',
      '/api/jobs/out%2Fdoc%00/segments',
      '/download_file/..%2F..%2Fetc%2Fpasswd',
      '/download_file/%2Fetc%2Fpasswd',
    ];
    for (const path of paths) {
      const response = await fetch(`${server.url}${path}`);
      expect([400, 404], path).toContain(response.status);
      const text = await response.text();
      // An error, never a page, a job's segments, a file or /etc/passwd.
      expect(text, path).not.toMatch(/root:|lv2en-data|"segments"|Tihanovska/);
      expect(JSON.parse(text), path).toHaveProperty('error');
    }
    // A manifest pointing out of its folder makes a job that cannot be opened, not a read of /etc/passwd.
    const evil = await fetch(`${server.url}/api/jobs/out%2Fevil/segments`);
    expect(evil.status).toBe(400);
    expect(await evil.text()).not.toContain('root:');
    expect((await fetch(`${server.url}/api/jobs/out%2Fdoc/segments`)).status).toBe(200);
  });

  it('serves review pages with a strict Content-Security-Policy', async () => {
    const page = await fetch(`${server.url}/review/out%2Fdoc`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/script-src 'sha256-[^']+' 'sha256-[^']+'(;|$)/);
    expect(csp).toMatch(/connect-src 'self'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).not.toMatch(/unsafe/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses a save sent from another site', async () => {
    const response = await fetch(`${server.url}/api/jobs/out%2Fdoc/segments/1`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ version: 0, state: 'approved', target: 'x' }),
    });
    expect(response.status).toBe(403);
  });
});
