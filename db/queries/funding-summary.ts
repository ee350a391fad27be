import type { EntityManager } from '@mikro-orm/postgresql';
import { MDFM_TARGET_USD_MINOR } from '../../domain/campaign.js';
import { rateOn, toUsd } from '../../domain/money.js';
import {
  COMMITTED_STATUSES,
  FOCUS_FLAGS,
  FUNDING_OPTIONS,
  PLEDGE_STATUSES,
  outstandingTotal,
  type InstalmentStatus,
  type PledgeStatus,
} from '../../domain/pledge.js';
import { DONOR_TYPES } from '../../domain/registry.js';

// The funding summary read model: pledged vs received vs target for a biennium, in US cents, read by
// the campaign's progress activity and the API alike. Receipts count at the rate recorded
// with them; pledged and outstanding balances at the latest rate on or before `asOf`.

export interface Figures {
  pledged: number;
  received: number;
  outstanding: number;
  overdue: number;
  inKind: number;
}

export interface FundingSummaryMinor {
  biennium: string;
  asOf: string;
  targetUsdMinor: number;
  inKindCountsTowardTarget: boolean;
  totalsMinor: Figures;
  /** MDFM pledged (plus approved in-kind MDFM valuations when the policy says so). */
  towardTargetMinor: number;
  byFundingOption: Record<string, Figures>;
  byDonorType: Record<string, Figures>;
  byFocus: Record<string, Figures>;
  /** Pledges whose currency has no rate on or before asOf: left out of the USD figures. */
  unconverted: string[];
  /** The pipeline: how many pledges of the biennium stand at each status. */
  byStatus: Record<PledgeStatus, number>;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

const zero = (): Figures => ({ pledged: 0, received: 0, outstanding: 0, overdue: 0, inKind: 0 });
const add = (into: Figures, f: Figures) => {
  for (const k of Object.keys(into) as (keyof Figures)[]) into[k] += f[k];
};
const num = (v: unknown): number => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a safe integer amount: ${String(v)}`);
  return n;
};

export async function fundingSummary(em: EntityManager, biennium: string, asOf: string): Promise<FundingSummaryMinor> {
  const c = em.getConnection();
  const [campaign] = await c.execute<{ target_usd_minor: string; in_kind_counts_toward_target: boolean }[]>(
    `select target_usd_minor, in_kind_counts_toward_target from campaign where biennium = ?`,
    [biennium],
  );
  const pledges = await c.execute<
    {
      id: string;
      kind: string;
      funding_option: string;
      focus: string[];
      status: PledgeStatus;
      currency: string | null;
      amount_minor: string | null;
      valuation: { currency: string; minor: number } | null;
      valuation_status: string;
      donor_type: string;
    }[]
  >(
    `select p.id, p.kind, p.funding_option, p.focus, p.status, p.currency, p.amount_minor, p.valuation, p.valuation_status, d.type as donor_type
       from pledge p join donor d on d.id = p.donor_id where p.biennium = ?`,
    [biennium],
  );
  const ids = pledges.map((p) => p.id);
  const instalments = ids.length
    ? await c.execute<
        { pledge_id: string; due: string; amount_minor: string; paid_minor: string; status: InstalmentStatus }[]
      >(
        `select pledge_id, due::text as due, amount_minor, paid_minor, status from instalment where pledge_id = any(?::uuid[])`,
        [`{${ids.join(',')}}`],
      )
    : [];
  const receipts = ids.length
    ? await c.execute<{ pledge_id: string; usd: string; pledge_minor: string }[]>(
        `select pledge_id, sum(usd_minor) as usd, sum(pledge_minor) as pledge_minor from receipt where pledge_id = any(?::uuid[]) group by pledge_id`,
        [`{${ids.join(',')}}`],
      )
    : [];
  const rates = await c.execute<{ currency: string; date: string; rate_to_usd: string }[]>(
    `select currency, date::text as date, rate_to_usd::text as rate_to_usd from fx_rate where date <= ?`,
    [asOf],
  );
  // Grouped once: the loop below reads each pledge's rows in constant time (10 000 pledges and
  // their instalments would otherwise be a quadratic scan).
  const instalmentsOf = groupBy(instalments, (i) => i.pledge_id);
  const receiptOf = new Map(receipts.map((r) => [r.pledge_id, r]));
  const ratesOf = groupBy(rates, (r) => r.currency);
  const rateCache = new Map<string, string | undefined>();
  const rateOf = (currency: string): string | undefined => {
    if (currency === 'USD') return '1';
    if (!rateCache.has(currency)) {
      const table = (ratesOf.get(currency) ?? []).map((r) => ({ date: r.date, rateToUsd: r.rate_to_usd }));
      rateCache.set(currency, rateOn(table, asOf)?.rateToUsd);
    }
    return rateCache.get(currency);
  };

  const inKindCounts = campaign?.in_kind_counts_toward_target ?? false;
  const out: FundingSummaryMinor = {
    biennium,
    asOf,
    targetUsdMinor: campaign ? num(campaign.target_usd_minor) : MDFM_TARGET_USD_MINOR,
    inKindCountsTowardTarget: inKindCounts,
    totalsMinor: zero(),
    towardTargetMinor: 0,
    byFundingOption: Object.fromEntries(FUNDING_OPTIONS.map((o) => [o, zero()])),
    byDonorType: Object.fromEntries(DONOR_TYPES.map((t) => [t, zero()])),
    byFocus: Object.fromEntries([...FOCUS_FLAGS, 'none'].map((f) => [f, zero()])),
    unconverted: [],
    byStatus: Object.fromEntries(PLEDGE_STATUSES.map((s) => [s, 0])) as Record<PledgeStatus, number>,
  };

  for (const p of pledges) {
    out.byStatus[p.status] += 1;
    const f = zero();
    const rec = receiptOf.get(p.id);
    f.received = rec ? num(rec.usd) : 0;
    if (p.kind === 'financial' && p.currency && p.amount_minor !== null) {
      const rate = rateOf(p.currency);
      if (rate === undefined) {
        if (COMMITTED_STATUSES.includes(p.status)) out.unconverted.push(p.id);
      } else {
        const mine = (instalmentsOf.get(p.id) ?? []).map((i) => ({
          due: i.due,
          amountMinor: num(i.amount_minor),
          paidMinor: num(i.paid_minor),
          status: i.status,
        }));
        if (COMMITTED_STATUSES.includes(p.status)) {
          f.pledged = toUsd(num(p.amount_minor), p.currency, rate);
          f.outstanding = toUsd(outstandingTotal(mine), p.currency, rate);
          f.overdue = toUsd(outstandingTotal(mine, asOf), p.currency, rate);
        } else if (p.status === 'cancelled' || p.status === 'written_off') {
          // What was paid before the unpaid balance was written off stays pledged (and received).
          f.pledged = toUsd(rec ? num(rec.pledge_minor) : 0, p.currency, rate);
        }
      }
    } else if (
      p.kind === 'in_kind' &&
      p.valuation_status === 'approved' &&
      p.valuation &&
      COMMITTED_STATUSES.includes(p.status)
    ) {
      const rate = rateOf(p.valuation.currency);
      if (rate === undefined) out.unconverted.push(p.id);
      else f.inKind = toUsd(p.valuation.minor, p.valuation.currency, rate);
    }
    add(out.totalsMinor, f);
    add(out.byFundingOption[p.funding_option]!, f);
    if (out.byDonorType[p.donor_type]) add(out.byDonorType[p.donor_type]!, f);
    const focus = p.focus.length ? p.focus : ['none'];
    for (const k of focus) if (out.byFocus[k]) add(out.byFocus[k]!, f);
  }
  const mdfm = out.byFundingOption.mdfm!;
  out.towardTargetMinor = mdfm.pledged + (inKindCounts ? mdfm.inKind : 0);
  return out;
}
