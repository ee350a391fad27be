// How a pledge looks through the API: amounts as decimal strings with their currency, USD totals,
// the status history, instalments with status and receipts with their allocations.
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { FxRate, Instalment, Pledge, PledgeStatusChange, Receipt, type IPledge } from '../../db/entities/index.js';
import type { Principal } from '../../domain/auth.js';
import { formatAmount, normalizeRate, toUsd } from '../../domain/money.js';
import {
  FUNDING_OPTIONS,
  INSTALMENT_STATUSES,
  PLEDGE_KINDS,
  PLEDGE_STATUSES,
  VALUATION_STATUSES,
  outstandingOf,
} from '../../domain/pledge.js';
import { notFound } from '../errors.js';
import { Problem } from '../openapi.js';

const Amount = z.object({ currency: z.string(), value: z.string() });

export const PledgeView = z
  .object({
    id: z.uuid(),
    workflowId: z.string(),
    donorId: z.uuid(),
    kind: z.enum(PLEDGE_KINDS),
    fundingOption: z.enum(FUNDING_OPTIONS),
    subOption: z.string().nullable(),
    focus: z.array(z.string()),
    biennium: z.string(),
    status: z.enum(PLEDGE_STATUSES),
    statusSince: z.string(),
    amount: Amount.nullable(),
    instalments: z.array(
      z.object({
        seq: z.int(),
        due: z.string(),
        amount: z.string(),
        paid: z.string(),
        outstanding: z.string(),
        status: z.enum(INSTALMENT_STATUSES),
      }),
    ),
    receipts: z.array(
      z.object({
        id: z.uuid(),
        receiptNumber: z.string().nullable(),
        amount: Amount,
        receivedOn: z.string(),
        fxRateToUsd: z.string(),
        usd: z.string(),
        allocations: z.array(z.object({ seq: z.int(), amount: z.string() })),
        overpayment: z.string(),
      }),
    ),
    statusChanges: z.array(
      z.object({
        from: z.string().nullable(),
        to: z.string(),
        by: z.string(),
        note: z.string().nullable(),
        at: z.string(),
      }),
    ),
    totals: z.object({
      pledged: z.string().nullable(),
      received: z.string().nullable(),
      outstanding: z.string().nullable(),
      overpaid: z.string().nullable(),
      usd: z.object({
        pledged: z.string().nullable(),
        received: z.string(),
        outstanding: z.string().nullable(),
        rateToUsd: z.string().nullable(),
        rateDate: z.string().nullable(),
      }),
    }),
    inKind: z.record(z.string(), z.unknown()).nullable(),
    valuation: z
      .object({
        status: z.enum(VALUATION_STATUSES),
        amount: Amount.nullable(),
        method: z.string().nullable(),
        evidence: z.string().nullable(),
      })
      .nullable(),
    reminders: z.record(z.string(), z.unknown()),
    campaignId: z.uuid().nullable(),
    createdAt: z.string(),
  })
  .openapi('Pledge');

const num = (v: unknown): number => Number(v);
const day = (d: unknown): string => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));
const ts = (d: unknown): string => (d instanceof Date ? d.toISOString() : new Date(String(d)).toISOString());

/** A donor token sees its own pledges only; for it, another donor's pledge does not exist. */
export async function findPledgeFor(em: EntityManager, principal: Principal, id: string): Promise<IPledge> {
  const p = await em.findOne(Pledge, id);
  if (!p || (principal.role === 'donor' && principal.donorId !== p.donor)) throw notFound('pledge');
  return p;
}

/** The rate of `currency` on `date` or the nearest earlier one; USD is 1. */
export async function rateFor(
  em: EntityManager,
  currency: string,
  date: string,
): Promise<{ rateToUsd: string; date: string } | undefined> {
  if (currency === 'USD') return { rateToUsd: '1', date };
  const row = await em.findOne(FxRate, { currency, date: { $lte: date } }, { orderBy: { date: 'desc' } });
  return row ? { rateToUsd: row.rateToUsd, date: day(row.date) } : undefined;
}

