import { z } from 'zod';
import { Text } from './schemas.js';

export const ROLES = ['secretariat', 'city', 'donor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Roles held by the secretariat's own staff; city and donor access derive from the registry. */
export const STAFF_ROLES = ['secretariat', 'viewer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * Who is calling: a role, and for city and donor principals the one object they act for. A token
 * principal has `tokenId`; a person signed in through an e-mail link has `personId` and `sessionId`.
 * Routes authorize on role and object only, so both kinds meet the same rules.
 */
export interface Principal {
  role: Role;
  tokenId: string | null;
  cityId: string | null;
  donorId: string | null;
  readOnly: boolean;
  personId?: string | null;
  sessionId?: string | null;
}

export const principalKey = (p: Principal): string =>
  p.tokenId ?? (p.personId ? `person:${p.personId}` : `env:${p.role}`);

/** What a person may do, derived at every request: staff role, the cities they represent, the donors they are contact of. */
export interface Access {
  role: Role;
  cityId: string | null;
  donorId: string | null;
  /** For a city: the cluster whose membership names this person as representative. */
  cluster: string | null;
}

/**
 * The access a session acts with: staff first, then the first represented city, then the first donor.
 * (One city or donor per person is the norm; a person with several acts for the first, listed in /me.)
 */
export function primaryAccess(access: readonly Access[]): Access | undefined {
  return (
    access.find((a) => a.role === 'secretariat') ??
    access.find((a) => a.role === 'viewer') ??
    access.find((a) => a.role === 'city') ??
    access[0]
  );
}

// Sign-in by e-mail link: a link is single use and short-lived; a session expires when idle and absolutely.
export const SIGN_IN = Object.freeze({
  linkTtlMs: 15 * 60_000,
  /** An invitation or the first start's link: the reader may open it the next day. */
  invitationTtlMs: 7 * 24 * 3_600_000,
  sessionIdleMs: 8 * 3_600_000,
  sessionMaxMs: 14 * 24 * 3_600_000,
  /** Links asked for per address (known or not) and per client address in a quarter of an hour. */
  perEmailPerWindow: 5,
  perClientPerWindow: 30,
  windowMs: 15 * 60_000,
  /** last_seen_at is written at most this often: a session's reads do not each cost a write. */
  touchEveryMs: 60_000,
});

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

const Email = z.email().max(254);
/** Where the reader lands after signing in: a path of the web app, never another site. */
export const NextPath = z
  .string()
  .max(500)
  .regex(/^\/app(\/[A-Za-z0-9\-._~%!$&'()*+,;=:@/?]*)?$/, 'must be a path of the web app, starting with /app')
  .refine((p) => !p.includes('//'), 'must be a path of the web app');

export const SignInBody = z.object({ email: Email, next: NextPath.optional() }).strict();
export const RedeemBody = z.object({ token: z.string().min(20).max(200) }).strict();
export const PersonCreate = z
  .object({ name: Text(200), email: Email, language: z.enum(LANGUAGES).default('en'), staffRole: z.enum(STAFF_ROLES) })
  .strict();
export const PersonPatch = z
  .object({
    name: Text(200).optional(),
    language: z.enum(LANGUAGES).optional(),
    staffRole: z.enum(STAFF_ROLES).nullable().optional(),
  })
  .strict()
  .refine((o) => Object.keys(o).length > 0, 'at least one field must be given');
export const MePatch = z
  .object({ language: z.enum(LANGUAGES).optional(), name: Text(200).optional() })
  .strict()
  .refine((o) => Object.keys(o).length > 0, 'at least one field must be given');
