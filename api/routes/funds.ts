// Funds: what each fund received, allocated, disbursed and has available; a pledge's split across
// funds; allocations to activities, their reduction or cancellation, disbursements to beneficiary
// cities; and the share of disbursements reaching Africa and LDC or low-income countries.
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { Pledge } from '../../db/entities/index.js';
import {
  allocate,
  allocationById,
  allocationChanges,
  allocationDisbursements,
  changeAllocation,
  disburse,
  fundAllocations,
  fundFigures,
  fundReach,
  pledgeSplitOf,
  setPledgeSplit,
} from '../../db/queries/fund.js';
import { principalKey, type Principal } from '../../domain/auth.js';
import {
  AllocationBody,
  AllocationChangeBody,
  DisbursementBody,
  FUND_KEYS,
  SplitBody,
  resolveSplit,
} from '../../domain/fund.js';
import { formatAmount, normalizeRate, parseAmount } from '../../domain/money.js';
import { CalendarDate } from '../../domain/schemas.js';
import type { AppDeps } from '../deps.js';
import { conflict, notFound, unprocessable } from '../errors.js';
import { PageQuery, page, pageOf } from '../pagination.js';
import { defineRoute, reply } from '../route.js';
import {
  AllocationDetailView,
  AllocationView,
  DisbursementView,
  FundView,
  FundsCsv,
  PledgeSplitResponse,
  ReachCsv,
  ReachView,
  allocationDetailView,
  allocationView,
  disbursementView,
  fundView,
  fundsCsv,
  pledgeSplitView,
  reachCsv,
  reachView,
} from '../views/fund.js';
import { findPledgeFor, rateFor } from '../views/pledge.js';

const FundParams = z.object({ fund: z.enum(FUND_KEYS) });
const IdParams = z.object({ id: z.uuid() });
const by = (p: Principal) =>
  p.role === 'secretariat' && p.tokenId === null ? 'secretariat' : `${p.role}:${principalKey(p)}`;
const Format = z.enum(['json', 'csv']).optional().describe('csv: the same as Accept: text/csv');
const wantsCsv = (format: 'json' | 'csv' | undefined, accepts: string | false) =>
  format ? format === 'csv' : accepts === 'text/csv';
const usd = (m: number) => formatAmount(m, 'USD');

