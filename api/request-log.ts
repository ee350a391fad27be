// One JSON line per request: its id, method, path, route template, status, latency
// and who asked (the kind of principal and its role) — never a header, a query string or a body,
// so no token, cookie, CSRF token or e-mail address reaches the log. The id is the caller's
// X-Request-Id when that is a plain token (a proxy's or a client's), else a new UUID; it is sent
// back in X-Request-Id and in every problem document (api/errors.ts sendProblem).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Request, RequestHandler } from 'express';
import type { Logger } from '../platform/logger.js';

/** Letters, digits and a few separators, at most 128: what a proxy or a client sends as an id. */
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:@+=/-]{0,127}$/;
/** Probes answered often and uneventfully: logged at debug unless they fail. */
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

export function requestIdFor(given: unknown): string {
  return typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

/** The id requestLog gave the request (undefined outside a request, e.g. in a unit test of a handler). */
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
const pathOf = (req: IncomingMessage): string => {
  const url = (req as Request).originalUrl ?? req.url ?? '';
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
};

/** The route template (`/cities/:id`), so lines group by route; static files and unknown paths have none. */
const routeOf = (req: Request): string | null => (req.route?.path as string | undefined) ?? null;

type Level = 'error' | 'info' | 'debug';

const LOGGER = Symbol('logger');
const CHILD = Symbol('child logger');
interface Logged {
  id?: string;
  [LOGGER]?: Logger;
  [CHILD]?: Logger;
}
const withLazyLog = new WeakSet<object>();

/**
 * `req.log` as a getter on the requests' prototype (the app's), made once: a getter defined on each
 * request would change its shape and cost more than the line itself.
 */
function lazyLog(proto: object): void {
  if (withLazyLog.has(proto)) return;
  withLazyLog.add(proto);
  Object.defineProperty(proto, 'log', {
    configurable: true,
    get(this: Logged) {
      const parent = this[LOGGER];
      if (!parent) return undefined;
      return (this[CHILD] ??= parent.child({ requestId: this.id }));
    },
  });
}

/**
 * The request line, written when the answer is finished (or the connection closed first). Written
 * by hand rather than with pino-http, which makes two child loggers per request (one binding the
 * whole request object through its serializer) whether or not anything logs through them: that was
 * the largest part of the app's cost over bare Express in `npm run bench cities`. Here `req.log`
 * (the request's logger, its id bound) is made on first use, and a line below the logger's level
 * costs nothing but the check.
 */
export function requestLog(logger: Logger): RequestHandler {
  // The line's fields are chosen above and none is a redacted one (platform/logger.ts): the
  // redaction pass would walk every line for nothing, so the line goes through a child without it.
  const lines = logger.child({}, { redact: { paths: [] } });
  return (req, res, next) => {
    const started = performance.now();
    const id = requestIdFor(req.headers['x-request-id']);
    res.setHeader('X-Request-Id', id);
    (req as Logged).id = id;
    (req as Logged)[LOGGER] = logger;
    lazyLog(Object.getPrototypeOf(req) as object);
    let done = false;
    // Not removed after the first: it runs once more at most (close follows finish) and returns.
    const finished = () => {
      if (done) return;
      done = true;
      const status = res.statusCode;
      const path = pathOf(req);
      const level: Level = status >= 500 ? 'error' : status < 400 && PROBES.has(path) ? 'debug' : 'info';
      if (!lines.isLevelEnabled(level)) return;
      const route = routeOf(req);
      const msg = `${req.method} ${route ?? path} ${status}`;
      const ms = Math.round(performance.now() - started);
      const line =
        status >= 500
          ? {
              requestId: id,
              req: { method: req.method, path },
              res: { status },
              err: { message: `failed with status code ${status}` },
              ms,
              route,
              principal: principalOf(req),
            }
          : {
              requestId: id,
              req: { method: req.method, path },
              res: { status },
              ms,
              route,
              principal: principalOf(req),
            };
      lines[level](line, res.writableFinished ? msg : `${msg} (connection closed before the answer was sent)`);
    };
    res.on('finish', finished);
    res.on('close', finished);
    next();
  };
}
