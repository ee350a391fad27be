// Text hygiene at the HTTP edge: what arrives must be the text the client meant. Without these
// checks, invalid UTF-8 became U+FFFD and a "\ud800" escape a lone surrogate (stored as U+FFFD by
// PostgreSQL) while the 201 echoed the original, and an undecodable query string was read as Latin-1.
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { badRequest } from './errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** body-parser's `verify` hook: the raw body must be valid UTF-8 (a throw here becomes the request's error). */
export function refuseInvalidUtf8(_req: IncomingMessage, _res: unknown, buf: Buffer): void {
  try {
    utf8.decode(buf);
  } catch {
    throw badRequest('the body is not valid UTF-8');
  }
}

/** Lone surrogates: not Unicode scalar values, so not UTF-8 (NUL is refused by route.ts, field by field). */
const LONE = /\p{Cs}/u;

/**
 * The path (body.a.0.b) of the first string or key with a lone surrogate, or null. An explicit
 * stack, not recursion: a body nested 100 000 deep is valid JSON and must not overflow the stack.
 */
export function loneSurrogateAt(value: unknown, root: string): string | null {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (LONE.test(v)) return path;
    } else if (typeof v === 'object' && v !== null) {
      for (const [k, child] of Object.entries(v)) {
        if (LONE.test(k)) return `${path}.${k}`;
        stack.push([child, `${path}.${k}`]);
      }
    }
  }
  return null;
}

/** Every name and value of the query string must percent-decode to UTF-8 (the parser would fall back to Latin-1). */
export const refuseMalformedQuery: RequestHandler = (req, _res, next) => {
  const q = req.originalUrl.indexOf('?');
  if (q < 0) return next();
  for (const part of req.originalUrl.slice(q + 1).split(/[&=]/)) {
    try {
      decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      return next(badRequest('the query string is not valid UTF-8 percent-encoding'));
    }
  }
  next();
};
