/**
 * One Redis connection per role, opened so that a wrong URL, an unreachable
 * host or a wrong password fails at once with one line, before any work.
 */
import { Redis } from 'ioredis';
import { Lv2enError } from '../core/errors.js';

/** Every lv2en key in Redis starts with this (BullMQ's prefix for its queues). */
export const REDIS_PREFIX = 'lv2en';

/** The URL as it may be printed: without the password. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '<invalid URL>';
  }
}

function checkUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Lv2enError(
      'USAGE',
      `--queue ${JSON.stringify(displayUrl(url))} is not a URL`,
      'Give redis://[:password@]host:port or rediss://… for TLS',
    );
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')
    throw new Lv2enError('USAGE', `--queue must be a redis:// or rediss:// URL, not ${parsed.protocol}//`, 'e.g. redis://127.0.0.1:6379');
}

export interface ConnectOptions {
  /** How long to wait for the first answer. */
  connectTimeoutMs?: number;
}

/**
 * Connects and authenticates (PING) or throws an Lv2enError. Once connected,
 * a lost connection is retried in the background: the caller's own timeouts
 * decide when waiting for Redis becomes an error.
 */
export async function connectRedis(url: string, options: ConnectOptions = {}): Promise<Redis> {
  checkUrl(url);
  return connectOnce(url, displayUrl(url), options);
}

/** How long a worker waits between attempts to reach a Redis that is down: doubling from 0.5 s up to 5 s. */
export const retryDelayMs = (attempt: number) => Math.min(500 * 2 ** attempt, 5000);

/**
 * Like connectRedis, but a Redis that cannot be reached (down, or not up yet)
 * is waited for, with backoff, and `onWaiting` hears of it once. A refused
 * password or a malformed URL still fails at once: waiting will not fix
 * them. Rejects with the signal's reason when it aborts first.
 */
export async function waitForRedis(
  url: string,
  options: ConnectOptions & { signal?: AbortSignal; onWaiting?: (error: Lv2enError) => void } = {},
): Promise<Redis> {
  checkUrl(url);
  const shown = displayUrl(url);
  for (let attempt = 0; ; attempt++) {
    options.signal?.throwIfAborted();
    try {
      return await connectOnce(url, shown, options);
    } catch (error) {
      if (!(error instanceof UnreachableRedis)) throw error;
      if (attempt === 0) options.onWaiting?.(error);
    }
    await abortableDelay(retryDelayMs(attempt), options.signal);
  }
}

function abortableDelay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', aborted);
    };
    const aborted = () => {
      done();
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      done();
      resolve();
    }, ms);
    signal?.addEventListener('abort', aborted, { once: true });
  });
}

async function connectOnce(url: string, shown: string, options: ConnectOptions): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    // BullMQ's workers block on Redis; it requires this to be null.
    maxRetriesPerRequest: null,
    connectTimeout: options.connectTimeoutMs ?? 5000,
    retryStrategy: () => null,
  });
  // Reported through the promise below, or by the owner's timeouts after a disconnect; never as an unhandled event.
  // A refused AUTH arrives here, while connect() only says the connection closed.
  let firstError: unknown = null;
  redis.on('error', (error) => {
    firstError ??= error;
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw redisError(shown, firstError ?? error);
  }
  redis.options.retryStrategy = (times) => Math.min(times * 200, 2000);
  return redis;
}

/** Redis did not answer (as opposed to refusing the password): worth waiting for. */
class UnreachableRedis extends Lv2enError {}

function redisError(shown: string, error: unknown): Lv2enError {
  const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  if (/WRONGPASS|NOAUTH|invalid password|without any password/i.test(reason))
    return new Lv2enError(
      'QUEUE_UNAVAILABLE',
      `Redis at ${shown} refused the password (${reason})`,
      'Put the password in the URL: redis://:PASSWORD@host:port (or redis://USER:PASSWORD@host:port with ACL users)',
      {},
      { cause: error },
    );
  return new UnreachableRedis(
    'QUEUE_UNAVAILABLE',
    `cannot reach Redis at ${shown} (${reason})`,
    'Check the host and port, that redis-server runs there and that this machine may connect to it',
    {},
    { cause: error },
  );
}
