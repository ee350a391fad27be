// Signing in by e-mail link, the session it opens, and who the caller is (/me) — for sessions and
// tokens alike. Links land on the web app's sign-in page, which spends them with POST /auth/session
// (a GET would be spent by the link scanners of mail services).
import { Router, type Request } from 'express';
import { z } from 'zod';
import { Person } from '../../db/entities/index.js';
import { LANGUAGES, MePatch, RedeemBody, ROLES, SignInBody, type Principal } from '../../domain/auth.js';
import { publicBase } from '../../platform/config.js';
import type { AppDeps } from '../deps.js';
import { HttpProblem, badRequest, forbidden } from '../errors.js';
import { defineRoute, reply } from '../route.js';

const AccessView = z.object({
  role: z.enum(ROLES),
  cityId: z.uuid().nullable(),
  donorId: z.uuid().nullable(),
  cluster: z.string().nullable(),
});

export const MeView = z
  .object({
    role: z.enum(ROLES),
    tokenId: z.uuid().nullable(),
    cityId: z.uuid().nullable(),
    donorId: z.uuid().nullable(),
    readOnly: z.boolean(),
    person: z.object({ id: z.uuid(), name: z.string(), email: z.string(), language: z.enum(LANGUAGES) }).nullable(),
    access: z.array(AccessView).describe('everything the signed-in person may act as; empty for a token'),
    session: z
      .object({ expiresAt: z.string(), csrfToken: z.string().describe('send as X-CSRF-Token on every write') })
      .nullable(),
  })
  .openapi('Me');

const meOf = (req: Request, principal: Principal) => {
  const s = req.session;
  return {
    role: principal.role,
    tokenId: principal.tokenId,
    cityId: principal.cityId,
    donorId: principal.donorId,
    readOnly: principal.readOnly,
    person: s ? { id: s.person.id, name: s.person.name, email: s.person.email, language: s.person.language } : null,
    access: s?.access ?? [],
    session: s ? { expiresAt: s.expiresAt.toISOString(), csrfToken: s.csrfToken } : null,
  };
};

export function sessionRoutes(deps: AppDeps): Router {
  const router = Router();
  const base = publicBase(deps.config);

  defineRoute(router, deps, {
    method: 'post',
    path: '/auth/sign-in',
    summary: 'E-mail a one-time sign-in link',
    tags: ['access'],
    roles: 'public',
    body: SignInBody,
    responses: {
      202: {
        description: 'the same answer whether or not the address may sign in',
        schema: z.object({ sent: z.literal(true) }),
      },
      429: { description: 'too many links asked for this address or from this client; retry later' },
    },
    handler: async ({ body, req, res }) => {
      const outcome = await deps.sessions.requestLink({
        email: body.email,
        next: body.next,
        client: req.ip ?? 'unknown',
        base,
      });
      if (outcome === 'limited') {
        res.setHeader('Retry-After', '900');
        throw new HttpProblem(
          429,
          'Too Many Requests',
          'too many sign-in links were asked for; retry in a quarter of an hour',
        );
      }
      return reply(202, { sent: true });
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/auth/session',
    summary: 'Spend a sign-in link and open a session (sets an HttpOnly cookie)',
    tags: ['access'],
    roles: 'public',
    body: RedeemBody,
    responses: {
      200: { description: 'signed in', schema: MeView.extend({ next: z.string().nullable() }) },
      400: { description: 'the link is unknown, used or expired' },
    },
    handler: async ({ body, req, res }) => {
      const opened = await deps.sessions.redeem(body.token, req.get('user-agent'));
      if (!opened)
        throw badRequest('this sign-in link is invalid or has expired; ask for a new one', [
          { path: 'body.token', message: 'invalid or expired' },
        ]);
      deps.sessions.setCookie(res, opened.cookie, opened.resolved.session.expiresAt);
      req.session = opened.resolved.session;
      return { ...meOf(req, opened.resolved.principal), next: opened.next };
    },
  });

  defineRoute(router, deps, {
    method: 'delete',
    path: '/auth/session',
    summary: 'Sign out (ends this session)',
    tags: ['access'],
    roles: ROLES,
    responses: { 204: { description: 'signed out' } },
    handler: async ({ principal, res }) => {
      if (!principal.sessionId) throw forbidden('a token is revoked with DELETE /tokens/:id, not signed out');
      await deps.sessions.revoke({ sessionId: principal.sessionId });
      deps.sessions.clearCookie(res);
      return reply(204);
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/me',
    summary: 'Who the caller is: role, the object it acts for, the person and session',
    tags: ['access'],
    roles: ROLES,
    responses: { 200: { description: 'the caller', schema: MeView } },
    handler: async ({ principal, req }) => meOf(req, principal),
  });

  defineRoute(router, deps, {
    method: 'patch',
    path: '/me',
    summary: "The signed-in person's name or language",
    tags: ['access'],
    roles: ROLES,
    body: MePatch,
    responses: { 200: { description: 'updated', schema: MeView } },
    handler: async ({ principal, body, em, req }) => {
      if (!principal.personId || !req.session) throw forbidden('only a signed-in person has a profile');
      const person = await em.findOneOrFail(Person, principal.personId);
      Object.assign(person, body);
      await em.flush();
      deps.sessions.forgetPerson(person.id);
      Object.assign(req.session.person, body);
      return meOf(req, principal);
    },
  });
  return router;
}
