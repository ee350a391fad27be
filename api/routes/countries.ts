import { Router } from 'express';
import { z } from 'zod';
import { Country } from '../../db/entities/index.js';
import { ROLES } from '../../domain/auth.js';
import { INCOME_GROUPS, UNESCO_REGIONS } from '../../db/seed/countries.js';
import type { AppDeps } from '../deps.js';
import { PageQuery, QueryInt, page, pageOf } from '../pagination.js';
import { defineRoute } from '../route.js';

export const CountryView = z
  .object({
    code: z.string(),
    name: z.string(),
    region: z.enum(UNESCO_REGIONS),
    incomeGroup: z.enum(INCOME_GROUPS),
    ldc: z.boolean(),
  })
  .openapi('Country');

const CountryQuery = PageQuery.extend({
  limit: QueryInt(1, 250).default(250),
  region: z.enum(UNESCO_REGIONS).optional(),
  incomeGroup: z.enum(INCOME_GROUPS).optional(),
  ldc: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export function countryRoutes(deps: AppDeps): Router {
  const router = Router();
  defineRoute(router, deps, {
    method: 'get',
    path: '/countries',
    summary: 'Countries with UNESCO region, income group and LDC flag',
    tags: ['registry'],
    roles: ROLES,
    query: CountryQuery,
    responses: { 200: { description: 'countries', schema: pageOf(CountryView) } },
    handler: async ({ query, em }) => {
      const where = {
        ...(query.region ? { region: query.region } : {}),
        ...(query.incomeGroup ? { incomeGroup: query.incomeGroup } : {}),
        ...(query.ldc !== undefined ? { ldc: query.ldc } : {}),
      };
      const [rows, total] = await em.findAndCount(Country, where, {
        orderBy: { code: 'asc' },
        limit: query.limit,
        offset: query.offset,
      });
      return page(
        rows.map(({ code, name, region, incomeGroup, ldc }) => ({ code, name, region, incomeGroup, ldc })),
        total,
        query,
      );
    },
  });
  return router;
}
