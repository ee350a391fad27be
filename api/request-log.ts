// One JSON line per request (pino-http): its id, method, path, route template, status, latency
// and who asked (the kind of principal and its role) — never a header, a query string or a body,
// so no token, cookie, CSRF token or e-mail address reaches the log. The id is the caller's
// X-Request-Id when that is a plain token (a proxy's or a client's), else a new UUID; it is sent
// back in X-Request-Id and in every problem document (api/errors.ts sendProblem).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../platform/logger.js';

/** Letters, digits and a few separators, at most 128: what a proxy or a client sends as an id. */
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:@+=/-]{0,127}$/;
/** Probes answered often and uneventfully: logged at debug unless they fail. */
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

export function requestIdFor(given: unknown): string {
  return typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

/** The id pino-http gave the request (undefined outside a request, e.g. in a unit test of a handler). */
export const requestIdOf = (req: IncomingMessage | undefined): string | undefined => {
  const id = (req as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
};

/** Who asked, without saying who: a session, an issued token, the configured SECRETARIAT_TOKEN, or nobody. */
function principalOf(req: Request): { kind: string; role?: string } {
  const p = req.principal;
  if (!p) return { kind: 'anonymous' };
  const kind = req.session || p.sessionId ? 'session' : p.tokenId ? 'token' : 'configured-token';
  return { kind, role: p.role };
}

/** The path without the query (which may hold a calendar feed's access_token or a searched e-mail). */
const pathOf = (req: IncomingMessage): string => ((req as Request).originalUrl ?? req.url ?? '').split('?')[0] ?? '';

/** The route template (`/cities/:id`), so lines group by route; static files and unknown paths have none. */
const routeOf = (req: Request): string | null => (req.route?.path as string | undefined) ?? null;

export function requestLog(logger: Logger): RequestHandler {
  return pinoHttp<IncomingMessage, ServerResponse>({
    logger,
    genReqId: (req, res) => {
      const id = requestIdFor(req.headers['x-request-id']);
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // The id on every line a handler logs through req.log; the request itself once, on the final line.
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'requestId', responseTime: 'ms' },
    wrapSerializers: false,
    serializers: {
      req: (req: IncomingMessage) => ({ method: req.method, path: pathOf(req) }),
      res: (res: ServerResponse) => ({ status: res.statusCode }),
    },
    customLogLevel: (req, res, err) => {
      if (err || res.statusCode >= 500) return 'error';
      if (PROBES.has(pathOf(req)) && res.statusCode < 400) return 'debug';
      return 'info';
    },
    customSuccessObject: (req, _res, line) => ({
      ...line,
      route: routeOf(req as Request),
      principal: principalOf(req as Request),
    }),
    customErrorObject: (req, _res, _err, line) => ({
      ...line,
      route: routeOf(req as Request),
      principal: principalOf(req as Request),
    }),
    customSuccessMessage: (req, res) => `${req.method} ${routeOf(req as Request) ?? pathOf(req)} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${routeOf(req as Request) ?? pathOf(req)} ${res.statusCode}`,
  }) as unknown as RequestHandler;
}
