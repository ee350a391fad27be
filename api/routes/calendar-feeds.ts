// A city's own calendar subscriptions: a representative creates (and revokes) read-only city tokens
// for its own city, to paste into a calendar app as a feed URL. Narrower than POST /tokens (which
// stays the secretariat's): the role, the city and read-only are fixed here, never chosen.
import { Router } from 'express';
import { z } from 'zod';
import { ApiToken, type IApiToken } from '../../db/entities/index.js';
import type { Principal } from '../../domain/auth.js';
import { Text } from '../../domain/schemas.js';
import { publicBase } from '../../platform/config.js';
import { hashToken, newToken } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { forbidden, notFound } from '../errors.js';
import { defineRoute, reply } from '../route.js';

const FeedCreate = z.object({ label: Text(200).optional() }).strict();

const FeedView = z
  .object({
    id: z.uuid(),
    cityId: z.uuid(),
    label: z.string(),
    createdAt: z.string(),
  })
  .openapi('CalendarFeed');

const FeedCreated = FeedView.extend({
  token: z.string().optional().describe('shown once'),
  httpsUrl: z.string().optional().describe('the feed with its token; shown once'),
  webcalUrl: z.string().optional().describe('the same for calendar apps (webcal://); shown once'),
});

const view = (t: IApiToken) => ({
  id: t.id,
  cityId: t.city!,
  label: t.label,
  createdAt: t.createdAt.toISOString(),
});

/** A city principal that may write; its city is the only one it gets feeds for. */
function ownCity(p: Principal): string {
  if (p.role !== 'city' || !p.cityId) throw forbidden('only a city has calendar feeds of its own');
  return p.cityId;
}

export function calendarFeedRoutes(deps: AppDeps): Router {
  const router = Router();
  const base = publicBase(deps.config);

  defineRoute(router, deps, {
    method: 'get',
    path: '/me/calendar-feeds',
    summary: "The calling city's read-only tokens (its calendar feeds), never their secret",
    tags: ['access'],
    roles: ['city'],
    responses: { 200: { description: 'feeds, newest first', schema: z.object({ items: z.array(FeedView) }) } },
    handler: async ({ principal, em }) => {
      const rows = await em.find(
        ApiToken,
        { role: 'city', city: ownCity(principal), readOnly: true, revokedAt: null },
        { orderBy: { createdAt: 'desc' }, limit: 100 },
      );
      return { items: rows.map(view) };
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/me/calendar-feeds',
    summary: "Create a read-only feed token for the calling city's schedule (shown once)",
    tags: ['access'],
    roles: ['city'],
    body: FeedCreate,
    responses: {
      201: {
        description: 'created; a replay with the same Idempotency-Key answers without the secret',
        schema: FeedCreated,
      },
      403: { description: 'not a city' },
    },
    secretFields: ['token', 'httpsUrl', 'webcalUrl'],
    handler: async ({ principal, body, em }) => {
      const city = ownCity(principal);
      const token = newToken();
      const row = em.create(ApiToken, {
        tokenHash: hashToken(token),
        role: 'city',
        city,
        donor: null,
        label: body.label ?? 'Calendar feed',
        readOnly: true,
      });
      await em.flush();
      const httpsUrl = `${base}/calendar.ics?access_token=${encodeURIComponent(token)}`;
      const webcalUrl = httpsUrl.replace(/^https?:\/\//, 'webcal://');
      return reply(201, { ...view(row), token, httpsUrl, webcalUrl }, { Location: `/me/calendar-feeds/${row.id}` });
    },
  });

  defineRoute(router, deps, {
    method: 'delete',
    path: '/me/calendar-feeds/:id',
    summary: "Revoke one of the calling city's read-only tokens",
    tags: ['access'],
    roles: ['city'],
    params: z.object({ id: z.uuid() }),
    responses: { 204: { description: 'revoked' }, 404: { description: "not one of this city's feeds" } },
    handler: async ({ principal, params, em }) => {
      const city = ownCity(principal);
      // Another city's token, or a token that can write, is not this city's feed: the same 404 for all.
      const row = await em.findOne(ApiToken, { id: params.id, role: 'city', city, readOnly: true });
      if (!row) throw notFound('calendar feed');
      row.revokedAt ??= new Date();
      await em.flush();
      deps.auth.forget(row.tokenHash);
      return reply(204);
    },
  });
  return router;
}
