// The common schedule as JSON and as an RFC 5545 feed. Calendar apps cannot send headers, so the
// feed also takes the token as ?access_token= (GET only; use a read-only token for subscriptions).
import { Router } from 'express';
import { z } from 'zod';
import { QueryInt } from '../pagination.js';
import { ROLES, type Principal } from '../../domain/auth.js';
import { CALENDAR_SOURCES, type CalendarFilters } from '../../db/queries/calendar.js';
import { CALENDAR_EVENT_KINDS, toICalendar, type CalendarEvent } from '../../domain/calendar.js';
import { CalendarDate } from '../../domain/schemas.js';
import type { AppDeps } from '../deps.js';
import { forbidden } from '../errors.js';
import { defineRoute, reply } from '../route.js';
import type { EntityManager } from '@mikro-orm/postgresql';

/** The most events one call may ask for with ?limit= (the overview's "next up" list). */
export const MAX_CALENDAR_LIMIT = 1000;

const CalendarQuery = z
  .object({
    year: QueryInt(2012, 2100).optional(),
    from: CalendarDate.optional().describe('events starting on or after this day (UTC); with year, both apply'),
    to: CalendarDate.optional().describe('events starting on or before this day (UTC); with year, both apply'),
    kinds: z
      .string()
      .max(500)
      .transform((s, ctx) => {
        const kinds = s.split(',').map((k) => k.trim());
        const unknown = kinds.filter((k) => !(CALENDAR_EVENT_KINDS as readonly string[]).includes(k));
        if (unknown.length) {
          ctx.addIssue({
            code: 'custom',
            message: `unknown event kind(s) ${unknown.join(', ')}; known: ${CALENDAR_EVENT_KINDS.join(', ')}`,
          });
          return z.NEVER;
        }
        return kinds as (typeof CALENDAR_EVENT_KINDS)[number][];
      })
      .optional()
      .describe(`comma-separated event kinds to include: ${CALENDAR_EVENT_KINDS.join(', ')}`),
    limit: QueryInt(1, MAX_CALENDAR_LIMIT).optional().describe('only the earliest events, at most this many'),
    cluster: z
      .string()
      .min(1)
      .max(32)
      .transform((s) => s.toUpperCase())
      .optional(),
    city: z.uuid().optional().describe('events that concern this city; a city token always gets its own'),
    access_token: z
      .string()
      .max(200)
      .optional()
      .describe('the token, for calendar apps that cannot send an Authorization header'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], error: 'must be on or after from' });

const EventView = z
  .object({
    uid: z.string(),
    kind: z.string(),
    title: z.string(),
    start: z.string(),
    end: z.string().optional(),
    allDay: z.boolean().optional(),
    cluster: z.string().nullable().optional(),
    description: z.string().optional(),
    location: z.string().optional(),
    url: z.string().optional(),
    cancelled: z.boolean().optional(),
    timezone: z.string().optional().describe('IANA time zone the event is held in'),
    sequence: z.int().min(0).optional().describe('revision: raised by every reschedule and a cancellation'),
    updatedAt: z.string().optional().describe('when the event last changed'),
  })
  .openapi('CalendarEvent');

function filtersFor(principal: Principal, q: z.output<typeof CalendarQuery>): CalendarFilters {
  if (principal.role === 'city' && q.city && q.city !== principal.cityId)
    throw forbidden("a city token sees its own city's schedule only");
  const city = principal.role === 'city' ? (principal.cityId ?? undefined) : q.city;
  return {
    ...(q.year ? { year: q.year } : {}),
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
    ...(q.kinds ? { kinds: q.kinds } : {}),
    ...(q.limit ? { limit: q.limit } : {}),
    ...(q.cluster ? { cluster: q.cluster } : {}),
    ...(city ? { city } : {}),
  };
}

async function collect(em: EntityManager, principal: Principal, filters: CalendarFilters): Promise<CalendarEvent[]> {
  const all = (await Promise.all(CALENDAR_SOURCES.map((source) => source(em.fork(), principal, filters)))).flat();
  const sorted = all.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.uid < b.uid ? -1 : 1));
  return filters.limit ? sorted.slice(0, filters.limit) : sorted;
}

export function calendarRoutes(deps: AppDeps): Router {
  const router = Router();
  // URL must be absolute in iCalendar; without a public base it is left out.
  const absolute = (url: string) =>
    url.startsWith('/')
      ? deps.config.PUBLIC_URL
        ? `${deps.config.PUBLIC_URL.replace(/\/$/, '')}${url}`
        : undefined
      : url;

  defineRoute(router, deps, {
    method: 'get',
    path: '/calendar',
    summary: 'Common schedule: workshops, coordinator meetings, report due dates, election windows',
    tags: ['cluster work'],
    roles: ROLES,
    query: CalendarQuery,
    responses: { 200: { description: 'events, earliest first', schema: z.object({ items: z.array(EventView) }) } },
    handler: async ({ query, em, principal }) => ({
      items: await collect(em, principal, filtersFor(principal, query)),
    }),
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/calendar.ics',
    summary: 'The same schedule as a subscribable iCalendar feed (RFC 5545)',
    tags: ['cluster work'],
    roles: ROLES,
    query: CalendarQuery,
    responses: { 200: { description: 'text/calendar', schema: z.string(), contentType: 'text/calendar' } },
    handler: async ({ query, em, principal }) => {
      const events = await collect(em, principal, filtersFor(principal, query));
      const body = toICalendar(
        events.map(({ url, ...e }) => {
          const abs = url ? absolute(url) : undefined;
          return abs ? { ...e, url: abs } : e;
        }),
        { name: `GNLC schedule${query.cluster ? ` ${query.cluster}` : ''}`, now: new Date() },
      );
      // The token may sit in the URL: keep the feed out of shared caches.
      return reply(200, body, { 'Cache-Control': 'private, no-store' }, 'text/calendar; charset=utf-8');
    },
  });

  return router;
}
