// Exchange rates to USD: the table by currency and date, one at a time or as an all-or-nothing CSV import.
import { Router } from 'express';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { FxRate } from '../../db/entities/index.js';
import { FxRateBody, parseRatesCsv, type FxRateRow } from '../../domain/fx-rate.js';
import { Currency, normalizeRate } from '../../domain/money.js';
import { CalendarDate } from '../../domain/schemas.js';
import type { AppDeps } from '../deps.js';
import { badRequest } from '../errors.js';
import { PageQuery, page, pageOf } from '../pagination.js';
import { defineRoute, reply } from '../route.js';

const FxRateView = z.object({ currency: z.string(), date: z.string(), rateToUsd: z.string() }).openapi('FxRate');
const day = (d: unknown): string => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

/** Insert or correct (currency, date); receipts keep the rate they were recorded with. */
async function upsertRates(em: EntityManager, rows: FxRateRow[]): Promise<number> {
  let created = 0;
  await em.transactional(async (tx) => {
    for (const r of rows) {
      const res = await tx.execute<{ inserted: boolean }[]>(
        `insert into fx_rate (id, currency, date, rate_to_usd, created_at) values (gen_random_uuid(), ?, ?, ?, now())
         on conflict (currency, date) do update set rate_to_usd = excluded.rate_to_usd returning (xmax = 0) as inserted`,
        [r.currency, r.date, r.rateToUsd],
      );
      if (res[0]?.inserted) created++;
    }
  });
  return created;
}

export function fxRateRoutes(deps: AppDeps): Router {
  const router = Router();

  defineRoute(router, deps, {
    method: 'get',
    path: '/fx-rates',
    summary: 'Exchange rates to USD, newest first',
    tags: ['funding'],
    roles: ['secretariat', 'viewer'],
    query: PageQuery.extend({
      currency: Currency.optional(),
      from: CalendarDate.optional(),
      to: CalendarDate.optional(),
    }),
    responses: { 200: { description: 'rates', schema: pageOf(FxRateView) } },
    handler: async ({ query, em }) => {
      const date = { ...(query.from ? { $gte: query.from } : {}), ...(query.to ? { $lte: query.to } : {}) };
      const where = {
        ...(query.currency ? { currency: query.currency } : {}),
        ...(query.from || query.to ? { date } : {}),
      };
      const [rows, total] = await em.findAndCount(FxRate, where, {
        orderBy: { date: 'desc', currency: 'asc' },
        limit: query.limit,
        offset: query.offset,
      });
      return page(
        rows.map((r) => ({ currency: r.currency, date: day(r.date), rateToUsd: normalizeRate(r.rateToUsd) })),
        total,
        query,
      );
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/fx-rates',
    summary: 'Record (or correct) the rate of a currency on a date',
    tags: ['funding'],
    roles: ['secretariat'],
    body: FxRateBody,
    responses: {
      201: { description: 'recorded', schema: FxRateView },
      200: { description: 'corrected', schema: FxRateView },
    },
    handler: async ({ body, em }) => {
      const created = await upsertRates(em, [body]);
      return reply(created ? 201 : 200, {
        currency: body.currency,
        date: body.date,
        rateToUsd: normalizeRate(body.rateToUsd),
      });
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/fx-rates/import',
    summary: 'Import rates from CSV (text/csv: currency,date,rateToUsd); all or nothing',
    tags: ['funding'],
    roles: ['secretariat'],
    body: z.string({ error: 'send the rates as text/csv' }).max(1_000_000),
    bodyContentType: 'text/csv',
    responses: {
      200: { description: 'imported', schema: z.object({ imported: z.int(), created: z.int(), updated: z.int() }) },
      400: { description: 'a line is invalid; nothing was written' },
    },
    handler: async ({ body, em }) => {
      const { rows, errors } = parseRatesCsv(body);
      if (errors.length)
        throw badRequest(`${errors.length} invalid line(s); nothing was imported`, errors.slice(0, 100));
      const created = await upsertRates(em, rows);
      return { imported: rows.length, created, updated: rows.length - created };
    },
  });
  return router;
}
