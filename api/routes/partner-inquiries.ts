// The partner pipeline's public door ("become a funding partner") and its list for the console.
// POST /partner-inquiries needs no account: it is limited per client address and per e-mail address
// (counted in PostgreSQL, as sign-in is), a filled-in honeypot field is answered the same and
// stored as nothing but a count, and nothing reaches the secretariat — no donor, no message — until
// the inquirer confirms the e-mailed link (POST /partner-inquiries/confirm). A confirmed inquiry
// creates only a prospect donor (its contact has no access) and stays `in_discussion`.
import { Router } from 'express';
import { z } from 'zod';
import { Country } from '../../db/entities/index.js';
import {
  confirmInquiry,
  insertInquiry,
  listPipeline,
  overInquiryLimit,
  recordCaught,
} from '../../db/queries/partner-inquiry.js';
import { ConfirmBody, InquiryBody, PIPELINE_STATUSES } from '../../domain/partner-inquiry.js';
import { FUNDING_OPTIONS } from '../../domain/pledge.js';
import { DONOR_TYPES } from '../../domain/registry.js';
import { publicBase } from '../../platform/config.js';
import type { AppDeps } from '../deps.js';
import { HttpProblem, badRequest, unprocessable } from '../errors.js';
import { PageQuery, page, pageOf } from '../pagination.js';
import { defineRoute, reply } from '../route.js';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

const PipelineItem = z
  .object({
    id: z.uuid(),
    organisation: z.string(),
    donorType: z.enum(DONOR_TYPES),
    country: z.string(),
    contact: z.object({ name: z.string(), email: z.string() }),
    interest: z.array(z.enum(FUNDING_OPTIONS)),
    message: z.string().nullable(),
    status: z.enum(PIPELINE_STATUSES),
    confirmation: z.enum(['confirmed', 'pending', 'expired']),
    confirmedAt: z.string().nullable(),
    donorId: z.uuid().nullable().describe('the prospect donor, once confirmed'),
    createdAt: z.string(),
  })
  .openapi('PartnerInquiry');

export function partnerInquiryRoutes(deps: AppDeps): Router {
  const router = Router();
  const base = publicBase(deps.config);

  defineRoute(router, deps, {
    method: 'post',
    path: '/partner-inquiries',
    summary: 'Ask to become a funding partner (public; confirmed by an e-mailed link)',
    tags: ['funding'],
    roles: 'public',
    body: InquiryBody,
    responses: {
      202: {
        description: 'received; a confirmation link is e-mailed to the contact',
        schema: z.object({ received: z.literal(true) }),
      },
      422: { description: 'unknown country' },
      429: { description: 'too many inquiries from this client or for this address; retry later' },
    },
    handler: async ({ body, req, res, em }) => {
      const client = req.ip ?? 'unknown';
      if (await overInquiryLimit(em, client, body.contact.email)) {
        res.setHeader('Retry-After', '900');
        throw new HttpProblem(429, 'Too Many Requests', 'too many inquiries; retry in a quarter of an hour');
      }
      if (!(await em.findOne(Country, body.country)))
        throw unprocessable('unknown country', [{ path: 'body.country', message: `no country ${body.country}` }]);
      // A robot's form: the same answer, and nothing but a count for the limits.
      if (body.website) await recordCaught(em, body, client);
      else await insertInquiry(em, body, client, base);
      return reply(202, { received: true });
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/partner-inquiries/confirm',
    summary: "Confirm an inquiry's e-mail address from its link (public): the secretariat is told",
    tags: ['funding'],
    roles: 'public',
    body: ConfirmBody,
    responses: {
      200: { description: 'confirmed', schema: z.object({ confirmed: z.literal(true) }) },
      400: { description: 'the link is unknown, used or expired' },
    },
    handler: async ({ body, em }) => {
      const done = await confirmInquiry(em, body.token);
      if (!done)
        throw badRequest('this confirmation link is invalid, used or has expired', [
          { path: 'body.token', message: 'invalid or expired' },
        ]);
      return { confirmed: true as const };
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/partner-inquiries',
    summary: 'The partner pipeline: inquiries with their confirmation state, newest first',
    tags: ['funding'],
    roles: ['secretariat', 'viewer'],
    query: PageQuery.extend({
      status: z.enum(PIPELINE_STATUSES).optional(),
      confirmed: z.enum(['true', 'false']).optional(),
    }),
    responses: { 200: { description: 'inquiries', schema: pageOf(PipelineItem) } },
    handler: async ({ query, em }) => {
      const { rows, total } = await listPipeline(em, {
        limit: query.limit,
        offset: query.offset,
        ...(query.status ? { status: query.status } : {}),
        ...(query.confirmed ? { confirmed: query.confirmed === 'true' } : {}),
      });
      const now = Date.now();
      const items = rows.map((r) => ({
        id: r.id,
        organisation: r.organisation,
        donorType: r.donor_type as (typeof DONOR_TYPES)[number],
        country: r.country_code,
        contact: { name: r.contact_name, email: r.contact_email },
        interest: r.interest as (typeof FUNDING_OPTIONS)[number][],
        message: r.message,
        status: r.status,
        confirmation: r.confirmed_at
          ? ('confirmed' as const)
          : new Date(r.expires_at).getTime() > now
            ? ('pending' as const)
            : ('expired' as const),
        confirmedAt: iso(r.confirmed_at),
        donorId: r.donor_id,
        createdAt: iso(r.created_at)!,
      }));
      return page(items, total, query);
    },
  });
  return router;
}
