// Text hygiene at the HTTP edge: what arrives must be the text the client meant. Without these
// checks, invalid UTF-8 became U+FFFD and a "\ud800" escape a lone surrogate (stored as U+FFFD by
// PostgreSQL) while the 201 echoed the original, an undecodable query string was read as Latin-1,
// and a NUL (which PostgreSQL text cannot hold) was a 500.
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

/** Lone surrogates (not UTF-8 at all) and NUL (PostgreSQL text cannot hold it: a 500 otherwise). */
const LONE = /[\p{Cs}\0]/u;

/** The path (body.a.0.b) of the first string or key with a lone surrogate or a NUL, or null. */
export function unstorableAt(value: unknown, path: string): string | null {
  if (typeof value === 'string') return LONE.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const at = unstorableAt(value[i], `${path}.${i}`);
      if (at) return at;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (LONE.test(k)) return `${path}.${k}`;
      const at = unstorableAt(v, `${path}.${k}`);
      if (at) return at;
    }
  }
  return null;
}

/** Every name and value of the query string must percent-decode to UTF-8 (the parser would fall back to Latin-1). */
export const refuseMalformedQuery: RequestHandler = (req, _res, next) => {
  const q = req.originalUrl.indexOf('?');
  if (q < 0) return next();
  for (const part of req.originalUrl.slice(q + 1).split(/[&=]/)) {
    let text: string;
    try {
      text = decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      return next(badRequest('the query string is not valid UTF-8 percent-encoding'));
    }
    if (text.includes('\0')) return next(badRequest('the query string has a NUL character'));
  }
  next();
};
