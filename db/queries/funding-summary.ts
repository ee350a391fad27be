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
 * SQL: `total`'s share of one part by splitByWeights (domain/fund.ts), the largest remainder: the floor
 * of total × w / wSum, plus one minor unit to each of the `total − Σ floors` parts with the largest
 * remainders (total × w mod wSum), ties to the earlier part (`seq`). A window expression over the
 * rows of `partition` (one row per part, `total` and `wSum` repeated on each); numeric, since
 * total × w may pass a bigint. The same arithmetic as the receipt_credit trigger (migration Funds).
 */
export function shareSql(total: string, w: string, wSum: string, partition: string, seq: string): string {
  const product = `(${total}::numeric * ${w})`;
  return `(div(${product}, ${wSum}) + case when row_number() over (partition by ${partition} order by mod(${product}, ${wSum}) desc, ${seq})
      <= ${total} - sum(div(${product}, ${wSum})) over (partition by ${partition}) then 1 else 0 end)`;
}

const FIGURES = ['received', 'pledged', 'outstanding', 'overdue', 'in_kind', 'seconded'] as const;
const USD_FIGURES = {
  received: 'received',
  pledged: usdSql('pledged', 'f_'),
  outstanding: usdSql('outstanding', 'f_'),
  overdue: usdSql('overdue', 'f_'),
  in_kind: usdSql('in_kind', 'v_'),
  // approved secondment months, in USD at the rate of their approval (db/entities/secondment.ts)
  seconded: 'seconded',
} as const;

/** What a split pledge moves among the funding options: in-kind pledges are never split. */
const MOVED = ['pledged', 'outstanding', 'overdue'] as const;

/**
 * Each pledge's figures in its own currency's minor units (received: USD at the recorded rates)
 * with its rate's columns (f_ the pledge's currency, v_ its in-kind valuation's), and whether it
 * is split (only when `splits`). `offset 0` keeps them a subquery of their own, so usdSql's
 * repeated references do not repeat that read.
 */
const pledgeRows = (splits: boolean) => `
      select p.id, p.funding_option, p.focus, p.status, d.type as donor_type, ${splits ? 'sw.pledge_id is not null' : 'false'} as split,
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
        ${splits ? 'left join split sw on sw.pledge_id = p.id' : ''}
        left join fx f on f.currency = p.currency
        left join fx vf on vf.currency = p.valuation->>'currency'
        cross join lateral (select
          p.status = any(?::text[]) as committed,
          p.kind = 'financial' and p.currency is not null and p.amount_minor is not null as fin,
          p.kind = 'in_kind' and p.valuation_status = 'approved' and p.valuation is not null as valued) k
       where p.biennium = ?
      offset 0`;

/**
 * Each pledge of the biennium converted to USD on its own, in SQL, then summed per funding option,
 * donor type, focus and status: a few dozen rows reach Node instead of every pledge. Balances come
 * from pledge_balance (kept by triggers); only a pledge whose unpaid instalments fall both before
 * and on or after asOf reads its instalments (straddling), for the overdue part.
 *
 * Those rows (kind `pledges`) count a pledge whole under its own funding option. A split pledge
 * (pledge_split, parts summing to more than zero) is then moved among its parts' options by rows
 * of kind `option` (funding options only): the same pass collects each split pledge's USD figures
 * (array_agg … filter), which are taken off its own option and shared among its parts by
 * shareSql, each part counting toward its fund's funding option; its received figure moves by
 * what its receipts credited each part's fund (receipt_credit, the same rule applied per
 * receipt). So the options sum to the totals exactly. `splits` false: the statement without the
 * split rows, for a biennium with no split pledge (planning them would double the planning time).
 */
