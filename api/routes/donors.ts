import { Router } from 'express';
import { z } from 'zod';
import { City, Country, Donor, type IDonor } from '../../db/entities/index.js';
import { DONOR_STATUSES, DONOR_TYPES, DonorCreate, DonorPatch } from '../../domain/registry.js';
import { LANGUAGES, type Principal } from '../../domain/auth.js';
import type { AppDeps } from '../deps.js';
import { forbidden, notFound, unprocessable } from '../errors.js';
import { findOr404 } from '../lookup.js';
import { PageQuery, likePattern, page, pageOf } from '../pagination.js';
import { defineRoute, reply } from '../route.js';
import type { EntityManager } from '@mikro-orm/postgresql';

const DonorView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    type: z.enum(DONOR_TYPES),
    country: z.string().nullable(),
    contact: z.object({ name: z.string().nullable(), email: z.string().nullable(), language: z.enum(LANGUAGES) }),
    cityId: z.uuid().nullable(),
    status: z.enum(DONOR_STATUSES).describe('a prospect (from a public inquiry) gives its contact no access'),
    iatiOrgRef: z.string().nullable().describe('its IATI organisation identifier, when it has one'),
  })
  .openapi('Donor');

const view = (d: IDonor) => ({
  id: d.id,
  name: d.name,
  type: d.type,
  country: d.country ?? null,
  contact: { name: d.contactName ?? null, email: d.contactEmail ?? null, language: d.contactLanguage },
  cityId: d.city ?? null,
  status: d.status,
  iatiOrgRef: d.iatiOrgRef ?? null,
});

/** A donor token sees its own donor only; for others the record does not exist. */
export async function findDonorFor(em: EntityManager, principal: Principal, id: string): Promise<IDonor> {
  if (principal.role === 'donor' && principal.donorId !== id) throw notFound('donor');
  return findOr404(em, Donor, id, 'donor');
}

async function checkRefs(em: EntityManager, b: { country?: string | null; cityId?: string | null }) {
  if (b.country && !(await em.findOne(Country, b.country)))
    throw unprocessable('unknown country', [{ path: 'body.country', message: `no country ${b.country}` }]);
  if (b.cityId && !(await em.findOne(City, b.cityId)))
    throw unprocessable('unknown city', [{ path: 'body.cityId', message: 'no such city' }]);
}

const IdParams = z.object({ id: z.uuid() });

export function donorRoutes(deps: AppDeps): Router {
  const router = Router();
  defineRoute(router, deps, {
    method: 'get',
    path: '/donors',
    summary: 'Funding partners (a donor token sees itself only)',
    tags: ['registry'],
    roles: ['secretariat', 'donor'],
    query: PageQuery.extend({ type: z.enum(DONOR_TYPES).optional(), q: z.string().max(100).optional() }),
    responses: { 200: { description: 'donors', schema: pageOf(DonorView) } },
    handler: async ({ query, em, principal }) => {
      const where = {
        ...(query.type ? { type: query.type } : {}),
        ...(query.q ? { name: { $ilike: likePattern(query.q) } } : {}),
        ...(principal.role === 'donor' ? { id: principal.donorId ?? '' } : {}),
      };
      const [rows, total] = await em.findAndCount(Donor, where, {
        orderBy: { name: 'asc', id: 'asc' },
        limit: query.limit,
        offset: query.offset,
      });
      return page(rows.map(view), total, query);
    },
  });
  defineRoute(router, deps, {
    method: 'post',
    path: '/donors',
    summary: 'Register a funding partner',
    tags: ['registry'],
    roles: ['secretariat'],
    body: DonorCreate,
    responses: { 201: { description: 'created', schema: DonorView } },
    handler: async ({ body, em }) => {
      await checkRefs(em, body);
      const d = em.create(Donor, {
        name: body.name,
        type: body.type,
        country: body.country ?? null,
        contactName: body.contact?.name ?? null,
        contactEmail: body.contact?.email ?? null,
        contactLanguage: body.contact?.language ?? 'en',
        city: body.cityId ?? null,
        iatiOrgRef: body.iatiOrgRef ?? null,
      });
      await em.flush();
      return reply(201, view(d), { Location: `/donors/${d.id}` });
    },
  });
  defineRoute(router, deps, {
    method: 'get',
    path: '/donors/:id',
    summary: 'One funding partner',
    tags: ['registry'],
    roles: ['secretariat', 'donor'],
    params: IdParams,
    responses: { 200: { description: 'the donor', schema: DonorView }, 404: { description: 'unknown, or not yours' } },
    handler: async ({ params, em, principal }) => view(await findDonorFor(em, principal, params.id)),
  });
  defineRoute(router, deps, {
    method: 'patch',
    path: '/donors/:id',
    summary:
      'Change a funding partner (a donor may change its contact only; `status: active` makes a prospect a partner)',
    tags: ['registry'],
    roles: ['secretariat', 'donor'],
    params: IdParams,
    body: DonorPatch,
    responses: { 200: { description: 'changed', schema: DonorView }, 404: { description: 'unknown, or not yours' } },
    handler: async ({ params, body, em, principal }) => {
      const d = await findDonorFor(em, principal, params.id);
      if (principal.role === 'donor' && Object.keys(body).some((k) => k !== 'contact'))
        throw forbidden('a donor may change its contact only');
      await checkRefs(em, body);
      if (body.name !== undefined) d.name = body.name;
      if (body.type !== undefined) d.type = body.type;
      if (body.country !== undefined) d.country = body.country;
      if (body.cityId !== undefined) d.city = body.cityId;
      if (body.status !== undefined) d.status = body.status;
      if (body.iatiOrgRef !== undefined) d.iatiOrgRef = body.iatiOrgRef;
      if (body.contact?.name !== undefined) d.contactName = body.contact.name;
      if (body.contact?.email !== undefined) d.contactEmail = body.contact.email;
      if (body.contact?.language !== undefined) d.contactLanguage = body.contact.language;
      await em.flush();
      return view(d);
    },
  });
  return router;
}
