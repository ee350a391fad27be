import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Donor, Pledge, Receipt, type IPledge } from '../../db/entities/index.js';
import { listPledges, openPledge } from '../../db/queries/pledge.js';
import { tellSecretariatOfOffer } from '../../db/queries/pledge-offer.js';
import { principalKey, type Principal } from '../../domain/auth.js';
import { BienniumString } from '../../domain/biennium.js';
import { DONOR_TYPES } from '../../domain/registry.js';
import { MAX_MINOR, formatAmount, fromUsdWithin, parseAmount, toUsd } from '../../domain/money.js';
import {
  CreatePledgeBody,
  DONOR_TRANSITIONS,
  FUNDING_OPTIONS,
  PLEDGE_KINDS,
  PLEDGE_STATUSES,
  ReceiptBody,
  TERMINAL_STATUSES,
  TransitionBody,
  ValuationBody,
  WaiveBody,
  checkTransition,
  pledgeWorkflowId,
  reminderSettings,
  scheduleOf,
  type PledgeStatus,
  type Valuation,
} from '../../domain/pledge.js';
import type { PledgeSpec, ReceiptResult } from '../../domain/pledge.contract.js';
import { pledgeWorkflow, receiptUpdate, transitionUpdate, waiveUpdate } from '../../workflows/pledge.js';
import type { AppDeps } from '../deps.js';
import { conflict, forbidden, unprocessable } from '../errors.js';
import { PageQuery, QueryInt, page, pageOf } from '../pagination.js';
import { defineRoute, reply } from '../route.js';
import { findDonorFor } from './donors.js';
import { PledgeStatusProblem, PledgeView, findPledgeFor, pledgeView, rateFor } from '../views/pledge.js';
import { PledgeListItem, pledgeListItems } from '../views/pledge-list.js';

const IdParams = z.object({ id: z.uuid() });
const by = (p: Principal) =>
  p.role === 'secretariat' && p.tokenId === null ? 'secretariat' : `${p.role}:${principalKey(p)}`;

const ReceiptAnswer = z.object({
  receipt: z.object({
    key: z.string(),
    duplicate: z.boolean(),
    allocations: z.array(z.object({ seq: z.int(), amount: z.string() })),
    overpayment: z.string(),
  }),
  pledge: PledgeView,
});
/** A refusal by the pledge's status: the problem may name the `legal` moves (requireOpen, the workflow's refusal). */
const statusProblem = { schema: PledgeStatusProblem, contentType: 'application/problem+json' };

const Flag = z.enum(['true', 'false']).transform((v) => v === 'true');

const PledgeListQuery = PageQuery.extend({
  status: z.enum(PLEDGE_STATUSES).optional(),
  fundingOption: z.enum(FUNDING_OPTIONS).optional(),
  biennium: BienniumString.optional(),
  donorId: z.uuid().optional(),
  donorType: z.enum(DONOR_TYPES).optional(),
  kind: z.enum(PLEDGE_KINDS).optional(),
  overdue: Flag.optional().describe('true: something unpaid fell due before today; false: nothing did'),
  sort: z.enum(['newest', 'next_due']).default('newest').describe('next_due: earliest unpaid due date first'),
});

/** Messages to a finished pledge never reach its workflow: the status table answers them. */
function requireOpen(p: IPledge, to?: PledgeStatus) {
  if (!TERMINAL_STATUSES.includes(p.status)) return;
  const check = to ? checkTransition(p.status, to) : undefined;
  throw conflict(check && !check.ok ? check.message : `the pledge is ${p.status}`, { from: p.status, legal: [] });
}

/** A receipt's allocations and over-payment, in the pledge's currency. */
const receiptView = (
  currency: string,
  r: Pick<ReceiptResult, 'key' | 'duplicate' | 'allocations' | 'overpaymentMinor'>,
) => ({
  key: r.key,
  duplicate: r.duplicate,
  allocations: r.allocations.map((a) => ({ seq: a.seq, amount: formatAmount(a.minor, currency) })),
  overpayment: formatAmount(r.overpaymentMinor, currency),
});

