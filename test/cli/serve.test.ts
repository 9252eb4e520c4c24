import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { json } from '../serve/helpers.js';

// The CLI as users run it: the built bin (npm test builds it first).
const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

function start(args: string[]) {
  const child = spawn(process.execPath, [cli, 'serve', '--model', 'toy', '--no-memory', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const url = new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const line = /^(http:\/\/\S+)\n/.exec(stdout);
      if (line) resolve(line[1]!);
    });
    child.once('exit', (code) => reject(new Error(`lv2en serve exited ${code}: ${stderr}`)));
  });
  url.catch(() => {});
  return { child, url, stderr: () => stderr };
}

describe('lv2en serve', () => {
  it('answers the issue’s request, and on SIGTERM finishes the request in flight before it exits 0', async () => {
    const server = start([]);
    const url = await server.url;
    const response = await fetch(`${url}/translate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ q: 'Tihanovska aicina Eiropu neatzīt Lukašenko uzvaru', source: 'lv', target: 'en' }),
    });
    expect((await json(response)).translatedText).toBe('Tsikhanouskaya urges Europe not to recognise Lukashenko victory');

    // A request whose body is half sent when SIGTERM arrives: in flight, so it is answered before the server stops.
    const body = JSON.stringify({ q: 'Lukašenko uzvarēja vēlēšanās.', source: 'lv', target: 'en' });
    const socket = connect(Number(new URL(url).port), '127.0.0.1');
    await once(socket, 'connect');
    const socketClosed = once(socket, 'close');
    let reply = '';
    socket.on('data', (chunk) => (reply += chunk));
    socket.write(
      `POST /translate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
    );
    socket.write(body.slice(0, 10));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const exited = once(server.child, 'exit');
    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    socket.write(body.slice(10));
    const [code] = await exited;
    await socketClosed;
    expect(reply).toMatch(/^HTTP\/1\.1 200/);
    expect(reply).toContain('"translatedText":"Lukashenko');
    expect(code).toBe(0);
    expect(server.stderr()).toMatch(/stopping: finishing the requests in flight…\n.*stopped/s);
  }, 60_000);

  it('refuses a non-loopback --host without --token-file, naming what to do', async () => {
    const server = start(['--host', '0.0.0.0']);
    const [code] = await once(server.child, 'exit');
    expect(code).toBe(2);
    expect(server.stderr()).toMatch(
      /^lv2en: --host 0\.0\.0\.0 would let other machines translate and review without a token\. Give a --token-file/,
    );
  });
});
