import { Router } from 'express';
import { z } from 'zod';
import { ApiToken, City, Donor, type IApiToken } from '../../db/entities/index.js';
import { ROLES } from '../../domain/auth.js';
import { hashToken, newToken } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { unprocessable } from '../errors.js';
import { findOr404 } from '../lookup.js';
import { PageQuery, page, pageOf } from '../pagination.js';
import { Text } from '../../domain/schemas.js';
import { defineRoute, reply } from '../route.js';

const TokenCreate = z
  .object({
    role: z.enum(ROLES),
    cityId: z.uuid().optional(),
    donorId: z.uuid().optional(),
    label: Text(200),
    readOnly: z.boolean().default(false),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.role === 'city' && !t.cityId)
      ctx.addIssue({ code: 'custom', path: ['cityId'], message: 'a city token needs cityId' });
    if (t.role === 'donor' && !t.donorId)
      ctx.addIssue({ code: 'custom', path: ['donorId'], message: 'a donor token needs donorId' });
    if (t.role !== 'city' && t.cityId)
      ctx.addIssue({ code: 'custom', path: ['cityId'], message: 'only city tokens carry cityId' });
    if (t.role !== 'donor' && t.donorId)
      ctx.addIssue({ code: 'custom', path: ['donorId'], message: 'only donor tokens carry donorId' });
  });

const TokenView = z
  .object({
    id: z.uuid(),
    role: z.enum(ROLES),
    cityId: z.uuid().nullable(),
    donorId: z.uuid().nullable(),
    label: z.string(),
    readOnly: z.boolean(),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .openapi('Token');

const view = (t: IApiToken) => ({
  id: t.id,
  role: t.role,
  cityId: t.city ?? null,
  donorId: t.donor ?? null,
  label: t.label,
  readOnly: t.readOnly,
  createdAt: t.createdAt.toISOString(),
  revokedAt: t.revokedAt?.toISOString() ?? null,
});

export function tokenRoutes(deps: AppDeps): Router {
  const router = Router();
  defineRoute(router, deps, {
    method: 'post',
    path: '/tokens',
    summary: 'Issue an API token (shown once)',
    tags: ['access'],
    roles: ['secretariat'],
    body: TokenCreate,
    responses: {
      201: {
        description: 'issued; a replay with the same Idempotency-Key answers without `token`',
        schema: TokenView.extend({ token: z.string().optional() }),
      },
    },
    // Stored for replays, the secret would sit in plain text next to its hash.
    secretFields: ['token'],
    handler: async ({ body, em }) => {
      if (body.cityId && !(await em.findOne(City, body.cityId)))
        throw unprocessable('unknown city', [{ path: 'body.cityId', message: 'no such city' }]);
      if (body.donorId && !(await em.findOne(Donor, body.donorId)))
        throw unprocessable('unknown donor', [{ path: 'body.donorId', message: 'no such donor' }]);
      const token = newToken();
      const row = em.create(ApiToken, {
        tokenHash: hashToken(token),
        role: body.role,
        city: body.cityId ?? null,
        donor: body.donorId ?? null,
        label: body.label,
        readOnly: body.readOnly,
      });
      await em.flush();
      return reply(201, { ...view(row), token }, { Location: `/tokens/${row.id}` });
    },
  });
  defineRoute(router, deps, {
    method: 'get',
    path: '/tokens',
    summary: 'List issued tokens (never their secret)',
    tags: ['access'],
    roles: ['secretariat'],
    query: PageQuery,
    responses: { 200: { description: 'tokens', schema: pageOf(TokenView) } },
    handler: async ({ query, em }) => {
      const [rows, total] = await em.findAndCount(
        ApiToken,
        {},
        { orderBy: { createdAt: 'desc' }, limit: query.limit, offset: query.offset },
      );
      return page(rows.map(view), total, query);
    },
  });
  defineRoute(router, deps, {
    method: 'delete',
    path: '/tokens/:id',
    summary: 'Revoke a token',
    tags: ['access'],
    roles: ['secretariat'],
    params: z.object({ id: z.uuid() }),
    responses: { 204: { description: 'revoked' } },
    handler: async ({ params, em }) => {
      const row = await findOr404(em, ApiToken, params.id, 'token');
      row.revokedAt ??= new Date();
      await em.flush();
      deps.auth.forget(row.tokenHash);
      return reply(204);
    },
  });
  return router;
}
