import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiToken } from '../db/entities/index.js';
import { coordinatorsOf } from '../db/queries/coordinator-term.js';
import type { Principal, Role } from '../domain/auth.js';
import { forbidden, retryLater, unauthorized } from './errors.js';
import { SESSION_COOKIE, readCookie, type Sessions } from './sessions.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Routes whose readers are calendar apps (a token in the URL, as `access_token`). */
const FEED = /\.ics$/;

// The one-shot digest: no Hash object per request (every authenticated request hashes its token).
export const hashToken = (token: string): string => hash('sha256', token, 'hex');
export const newToken = (): string => `gnlc_${randomBytes(32).toString('base64url')}`;

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

interface CacheEntry {
  principal: Principal | null;
  expires: number;
}

/**
 * Resolves Bearer tokens to principals. Lookups are cached for a few seconds because every request
 * needs one; revoking through this process drops the entry at once, other processes within the TTL.
 */
export class TokenAuthenticator {
  private readonly cache = new Map<string, CacheEntry>();

  /** The configured SECRETARIAT_TOKEN's bytes, made once: each request only compares. */
  private readonly secretariatBytes: Buffer | undefined;

  constructor(
    private readonly em: () => EntityManager,
    secretariatToken: string | undefined,
    private readonly failuresPerMinute: number,
    private readonly ttlMs = 5_000,
    readonly sessions?: Sessions,
  ) {
    this.secretariatBytes = secretariatToken ? Buffer.from(secretariatToken) : undefined;
  }

  forget(tokenHash: string): void {
    this.cache.delete(tokenHash);
  }

  async resolve(token: string): Promise<Principal | null> {
    return this.principalOf(token);
  }

  /**
   * The token's principal (null: unknown or revoked), at once when it is the configured token or
   * cached, so the usual request authenticates without a promise; a lookup's promise otherwise.
   */
  private principalOf(token: string): Principal | null | Promise<Principal | null> {
    if (this.secretariatBytes && safeEqual(token, this.secretariatBytes)) {
      return { role: 'secretariat', tokenId: null, cityId: null, donorId: null, readOnly: false };
    }
    const tokenHash = hashToken(token);
    const hit = this.cache.get(tokenHash);
    if (hit && hit.expires > Date.now()) return hit.principal;
    return this.lookUp(tokenHash);
  }

  private async lookUp(tokenHash: string): Promise<Principal | null> {
    const row = await this.em().findOne(ApiToken, { tokenHash, revokedAt: null });
    const principal: Principal | null = row
      ? {
          role: row.role,
          tokenId: row.id,
          cityId: row.city ?? null,
          donorId: row.donor ?? null,
          readOnly: row.readOnly,
        }
      : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(tokenHash, { principal, expires: Date.now() + this.ttlMs });
    return principal;
  }

  /**
   * A failed attempt counts against the client address and the presented token's prefix, in
   * PostgreSQL so every API replica sees the same counts. Only failures are limited: a valid
   * credential is checked first and always passes, so others' failures behind the same address
   * (a reverse proxy, a city hall's NAT) never lock anyone out. Tokens are 256-bit random, so the
   * limit is about load and noise, not about making guessing feasible.
   */
  private async refuse(req: Request, presented: string | undefined, detail: string): Promise<never> {
    const keys = [`ip:${req.ip ?? 'unknown'}`, ...(presented ? [`prefix:${presented.slice(0, 12)}`] : [])];
    const counts = await Promise.all(keys.map((k) => this.countFailure(k)));
    if (counts.some((c) => c > this.failuresPerMinute)) {
      throw retryLater(429, 'too many failed authentication attempts; retry later', 60);
    }
    throw unauthorized(detail);
  }

  private async countFailure(key: string): Promise<number> {
    const rows = await this.em()
      .getConnection()
      .execute<{ count: number }[]>(
        `insert into auth_failure (key, window_start, count) values (?, now(), 1)
       on conflict (key) do update set
         count = case when auth_failure.window_start < now() - interval '1 minute' then 1 else auth_failure.count + 1 end,
         window_start = case when auth_failure.window_start < now() - interval '1 minute' then now() else auth_failure.window_start end
       returning count`,
        [key],
      );
    // Old windows are cleared now and then, by the failures themselves.
    if (Math.random() < 0.01)
      await this.em()
        .getConnection()
        .execute(`delete from auth_failure where window_start < now() - interval '1 hour'`);
    return Number(rows[0]?.count ?? 0);
  }