const groupsSql = (splits: boolean) => `
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
  ),
  split as (
    select pledge_id, sum(amount_minor)::numeric as w_sum from pledge_split group by pledge_id having sum(amount_minor) > 0
  ),
  groups as materialized (
    select funding_option, donor_type, focus, status, count(*)::int as n,
           sum(received) as received,
           ${FIGURES.filter((f) => f !== 'received')
             .map((f) => `coalesce(sum(${USD_FIGURES[f]}), 0) as ${f}`)
             .join(',\n           ')},
           coalesce(array_agg(id) filter (where unconverted), '{}') as unconverted,
           array_agg(id) filter (where split) as split_ids,
           ${MOVED.map((f) => `array_agg(${USD_FIGURES[f]}) filter (where split) as split_${f}`).join(', ')}
      from (${pledgeRows(splits)}) each
     group by funding_option, donor_type, focus, status
  ),
  split_pledge as (
    select u.id, g.funding_option, ${MOVED.map((f) => `u.${f}`).join(', ')}
      from groups g
      cross join lateral unnest(g.split_ids, ${MOVED.map((f) => `g.split_${f}`).join(', ')}) as u(id, ${MOVED.join(', ')})
  ),
  -- what the receipts of the split pledges credited each fund
  credit as (
    select r.pledge_id, c.fund_key, sum(c.usd_minor) as usd
      from split_pledge sp
      join receipt r on r.pledge_id = sp.id
      join receipt_credit c on c.receipt_id = r.id
     group by r.pledge_id, c.fund_key
  )
  select 'pledges' as kind, funding_option, donor_type, focus, status, n, ${FIGURES.map((f) => `${f}::text`).join(', ')}, unconverted
    from groups
  ${splits ? '' : '-- '}union all
  ${splits ? '' : '/*'}
  -- each part's share moves from the split pledge's own option (+1 onto the part's, -1 off its own)
  select 'option', case when m.sign = 1 then part_option else own_option end, null, null, null, 0,
         ${FIGURES.map((f) => (f === 'received' || MOVED.includes(f as never) ? `sum(m.sign * ${f})::text` : `'0'`)).join(', ')}, '{}'
    from (
      select split_part(ps.fund_key, '.', 1) as part_option, sp.funding_option as own_option, coalesce(cr.usd, 0) as received,
             ${MOVED.map((f) => `${shareSql(`coalesce(sp.${f}, 0)`, 'ps.amount_minor', 'sw.w_sum', 'sp.id', 'ps.seq')} as ${f}`).join(',\n             ')}
        from pledge_split ps
        join split_pledge sp on sp.id = ps.pledge_id
        join split sw on sw.pledge_id = ps.pledge_id
        left join credit cr on cr.pledge_id = ps.pledge_id and cr.fund_key = ps.fund_key
    ) parts
    cross join lateral (values (1), (-1)) m(sign)
   group by 2
  ${splits ? '' : '*/'}`;
/** Without a split pledge in the biennium, the same statement less its split rows (unreferenced CTEs are not planned). */
const GROUPS_SQL = { splits: groupsSql(true), none: groupsSql(false) };

export async function fundingSummary(em: EntityManager, biennium: string, asOf: string): Promise<FundingSummaryMinor> {
  const c = em.getConnection();
  const [[campaign], rates, [splits]] = await Promise.all([
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
    // Whether the statement needs its split rows (a split set meanwhile shows from the next request on).
    c.execute<{ any: boolean }[]>(
      `select exists (select 1 from pledge_split ps join pledge p on p.id = ps.pledge_id where p.biennium = ?) as any`,
      [biennium],
    ),
  ]);
  const fx = [{ currency: 'USD', rate_to_usd: '1' }, ...rates.filter((r) => isCurrency(r.currency))];
  const factors = fx.map((r) => usdCentsPerMinor(r.currency, r.rate_to_usd));
  const groups = await c.execute<
    {
      kind: 'pledges' | 'option';
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
  >(splits?.any ? GROUPS_SQL.splits : GROUPS_SQL.none, [
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
    const f: Figures = {
      pledged: num(g.pledged),
      received: num(g.received),
      outstanding: num(g.outstanding),
      overdue: num(g.overdue),
      inKind: num(g.in_kind) + num(g.seconded),
    };
    add(out.byFundingOption[g.funding_option]!, f);
    // What split pledges move among the funding options (their shares sum to the pledge exactly).
    if (g.kind === 'option') continue;
    out.byStatus[g.status] += g.n;
    out.unconverted.push(...g.unconverted);
    add(out.totalsMinor, f);
    if (out.byDonorType[g.donor_type]) add(out.byDonorType[g.donor_type]!, f);
    const focus = g.focus.length ? g.focus : ['none'];
    for (const k of focus) if (out.byFocus[k]) add(out.byFocus[k]!, f);
  }
  out.unconverted.sort();
  const mdfm = out.byFundingOption.mdfm!;
  out.towardTargetMinor = mdfm.pledged + (inKindCounts ? mdfm.inKind : 0);
  return out;
}
