import type { EntityManager } from '@mikro-orm/postgresql';
import { MDFM_TARGET_USD_MINOR } from '../../domain/campaign.js';
import { isCurrency, usdCentsPerMinor } from '../../domain/money.js';
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

const INT8_MAX = 2n ** 63n - 1n;

/**
 * SQL: USD cents of `minor` (a bigint column) converted as toUsd converts it (domain/money.ts):
 * minor × num / 10^scale (usdCentsPerMinor) rounded half to even. The rate's columns: `<fx>n` num
 * as a bigint, `<fx>lim` the largest minor whose product with it fits in one (both null when num
 * itself does not), `<fx>num` num as numeric, `<fx>d` 10^scale. In bigints while the product fits
 * (every realistic amount, and an order of magnitude cheaper), else in exact numeric (div and mod
 * of integers; numeric division would round). PostgreSQL's round() sends halves away from zero,
 * which would differ from toUsd on every tie; hence the explicit rule.
 */
export function usdSql(minor: string, fx: string): string {
  const product = `(${minor} * ${fx}n)`;
  const q = `(${product} / ${fx}d)`;
  const twiceRest = `(2 * (${product} % ${fx}d))`;
  const big = `abs(${minor}::numeric * ${fx}num)`;
  const bigQ = `div(${big}, ${fx}d)`;
  const bigTwiceRest = `(2 * mod(${big}, ${fx}d))`;
  return `case when ${minor} between 0 and ${fx}lim
    then ${q} + case when ${twiceRest} > ${fx}d or (${twiceRest} = ${fx}d and ${q} % 2 = 1) then 1 else 0 end
    else (sign(${minor}) * (${bigQ} + case when ${bigTwiceRest} > ${fx}d or (${bigTwiceRest} = ${fx}d and mod(${bigQ}, 2) = 1) then 1 else 0 end))::bigint
  end`;
}

const list = (xs: readonly unknown[]) => `{${xs.join(',')}}`;

/**
 * Each pledge of the biennium converted to USD on its own, in SQL, then summed per funding option,
 * donor type, focus and status: a few dozen rows reach Node instead of every pledge. Balances come
 * from pledge_balance (kept by triggers); only a pledge whose unpaid instalments fall both before
 * and on or after asOf reads its instalments (straddling), for the overdue part. `offset 0` keeps the per-pledge
 * amounts a subquery of their own, so usdSql's repeated references do not repeat that read.
 */
const GROUPS_SQL = `
  with fx (currency, n, lim, num, d) as (select * from unnest(?::text[], ?::bigint[], ?::bigint[], ?::numeric[], ?::bigint[])),
  -- the overdue part of pledges whose unpaid instalments fall both before and on or after asOf
  straddling as (
    select i.pledge_id,
           sum(case when i.status = any(?::text[]) then 0 else greatest(0, i.amount_minor - i.paid_minor) end)::bigint as overdue
      from pledge_balance sb
      join pledge sp on sp.id = sb.pledge_id and sp.biennium = ?
      join instalment i on i.pledge_id = sb.pledge_id and i.due < ?::date
     where sb.owed_from < ?::date and sb.owed_until >= ?::date
     group by i.pledge_id
  )
  select funding_option, donor_type, focus, status, count(*)::int as n,
         sum(received)::text as received,
         coalesce(sum(${usdSql('pledged', 'f_')}), 0)::text as pledged,
         coalesce(sum(${usdSql('outstanding', 'f_')}), 0)::text as outstanding,
         coalesce(sum(${usdSql('overdue', 'f_')}), 0)::text as overdue,
         coalesce(sum(${usdSql('in_kind', 'v_')}), 0)::text as in_kind,
         -- approved secondment months, in USD at the rate of their approval (db/entities/secondment.ts)
         coalesce(sum(seconded), 0)::text as seconded,
         coalesce(array_agg(id) filter (where unconverted), '{}') as unconverted
    from (
      select p.id, p.funding_option, p.focus, p.status, d.type as donor_type,
             coalesce(b.received_usd_minor, 0) as received,
             case when fin and committed then p.amount_minor
                  -- what was paid before the unpaid balance was written off stays pledged (and received)
                  when fin and p.status in ('cancelled', 'written_off') then coalesce(b.received_pledge_minor, 0)
             end as pledged,
             case when fin and committed then coalesce(b.outstanding_minor, 0) end as outstanding,
             case when fin and committed then
               case when b.owed_until < ?::date then b.outstanding_minor
                    when b.owed_from is null or b.owed_from >= ?::date then 0
                    else coalesce(s.overdue, 0)
               end
             end as overdue,
             case when valued and committed then (p.valuation->>'minor')::bigint end as in_kind,
             case when committed and p.kind = 'in_kind' then (select sum(sm.usd_minor) from secondment sc
               join secondment_month sm on sm.secondment_id = sc.id where sc.pledge_id = p.id) end as seconded,
             committed and ((fin and f.d is null) or (valued and vf.d is null)) as unconverted,
             f.n as f_n, f.lim as f_lim, f.num as f_num, f.d as f_d, vf.n as v_n, vf.lim as v_lim, vf.num as v_num, vf.d as v_d
        from pledge p
        join donor d on d.id = p.donor_id
        left join pledge_balance b on b.pledge_id = p.id
        left join straddling s on s.pledge_id = p.id
        left join fx f on f.currency = p.currency
        left join fx vf on vf.currency = p.valuation->>'currency'
        cross join lateral (select
          p.status = any(?::text[]) as committed,
          p.kind = 'financial' and p.currency is not null and p.amount_minor is not null as fin,
          p.kind = 'in_kind' and p.valuation_status = 'approved' and p.valuation is not null as valued) k
       where p.biennium = ?
      offset 0
    ) each
   group by funding_option, donor_type, focus, status`;

