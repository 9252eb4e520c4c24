import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import fastifyCors from '@fastify/cors';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { createLv2en, LV2EN_VERSION, type Lv2en, prepareLanguageDetection, type RunEvent } from '../index.js';
import { accessCheck } from './auth.js';
import { DownloadStore } from './downloads.js';
import { handleError, HttpError } from './errors.js';
import { libreTranslateRoutes } from './libretranslate.js';
import { ServerMetrics } from './metrics.js';
import { checkServeOptions, DEFAULT_HOST, DEFAULT_LIMITS, DEFAULT_PORT, type ServeLimits, type ServeOptions } from './options.js';
import { reviewRoutes } from './review.js';
import { TokenSet } from './tokens.js';

export { DEFAULT_HOST, DEFAULT_LIMITS, DEFAULT_PORT, isLoopback, type ServeLimits, type ServeOptions } from './options.js';
export { TokenSet } from './tokens.js';

/**
 * `lv2en serve`: one long-lived session behind an HTTP server (Fastify,
 * every route's body validated by its JSON schema). It serves
 * LibreTranslate's API (libretranslate.ts), the live review workspace
 * (review.ts), /health and /metrics. Requests from many clients share model
 * batches through the session's queue of model calls.
 *
 *   const server = await serve({ session: { model: 'toy' }, port: 0 });
 *   await fetch(`${server.url}/translate`, { method: 'POST', … });
 *   await server.close();
 */
export interface RunningServer {
  /** `http://host:port`. */
  readonly url: string;
  readonly port: number;
  readonly lv2en: Lv2en;
  /**
   * Stops taking requests, lets those in flight finish (up to limits.drainMs),
   * ends the event streams, then closes the session. Safe to call twice.
   */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function serve(options: ServeOptions = {}): Promise<RunningServer> {
  checkServeOptions(options);
  const limits: ServeLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const host = options.host ?? DEFAULT_HOST;
  const tokens = options.tokenFile ? await TokenSet.load(options.tokenFile) : null;
  const log = options.log ?? (() => {});
  let metrics: ServerMetrics | null = null;
  const lv2en = await createLv2en({
    ...options.session,
    onEvent: (event: RunEvent) => {
      metrics?.onEvent(event);
      options.session?.onEvent?.(event);
    },
  });
  metrics = new ServerMetrics(() => lv2en.queueDepth());
  const streams = new Set<ServerResponse>();
  const state = { closing: false };
  let app: FastifyInstance;
  try {
    app = await buildApp({ lv2en, limits, tokens, host, metrics, streams, options, state });
    // The model and the language detector load before the first request, not during it.
    await Promise.all([lv2en.loadModel(), prepareLanguageDetection()]);
    await app.listen({ port: options.port ?? DEFAULT_PORT, host });
  } catch (error) {
    await lv2en.close();
    throw error;
  }
  const address = app.server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  log(
    `serving ${lv2en.model.name} on ${url}${tokens ? ` (${tokens.size} token(s))` : ''}${options.jobs ? `, review ${options.jobs}` : ''}`,
  );

  let closing: Promise<void> | null = null;
  const running: RunningServer = {
    url,
    port: address.port,
    lv2en,
    [Symbol.asyncDispose]: () => running.close(),
    close: () =>
      (closing ??= (async () => {
        log('stopping: finishing the requests in flight…');
        state.closing = true;
        const drained = app.close();
        // Event streams never end by themselves: end them once no new request comes in.
        for (const stream of streams) stream.end();
        const timer = new Promise<void>((resolve) => setTimeout(resolve, limits.drainMs).unref());
        await Promise.race([drained, timer]);
        app.server.closeAllConnections();
        await lv2en.close();
        log('stopped');
      })()),
  };
  return running;
}

interface AppContext {
  lv2en: Lv2en;
  limits: ServeLimits;
  tokens: TokenSet | null;
  host: string;
  metrics: ServerMetrics;
  streams: Set<ServerResponse>;
  options: ServeOptions;
  /** Set when the server stops: answers then close their connection, so the drain ends with the last one. */
  state: { closing: boolean };
}

async function buildApp({ lv2en, limits, tokens, host, metrics, streams, options, state }: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: limits.bodyBytes,
    trustProxy: options.trustProxy === true,
    return503OnClosing: true,
    // A slow client (slowloris) gets the request time limit, and is checked for it every second.
    serverFactory: (handler) => {
      const server = createServer(
        { requestTimeout: limits.requestTimeoutMs, headersTimeout: limits.headersTimeoutMs, connectionsCheckingInterval: 1000 },
        handler,
      );
      server.keepAliveTimeout = 5000;
      return server;
    },
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
    logger: false,
  });
  app.decorateRequest('tokenName', null);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) =>
    handleError(
      new HttpError(404, `no route ${request.method} ${request.url.split('?')[0]}`, 'See README.md, section lv2en serve'),
      request,
      reply,
    ),
  );

  app.addHook('onRequest', async (request, reply) => {
    (request as { startedAt?: number }).startedAt = performance.now();
    reply.header('X-Content-Type-Options', 'nosniff').header('Referrer-Policy', 'no-referrer').header('X-Frame-Options', 'DENY');
    reply.header('Cache-Control', 'no-store');
  });
  app.addHook('onSend', async (_request, reply) => {
    if (state.closing) reply.header('Connection', 'close');
  });
  app.addHook('preValidation', accessCheck(tokens, host));
  app.addHook('onResponse', async (request, reply) => {
    const started = (request as { startedAt?: number }).startedAt ?? performance.now();
    metrics.request(request.routeOptions.url ?? 'unknown', request.method, reply.statusCode, (performance.now() - started) / 1000);
  });

  await app.register(fastifyFormbody, { bodyLimit: limits.bodyBytes });
  if (tokens && limits.requestsPerMinute > 0)
    await app.register(fastifyRateLimit, {
      global: true,
      max: limits.requestsPerMinute,
      timeWindow: 60_000,
      hook: 'preHandler',
      keyGenerator: (request) => (request.tokenName ? `token:${request.tokenName}` : `ip:${request.ip}`),
      allowList: (request) => request.routeOptions.config.access === 'open',
      errorResponseBuilder: (_request, context) =>
        new HttpError(429, `Slowdown: ${context.max} requests per minute for this token`, `Wait ${context.after} and send again`),
    });

  app.get('/health', { config: { access: 'open' } }, async () => ({
    status: 'ok',
    lv2en: LV2EN_VERSION,
    model: lv2en.model.name,
    fixture: lv2en.model.fixture,
    queue: lv2en.queueDepth(),
  }));
  app.get('/metrics', async (_request, reply) => reply.type(metrics.contentType).send(await metrics.text()));

  const apiContext = { lv2en, limits, metrics, downloads: new DownloadStore(), apiKeys: tokens !== null };
  await app.register(async (scope) => {
    // CORS only for the translation API, and only for the origins named: the review pages never answer another site.
    if (options.cors?.length) await scope.register(fastifyCors, { origin: [...options.cors], methods: ['GET', 'POST'] });
    await libreTranslateRoutes(scope, apiContext);
  });
  if (options.jobs) await reviewRoutes(app, { lv2en, root: options.jobs, streams });
  return app;
}
