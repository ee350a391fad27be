// A pledge as a row of the list of all pledges: what a table shows (donor, stage, amounts with
// their USD value, next due date), read in one query with its balance, not the full PledgeView
// (history, instalments, receipts: four queries per pledge).
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { PledgeListRow } from '../../db/queries/pledge.js';
import { formatAmount, normalizeRate, toUsd } from '../../domain/money.js';
import { FUNDING_OPTIONS, PLEDGE_KINDS, PLEDGE_STATUSES } from '../../domain/pledge.js';
import { DONOR_TYPES } from '../../domain/registry.js';
import { rateFor } from './pledge.js';

const Amount = z.object({ currency: z.string(), value: z.string() });

export const PledgeListItem = z
  .object({
    id: z.uuid(),
    donor: z.object({ id: z.uuid(), name: z.string(), type: z.enum(DONOR_TYPES) }),
    kind: z.enum(PLEDGE_KINDS),
    fundingOption: z.enum(FUNDING_OPTIONS),
    biennium: z.string(),
    status: z.enum(PLEDGE_STATUSES),
    statusSince: z.string(),
    amount: Amount.nullable(),
    received: Amount.nullable(),
    outstanding: Amount.nullable(),
    usd: z.object({
      pledged: z.string().nullable(),
      received: z.string(),
      outstanding: z.string().nullable(),
      rateToUsd: z.string().nullable().describe("the pledge currency's latest rate on or before today"),
    }),
    nextDue: z.string().nullable().describe('earliest due date of an instalment that still owes something'),
    overdue: z.boolean().describe('nextDue is before today'),
    createdAt: z.string(),
  })
  .openapi('PledgeListItem');
export type PledgeListItem = z.infer<typeof PledgeListItem>;

const ts = (d: unknown): string => (d instanceof Date ? d.toISOString() : new Date(String(d)).toISOString());

export async function pledgeListItems(
  em: EntityManager,
  rows: PledgeListRow[],
  today: string,
): Promise<PledgeListItem[]> {
  // One rate look-up per currency on the page, not per pledge.
  const currencies = [...new Set(rows.map((r) => r.currency).filter((c): c is string => !!c))];
  const rates = new Map(await Promise.all(currencies.map(async (c) => [c, await rateFor(em, c, today)] as const)));
  return rows.map((r) => {
    const cur = r.currency;
    const rate = cur ? rates.get(cur) : undefined;
    const money = (minor: number) => (cur ? { currency: cur, value: formatAmount(minor, cur) } : null);
    const usd = (minor: number) => (cur && rate ? formatAmount(toUsd(minor, cur, rate.rateToUsd), 'USD') : null);
    const amount = r.amount_minor === null ? null : Number(r.amount_minor);
    const outstanding = Number(r.outstanding_minor ?? 0);
    return {
      id: r.id,
      donor: { id: r.donor_id, name: r.donor_name, type: r.donor_type as PledgeListItem['donor']['type'] },
      kind: r.kind as PledgeListItem['kind'],
      fundingOption: r.funding_option as PledgeListItem['fundingOption'],
      biennium: r.biennium,
      status: r.status as PledgeListItem['status'],
      statusSince: ts(r.status_since),
      amount: amount === null ? null : money(amount),
      received: money(Number(r.received_pledge_minor ?? 0)),
      outstanding: money(outstanding),
      usd: {
        pledged: amount === null ? null : usd(amount),
        received: formatAmount(Number(r.received_usd_minor ?? 0), 'USD'),
        outstanding: usd(outstanding),
        rateToUsd: rate ? normalizeRate(rate.rateToUsd) : null,
      },
      nextDue: r.next_due,
      overdue: r.next_due !== null && r.next_due < today,
      createdAt: ts(r.created_at),
    };
  });
}