export async function pledgeView(em: EntityManager, p: IPledge) {
  const [instalments, receipts, statusChanges] = await Promise.all([
    em.find(Instalment, { pledge: p.id }, { orderBy: { seq: 'asc' } }),
    em.find(Receipt, { pledge: p.id }, { orderBy: { receivedOn: 'asc', createdAt: 'asc' } }),
    em.find(PledgeStatusChange, { pledge: p.id }, { orderBy: { seq: 'asc' } }),
  ]);
  const cur = p.currency ?? null;
  const fmt = (m: number) => formatAmount(m, cur ?? 'USD');
  const owed = instalments.reduce((sum, i) => sum + outstandingOf(i), 0);
  const receivedMinor = receipts.reduce((s, r) => s + num(r.pledgeMinor), 0);
  const overpaid = receipts.reduce((s, r) => s + num(r.overpaymentMinor), 0);
  const usdReceived = receipts.reduce((s, r) => s + num(r.usdMinor), 0);
  const today = new Date().toISOString().slice(0, 10);
  const rate = cur ? await rateFor(em, cur, today) : undefined;
  const valuation = p.valuation ?? null;
  return {
    id: p.id,
    workflowId: p.workflowId,
    donorId: p.donor,
    kind: p.kind,
    fundingOption: p.fundingOption,
    subOption: p.subOption ?? null,
    focus: p.focus,
    biennium: p.biennium,
    status: p.status,
    statusSince: ts(p.statusSince),
    amount: cur && p.amountMinor != null ? { currency: cur, value: fmt(num(p.amountMinor)) } : null,
    instalments: instalments.map((i) => ({
      seq: i.seq,
      due: day(i.due),
      amount: fmt(num(i.amountMinor)),
      paid: fmt(num(i.paidMinor)),
      outstanding: fmt(outstandingOf(i)),
      status: i.status,
    })),
    receipts: receipts.map((r) => ({
      id: r.id,
      receiptNumber: r.receiptNumber ?? null,
      amount: { currency: r.currency, value: formatAmount(num(r.amountMinor), r.currency) },
      receivedOn: day(r.receivedOn),
      fxRateToUsd: normalizeRate(r.fxRateToUsd),
      usd: formatAmount(num(r.usdMinor), 'USD'),
      allocations: r.allocations.map((a) => ({ seq: a.seq, amount: fmt(a.minor) })),
      overpayment: fmt(num(r.overpaymentMinor)),
    })),
    statusChanges: statusChanges.map((s) => ({
      from: s.fromStatus ?? null,
      to: s.toStatus,
      by: s.by,
      note: s.note ?? null,
      at: ts(s.at),
    })),
    totals: {
      pledged: cur && p.amountMinor != null ? fmt(num(p.amountMinor)) : null,
      received: cur ? fmt(receivedMinor) : null,
      outstanding: cur ? fmt(owed) : null,
      overpaid: cur ? fmt(overpaid) : null,
      usd: {
        pledged:
          rate && p.amountMinor != null ? formatAmount(toUsd(num(p.amountMinor), cur!, rate.rateToUsd), 'USD') : null,
        received: formatAmount(usdReceived, 'USD'),
        outstanding: rate ? formatAmount(toUsd(owed, cur!, rate.rateToUsd), 'USD') : null,
        rateToUsd: rate ? normalizeRate(rate.rateToUsd) : null,
        rateDate: rate?.date ?? null,
      },
    },
    inKind: p.inKind ?? null,
    valuation:
      p.kind === 'in_kind'
        ? {
            status: p.valuationStatus,
            amount: valuation
              ? { currency: valuation.currency, value: formatAmount(valuation.minor, valuation.currency) }
              : null,
            method: valuation?.method ?? null,
            evidence: valuation?.evidence ?? null,
          }
        : null,
    reminders: p.reminders as unknown as Record<string, unknown>,
    campaignId: p.campaign ?? null,
    createdAt: ts(p.createdAt),
  };
}

/**
 * A move the pledge's status does not allow: when the status is what refused it, the problem says
 * where the pledge is (`from`) and where it can go (`legal`, empty once it is finished).
 */
export const PledgeStatusProblem = Problem.extend({
  from: z.enum(PLEDGE_STATUSES).optional().meta({ description: 'the status the pledge is in' }),
  to: z.enum(PLEDGE_STATUSES).optional().meta({ description: 'the status asked for' }),
  legal: z.array(z.enum(PLEDGE_STATUSES)).optional().meta({ description: 'the statuses it can move to from here' }),
}).openapi('PledgeStatusProblem');
