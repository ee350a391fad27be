// Sign-in by one-time e-mail link and the sessions it opens. Links and session cookies are random
// secrets stored only as SHA-256 hashes; a session is resolved to a principal at every request from
// the person's current access (db/queries/person.ts), so the same role and object rules apply as to
// tokens, and a representative replaced in the registry loses access at once.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Person, Session, SignInLink, type IPerson } from '../db/entities/index.js';
import { accessOf, registryLanguageOf, registryNameOf } from '../db/queries/person.js';
import { SIGN_IN, normalizeEmail, primaryAccess, type Access, type Language, type Principal } from '../domain/auth.js';
import { renderMessage } from '../domain/messages/index.js';
import type { Logger } from '../platform/logger.js';

export const SESSION_COOKIE = 'gnlc_session';
const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const secret = (): string => randomBytes(32).toString('base64url');

export interface SessionInfo {
  id: string;
  csrfToken: string;
  expiresAt: Date;
  person: Pick<IPerson, 'id' | 'name' | 'email' | 'language'>;
  access: Access[];
}

interface Resolved {
  principal: Principal;
  session: SessionInfo;
}

declare module 'express-serve-static-core' {
  interface Request {
    session?: SessionInfo;
  }
}

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export interface SessionOptions {
  em: () => EntityManager;
  logger: Logger;
  /** https PUBLIC_URL → Secure cookies, and the origin mutating requests must come from. */
  publicUrl: string | undefined;
  /** Without SMTP a sign-in link is written to the log (a development fallback), not to the outbox. */
  smtp: boolean;
  cacheTtlMs?: number;
}

export class Sessions {
  private readonly cache = new Map<string, { resolved: Resolved | null; expires: number }>();
  constructor(private readonly opts: SessionOptions) {}

  /**
   * Records the request (known address or not, for the rate limits) and, for an address with access,
   * a link. Answers whether the caller is over a limit — never whether the address is known.
   */
  async requestLink(args: {
    email: string;
    next?: string;
    client: string;
    base: string;
    ttlMs?: number;
  }): Promise<'sent' | 'limited'> {
    const em = this.opts.em();
    const email = normalizeEmail(args.email);
    const emailHash = sha256(email);
    const since = new Date(Date.now() - SIGN_IN.windowMs);
    const [byEmail, byClient] = await Promise.all([
      em.count(SignInLink, { emailHash, createdAt: { $gt: since } }),
      em.count(SignInLink, { client: args.client, createdAt: { $gt: since } }),
    ]);
    if (byEmail >= SIGN_IN.perEmailPerWindow || byClient >= SIGN_IN.perClientPerWindow) return 'limited';
    const person = await em.findOne(Person, { email });
    const access = await accessOf(em, email, person?.staffRole ?? null);
    const token = access.length ? secret() : null;
    em.create(SignInLink, {
      tokenHash: token ? sha256(token) : null,
      emailHash,
      email: token ? email : null,
      next: args.next ?? null,
      client: args.client,
      expiresAt: new Date(Date.now() + (args.ttlMs ?? SIGN_IN.linkTtlMs)),
    });
    await em.flush();
    if (token)
      await this.sendLink(
        em,
        email,
        person?.language ?? (await registryLanguageOf(em, email)),
        `${args.base}/app/sign-in?token=${token}`,
        args.ttlMs,
      );
    return 'sent';
  }

  /** The link e-mail: through the outbox when SMTP is configured, else to the log (development fallback). */
  private async sendLink(
    em: EntityManager,
    email: string,
    language: Language,
    url: string,
    ttlMs?: number,
  ): Promise<void> {
    const minutes = Math.round((ttlMs ?? SIGN_IN.linkTtlMs) / 60_000);
    // Invitations last days: "7 days", not "10080 minutes".
    const validity = minutes % 1440 === 0 ? `P${minutes / 1440}D` : `PT${minutes}M`;
    const { subject, body } = renderMessage('auth.sign-in', { validity: { duration: validity }, url }, language);
    if (!this.opts.smtp) {
      this.opts.logger.warn(
        { devFallback: true, to: email, url },
        'sign-in link (no SMTP_URL: development fallback, not e-mailed)',
      );
      return;
    }
    await em.getConnection().execute(
      `insert into notification (id, key, recipient_kind, email, kind, subject, body, created_at)
       values (gen_random_uuid(), ?, 'person', ?, 'auth.sign-in', ?, ?, now())`,
      [`sign-in:${randomBytes(16).toString('hex')}`, email, subject, body],
    );
  }

  /** A first or invited person's link, valid for days; returns its URL (printed at the first start). */
  async invitationLink(email: string, base: string, send: boolean, language: Language = 'en'): Promise<string> {
    const em = this.opts.em();
    const token = secret();
    em.create(SignInLink, {
      tokenHash: sha256(token),
      emailHash: sha256(normalizeEmail(email)),
      email: normalizeEmail(email),
      next: null,
      client: 'invitation',
      expiresAt: new Date(Date.now() + SIGN_IN.invitationTtlMs),
    });
    await em.flush();
    const url = `${base}/app/sign-in?token=${token}`;
    if (send) await this.sendLink(em, normalizeEmail(email), language, url, SIGN_IN.invitationTtlMs);
    return url;
  }

