import { isIP } from 'node:net';
import { Lv2enError, type Lv2enOptions } from '../index.js';

/** What `lv2en serve` takes; every limit has a default meant for a server on a socket. */
export interface ServeOptions {
  /** The session's options: model, glossary, memory, workers or queue (as `lv2en translate` takes them). */
  session?: Lv2enOptions;
  /** Default 8787; 0 takes a free port (see RunningServer.port). */
  port?: number;
  /** Default 127.0.0.1. Any address that is not a loopback one needs `tokenFile`. */
  host?: string;
  /** API tokens, one a line (`name token`): every translation and review request must carry one. */
  tokenFile?: string;
  /** A folder of outputs: its job folders (and those one folder down) are served at /review/<job>. */
  jobs?: string;
  /** Origins allowed to call the translation API from a browser (CORS); none by default. */
  cors?: readonly string[];
  /** Behind a reverse proxy: take the client's address and protocol from X-Forwarded-For / -Proto. */
  trustProxy?: boolean;
  limits?: Partial<ServeLimits>;
  /** One line per notable event (started, stopping, a failed request); default: nothing. */
  log?: (line: string) => void;
}

export interface ServeLimits {
  /** Largest request body (JSON or form), bytes. */
  bodyBytes: number;
  /** Largest uploaded file, bytes. */
  fileBytes: number;
  /** Longest text (`q`, or one item of it), characters. */
  charsPerText: number;
  /** Most texts in one `q` array. */
  textsPerRequest: number;
  /** Most `alternatives` one request may ask for. */
  alternatives: number;
  /** Requests a token may make per minute (with a token file); 0: no limit. */
  requestsPerMinute: number;
  /** Time to receive a whole request (headers and body): a client that sends slower is cut off (408). */
  requestTimeoutMs: number;
  /** Time to receive the headers. */
  headersTimeoutMs: number;
  /** Time SIGTERM gives requests in flight before the server stops anyway. */
  drainMs: number;
}

export const DEFAULT_LIMITS: ServeLimits = {
  bodyBytes: 1024 * 1024,
  fileBytes: 10 * 1024 * 1024,
  charsPerText: 10_000,
  textsPerRequest: 128,
  alternatives: 4,
  requestsPerMinute: 600,
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  drainMs: 30_000,
};

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';

/** Loopback names and addresses: the only ones a server without tokens listens on and answers for. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || bare === '0:0:0:0:0:0:0:1' || bare.startsWith('::ffff:127.');
  return false;
}

export function checkServeOptions(options: ServeOptions): void {
  const host = options.host ?? DEFAULT_HOST;
  if (!isLoopback(host) && !options.tokenFile)
    throw new Lv2enError(
      'USAGE',
      `--host ${host} would let other machines translate and review without a token`,
      'Give a --token-file (one token a line), or listen on 127.0.0.1 behind a reverse proxy',
    );
  const port = options.port ?? DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Lv2enError('USAGE', `--port must be a whole number from 0 to 65535, not ${String(port)}`, 'e.g. --port 8787');
  for (const origin of options.cors ?? []) {
    let url: URL | null = null;
    try {
      url = new URL(origin);
    } catch {
      url = null;
    }
    if (!url || url.origin !== origin)
      throw new Lv2enError(
        'USAGE',
        `--cors ${origin} is not an origin`,
        'Give scheme, host and port only, e.g. --cors https://cat.example.org',
      );
  }
}