async function specFrom(em: EntityManager, body: CreatePledgeBody, principal: Principal): Promise<PledgeSpec> {
  const pledgeId = randomUUID();
  let amountMinor: number | null = null;
  let instalments: PledgeSpec['instalments'] = [];
  if (body.kind === 'financial') {
    const total = parseAmount(body.amount!.value, body.amount!.currency);
    amountMinor = total.ok ? total.value : 0;
    const schedule = scheduleOf(body, amountMinor);
    if (!schedule.ok) throw unprocessable(schedule.message, [{ path: 'body.instalments', message: schedule.message }]);
    instalments = schedule.instalments;
  }
  let inKind: Record<string, unknown> | null = null;
  if (body.inKind) {
    const { valuation, ...rest } = body.inKind;
    const v: Valuation | undefined = valuation && {
      currency: valuation.amount.currency,
      minor: valuation.amount.minor,
      method: valuation.method,
      evidence: valuation.evidence,
    };
    inKind = { ...rest, ...(v ? { valuation: v } : {}) };
  }
  // A donor's own offer is something to discuss; the secretariat records what was agreed.
  const status = principal.role === 'donor' ? 'in_discussion' : (body.status ?? 'pledged');
  return {
    pledgeId,
    donorId: body.donorId,
    kind: body.kind,
    fundingOption: body.fundingOption,
    subOption: body.subOption ?? null,
    focus: body.focus ?? [],
    biennium: body.biennium,
    status,
    currency: body.amount?.currency ?? null,
    amountMinor,
    instalments,
    inKind,
    reminders: reminderSettings(body.reminders ?? {}),
    campaignId: null,
    by: by(principal),
    note: body.note ?? null,
  };
}

