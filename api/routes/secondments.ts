// Secondments under an in-kind pledge: a person hosted by a member city or by the secretariat for a
// span of months, valued per month. The secretariat records them and approves each month once it
// is served; approved months count in the pledge's in-kind total (USD at the rate of the month's
// last day, kept with the approval) and in the funding summary. The donor reads its own.
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { City } from '../../db/entities/index.js';
import { approveMonth, insertSecondment, secondmentsOf } from '../../db/queries/secondment.js';
import { principalKey, type Principal } from '../../domain/auth.js';
import { formatAmount, toUsd } from '../../domain/money.js';
import { TERMINAL_STATUSES } from '../../domain/pledge.js';
import {
  ApproveMonthBody,
  CreateSecondmentBody,
  Month,
  SECONDMENT_HOSTS,
  SECONDMENT_LIMITS,
  monthsOf,
} from '../../domain/secondment.js';
import type { AppDeps } from '../deps.js';
import { conflict, notFound, unprocessable } from '../errors.js';
import { defineRoute, reply } from '../route.js';
import { findPledgeFor, rateFor } from '../views/pledge.js';

const PledgeParams = z.object({ id: z.uuid() });
const MonthParams = z.object({ id: z.uuid(), secondmentId: z.uuid(), month: Month });
const by = (p: Principal) =>
  p.role === 'secretariat' && p.tokenId === null ? 'secretariat' : `${p.role}:${principalKey(p)}`;

const MoneyView = z.object({ currency: z.string(), value: z.string(), minor: z.int() });
const money = (minor: number, currency: string) => ({ currency, value: formatAmount(minor, currency), minor });

const SecondmentView = z
  .object({
    id: z.uuid(),
    personName: z.string(),
    host: z.enum(SECONDMENT_HOSTS),
    hostCity: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    startOn: z.string(),
    endOn: z.string(),
    monthly: MoneyView,
    months: z.array(
      z.object({
        month: z.string(),
        approved: z.boolean(),
        approvedAt: z.string().nullable(),
        fxRateToUsd: z.string().nullable(),
        usd: MoneyView.nullable(),
      }),
    ),
    approvedUsd: MoneyView,
  })
  .openapi('Secondment');

const SecondmentList = z
  .object({
    items: z.array(SecondmentView),
    inKindTotalUsd: MoneyView.describe("approved secondment months of the pledge, in USD: its in-kind total's part"),
  })
  .openapi('SecondmentList');

async function list(em: EntityManager, pledgeId: string) {
  const { rows, months } = await secondmentsOf(em, pledgeId);
  let total = 0;
  const items = rows.map((s) => {
    const approved = new Map(months.filter((m) => m.secondment_id === s.id).map((m) => [m.month, m]));
    let usd = 0;
    const ms = monthsOf(s.start_on, s.end_on).map((month) => {
      const a = approved.get(month);
      if (a) usd += Number(a.usd_minor);
      return {
        month,
        approved: !!a,
        approvedAt: a ? new Date(a.approved_at).toISOString() : null,
        fxRateToUsd: a?.fx_rate_to_usd ?? null,
        usd: a ? money(Number(a.usd_minor), 'USD') : null,
      };
    });
    total += usd;
    return {
      id: s.id,
      personName: s.person_name,
      host: s.host,
      hostCity: s.host_city_id ? { id: s.host_city_id, name: s.host_city_name ?? '' } : null,
      startOn: s.start_on,
      endOn: s.end_on,
      monthly: money(Number(s.monthly_minor), s.currency),
      months: ms,
      approvedUsd: money(usd, 'USD'),
    };
  });
  return { items, inKindTotalUsd: money(total, 'USD') };
}

const lastDayOf = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