export async function fundingSummary(em: EntityManager, biennium: string, asOf: string): Promise<FundingSummaryMinor> {
  const c = em.getConnection();
  const [[campaign], rates] = await Promise.all([
    c.execute<{ target_usd_minor: string; in_kind_counts_toward_target: boolean }[]>(
      `select target_usd_minor, in_kind_counts_toward_target from campaign where biennium = ?`,
      [biennium],
    ),
    // Only the latest rate of each currency on or before asOf is ever used (rateOn); USD is 1.
    c.execute<{ currency: string; rate_to_usd: string }[]>(
      `select distinct on (currency) currency, rate_to_usd::text as rate_to_usd
         from fx_rate where date <= ? and currency <> 'USD' order by currency, date desc`,
      [asOf],
    ),
  ]);
  const fx = [{ currency: 'USD', rate_to_usd: '1' }, ...rates.filter((r) => isCurrency(r.currency))];
  const factors = fx.map((r) => usdCentsPerMinor(r.currency, r.rate_to_usd));
  const groups = await c.execute<
    {
      funding_option: string;
      donor_type: string;
      focus: string[];
      status: PledgeStatus;
      n: number;
      received: string;
      pledged: string;
      outstanding: string;
      overdue: string;
      in_kind: string;
      seconded: string;
      unconverted: string[];
    }[]
  >(GROUPS_SQL, [
    list(fx.map((r) => r.currency)),
    list(factors.map((f) => (f.num <= INT8_MAX ? f.num : 'null'))),
    list(factors.map((f) => (f.num <= INT8_MAX ? INT8_MAX / f.num : 'null'))),
    list(factors.map((f) => f.num)),
    list(factors.map((f) => 10n ** BigInt(f.scale))),
    list(SETTLED),
    biennium,
    asOf,
    asOf,
    asOf,
    asOf,
    asOf,
    list(COMMITTED_STATUSES),
    biennium,
  ]);

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

  for (const g of groups) {
    out.byStatus[g.status] += g.n;
    out.unconverted.push(...g.unconverted);
    const f: Figures = {
      pledged: num(g.pledged),
      received: num(g.received),
      outstanding: num(g.outstanding),
      overdue: num(g.overdue),
      inKind: num(g.in_kind) + num(g.seconded),
    };
    add(out.totalsMinor, f);
    add(out.byFundingOption[g.funding_option]!, f);
    if (out.byDonorType[g.donor_type]) add(out.byDonorType[g.donor_type]!, f);
    const focus = g.focus.length ? g.focus : ['none'];
    for (const k of focus) if (out.byFocus[k]) add(out.byFocus[k]!, f);
  }
  out.unconverted.sort();
  const mdfm = out.byFundingOption.mdfm!;
  out.towardTargetMinor = mdfm.pledged + (inKindCounts ? mdfm.inKind : 0);
  return out;
}