export function fundRoutes(deps: AppDeps): Router {
  const router = Router();

  defineRoute(router, deps, {
    method: 'get',
    path: '/funds',
    summary: 'Every fund: received, allocated, disbursed and available in USD and per currency (CSV with format=csv)',
    tags: ['funding'],
    roles: ['secretariat', 'viewer'],
    query: z.object({ format: Format }),
    responses: {
      200: {
        description: 'the funds, MDFM first',
        schema: z.object({ items: z.array(FundView) }),
        alternatives: { 'text/csv': FundsCsv },
      },
    },
    handler: async ({ query, em, req }) => {
      const funds = await fundFigures(em);
      if (wantsCsv(query.format, req.accepts(['application/json', 'text/csv'])))
        return reply(200, fundsCsv(funds), { 'Content-Disposition': 'attachment; filename="funds.csv"' }, 'text/csv');
      return { items: funds.map(fundView) };
    },
  });

  // Before /funds/:fund, which would otherwise take "reach" for a fund key.
  defineRoute(router, deps, {
    method: 'get',
    path: '/funds/reach',
    summary:
      'The share of disbursements reaching cities in Africa and in LDC or low-income countries, from the beneficiary cities’ countries (CSV with format=csv)',
    tags: ['funding'],
    roles: ['secretariat', 'viewer'],
    query: z.object({
      fund: z.enum(FUND_KEYS).optional(),
      from: CalendarDate.optional().describe('disbursed on or after'),
      to: CalendarDate.optional().describe('disbursed on or before'),
      format: Format,
    }),
    responses: {
      200: { description: 'the reach', schema: ReachView, alternatives: { 'text/csv': ReachCsv } },
    },
    handler: async ({ query, em, req }) => {
      const filter = { fund: query.fund, from: query.from, to: query.to };
      const view = reachView(await fundReach(em, filter), filter);
      if (wantsCsv(query.format, req.accepts(['application/json', 'text/csv'])))
        return reply(200, reachCsv(view), { 'Content-Disposition': 'attachment; filename="reach.csv"' }, 'text/csv');
      return view;
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/funds/:fund',
    summary: "One fund's figures",
    tags: ['funding'],
    roles: ['secretariat', 'viewer'],
    params: FundParams,
    responses: { 200: { description: 'the fund', schema: FundView } },
    handler: async ({ params, em }) => {
      const [f] = await fundFigures(em, params.fund);
      if (!f) throw notFound('fund');
      return fundView(f);
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/funds/:fund/allocations',
    summary: "A fund's allocations, newest first",
    tags: ['funding'],
    roles: ['secretariat', 'viewer'],
    params: FundParams,
    query: PageQuery,
    responses: { 200: { description: 'allocations', schema: pageOf(AllocationView) } },
    handler: async ({ params, query, em }) => {
      const { items, total } = await fundAllocations(em, params.fund, query);
      return page(items.map(allocationView), total, query);
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/funds/:fund/allocations',
    summary: 'Allocate from a fund to an activity (refused when the fund has not that much available)',
    tags: ['funding'],
    roles: ['secretariat'],
    params: FundParams,
    body: AllocationBody,
    responses: {
      201: { description: 'allocated', schema: AllocationView },
      409: { description: 'the fund has less available than the allocation; the answer says how much' },
      422: { description: 'no exchange rate for the currency on or before allocatedOn' },
    },
    handler: async ({ params, body, em, principal }) => {
      const rate =
        body.fxRateToUsd ?? (await rateFor(em, body.amount.currency, body.allocatedOn))?.rateToUsd ?? undefined;
      if (!rate)
        throw unprocessable(`no ${body.amount.currency} rate on or before ${body.allocatedOn}`, [
          { path: 'body.fxRateToUsd', message: 'give the rate, or record one at /fx-rates first' },
        ]);
      const res = await allocate(em, {
        id: randomUUID(),
        fund: params.fund,
        kind: body.activity.kind,
        referenceId: body.activity.referenceId ?? null,
        title: body.activity.title,
        currency: body.amount.currency,
        amountMinor: body.amount.minor,
        fxRateToUsd: normalizeRate(rate),
        allocatedOn: body.allocatedOn,
        note: body.note ?? null,
        by: by(principal),
      });
      if (!res.ok)
        throw conflict(
          `the fund ${params.fund} has ${usd(res.availableUsdMinor)} USD available; this allocation is ${usd(res.usdMinor)} USD`,
          { fund: params.fund, available: usd(res.availableUsdMinor), requested: usd(res.usdMinor) },
        );
      return reply(201, allocationView(res.allocation), { Location: `/fund-allocations/${res.allocation.id}` });
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/fund-allocations/:id',
    summary: 'One allocation with its audit trail and disbursements',
    tags: ['funding'],
    roles: ['secretariat', 'viewer'],
    params: IdParams,
    responses: {
      200: { description: 'the allocation', schema: AllocationDetailView },
      404: { description: 'unknown' },
    },
    handler: async ({ params, em }) => {
      const a = await allocationById(em, params.id);
      if (!a) throw notFound('allocation');
      const [changes, disbursements] = await Promise.all([
        allocationChanges(em, a.id),
        allocationDisbursements(em, a.id),
      ]);
      return allocationDetailView(a, changes, disbursements);
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/fund-allocations/:id/changes',
    summary: 'Reduce an allocation (never below what is disbursed) or cancel what is not disbursed; audited',
    tags: ['funding'],
    roles: ['secretariat'],
    params: IdParams,
    body: AllocationChangeBody,
    responses: {
      200: { description: 'changed', schema: AllocationView },
      404: { description: 'unknown' },
      409: { description: 'cancelled already, more than the allocation, or below what is disbursed' },
      422: { description: 'the amount is not an amount of the allocation’s currency' },
    },
    handler: async ({ params, body, em, principal }) => {
      let change: Parameters<typeof changeAllocation>[2];
      if (body.action === 'reduce') {
        const a = await allocationById(em, params.id);
        if (!a) throw notFound('allocation');
        const p = parseAmount(body.amount, a.currency);
        if (!p.ok) throw unprocessable(p.message, [{ path: 'body.amount', message: p.message }]);
        change = { action: 'reduce', toMinor: p.value, note: body.note, by: by(principal) };
      } else change = { action: 'cancel', note: body.note, by: by(principal) };
      const res = await changeAllocation(em, params.id, change);
      if (!res.ok) {
        if (res.status === 404) throw notFound('allocation');
        throw conflict(res.message);
      }
      return allocationView(res.allocation);
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/fund-allocations/:id/disbursements',
    summary: 'Record a disbursement against an allocation, with its beneficiary cities',
    tags: ['funding'],
    roles: ['secretariat'],
    params: IdParams,
    body: DisbursementBody,
    responses: {
      201: { description: 'recorded', schema: DisbursementView },
      404: { description: 'unknown allocation' },
      409: { description: 'more than is left on the allocation, or the allocation is cancelled' },
      422: { description: 'another currency than the allocation’s, or an unknown city' },
    },
    handler: async ({ params, body, em, principal }) => {
      const a = await allocationById(em, params.id);
      if (!a) throw notFound('allocation');
      if (body.amount.currency !== a.currency)
        throw unprocessable(`the allocation is in ${a.currency}`, [
          { path: 'body.amount.currency', message: `must be ${a.currency}, the allocation's currency` },
        ]);
      const amount = parseAmount(body.amount.value, a.currency);
      if (!amount.ok) throw unprocessable(amount.message, [{ path: 'body.amount.value', message: amount.message }]);
      const res = await disburse(em, {
        id: randomUUID(),
        allocationId: a.id,
        amountMinor: amount.value,
        disbursedOn: body.disbursedOn,
        cityIds: body.cityIds,
        reference: body.reference ?? null,
        note: body.note ?? null,
        by: by(principal),
      });
      if (!res.ok) {
        if (res.status === 404) throw notFound('allocation');
        if (res.status === 422)
          throw unprocessable(res.message, [
            { path: 'body.cityIds', message: `unknown cities: ${(res.unknownCities ?? []).join(', ')}` },
          ]);
        throw conflict(res.message, {
          remaining: formatAmount(res.remainingMinor ?? 0, a.currency),
          currency: a.currency,
        });
      }
      return reply(201, disbursementView(res.disbursement));
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/pledges/:id/split',
    summary: "A pledge's split across funds, with what each fund received from it (a donor sees its own)",
    tags: ['funding'],
    roles: ['secretariat', 'viewer', 'donor'],
    params: IdParams,
    responses: {
      200: { description: 'the split', schema: PledgeSplitResponse },
      404: { description: 'unknown, or not yours' },
    },
    handler: async ({ params, em, principal }) => {
      const p = await findPledgeFor(em, principal, params.id);
      return pledgeSplitView(await pledgeSplitOf(em, p));
    },
  });

  defineRoute(router, deps, {
    method: 'put',
    path: '/pledges/:id/split',
    summary:
      'Split a financial pledge across funds by basis points or amounts summing to the pledge (largest remainder); before its first receipt',
    tags: ['funding'],
    roles: ['secretariat'],
    params: IdParams,
    body: SplitBody,
    responses: {
      200: { description: 'the split', schema: PledgeSplitResponse },
      404: { description: 'unknown' },
      409: { description: 'the pledge has receipts: they were credited by the split of their day' },
      422: { description: 'an in-kind pledge, or amounts that do not sum to the pledge' },
    },
    handler: async ({ params, body, em, principal }) => {
      const p = await em.findOne(Pledge, params.id);
      if (!p) throw notFound('pledge');
      if (p.kind !== 'financial' || !p.currency || p.amountMinor === null || p.amountMinor === undefined)
        throw unprocessable('only a financial pledge can be split', [
          { path: 'body.parts', message: 'an in-kind pledge has no amount to split' },
        ]);
      const split = resolveSplit(p.amountMinor, p.currency, body);
      if (!split.ok)
        throw unprocessable(split.message, [{ path: ['body', ...split.path].join('.'), message: split.message }]);
      const res = await setPledgeSplit(em, p.id, split.parts, by(principal));
      if (!res.ok)
        throw conflict(
          `the pledge has ${res.receipts} receipt(s), credited by its split of their day; its split can no longer change`,
        );
      return pledgeSplitView(await pledgeSplitOf(em, p));
    },
  });

  return router;
}