  /** Spends a link (once, before it expires) and opens a session; null when the link is not good. */
  async redeem(
    token: string,
    userAgent: string | undefined,
  ): Promise<{ cookie: string; resolved: Resolved; next: string | null } | null> {
    const em = this.opts.em();
    const rows = await em
      .getConnection()
      .execute<{ email: string; next: string | null }[]>(
        `update sign_in_link set used_at = now() where token_hash = ? and used_at is null and expires_at > now() returning email, next`,
        [sha256(token)],
      );
    const link = rows[0];
    if (!link?.email) return null;
    let person = await em.findOne(Person, { email: link.email });
    const access = await accessOf(em, link.email, person?.staffRole ?? null);
    if (!access.length) return null;
    person ??= em.create(Person, {
      id: randomUUID(),
      email: link.email,
      name: await registryNameOf(em, link.email),
      language: await registryLanguageOf(em, link.email),
      staffRole: null,
    });
    const raw = secret();
    const now = Date.now();
    const session = em.create(Session, {
      id: randomUUID(),
      tokenHash: sha256(raw),
      person: person.id,
      csrfToken: secret(),
      userAgent: userAgent?.slice(0, 300) ?? null,
      lastSeenAt: new Date(now),
      expiresAt: new Date(now + SIGN_IN.sessionMaxMs),
    });
    await em.flush();
    const resolved = this.toResolved(session.id, session.csrfToken, session.expiresAt, person, access);
    return resolved ? { cookie: raw, resolved, next: link.next } : null;
  }

  async resolve(raw: string): Promise<Resolved | null> {
    const hash = sha256(raw);
    const hit = this.cache.get(hash);
    if (hit && hit.expires > Date.now()) return hit.resolved;
    const em = this.opts.em();
    const [row] = await em.getConnection().execute<
      {
        id: string;
        csrf_token: string;
        expires_at: Date;
        last_seen_at: Date;
        person_id: string;
        name: string;
        email: string;
        language: 'en' | 'fr';
        staff_role: 'secretariat' | 'viewer' | null;
      }[]
    >(
      `select s.id, s.csrf_token, s.expires_at, s.last_seen_at, p.id as person_id, p.name, p.email, p.language, p.staff_role
         from session s join person p on p.id = s.person_id
        where s.token_hash = ? and s.revoked_at is null and s.expires_at > now() and s.last_seen_at > ?`,
      [hash, new Date(Date.now() - SIGN_IN.sessionIdleMs)],
    );
    let resolved: Resolved | null = null;
    if (row) {
      const access = await accessOf(em, row.email, row.staff_role);
      resolved = this.toResolved(
        row.id,
        row.csrf_token,
        new Date(row.expires_at),
        { id: row.person_id, name: row.name, email: row.email, language: row.language },
        access,
      );
      if (resolved && Date.now() - new Date(row.last_seen_at).getTime() > SIGN_IN.touchEveryMs) {
        await em.getConnection().execute(`update session set last_seen_at = now() where id = ?`, [row.id]);
      }
    }
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { resolved, expires: Date.now() + (this.opts.cacheTtlMs ?? 5_000) });
    return resolved;
  }

  private toResolved(
    id: string,
    csrfToken: string,
    expiresAt: Date,
    person: SessionInfo['person'],
    access: Access[],
  ): Resolved | null {
    const primary = primaryAccess(access);
    if (!primary) return null;
    return {
      principal: {
        role: primary.role,
        tokenId: null,
        cityId: primary.cityId,
        donorId: primary.donorId,
        readOnly: false,
        personId: person.id,
        sessionId: id,
      },
      session: { id, csrfToken, expiresAt, person, access },
    };
  }

  /** Ends sessions at once in this process (other API processes within the cache TTL). */
  async revoke(where: { sessionId: string } | { personId: string }): Promise<number> {
    const em = this.opts.em();
    const rows = await em
      .getConnection()
      .execute<{ id: string }[]>(
        'sessionId' in where
          ? `update session set revoked_at = now() where id = ? and revoked_at is null returning id`
          : `update session set revoked_at = now() where person_id = ? and revoked_at is null returning id`,
        ['sessionId' in where ? where.sessionId : where.personId],
      );
    for (const [hash, entry] of this.cache) {
      const s = entry.resolved?.session;
      if (!s || ('sessionId' in where ? s.id === where.sessionId : s.person.id === where.personId))
        this.cache.delete(hash);
    }
    return rows.length;
  }

  forgetPerson(personId: string): void {
    for (const [hash, entry] of this.cache) if (entry.resolved?.session.person.id === personId) this.cache.delete(hash);
  }

  setCookie(res: Response, raw: string, expiresAt: Date): void {
    res.cookie(SESSION_COOKIE, raw, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secure(),
      path: '/',
      expires: expiresAt,
    });
  }

  clearCookie(res: Response): void {
    res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: this.secure(), path: '/' });
  }

  private secure(): boolean {
    return this.opts.publicUrl?.startsWith('https:') ?? false;
  }

  /**
   * A mutating request from a session must come from the app's own origin (Origin, else Referer)
   * and carry the session's CSRF token in X-CSRF-Token.
   */
  csrfProblem(req: Request, session: SessionInfo): string | null {
    const expected = this.opts.publicUrl ? new URL(this.opts.publicUrl).origin : `${req.protocol}://${req.get('host')}`;
    const origin = req.get('origin') ?? originOf(req.get('referer'));
    if (origin !== expected) return 'the request does not come from the web app (Origin)';
    const sent = req.get('x-csrf-token') ?? '';
    const a = Buffer.from(sent);
    const b = Buffer.from(session.csrfToken);
    if (a.length !== b.length || !timingSafeEqual(a, b)) return 'the X-CSRF-Token header is missing or wrong';
    return null;
  }
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
