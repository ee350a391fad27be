import type { EntityManager } from '@mikro-orm/postgresql';
import { MDFM_TARGET_USD_MINOR } from '../../domain/campaign.js';
import { rateOn, usdConverter } from '../../domain/money.js';
import {
  COMMITTED_STATUSES,
  FOCUS_FLAGS,
  FUNDING_OPTIONS,
  PLEDGE_STATUSES,
  SETTLED,
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
  into.pledged += f.pledged;
  into.received += f.received;
  into.outstanding += f.outstanding;
  into.overdue += f.overdue;
  into.inKind += f.inKind;
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
  // Each pledge of the biennium with its schedule and receipts summed in SQL (exact: integer minor
  // units), joined by biennium rather than by a list of ids. Conversion to USD stays per pledge in JS
  // (toUsd's arithmetic, BigInt half-even), so rounding is exactly what it was when every row was
  // loaded. The pledges come as one JSON text, amounts as decimal strings: parsing 10 000 rows
  // column by column in the driver cost more than the query itself.
  const [agg] = await c.execute<{ pledges: string }[]>(
    `with owed as (
       -- outstandingOf (domain/pledge.ts): nothing once settled, never below zero
       select i.pledge_id, i.due,
              case when i.status = any(?::text[]) then 0 else greatest(0, i.amount_minor - i.paid_minor) end as owed
         from instalment i join pledge p on p.id = i.pledge_id
        -- only committed pledges' balances are ever read (below)
        where p.biennium = ? and p.status = any(?::text[])
     ), schedule as (
       select pledge_id, sum(owed) as outstanding_minor, coalesce(sum(owed) filter (where due < ?::date), 0) as overdue_minor
         from owed group by pledge_id
     ), received as (
       select r.pledge_id, sum(r.usd_minor) as usd, sum(r.pledge_minor) as pledge_minor
         from receipt r join pledge p on p.id = r.pledge_id
        where p.biennium = ?
        group by r.pledge_id
     )
     select coalesce(json_agg(json_build_array(
              p.id, p.kind, p.funding_option, p.focus, p.status, p.currency, p.amount_minor::text, p.valuation,
              p.valuation_status, d.type, s.outstanding_minor::text, s.overdue_minor::text, r.usd::text,
              r.pledge_minor::text)), '[]')::text as pledges
       from pledge p join donor d on d.id = p.donor_id
       left join schedule s on s.pledge_id = p.id
       left join received r on r.pledge_id = p.id
      where p.biennium = ?`,
    [`{${SETTLED.join(',')}}`, biennium, `{${COMMITTED_STATUSES.join(',')}}`, asOf, biennium, biennium],
  );
  type Row = [
    id: string,
    kind: string,
    fundingOption: string,
    focus: string[],
    status: PledgeStatus,
    currency: string | null,
    amountMinor: string | null,
    valuation: { currency: string; minor: number } | null,
    valuationStatus: string,
    donorType: string,
    outstandingMinor: string | null,
    overdueMinor: string | null,
    receivedUsd: string | null,
    receivedPledgeMinor: string | null,
  ];
  const pledges = (JSON.parse(agg!.pledges) as Row[]).map((r) => ({
    id: r[0],
    kind: r[1],
    funding_option: r[2],
    focus: r[3],
    status: r[4],
    currency: r[5],
    amount_minor: r[6],
    valuation: r[7],
    valuation_status: r[8],
    donor_type: r[9],
    outstanding_minor: r[10],
    overdue_minor: r[11],
    received_usd: r[12],
    received_pledge_minor: r[13],
  }));
  // Only the latest rate of each currency on or before asOf is ever used (rateOn): read just those.
  const rates = await c.execute<{ currency: string; date: string; rate_to_usd: string }[]>(
    `select distinct on (currency) currency, date::text as date, rate_to_usd::text as rate_to_usd
       from fx_rate where date <= ? order by currency, date desc`,
    [asOf],
  );
  const ratesOf = groupBy(rates, (r) => r.currency);
  // One converter per currency (the rate parsed once), applied to each pledge on its own.
  const converters = new Map<string, ((minor: number) => number) | undefined>();
  const usdOf = (currency: string): ((minor: number) => number) | undefined => {
    if (!converters.has(currency)) {
      const table = (ratesOf.get(currency) ?? []).map((r) => ({ date: r.date, rateToUsd: r.rate_to_usd }));
      const rate = currency === 'USD' ? '1' : rateOn(table, asOf)?.rateToUsd;
      converters.set(currency, rate === undefined ? undefined : usdConverter(currency, rate));
    }
    return converters.get(currency);
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
    f.received = p.received_usd !== null ? num(p.received_usd) : 0;
    if (p.kind === 'financial' && p.currency && p.amount_minor !== null) {
      const usd = usdOf(p.currency);
      if (usd === undefined) {
        if (COMMITTED_STATUSES.includes(p.status)) out.unconverted.push(p.id);
      } else if (COMMITTED_STATUSES.includes(p.status)) {
        f.pledged = usd(num(p.amount_minor));
        f.outstanding = usd(p.outstanding_minor !== null ? num(p.outstanding_minor) : 0);
        f.overdue = usd(p.overdue_minor !== null ? num(p.overdue_minor) : 0);
      } else if (p.status === 'cancelled' || p.status === 'written_off') {
        // What was paid before the unpaid balance was written off stays pledged (and received).
        f.pledged = usd(p.received_pledge_minor !== null ? num(p.received_pledge_minor) : 0);
      }
    } else if (
      p.kind === 'in_kind' &&
      p.valuation_status === 'approved' &&
      p.valuation &&
      COMMITTED_STATUSES.includes(p.status)
    ) {
      const usd = usdOf(p.valuation.currency);
      if (usd === undefined) out.unconverted.push(p.id);
      else f.inKind = usd(p.valuation.minor);
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