  middleware() {
    return (req: Request, res: Response, next: NextFunction): void | Promise<void> => {
      const header = req.get('authorization');
      // Calendar apps cannot send headers: the token may ride in the URL of a feed, and only there.
      const queryToken =
        FEED.test(req.path) && typeof req.query.access_token === 'string' ? req.query.access_token : undefined;
      const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? (req.method === 'GET' ? queryToken : undefined);
      const cookie = header || token ? undefined : readCookie(req, SESSION_COOKIE);
      if (cookie && this.sessions) return this.signedIn(this.sessions, cookie, req, res, next);
      if (!token) return this.refuse(req, undefined, 'a valid Bearer token or a session is required');
      // Returned, not awaited, when known: Express takes a throw or a rejection alike (next(err)).
      const principal = this.principalOf(token);
      if (principal instanceof Promise) return principal.then((p) => this.admit(req, token, p, next));
      return this.admit(req, token, principal, next);
    };
  }

  private admit(req: Request, token: string, principal: Principal | null, next: NextFunction): void | Promise<never> {
    if (!principal) return this.refuse(req, token, 'the token is unknown or revoked');
    if (principal.readOnly && req.method !== 'GET' && req.method !== 'HEAD') throw forbidden('this token is read-only');
    req.principal = principal;
    next();
  }

  /** A person signed in from an e-mail link: one principal, the same rules as a token's. */
  private async signedIn(sessions: Sessions, cookie: string, req: Request, res: Response, next: NextFunction) {
    const resolved = await sessions.resolve(cookie);
    if (!resolved) {
      sessions.clearCookie(res);
      return this.refuse(req, undefined, 'the session has ended; sign in again');
    }
    if (!SAFE_METHODS.has(req.method)) {
      const csrf = sessions.csrfProblem(req, resolved.session);
      if (csrf) throw forbidden(csrf);
    }
    req.principal = resolved.principal;
    req.session = resolved.session;
    next();
  }
}

/** Lengths differ → false before any copy (as before: the length was never secret); else constant-time. */
function safeEqual(a: string, y: Buffer): boolean {
  return Buffer.byteLength(a) === y.length && timingSafeEqual(Buffer.from(a), y);
}

export function requireRole(principal: Principal, roles: readonly Role[]): void {
  if (!roles.includes(principal.role)) throw forbidden(`requires one of: ${roles.join(', ')}`);
}

/** Object-level rule: a city principal acts for its own city only. */
export function requireCity(principal: Principal, cityId: string): void {
  if (principal.role === 'secretariat') return;
  if (principal.role !== 'city' || principal.cityId !== cityId)
    throw forbidden('this token does not act for that city');
}

export function requireDonor(principal: Principal, donorId: string): void {
  if (principal.role === 'secretariat') return;
  if (principal.role !== 'donor' || principal.donorId !== donorId)
    throw forbidden('this token does not act for that donor');
}

/** The secretariat, or a city of a current coordinator of `cluster`; anyone else gets 403. */
export async function requireCoordinator(em: EntityManager, principal: Principal, cluster: string): Promise<void> {
  if (principal.role === 'secretariat') return;
  if (principal.role === 'city' && principal.cityId && (await coordinatorsOf(em, cluster)).includes(principal.cityId))
    return;
  throw forbidden(`only a current coordinator of ${cluster} or the secretariat may do this`);
}

/** The city a request acts for: a city principal's own, or the one the secretariat names. */
export function actingCityOf(principal: Principal, given: string | undefined): string | undefined {
  if (principal.role === 'city') {
    if (given !== undefined && given !== principal.cityId) throw forbidden('this token does not act for that city');
    return principal.cityId ?? undefined;
  }
  return given;
}
