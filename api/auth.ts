import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiToken } from '../db/entities/index.js';
import { coordinatorsOf } from '../db/queries/coordinator-term.js';
import type { Principal, Role } from '../domain/auth.js';
import { HttpProblem, forbidden, unauthorized } from './errors.js';
import { SESSION_COOKIE, readCookie, type Sessions } from './sessions.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
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
  private readonly failures = new Map<string, { count: number; windowStart: number }>();

  constructor(
    private readonly em: () => EntityManager,
    private readonly secretariatToken: string | undefined,
    private readonly failuresPerMinute: number,
    private readonly ttlMs = 5_000,
    readonly sessions?: Sessions,
  ) {}

  forget(tokenHash: string): void {
    this.cache.delete(tokenHash);
  }

  async resolve(token: string): Promise<Principal | null> {
    if (this.secretariatToken && safeEqual(token, this.secretariatToken)) {
      return { role: 'secretariat', tokenId: null, cityId: null, donorId: null, readOnly: false };
    }
    const hash = hashToken(token);
    const hit = this.cache.get(hash);
    if (hit && hit.expires > Date.now()) return hit.principal;
    const row = await this.em().findOne(ApiToken, { tokenHash: hash, revokedAt: null });
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
    this.cache.set(hash, { principal, expires: Date.now() + this.ttlMs });
    return principal;
  }

  /** Counts failed attempts per client address so guessing tokens gets a 429. */
  private tooManyFailures(ip: string): boolean {
    const now = Date.now();
    const f = this.failures.get(ip);
    if (!f || now - f.windowStart > 60_000) {
      this.failures.set(ip, { count: 0, windowStart: now });
      return false;
    }
    return f.count >= this.failuresPerMinute;
  }

  private fail(ip: string): void {
    const f = this.failures.get(ip);
    if (f) f.count += 1;
  }

  middleware() {
    return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
      const ip = req.ip ?? 'unknown';
      if (this.tooManyFailures(ip)) {
        res.setHeader('Retry-After', '60');
        throw new HttpProblem(429, 'Too Many Requests', 'too many failed authentication attempts; retry later');
      }
      const header = req.get('authorization');
      const queryToken = typeof req.query.access_token === 'string' ? req.query.access_token : undefined;
      const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? (req.method === 'GET' ? queryToken : undefined);
      const cookie = header || token ? undefined : readCookie(req, SESSION_COOKIE);
      // A person signed in from an e-mail link: one principal, the same rules as a token's.
      if (cookie && this.sessions) {
        const resolved = await this.sessions.resolve(cookie);
        if (!resolved) {
          this.fail(ip);
          this.sessions.clearCookie(res);
          throw unauthorized('the session has ended; sign in again');
        }
        if (!SAFE_METHODS.has(req.method)) {
          const csrf = this.sessions.csrfProblem(req, resolved.session);
          if (csrf) throw forbidden(csrf);
        }
        req.principal = resolved.principal;
        req.session = resolved.session;
        return next();
      }
      if (!token) {
        this.fail(ip);
        throw unauthorized();
      }
      const principal = await this.resolve(token);
      if (!principal) {
        this.fail(ip);
        throw unauthorized('the token is unknown or revoked');
      }
      if (principal.readOnly && req.method !== 'GET' && req.method !== 'HEAD')
        throw forbidden('this token is read-only');
      req.principal = principal;
      next();
    };
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
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
