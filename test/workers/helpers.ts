import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';

export const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const fixtureWorker = fileURLToPath(new URL('./fixtures/worker.ts', import.meta.url));
const example = fileURLToPath(new URL('../../examples/belarus-2020-09.lv.txt', import.meta.url));

/** Why the queue tests cannot run here, or null when redis-server is installed. */
export function redisMissing(): string | null {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return null;
  } catch {
    return 'redis-server is not installed (apt-get install redis-server): the BullMQ queue tests are skipped';
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A throwaway redis-server, as the tests' own child process: without
 * persistence, or with an append-only file in `appendOnlyDir` (fsync on every
 * write, so a SIGKILL loses nothing) that a restart on the same port reads back.
 */
export class TestRedis {
  private process: ChildProcess | null = null;

  private constructor(
    readonly port: number,
    private readonly password?: string,
    private readonly appendOnlyDir?: string,
  ) {}

  static async start(options: { password?: string; appendOnlyDir?: string } = {}): Promise<TestRedis> {
    const redis = new TestRedis(await freePort(), options.password, options.appendOnlyDir);
    await redis.startServer();
    return redis;
  }

  /** A port nothing listens on (a Redis that is not up yet). */
  static async unusedPort(): Promise<number> {
    return freePort();
  }

  /** Starts this server's redis-server again (after kill()), on the same port. */
  async start(): Promise<void> {
    await this.startServer();
  }

  get url(): string {
    return `redis://${this.password ? `:${this.password}@` : ''}127.0.0.1:${this.port}`;
  }

  private async startServer(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', ''];
    if (this.appendOnlyDir) args.push('--appendonly', 'yes', '--appendfsync', 'always', '--dir', this.appendOnlyDir);
    else args.push('--appendonly', 'no');
    if (this.password) args.push('--requirepass', this.password);
    this.process = spawn('redis-server', args, { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      const probe = new Redis(this.url, { lazyConnect: true, retryStrategy: () => null });
      probe.on('error', () => {});
      try {
        await probe.connect();
        await probe.ping();
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      } finally {
        probe.disconnect();
      }
    }
    throw new Error(`redis-server did not start on port ${this.port}`);
  }

  /** Kills the server (SIGKILL): without persistence every queued job is gone. */
  async kill(): Promise<void> {
    const server = this.process;
    if (!server || server.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      server.once('exit', () => resolve());
      server.kill('SIGKILL');
    });
    this.process = null;
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.startServer();
  }

  /** A plain client for inspecting the queue. */
  client(): Redis {
    const client = new Redis(this.url, { maxRetriesPerRequest: null });
    client.on('error', () => {});
    return client;
  }
}

/**
 * A TCP proxy in front of a Redis that can lose the server's answers and then
 * drop every connection, as when Redis dies between running a command and
 * replying to it: the command took effect, the client never heard. Clients
 * that reconnect afterwards are served normally.
 */
export class ReplyLosingProxy {
  private readonly pairs = new Set<[Socket, Socket]>();
  private swallowing = false;
  private lossAfter: { marker: string; cutAfterMs: number } | null = null;

  private constructor(private readonly server: Server) {}

  static async start(targetPort: number): Promise<ReplyLosingProxy> {
    const server = createServer();
    const proxy = new ReplyLosingProxy(server);
    server.on('connection', (client) => {
      const upstream = connect(targetPort, '127.0.0.1');
      const pair: [Socket, Socket] = [client, upstream];
      proxy.pairs.add(pair);
      client.on('data', (data) => upstream.write(data));
      upstream.on('data', (data) => {
        if (!proxy.swallowing) client.write(data);
        const after = proxy.lossAfter;
        if (after && data.includes(after.marker)) {
          proxy.lossAfter = null;
          proxy.loseReplies();
          setTimeout(() => proxy.cut(), after.cutAfterMs);
        }
      });
      const drop = () => {
        proxy.pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      };
      client.on('close', drop).on('error', drop);
      upstream.on('close', drop).on('error', drop);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `redis://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  /** From now on, Redis's answers are thrown away (its commands still run) until cut(). */
  loseReplies(): void {
    this.swallowing = true;
  }

  /** Once an answer containing `marker` has been passed on, loses every later one, and cuts cutAfterMs later. */
  loseRepliesAfter(marker: string, cutAfterMs: number): void {
    this.lossAfter = { marker, cutAfterMs };
  }

  /** Drops every connection through the proxy; new ones are forwarded whole again. */
  cut(): void {
    this.swallowing = false;
    for (const [client, upstream] of [...this.pairs]) {
      client.destroy();
      upstream.destroy();
    }
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** A child process whose stdout and stderr lines are kept and can be waited for. */
export class Spawned {
  readonly lines: string[] = [];
  private waiters: { match: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcess) {
    const onData = (data: Buffer) => {
      for (const line of data.toString().split('\n').filter(Boolean)) {
        this.lines.push(line);
        const matched = this.waiters.filter((w) => w.match(line));
        this.waiters = this.waiters.filter((w) => !matched.includes(w));
        for (const w of matched) w.resolve(line);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  waitFor(pattern: RegExp, timeoutMs = 30_000): Promise<string> {
    const found = this.lines.find((line) => pattern.test(line));
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms:\n${this.lines.join('\n')}`)),
        timeoutMs,
      );
      this.waiters.push({
        match: (line) => pattern.test(line),
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      });
    });
  }

  /** Waits until `count` lines match. */
  async waitForCount(pattern: RegExp, count: number, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.lines.filter((line) => pattern.test(line)).length < count) {
      if (Date.now() > deadline) throw new Error(`fewer than ${count} lines matching ${pattern}:\n${this.lines.join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** The exit code; an error with every line the process printed if it is still running after timeoutMs. */
  exitsWithin(timeoutMs: number): Promise<number | null> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`still running after ${timeoutMs} ms:\n${this.lines.join('\n')}`)), timeoutMs);
    });
    return Promise.race([this.exited, late]).finally(() => clearTimeout(timer));
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
  }

  /** JSON events the fixture worker printed (from its line `fromLine` on). */
  events(fromLine = 0): { type: string; jobId?: string }[] {
    return this.lines.slice(fromLine).flatMap((line) => {
      try {
        return [JSON.parse(line) as { type: string; jobId?: string }];
      } catch {
        return [];
      }
    });
  }
}

export function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}): Spawned {
  return new Spawned(spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** The fixture worker (toy model, one thread) with BullMQ's timings shortened. */
export async function spawnFixtureWorker(url: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Spawned> {
  const worker = new Spawned(
    spawn(process.execPath, ['--import', 'tsx', fixtureWorker, url, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  await worker.waitFor(/"type":"ready"/, 60_000);
  return worker;
}

/**
 * Three Latvian files cut from the example article, and a models config whose
 * toy model plans small batches (batch size is not part of the model key), so
 * a run has many chunks to kill a process in the middle of.
 */
export async function writeInputs(dir: string): Promise<{ files: string[]; modelsConfig: string }> {
  await mkdir(dir, { recursive: true });
  const paragraphs = (await readFile(example, 'utf8')).split(/\n\s*\n/);
  const third = Math.ceil(paragraphs.length / 3);
  const files: string[] = [];
  for (let i = 0; i < 3; i++) {
    const file = join(dir, `part${i + 1}.lv.txt`);
    await writeFile(file, `${paragraphs.slice(i * third, (i + 1) * third).join('\n\n')}\n`);
    files.push(file);
  }
  const modelsConfig = join(dir, 'models.yaml');
  await writeFile(
    modelsConfig,
    [
      'default: toy',
      'models:',
      '  toy:',
      '    fixture: true',
      '    source: { generated: toy }',
      '    dtype: fp32',
      '    decode: { num_beams: 1, max_new_tokens: 512, batch_tokens: 96 }',
      '',
    ].join('\n'),
  );
  return { files, modelsConfig };
}

export async function jsonlOf(outDir: string, files: readonly string[]): Promise<string[]> {
  return Promise.all(
    files.map((file) =>
      readFile(
        join(
          outDir,
          `${file
            .split('/')
            .pop()!
            .replace(/\.lv\.txt$/, '')}.jsonl`,
        ),
        'utf8',
      ),
    ),
  );
}
