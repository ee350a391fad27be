// Funds: a pledge's split, allocations and disbursements (writes shared by the API and any future
// activity), and the read models — each fund's received / allocated / disbursed / available in USD
// and per currency, a fund's allocations, and where disbursements went (reach). The fund's USD
// figures are kept by triggers (migration Funds); the CHECKs on `fund` and `fund_allocation` refuse
// any write that would overdraw a fund or an allocation, whoever writes and however many at once.
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  FUND_KEYS,
  disbursementUsd,
  fundKeyOf,
  reachOf,
  reductionProblem,
  type ActivityKind,
  type AllocationAction,
  type AllocationStatus,
  type Beneficiary,
  type FundKey,
  type Reach,
  type SplitPart,
} from '../../domain/fund.js';
import { toUsd } from '../../domain/money.js';
import type { FundingOption, SubOption } from '../../domain/pledge.js';
import { pgTextArray } from './text-array.js';

const num = (v: unknown): number => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a safe integer amount: ${String(v)}`);
  return n;
};
const day = (d: unknown): string => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

// ---------------------------------------------------------------- figures

export interface FundFiguresMinor {
  fund: FundKey;
  fundingOption: FundingOption;
  subOption: SubOption | null;
  receivedUsdMinor: number;
  allocatedUsdMinor: number;
  disbursedUsdMinor: number;
  /** received − allocated: never below zero (fund_available_check). */
  availableUsdMinor: number;
  /** Per original currency: received (receipts' own currency), allocated and disbursed (the allocations'). */
  byCurrency: { currency: string; receivedMinor: number; allocatedMinor: number; disbursedMinor: number }[];
}

/** Every fund (or one) with its four figures, in FUND_KEYS order. */
export async function fundFigures(em: EntityManager, only?: FundKey): Promise<FundFiguresMinor[]> {
  const [funds, received, allocated] = await Promise.all([
    em.execute<
      {
        key: FundKey;
        funding_option: FundingOption;
        sub_option: SubOption | null;
        received_usd_minor: string;
        allocated_usd_minor: string;
        disbursed_usd_minor: string;
      }[]
    >(
      `select key, funding_option, sub_option, received_usd_minor, allocated_usd_minor, disbursed_usd_minor
         from fund where ?::text is null or key = ?`,
      [only ?? null, only ?? null],
    ),
    em.execute<{ fund_key: string; currency: string; minor: string }[]>(
      `select fund_key, currency, sum(amount_minor)::text as minor from receipt_credit
        where ?::text is null or fund_key = ? group by fund_key, currency`,
      [only ?? null, only ?? null],
    ),
    em.execute<{ fund_key: string; currency: string; minor: string; disbursed: string }[]>(
      `select fund_key, currency, sum(amount_minor)::text as minor, sum(disbursed_minor)::text as disbursed
         from fund_allocation where ?::text is null or fund_key = ? group by fund_key, currency`,
      [only ?? null, only ?? null],
    ),
  ]);
  const order = (k: string) => FUND_KEYS.indexOf(k as FundKey);
  return funds
    .sort((a, b) => order(a.key) - order(b.key))
    .map((f) => {
      const cur = new Map<string, FundFiguresMinor['byCurrency'][number]>();
      const row = (c: string) => {
        if (!cur.has(c)) cur.set(c, { currency: c, receivedMinor: 0, allocatedMinor: 0, disbursedMinor: 0 });
        return cur.get(c)!;
      };
      for (const r of received) if (r.fund_key === f.key) row(r.currency).receivedMinor += num(r.minor);
      for (const a of allocated)
        if (a.fund_key === f.key) {
          row(a.currency).allocatedMinor += num(a.minor);
          row(a.currency).disbursedMinor += num(a.disbursed);
        }
      const received_ = num(f.received_usd_minor);
      const allocated_ = num(f.allocated_usd_minor);
      return {
        fund: f.key,
        fundingOption: f.funding_option,
        subOption: f.sub_option,
        receivedUsdMinor: received_,
        allocatedUsdMinor: allocated_,
        disbursedUsdMinor: num(f.disbursed_usd_minor),
        availableUsdMinor: received_ - allocated_,
        byCurrency: [...cur.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1)),
      };
    });
}

// ---------------------------------------------------------------- a pledge's split

export interface PledgeSplitRow extends SplitPart {
  /** What the pledge's receipts credited this part's fund so far (USD minor units at the recorded rates). */
  receivedUsdMinor: number;
}

export interface PledgeSplitView {
  pledgeId: string;
  currency: string | null;
  amountMinor: number | null;
  /** False: no split was set; the whole pledge goes to its own funding option (and sub-option). */
  split: boolean;
  parts: PledgeSplitRow[];
}

/** A pledge's parts (the pledge's own fund alone when none is set), with what each fund received. */
export async function pledgeSplitOf(
  em: EntityManager,
  pledge: {
    id: string;
    currency?: string | null | undefined;
    amountMinor?: number | null | undefined;
    fundingOption: FundingOption;
    subOption?: SubOption | null | undefined;
  },
): Promise<PledgeSplitView> {
  const [rows, credits] = await Promise.all([
    em.execute<{ fund_key: FundKey; basis_points: number | null; amount_minor: string }[]>(
      `select fund_key, basis_points, amount_minor from pledge_split where pledge_id = ? order by seq`,
      [pledge.id],
    ),
    em.execute<{ fund_key: string; usd: string }[]>(
      `select fund_key, sum(usd_minor)::text as usd from receipt_credit where pledge_id = ? group by fund_key`,
      [pledge.id],
    ),
  ]);
  const got = (k: string) => num(credits.find((c) => c.fund_key === k)?.usd ?? 0);
  const parts: PledgeSplitRow[] = rows.length
    ? rows.map((r) => ({
        fund: r.fund_key,
        basisPoints: r.basis_points,
        amountMinor: num(r.amount_minor),
        receivedUsdMinor: got(r.fund_key),
      }))
    : [
        {
          fund: fundKeyOf(pledge.fundingOption, pledge.subOption),
          basisPoints: 10_000,
          amountMinor: pledge.amountMinor ?? 0,
          receivedUsdMinor: got(fundKeyOf(pledge.fundingOption, pledge.subOption)),
        },
      ];
  return {
    pledgeId: pledge.id,
    currency: pledge.currency ?? null,
    amountMinor: pledge.amountMinor ?? null,
    split: rows.length > 0,
    parts,
  };
}

export type SetSplitResult = { ok: true } | { ok: false; reason: 'received'; receipts: number };

/**
 * Replaces a pledge's split, in one transaction that locks the pledge: refused once the pledge has
 * a receipt (its credits were made by the split of their day; see trigger receipt_fund_credit).
 */
export async function setPledgeSplit(
  em: EntityManager,
  pledgeId: string,
  parts: readonly SplitPart[],
  by: string,
): Promise<SetSplitResult> {
  return em.transactional(async (tx) => {
    await tx.execute(`select id from pledge where id = ? for update`, [pledgeId]);
    const [{ n }] = (await tx.execute<{ n: number }[]>(`select count(*)::int as n from receipt where pledge_id = ?`, [
      pledgeId,
    ])) as [{ n: number }];
    if (n > 0) return { ok: false as const, reason: 'received' as const, receipts: n };
    await tx.execute(`delete from pledge_split where pledge_id = ?`, [pledgeId]);
    for (const [seq, p] of parts.entries())
      await tx.execute(
        `insert into pledge_split (pledge_id, fund_key, seq, basis_points, amount_minor, set_by, set_at)
         values (?, ?, ?, ?, ?, ?, now())`,
        [pledgeId, p.fund, seq, p.basisPoints, p.amountMinor, by],
      );
    return { ok: true as const };
  });
}

// ---------------------------------------------------------------- allocations

export interface AllocationRow {
  id: string;
  fund: FundKey;
  activity: { kind: ActivityKind; referenceId: string | null; title: string };
  currency: string;
  amountMinor: number;
  fxRateToUsd: string;
  usdMinor: number;
  disbursedMinor: number;
  disbursedUsdMinor: number;
  status: AllocationStatus;
  allocatedOn: string;
  note: string | null;
  createdBy: string;
  createdAt: string;
}

const ALLOCATION_COLUMNS = `id, fund_key, activity_kind, reference_id, title, currency, amount_minor, fx_rate_to_usd::text as rate,
  usd_minor, disbursed_minor, disbursed_usd_minor, status, allocated_on, note, created_by, created_at`;

type AllocationDbRow = {
  id: string;
  fund_key: FundKey;
  activity_kind: ActivityKind;
  reference_id: string | null;
  title: string;
  currency: string;
  amount_minor: string;
  rate: string;
  usd_minor: string;
  disbursed_minor: string;
  disbursed_usd_minor: string;
  status: AllocationStatus;
  allocated_on: Date | string;
  note: string | null;
  created_by: string;
  created_at: Date | string;
};

const allocationOf = (r: AllocationDbRow): AllocationRow => ({
  id: r.id,
  fund: r.fund_key,
  activity: { kind: r.activity_kind, referenceId: r.reference_id, title: r.title },
  currency: r.currency,
  amountMinor: num(r.amount_minor),
  fxRateToUsd: r.rate,
  usdMinor: num(r.usd_minor),
  disbursedMinor: num(r.disbursed_minor),
  disbursedUsdMinor: num(r.disbursed_usd_minor),
  status: r.status,
  allocatedOn: day(r.allocated_on),
  note: r.note,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at).toISOString(),
});

/** A fund's allocations, newest first. */
export async function fundAllocations(
  em: EntityManager,
  fund: FundKey,
  page: { limit: number; offset: number },
): Promise<{ items: AllocationRow[]; total: number }> {
  const [rows, [count]] = await Promise.all([
    em.execute<AllocationDbRow[]>(
      `select ${ALLOCATION_COLUMNS} from fund_allocation where fund_key = ? order by created_at desc, id limit ? offset ?`,
      [fund, page.limit, page.offset],
    ),
    em.execute<{ n: number }[]>(`select count(*)::int as n from fund_allocation where fund_key = ?`, [fund]),
  ]);
  return { items: rows.map(allocationOf), total: count?.n ?? 0 };
}

export async function allocationById(em: EntityManager, id: string): Promise<AllocationRow | null> {
  const [row] = await em.execute<AllocationDbRow[]>(`select ${ALLOCATION_COLUMNS} from fund_allocation where id = ?`, [
    id,
  ]);
  return row ? allocationOf(row) : null;
}

export interface AllocationChangeRow {
  seq: number;
  action: AllocationAction;
  fromMinor: number | null;
  toMinor: number;
  note: string | null;
  by: string;
  at: string;
}

export async function allocationChanges(em: EntityManager, id: string): Promise<AllocationChangeRow[]> {
  const rows = await em.execute<
    {
      seq: number;
      action: AllocationAction;
      from_minor: string | null;
      to_minor: string;
      note: string | null;
      by: string;
      at: Date;
    }[]
  >(
    `select seq, action, from_minor, to_minor, note, "by", at from fund_allocation_change where allocation_id = ? order by seq`,
    [id],
  );
  return rows.map((r) => ({
    seq: r.seq,
    action: r.action,
    fromMinor: r.from_minor === null ? null : num(r.from_minor),
    toMinor: num(r.to_minor),
    note: r.note,
    by: r.by,
    at: new Date(r.at).toISOString(),
  }));
}

export interface NewAllocation {
  id: string;
  fund: FundKey;
  kind: ActivityKind;
  referenceId: string | null;
  title: string;
  currency: string;
  amountMinor: number;
  fxRateToUsd: string;
  allocatedOn: string;
  note: string | null;
  by: string;
}

export type AllocateResult =
  { ok: true; allocation: AllocationRow } | { ok: false; availableUsdMinor: number; usdMinor: number };

const isCheckViolation = (err: unknown, constraint: string) => {
  const e = err as { code?: string; constraint?: string; message?: string };
  return e?.code === '23514' && (e.constraint === constraint || (e.message ?? '').includes(constraint));
};

/**
 * Allocates from a fund in one transaction: the allocation row, then its audit row. The trigger
 * adds its USD value to the fund's allocated figure; when that would pass what the fund received,
 * fund_available_check refuses the statement (concurrent allocations queue on the fund's row and
 * each sees the ones committed before it), and the answer says what is available now.
 */
export async function allocate(em: EntityManager, a: NewAllocation): Promise<AllocateResult> {
  const usdMinor = toUsd(a.amountMinor, a.currency, a.fxRateToUsd);
  try {
    await em.transactional(async (tx) => {
      await tx.execute(
        `insert into fund_allocation (id, fund_key, activity_kind, reference_id, title, currency, amount_minor, fx_rate_to_usd,
           usd_minor, disbursed_minor, disbursed_usd_minor, status, allocated_on, note, created_by, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 'active', ?, ?, ?, now(), now())`,
        [
          a.id,
          a.fund,
          a.kind,
          a.referenceId,
          a.title,
          a.currency,
          a.amountMinor,
          a.fxRateToUsd,
          usdMinor,
          a.allocatedOn,
          a.note,
          a.by,
        ],
      );
      await tx.execute(
        `insert into fund_allocation_change (id, allocation_id, seq, action, from_minor, to_minor, note, "by", at)
         values (gen_random_uuid(), ?, 1, 'allocate', null, ?, ?, ?, now())`,
        [a.id, a.amountMinor, a.note, a.by],
      );
    });
  } catch (err) {
    if (!isCheckViolation(err, 'fund_available_check')) throw err;
    const [f] = await fundFigures(em, a.fund);
    return { ok: false, availableUsdMinor: f?.availableUsdMinor ?? 0, usdMinor };
  }
  return { ok: true, allocation: (await allocationById(em, a.id))! };
}

export type ChangeResult =
  { ok: true; allocation: AllocationRow } | { ok: false; status: 404 | 409 | 422; message: string };

/** Reduces an allocation (never below what is disbursed) or cancels what is not disbursed; audited. */
export async function changeAllocation(
  em: EntityManager,
  id: string,
  change:
    { action: 'reduce'; toMinor: number; note: string; by: string } | { action: 'cancel'; note: string; by: string },
): Promise<ChangeResult> {
  const res = await em.transactional(async (tx): Promise<ChangeResult | null> => {
    const [row] = await tx.execute<AllocationDbRow[]>(
      `select ${ALLOCATION_COLUMNS} from fund_allocation where id = ? for update`,
      [id],
    );
    if (!row) return { ok: false, status: 404, message: 'allocation not found' };
    const cur = allocationOf(row);
    if (cur.status === 'cancelled') return { ok: false, status: 409, message: 'the allocation is cancelled' };
    const toMinor = change.action === 'cancel' ? cur.disbursedMinor : change.toMinor;
    if (change.action === 'reduce') {
      const problem = reductionProblem(cur, toMinor);
      if (problem) return { ok: false, status: 409, message: problem };
    }
    const usd = toUsd(toMinor, cur.currency, cur.fxRateToUsd);
    await tx.execute(
      `update fund_allocation set amount_minor = ?, usd_minor = greatest(?, disbursed_usd_minor), status = ?, updated_at = now() where id = ?`,
      [toMinor, usd, change.action === 'cancel' ? 'cancelled' : 'active', id],
    );
    await tx.execute(
      `insert into fund_allocation_change (id, allocation_id, seq, action, from_minor, to_minor, note, "by", at)
       select gen_random_uuid(), ?, coalesce(max(seq), 0) + 1, ?, ?, ?, ?, ?, now() from fund_allocation_change where allocation_id = ?`,
      [id, change.action, cur.amountMinor, toMinor, change.note, change.by, id],
    );
    return null;
  });
  return res ?? { ok: true, allocation: (await allocationById(em, id))! };
}

// ---------------------------------------------------------------- disbursements

export interface NewDisbursement {
  id: string;
  allocationId: string;
  amountMinor: number;
  disbursedOn: string;
  cityIds: string[];
  reference: string | null;
  note: string | null;
  by: string;
}

export interface DisbursementRow {
  id: string;
  allocationId: string;
  seq: number;
  currency: string;
  amountMinor: number;
  usdMinor: number;
  disbursedOn: string;
  cityIds: string[];
  reference: string | null;
  note: string | null;
  by: string;
}

export type DisburseResult =
  | { ok: true; disbursement: DisbursementRow }
  | { ok: false; status: 404 | 409 | 422; message: string; remainingMinor?: number; unknownCities?: string[] };

/**
 * Records a disbursement against an allocation: the allocation locked for update, what is left on
 * it checked (and fund_allocation_disbursed_check behind it), the USD value by disbursementUsd so
 * that an allocation's disbursements never pass its USD value, the beneficiary cities with it.
 */
export async function disburse(em: EntityManager, d: NewDisbursement): Promise<DisburseResult> {
  const res = await em.transactional(async (tx): Promise<DisburseResult | null> => {
    const [row] = await tx.execute<AllocationDbRow[]>(
      `select ${ALLOCATION_COLUMNS} from fund_allocation where id = ? for update`,
      [d.allocationId],
    );
    if (!row) return { ok: false, status: 404, message: 'allocation not found' };
    const a = allocationOf(row);
    if (a.status === 'cancelled') return { ok: false, status: 409, message: 'the allocation is cancelled' };
    const remaining = a.amountMinor - a.disbursedMinor;
    if (d.amountMinor > remaining)
      return {
        ok: false,
        status: 409,
        remainingMinor: remaining,
        message: `the allocation has ${remaining} minor units of ${a.currency} left to disburse; this is ${d.amountMinor}`,
      };
    const known = await tx.execute<{ id: string }[]>(`select id from city where id = any(?::uuid[])`, [
      pgTextArray(d.cityIds),
    ]);
    const unknownCities = d.cityIds.filter((c) => !known.some((k) => k.id === c));
    if (unknownCities.length) return { ok: false, status: 422, message: 'unknown beneficiary cities', unknownCities };
    const usd = disbursementUsd(a.disbursedMinor, d.amountMinor, a.currency, a.fxRateToUsd);
    await tx.execute(
      `update fund_allocation set disbursed_minor = disbursed_minor + ?, disbursed_usd_minor = disbursed_usd_minor + ?, updated_at = now() where id = ?`,
      [d.amountMinor, usd, a.id],
    );
    await tx.execute(
      `insert into fund_disbursement (id, allocation_id, seq, amount_minor, usd_minor, disbursed_on, reference, note, "by", created_at)
       select ?, ?, coalesce(max(seq), 0) + 1, ?, ?, ?, ?, ?, ?, now() from fund_disbursement where allocation_id = ?`,
      [d.id, a.id, d.amountMinor, usd, d.disbursedOn, d.reference, d.note, d.by, a.id],
    );
    await tx.execute(`insert into fund_disbursement_city (disbursement_id, city_id) select ?, unnest(?::uuid[])`, [
      d.id,
      pgTextArray(d.cityIds),
    ]);
    return null;
  });
  if (res) return res;
  const [row] = await allocationDisbursements(em, d.allocationId, d.id);
  return { ok: true, disbursement: row! };
}

/** An allocation's disbursements (or one), oldest first, with their beneficiary cities. */
export async function allocationDisbursements(
  em: EntityManager,
  allocationId: string,
  only?: string,
): Promise<DisbursementRow[]> {
  const rows = await em.execute<
    {
      id: string;
      seq: number;
      currency: string;
      amount_minor: string;
      usd_minor: string;
      disbursed_on: Date | string;
      reference: string | null;
      note: string | null;
      by: string;
      city_ids: string[];
    }[]
  >(
    `select d.id, d.seq, a.currency, d.amount_minor, d.usd_minor, d.disbursed_on, d.reference, d.note, d."by",
            coalesce((select array_agg(c.city_id::text order by c.city_id) from fund_disbursement_city c where c.disbursement_id = d.id), '{}') as city_ids
       from fund_disbursement d join fund_allocation a on a.id = d.allocation_id
      where d.allocation_id = ? and (?::uuid is null or d.id = ?::uuid)
      order by d.seq`,
    [allocationId, only ?? null, only ?? null],
  );
  return rows.map((r) => ({
    id: r.id,
    allocationId,
    seq: r.seq,
    currency: r.currency,
    amountMinor: num(r.amount_minor),
    usdMinor: num(r.usd_minor),
    disbursedOn: day(r.disbursed_on),
    cityIds: r.city_ids,
    reference: r.reference,
    note: r.note,
    by: r.by,
  }));
}

// ---------------------------------------------------------------- reach

export interface ReachFilter {
  fund?: FundKey | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * Where the disbursements (of a fund, disbursed from/to a date) went, derived from the beneficiary
 * cities' countries in the registry (region, ldc, income group) by reachOf (domain/fund.ts).
 */
export async function fundReach(
  em: EntityManager,
  filter: ReachFilter = {},
): Promise<Reach & { disbursements: number }> {
  const rows = await em.execute<{ id: string; usd_minor: string; cities: Beneficiary[] | null }[]>(
    `select d.id, d.usd_minor,
            (select json_agg(json_build_object('region', k.region, 'ldc', k.ldc, 'incomeGroup', k.income_group) order by c.id)
               from fund_disbursement_city dc join city c on c.id = dc.city_id join country k on k.code = c.country_code
              where dc.disbursement_id = d.id) as cities
       from fund_disbursement d join fund_allocation a on a.id = d.allocation_id
      where (?::text is null or a.fund_key = ?) and (?::date is null or d.disbursed_on >= ?::date)
        and (?::date is null or d.disbursed_on <= ?::date)`,
    [
      filter.fund ?? null,
      filter.fund ?? null,
      filter.from ?? null,
      filter.from ?? null,
      filter.to ?? null,
      filter.to ?? null,
    ],
  );
  const reach = reachOf(rows.map((r) => ({ usdMinor: num(r.usd_minor), cities: r.cities ?? [] })));
  return { ...reach, disbursements: rows.length };
}
