import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from './errors.js';
import { isLoopback } from './options.js';
import type { TokenSet } from './tokens.js';

/** Which requests need a token (with a token file), and where each may carry it. */
export type AccessRule =
  /** LibreTranslate's routes: `api_key` in the body or query, or `Authorization: Bearer`. */
  | 'api'
  /** The review workspace: also the cookie its page sets. */
  | 'review'
  /** Open to anyone who reaches the port: health, languages, settings, a download's capability URL. */
  | 'open';

export const TOKEN_COOKIE = 'lv2en_token';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
  interface FastifyRequest {
    /** The name of the token the request carried; null without a token file (or on open routes). */
    tokenName: string | null;
  }
}

/** A named cookie of the request (the review page's token); undefined when absent. */
export function cookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) {
      try {
        return decodeURIComponent(part.slice(at + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

const bearer = (request: FastifyRequest) => /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];

/** The token a request carries, wherever its rule lets it carry one. */
export function presentedToken(request: FastifyRequest, rule: AccessRule): string | undefined {
  const body = request.body as Record<string, unknown> | undefined;
  const fromBody = body && typeof body === 'object' && typeof body.api_key === 'string' ? body.api_key : undefined;
  const query = request.query as Record<string, unknown> | undefined;
  const fromQuery = query && typeof query.api_key === 'string' ? query.api_key : undefined;
  return bearer(request) ?? fromBody ?? fromQuery ?? (rule === 'review' ? cookie(request, TOKEN_COOKIE) : undefined);
}

/**
 * The access check every request passes before its handler:
 * - without a token file, only loopback host names are answered (the Host
 *   header), so a web page cannot reach this server by DNS rebinding;
 * - with one, every route but the open ones needs a valid token: a missing
 *   one is a 400, a wrong one a 403 (as LibreTranslate answers), and tokens
 *   are compared in constant time.
 */
export function accessCheck(tokens: TokenSet | null, boundHost: string) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    request.tokenName = null;
    if (!tokens) {
      const host = hostName(request.headers.host);
      if (host === null || !(isLoopback(host) || host === boundHost.toLowerCase()))
        throw new HttpError(
          403,
          `this server answers only for localhost, not for ${JSON.stringify(request.headers.host ?? '')}`,
          'Use http://127.0.0.1 or http://localhost, or start the server with a --token-file',
        );
      return;
    }
    const rule = request.routeOptions.config.access ?? 'api';
    if (rule === 'open') return;
    const token = presentedToken(request, rule);
    if (token === undefined || token === '')
      throw new HttpError(400, 'this server needs an API key', 'Send api_key with the request, or an Authorization: Bearer header');
    const name = tokens.check(token);
    if (name === null) throw new HttpError(403, 'Invalid API key', 'Ask the server operator for a token');
    request.tokenName = name;
  };
}

/** `host:port` or `[v6]:port` → the host, lower case; null when there is none. */
function hostName(header: string | undefined): string | null {
  if (!header) return null;
  const v6 = /^\[([^\]]+)\](?::\d+)?$/.exec(header);
  if (v6) return v6[1]!.toLowerCase();
  const at = header.lastIndexOf(':');
  return (at === -1 ? header : header.slice(0, at)).toLowerCase();
}

/** Unsafe methods of the review API come from the page's own origin, never from another site. */
export function sameOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let host: string | null = null;
  try {
    host = new URL(origin).host;
  } catch {
    host = null;
  }
  if (host === null || host !== request.headers.host)
    throw new HttpError(403, `requests from ${origin} may not change this review`, 'Save from the review page this server shows');
}