export function pledgeRoutes(deps: AppDeps): Router {
  const router = Router();
  const handle = (p: IPledge) => deps.temporal.workflow.getHandle(p.workflowId);

  defineRoute(router, deps, {
    method: 'post',
    path: '/pledges',
    summary: 'Record a pledge (secretariat), or offer one for oneself (donor: lands in in_discussion)',
    tags: ['funding'],
    roles: ['secretariat', 'donor'],
    body: CreatePledgeBody,
    responses: {
      201: { description: 'created; its workflow runs the reminders', schema: PledgeView },
      404: { description: "another donor's id (donor token)" },
      422: { description: 'unknown donor, or instalments that do not sum to the pledge' },
    },
    handler: async ({ body, em, principal }) => {
      const offeredBy = principal.role === 'donor' ? await findDonorFor(em, principal, body.donorId) : null;
      if (offeredBy) {
        if (body.status) throw forbidden("a donor's offer starts in_discussion; status is for the secretariat");
      } else if (!(await em.findOne(Donor, body.donorId))) {
        throw unprocessable('unknown donor', [{ path: 'body.donorId', message: 'no such donor' }]);
      }
      const spec = await specFrom(em, body, principal);
      await deps.temporal.workflow.start(pledgeWorkflow, {
        workflowId: pledgeWorkflowId(spec.pledgeId),
        taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
        args: [{ spec }],
      });
      // The workflow opens the same rows; doing it here too lets the answer show them at once.
      await openPledge(em.fork() as EntityManager, spec);
      if (offeredBy) await tellSecretariatOfOffer(em.fork() as EntityManager, { ...spec, donorName: offeredBy.name });
      const p = await em.fork().findOneOrFail(Pledge, spec.pledgeId);
      return reply(201, await pledgeView(em.fork() as EntityManager, p), { Location: `/pledges/${p.id}` });
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/pledges',
    summary: 'All pledges across donors, newest first or by next due date (a donor token: its own)',
    tags: ['funding'],
    roles: ['secretariat', 'viewer', 'donor'],
    query: PledgeListQuery,
    responses: {
      200: { description: 'pledges with their balances', schema: pageOf(PledgeListItem) },
      403: { description: "a donor token asking for another donor's pledges" },
    },
    handler: async ({ query, em, principal }) => {
      let donorId = query.donorId;
      if (principal.role === 'donor') {
        if (donorId && donorId !== principal.donorId) throw forbidden('a donor token lists its own pledges only');
        donorId = principal.donorId ?? '00000000-0000-0000-0000-000000000000';
      }
      const today = new Date().toISOString().slice(0, 10);
      const { rows, total } = await listPledges(em, { ...query, donorId, today });
      return page(await pledgeListItems(em, rows, today), total, query);
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/pledges/:id',
    summary: 'One pledge: status history, instalments with status, receipts, USD totals',
    tags: ['funding'],
    roles: ['secretariat', 'viewer', 'donor'],
    params: IdParams,
    responses: {
      200: { description: 'the pledge', schema: PledgeView },
      404: { description: 'unknown, or not yours' },
    },
    handler: async ({ params, em, principal }) => pledgeView(em, await findPledgeFor(em, principal, params.id)),
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/donors/:id/pledges',
    summary: "A donor's pledges, newest first",
    tags: ['funding'],
    roles: ['secretariat', 'viewer', 'donor'],
    params: IdParams,
    query: PageQuery.extend({ status: z.enum(PLEDGE_STATUSES).optional() }),
    responses: {
      200: { description: 'pledges', schema: pageOf(PledgeView) },
      404: { description: 'unknown, or not yours' },
    },
    handler: async ({ params, query, em, principal }) => {
      await findDonorFor(em, principal, params.id);
      const [rows, total] = await em.findAndCount(
        Pledge,
        { donor: params.id, ...(query.status ? { status: query.status } : {}) },
        { orderBy: { createdAt: 'desc', id: 'asc' }, limit: query.limit, offset: query.offset },
      );
      return page(await Promise.all(rows.map((p) => pledgeView(em, p))), total, query);
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/pledges/:id/transitions',
    summary: 'Move a pledge to another status (a donor may pledge, decline or report)',
    tags: ['funding'],
    roles: ['secretariat', 'donor'],
    params: IdParams,
    body: TransitionBody,
    responses: {
      200: { description: 'moved', schema: PledgeView },
      409: { description: 'illegal from the current status; `legal` lists the possible ones', ...statusProblem },
      422: { description: 'a reason is missing, or a financial pledge is not paid in full', ...statusProblem },
    },
    handler: async ({ params, body, em, principal }) => {
      const p = await findPledgeFor(em, principal, params.id);
      if (principal.role === 'donor' && !DONOR_TRANSITIONS.includes(body.to))
        throw forbidden(`a donor may move its pledge to ${DONOR_TRANSITIONS.join(', ')} only`);
      requireOpen(p, body.to);
      await handle(p).executeUpdate(transitionUpdate, {
        args: [{ to: body.to, by: by(principal), ...(body.note ? { note: body.note } : {}) }],
      });
      return pledgeView(em.fork() as EntityManager, await em.fork().findOneOrFail(Pledge, p.id));
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/pledges/:id/receipts',
    summary: 'Record money received (any currency; the rate of its date, the nearest earlier one, or the one given)',
    tags: ['funding'],
    roles: ['secretariat'],
    params: IdParams,
    body: ReceiptBody,
    responses: {
      201: {
        description: 'recorded and allocated to instalments oldest first',
        schema: ReceiptAnswer,
      },
      200: { description: 'the same receipt number again: nothing recorded twice', schema: ReceiptAnswer },
      409: { description: 'the pledge takes no receipts in its status, or is in kind', ...statusProblem },
      422: { description: 'no exchange rate for the currency on or before the date' },
    },
    handler: async ({ params, body, em, principal, req }) => {
      const p = await findPledgeFor(em, principal, params.id);
      requireOpen(p);
      if (p.kind !== 'financial' || !p.currency) throw conflict('an in-kind pledge takes no receipts');
      const { currency, minor } = body.amount;
      const rate = body.fxRateToUsd ?? (await rateFor(em, currency, body.receivedOn))?.rateToUsd;
      if (!rate)
        throw unprocessable(`no ${currency} rate on or before ${body.receivedOn}`, [
          { path: 'body.fxRateToUsd', message: `record a ${currency} rate (POST /fx-rates) or give fxRateToUsd` },
        ]);
      const usdMinor = toUsd(minor, currency, rate);
      let pledgeMinor = minor;
      if (currency !== p.currency) {
        const pr = await rateFor(em, p.currency, body.receivedOn);
        if (!pr)
          throw unprocessable(
            `no ${p.currency} rate on or before ${body.receivedOn} to convert the receipt into the pledge's currency`,
            [{ path: 'body.amount.currency', message: `record a ${p.currency} rate first` }],
          );
        const converted = fromUsdWithin(usdMinor, p.currency, pr.rateToUsd);
        if (converted === null)
          throw unprocessable(`the receipt is worth more than ${MAX_MINOR} minor units of ${p.currency}`, [
            { path: 'body.amount.value', message: `at most ${MAX_MINOR} minor units in the pledge's currency` },
          ]);
        pledgeMinor = converted;
      }
      const key = body.receiptNumber ?? req.get('idempotency-key') ?? randomUUID();
      const prior = await em.findOne(Receipt, { pledge: p.id, key });
      if (prior) {
        // Temporal would answer a repeated update ID with the first result; say plainly it is a repeat.
        const view = await pledgeView(em, p);
        const receipt = receiptView(p.currency, {
          key,
          duplicate: true,
          allocations: prior.allocations,
          overpaymentMinor: Number(prior.overpaymentMinor),
        });
        return reply(200, { receipt, pledge: view });
      }
      const result = await handle(p).executeUpdate(receiptUpdate, {
        updateId: `receipt:${key}`,
        args: [
          {
            key,
            currency,
            amountMinor: minor,
            receivedOn: body.receivedOn,
            fxRateToUsd: rate,
            usdMinor,
            pledgeMinor,
            receiptNumber: body.receiptNumber ?? null,
            by: by(principal),
          },
        ],
      });
      const view = await pledgeView(em.fork() as EntityManager, await em.fork().findOneOrFail(Pledge, p.id));
      return reply(result.duplicate ? 200 : 201, { receipt: receiptView(p.currency, result), pledge: view });
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/pledges/:id/instalments/:n/waive',
    summary: 'Waive what is still owed on an unpaid instalment (secretariat): no more reminders for it',
    tags: ['funding'],
    roles: ['secretariat'],
    params: z.object({ id: z.uuid(), n: QueryInt(1, 1000) }),
    body: WaiveBody,
    responses: {
      200: { description: 'waived', schema: PledgeView },
      404: { description: 'unknown pledge or instalment' },
      409: {
        description: 'the instalment is paid, waived or written off, or the pledge takes no money in its status',
        ...statusProblem,
      },
    },
    handler: async ({ params, body, em, principal }) => {
      const p = await findPledgeFor(em, principal, params.id);
      requireOpen(p);
      if (p.kind !== 'financial') throw conflict('an in-kind pledge has no instalments');
      await handle(p).executeUpdate(waiveUpdate, { args: [{ seq: params.n, note: body.note, by: by(principal) }] });
      return pledgeView(em.fork() as EntityManager, await em.fork().findOneOrFail(Pledge, p.id));
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/pledges/:id/in-kind/valuation',
    summary: 'Propose a valuation of in-kind support (donor or secretariat), or approve / reject it (secretariat)',
    tags: ['funding'],
    roles: ['secretariat', 'donor'],
    params: IdParams,
    body: ValuationBody,
    responses: {
      200: { description: 'the pledge with its valuation', schema: PledgeView },
      409: { description: 'not in kind, or no proposal to decide on', ...statusProblem },
    },
    handler: async ({ params, body, em, principal }) => {
      const p = await findPledgeFor(em, principal, params.id);
      if (p.kind !== 'in_kind') throw conflict('only in-kind pledges have a valuation');
      requireOpen(p);
      const conn = em.getConnection();
      if ('decision' in body) {
        if (principal.role !== 'secretariat') throw forbidden('only the secretariat approves a valuation');
        // Conditional update: two decisions racing cannot both apply.
        const n = await conn.execute(
          `update pledge set valuation_status = ?, updated_at = now() where id = ? and valuation_status = 'proposed'`,
          [body.decision === 'approve' ? 'approved' : 'rejected', p.id],
          'run',
        );
        if (!(n as { affectedRows?: number }).affectedRows)
          throw conflict(`there is no proposed valuation to decide on (it is ${p.valuationStatus})`);
      } else {
        const v: Valuation = {
          currency: body.amount.currency,
          minor: body.amount.minor,
          method: body.method,
          evidence: body.evidence,
        };
        const n = await conn.execute(
          `update pledge set valuation = ?, valuation_status = 'proposed', updated_at = now() where id = ? and valuation_status <> 'approved'`,
          [JSON.stringify(v), p.id],
          'run',
        );
        if (!(n as { affectedRows?: number }).affectedRows) throw conflict('the valuation is approved already');
      }
      return pledgeView(em.fork() as EntityManager, await em.fork().findOneOrFail(Pledge, p.id));
    },
  });
  return router;
}