export function secondmentRoutes(deps: AppDeps): Router {
  const router = Router();

  defineRoute(router, deps, {
    method: 'post',
    path: '/pledges/:id/secondments',
    summary: 'Record a person seconded under an in-kind pledge, with the value of each month',
    tags: ['funding'],
    roles: ['secretariat'],
    params: PledgeParams,
    body: CreateSecondmentBody,
    responses: {
      201: { description: 'recorded', schema: SecondmentList },
      404: { description: 'unknown pledge' },
      409: { description: 'the pledge is not in kind, is over, or has as many secondments as allowed' },
      422: { description: 'unknown host city' },
    },
    handler: async ({ params, body, em, principal }) => {
      const pledge = await findPledgeFor(em, principal, params.id);
      if (pledge.kind !== 'in_kind') throw conflict('only an in-kind pledge takes secondments');
      if (TERMINAL_STATUSES.includes(pledge.status)) throw conflict(`the pledge is ${pledge.status}`);
      if (body.hostCityId && !(await em.findOne(City, body.hostCityId)))
        throw unprocessable('unknown city', [{ path: 'body.hostCityId', message: 'no such city' }]);
      const ok = await insertSecondment(
        em.fork() as EntityManager,
        {
          id: randomUUID(),
          pledgeId: pledge.id,
          personName: body.personName,
          host: body.host,
          hostCityId: body.hostCityId ?? null,
          startOn: body.startOn,
          endOn: body.endOn,
          currency: body.monthly.currency,
          monthlyMinor: body.monthly.minor,
          by: by(principal),
        },
        SECONDMENT_LIMITS.perPledge,
      );
      if (!ok) throw conflict(`a pledge has at most ${SECONDMENT_LIMITS.perPledge} secondments`);
      return reply(201, await list(em.fork() as EntityManager, pledge.id), {
        Location: `/pledges/${pledge.id}/secondments`,
      });
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/pledges/:id/secondments',
    summary: "The pledge's secondments, month by month, and what the approved months are worth (a donor: its own)",
    tags: ['funding'],
    roles: ['secretariat', 'viewer', 'donor'],
    params: PledgeParams,
    responses: {
      200: { description: 'the secondments', schema: SecondmentList },
      404: { description: 'unknown, or not yours' },
    },
    handler: async ({ params, em, principal }) => list(em, (await findPledgeFor(em, principal, params.id)).id),
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/pledges/:id/secondments/:secondmentId/months/:month/approve',
    summary: 'Approve one served month of a secondment: its value counts in the in-kind total (once)',
    tags: ['funding'],
    roles: ['secretariat'],
    params: MonthParams,
    body: ApproveMonthBody,
    responses: {
      201: { description: 'approved', schema: SecondmentList },
      200: { description: 'approved already: nothing counted twice', schema: SecondmentList },
      404: { description: 'unknown pledge or secondment' },
      409: { description: 'the month is outside the secondment or not over yet' },
      422: { description: 'no exchange rate for the currency by the end of the month' },
    },
    handler: async ({ params, body, em, principal }) => {
      const pledge = await findPledgeFor(em, principal, params.id);
      const { rows } = await secondmentsOf(em, pledge.id);
      const s = rows.find((r) => r.id === params.secondmentId);
      if (!s) throw notFound('secondment');
      if (!monthsOf(s.start_on, s.end_on).includes(params.month))
        throw conflict(`the secondment runs from ${s.start_on} to ${s.end_on}; ${params.month} is outside it`);
      const last = lastDayOf(params.month);
      const today = new Date().toISOString().slice(0, 10);
      if (params.month > today.slice(0, 7)) throw conflict(`${params.month} has not started yet`);
      const rate = await rateFor(em, s.currency, last < today ? last : today);
      if (!rate)
        throw unprocessable(`no ${s.currency} rate on or before ${last}`, [
          { path: 'params.month', message: `record a ${s.currency} rate (POST /fx-rates) first` },
        ]);
      const valueMinor = Number(s.monthly_minor);
      const created = await approveMonth(em.fork() as EntityManager, {
        secondmentId: s.id,
        month: params.month,
        valueMinor,
        rate: rate.rateToUsd,
        usdMinor: toUsd(valueMinor, s.currency, rate.rateToUsd),
        by: by(principal),
        note: body.note ?? null,
      });
      return reply(created ? 201 : 200, await list(em.fork() as EntityManager, pledge.id));
    },
  });
  return router;
}
