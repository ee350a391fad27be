import { Router } from 'express';
import { z } from 'zod';
import { City, Country, Membership, type ICity } from '../../db/entities/index.js';
import { ROLES } from '../../domain/auth.js';
import { CITY_STATUSES, CityCreate, CityPatch } from '../../domain/registry.js';
import { UNESCO_REGIONS } from '../../db/seed/countries.js';
import { requireCity } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { forbidden, notFound, unprocessable } from '../errors.js';
import { findOr404 } from '../lookup.js';
import { PageQuery, likePattern, page, pageOf } from '../pagination.js';
import { readRow } from '../read-row.js';
import { defineRoute, reply } from '../route.js';

export const CityView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    country: z.string(),
    status: z.enum(CITY_STATUSES),
    yearJoined: z.int().nullable(),
  })
  .openapi('City');

export const cityView = (c: ICity) => ({
  id: c.id,
  name: c.name,
  country: c.country,
  status: c.status,
  yearJoined: c.yearJoined ?? null,
});

const CityQuery = PageQuery.extend({
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/)
    .transform((s) => s.toUpperCase())
    .optional(),
  region: z.enum(UNESCO_REGIONS).optional(),
  cluster: z.string().max(32).optional(),
  status: z.enum(CITY_STATUSES).optional(),
  q: z.string().max(100).optional(),
});
const IdParams = z.object({ id: z.uuid() });

export function cityRoutes(deps: AppDeps): Router {
  const router = Router();
  defineRoute(router, deps, {
    method: 'get',
    path: '/cities',
    summary: 'Member and candidate cities',
    tags: ['registry'],
    roles: ROLES,
    query: CityQuery,
    responses: { 200: { description: 'cities', schema: pageOf(CityView) } },
    handler: async ({ query, em }) => {
      const where: Record<string, unknown> = {};
      if (query.country) where.country = query.country;
      if (query.status) where.status = query.status;
      if (query.q) where.name = { $ilike: likePattern(query.q) };
      if (query.region) {
        const codes = await em.find(Country, { region: query.region }, { fields: ['code'] });
        where.country = query.country
          ? codes.some((c) => c.code === query.country)
            ? query.country
            : '__'
          : { $in: codes.map((c) => c.code) };
      }
      if (query.cluster) {
        const members = await em.find(
          Membership,
          { cluster: query.cluster.toUpperCase(), until: null },
          { fields: ['city'] },
        );
        where.id = { $in: members.map((m) => m.city) };
      }
      const [rows, total] = await em.findAndCount(City, where, {
        orderBy: { name: 'asc', id: 'asc' },
        limit: query.limit,
        offset: query.offset,
      });
      return page(rows.map(cityView), total, query);
    },
  });
  defineRoute(router, deps, {
    method: 'post',
    path: '/cities',
    summary: 'Register a city',
    tags: ['registry'],
    roles: ['secretariat'],
    body: CityCreate,
    responses: { 201: { description: 'created', schema: CityView }, 409: { description: 'same name in that country' } },
    handler: async ({ body, em }) => {
      if (!(await em.findOne(Country, body.country)))
        throw unprocessable('unknown country', [{ path: 'body.country', message: `no country ${body.country}` }]);
      const city = em.create(City, {
        name: body.name,
        country: body.country,
        status: body.status,
        yearJoined: body.yearJoined ?? null,
      });
      await em.flush();
      return reply(201, cityView(city), { Location: `/cities/${city.id}` });
    },
  });
  defineRoute(router, deps, {
    method: 'get',
    path: '/cities/:id',
    summary: 'One city',
    tags: ['registry'],
    roles: ROLES,
    params: IdParams,
    responses: { 200: { description: 'the city', schema: CityView }, 404: { description: 'unknown' } },
    handler: async ({ params }) => {
      // The hottest read of the API: a plain row, without forking an entity manager (see readRow).
      const city = await readRow(deps.orm, City, params.id);
      if (!city) throw notFound('city');
      return cityView(city as ICity);
    },
  });
  defineRoute(router, deps, {
    method: 'patch',
    path: '/cities/:id',
    summary: "Change a city (its own token may rename it; status is the secretariat's)",
    tags: ['registry'],
    roles: ['secretariat', 'city'],
    params: IdParams,
    body: CityPatch,
    responses: { 200: { description: 'changed', schema: CityView }, 404: { description: 'unknown' } },
    handler: async ({ params, body, em, principal }) => {
      requireCity(principal, params.id);
      if (principal.role !== 'secretariat' && body.status !== undefined)
        throw forbidden('only the secretariat changes a city status');
      const city = await findOr404(em, City, params.id, 'city');
      if (body.name !== undefined) city.name = body.name;
      if (body.status !== undefined) city.status = body.status;
      if (body.yearJoined !== undefined) city.yearJoined = body.yearJoined;
      await em.flush();
      return cityView(city);
    },
  });
  return router;
}
