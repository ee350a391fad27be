// Where the money goes: the funds receipts credit (the MDFM pool and the earmarked priority areas and
// sub-options of domain/pledge.ts), a pledge's split across funds, the secretariat's allocations
// from a fund to an activity and the disbursements against them, and the share of disbursements
// reaching cities in Africa and in LDC or low-income countries. Pure and deterministic.
import { z } from 'zod';
import { AmountString, Currency, MoneyBody, parseAmount, rateProblem, toUsd } from './money.js';
import { CalendarDate, Note, Text } from './schemas.js';
import { FUNDING_OPTIONS, SUB_OPTIONS, type FundingOption, type SubOption } from './pledge.js';

// ---------------------------------------------------------------- funds

/**
 * Every fund, by key: a funding option, or `communication_exchange.<sub-option>` for an earmark to
 * one of its sub-options (`communication_exchange` alone is the area without a sub-option). The
 * `fund` table holds one row per key (migration Funds), with its running USD figures.
 */
export const FUND_KEYS = [
  ...FUNDING_OPTIONS,
  ...SUB_OPTIONS.map((s) => `communication_exchange.${s}` as const),
] as const;
export type FundKey = (typeof FUND_KEYS)[number];

/** The fund a funding option (and sub-option) credits. */
export function fundKeyOf(fundingOption: FundingOption, subOption?: SubOption | null): FundKey {
  if (subOption && fundingOption === 'communication_exchange') return `communication_exchange.${subOption}`;
  return fundingOption;
}

/** The funding option and sub-option of a fund key. */
export function fundOptionOf(key: FundKey): { fundingOption: FundingOption; subOption: SubOption | null } {
  const [option, sub] = key.split('.') as [FundingOption, SubOption | undefined];
  return { fundingOption: option, subOption: sub ?? null };
}

// ---------------------------------------------------------------- largest remainder

/**
 * Splits `total` minor units in proportion to `weights` without creating or losing a minor unit
 * (the largest remainder method, Hamilton's): each part first gets floor(total × wᵢ / W); the
 * minor units left over (fewer than the number of parts) go one each to the parts with the largest
 * remainders (total × wᵢ mod W), ties to the earlier part. The parts always sum to `total`, a
 * zero weight always gets zero, and each part is within one minor unit of its exact share.
 * BigInt inside: total × weight may pass 2^53. The SQL of migration Funds (`fund_split`) does the
 * same arithmetic for receipts, so a receipt credits each fund by this very rule.
 */
export function splitByWeights(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError('total must be a non-negative safe integer');
  if (!weights.length) throw new RangeError('at least one weight is needed');
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0)) throw new RangeError('weights must be non-negative');
  const W = weights.reduce((s, w) => s + BigInt(w), 0n);
  if (W === 0n) throw new RangeError('the weights sum to zero');
  const T = BigInt(total);
  const parts = weights.map((w, i) => ({ i, base: (T * BigInt(w)) / W, rest: (T * BigInt(w)) % W }));
  let left = T - parts.reduce((s, p) => s + p.base, 0n);
  const order = [...parts].sort((a, b) => (a.rest === b.rest ? a.i - b.i : a.rest > b.rest ? -1 : 1));
  for (const p of order) {
    if (left === 0n) break;
    p.base += 1n;
    left -= 1n;
  }
  return parts.map((p) => Number(p.base));
}

// ---------------------------------------------------------------- a pledge's split

export const BASIS_POINTS = 10_000;

export interface SplitPart {
  fund: FundKey;
  /** Given in basis points (of 10 000) or null when given as an amount. */
  basisPoints: number | null;
  /** Always resolved: minor units of the pledge's currency; the parts sum to the pledge. */
  amountMinor: number;
}

const SplitRow = z
  .object({
    fund: z.enum(FUND_KEYS),
    basisPoints: z.int().min(0).max(BASIS_POINTS).optional().describe('share in basis points (10000 = 100%)'),
    amount: AmountString.optional().describe("the share as an amount of the pledge's currency"),
  })
  .strict()
  .refine((r) => (r.basisPoints === undefined) !== (r.amount === undefined), {
    error: 'give basisPoints or amount, not both',
  });

export const SplitBody = z
  .object({ parts: z.array(SplitRow).min(1).max(FUND_KEYS.length) })
  .strict()
  .superRefine((b, ctx) => {
    const funds = b.parts.map((p) => p.fund);
    if (new Set(funds).size !== funds.length)
      ctx.addIssue({ code: 'custom', path: ['parts'], message: 'a fund is listed twice' });
    const bp = b.parts.filter((p) => p.basisPoints !== undefined);
    if (bp.length && bp.length !== b.parts.length)
      ctx.addIssue({
        code: 'custom',
        path: ['parts'],
        message: 'give every part in basisPoints or every part as amount',
      });
    else if (bp.length && bp.reduce((s, p) => s + p.basisPoints!, 0) !== BASIS_POINTS)
      ctx.addIssue({ code: 'custom', path: ['parts'], message: 'basis points must sum to 10000' });
  });
export type SplitBody = z.infer<typeof SplitBody>;

export type SplitResult = { ok: true; parts: SplitPart[] } | { ok: false; path: (string | number)[]; message: string };

/**
 * The parts of a pledge of `totalMinor` (in `currency`) from a valid SplitBody: basis points are
 * turned into amounts by splitByWeights (largest remainder), amounts must sum to the pledge exactly.
 */
export function resolveSplit(totalMinor: number, currency: string, body: SplitBody): SplitResult {
  if (body.parts.every((p) => p.basisPoints !== undefined)) {
    const amounts = splitByWeights(
      totalMinor,
      body.parts.map((p) => p.basisPoints!),
    );
    return {
      ok: true,
      parts: body.parts.map((p, i) => ({ fund: p.fund, basisPoints: p.basisPoints!, amountMinor: amounts[i]! })),
    };
  }
  const parts: SplitPart[] = [];
  for (const [i, p] of body.parts.entries()) {
    const a = parseAmount(p.amount!, currency);
    if (!a.ok) return { ok: false, path: ['parts', i, 'amount'], message: a.message };
    parts.push({ fund: p.fund, basisPoints: null, amountMinor: a.value });
  }
  const sum = parts.reduce((s, p) => s + p.amountMinor, 0);
  if (sum !== totalMinor)
    return { ok: false, path: ['parts'], message: `the parts sum to ${sum} minor units, the pledge is ${totalMinor}` };
  return { ok: true, parts };
}

/** What one receipt credits each fund: its amount and its USD value split by the parts' amounts. */
export function creditsOf(
  receipt: { amountMinor: number; usdMinor: number },
  parts: readonly Pick<SplitPart, 'fund' | 'amountMinor'>[],
): { fund: FundKey; amountMinor: number; usdMinor: number }[] {
  const weights = parts.map((p) => p.amountMinor);
  const amounts = splitByWeights(receipt.amountMinor, weights);
  const usd = splitByWeights(receipt.usdMinor, weights);
  return parts.map((p, i) => ({ fund: p.fund, amountMinor: amounts[i]!, usdMinor: usd[i]! }));
}

// ---------------------------------------------------------------- allocations and disbursements

export const ACTIVITY_KINDS = [
  'workshop',
  'coordinator_meeting',
  'partnership',
  'training',
  'study',
  'publication',
  'event',
  'secondment',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const ALLOCATION_STATUSES = ['active', 'cancelled'] as const;
export type AllocationStatus = (typeof ALLOCATION_STATUSES)[number];
export const ALLOCATION_ACTIONS = ['allocate', 'reduce', 'cancel'] as const;
export type AllocationAction = (typeof ALLOCATION_ACTIONS)[number];

const RateField = z.string().max(32).meta({
  description: 'US dollars per unit of the currency; default: the recorded rate of the day or the nearest earlier one',
  pattern: '^\\d{1,12}(\\.\\d{1,12})?$',
});
const rateOk = (r: string) => /^\d{1,12}(\.\d{1,12})?$/.test(r) && /[1-9]/.test(r);

export const AllocationBody = z
  .object({
    activity: z
      .object({
        kind: z.enum(ACTIVITY_KINDS),
        referenceId: z.uuid().optional().describe('the workshop, meeting… this pays for, when recorded here'),
        title: Text(200),
      })
      .strict(),
    amount: MoneyBody,
    allocatedOn: CalendarDate,
    fxRateToUsd: RateField.optional(),
    note: Note(2000).optional(),
  })
  .strict()
  .refine((b) => b.amount.minor > 0, { path: ['amount', 'value'], error: 'must be more than zero' })
  .superRefine((b, ctx) => {
    if (b.fxRateToUsd === undefined) return;
    const problem = rateOk(b.fxRateToUsd)
      ? rateProblem(b.fxRateToUsd, b.amount.currency)
      : 'must be a positive decimal string with at most 12 decimals';
    if (problem) ctx.addIssue({ code: 'custom', path: ['fxRateToUsd'], message: problem });
  });
export type AllocationBody = z.infer<typeof AllocationBody>;

/** Reduce an allocation to `amount` (never below what is disbursed), or cancel what is not disbursed. */
export const AllocationChangeBody = z.union([
  z.object({ action: z.literal('reduce'), amount: AmountString, note: Note(2000) }).strict(),
  z.object({ action: z.literal('cancel'), note: Note(2000) }).strict(),
]);
export type AllocationChangeBody = z.infer<typeof AllocationChangeBody>;

export const DisbursementBody = z
  .object({
    amount: z.object({ currency: Currency, value: AmountString }).strict(),
    disbursedOn: CalendarDate,
    cityIds: z.array(z.uuid()).min(1).max(200).describe('the beneficiary cities'),
    reference: Text(100).optional(),
    note: Note(2000).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    const p = parseAmount(b.amount.value, b.amount.currency);
    if (!p.ok) ctx.addIssue({ code: 'custom', path: ['amount', 'value'], message: p.message });
    else if (p.value === 0)
      ctx.addIssue({ code: 'custom', path: ['amount', 'value'], message: 'must be more than zero' });
    if (new Set(b.cityIds).size !== b.cityIds.length)
      ctx.addIssue({ code: 'custom', path: ['cityIds'], message: 'a city is listed twice' });
  });
export type DisbursementBody = z.infer<typeof DisbursementBody>;

/**
 * The USD value of the next disbursement of an allocation: toUsd of the running total after it
 * minus toUsd of the running total before it, at the allocation's rate. The USD values of an
 * allocation's disbursements so telescope to toUsd(disbursed) ≤ toUsd(allocated): rounding each
 * one on its own could sum to a cent more than the allocation.
 */
export function disbursementUsd(
  disbursedBefore: number,
  amountMinor: number,
  currency: string,
  rateToUsd: string,
): number {
  return toUsd(disbursedBefore + amountMinor, currency, rateToUsd) - toUsd(disbursedBefore, currency, rateToUsd);
}

/** Why an allocation may not be reduced to `toMinor`, or null. */
export function reductionProblem(current: { amountMinor: number; disbursedMinor: number }, toMinor: number) {
  if (toMinor > current.amountMinor)
    return `an allocation can only be reduced; it is ${current.amountMinor} minor units`;
  if (toMinor < current.disbursedMinor)
    return `${current.disbursedMinor} minor units are already disbursed; an allocation cannot go below that`;
  return null;
}

// ---------------------------------------------------------------- reach

export interface Beneficiary {
  region: string;
  ldc: boolean;
  incomeGroup: string;
}

export const isAfrica = (c: Beneficiary) => c.region === 'africa';
/** A least developed country (UN list) or a low-income one (World Bank). */
export const isLdcOrLowIncome = (c: Beneficiary) => c.ldc || c.incomeGroup === 'low';

export interface Reach {
  /** USD minor units disbursed, all cities. */
  totalUsdMinor: number;
  africaUsdMinor: number;
  ldcOrLowIncomeUsdMinor: number;
  /** Africa or LDC/low-income: the MDFM's focus. */
  focusUsdMinor: number;
}

/**
 * Where disbursements went: each disbursement's USD value is shared equally among its beneficiary
 * cities (splitByWeights, so no minor unit is made or lost), and a city's share counts toward
 * Africa and LDC/low-income by its country's region, ldc flag and income group in the registry.
 */
export function reachOf(disbursements: readonly { usdMinor: number; cities: readonly Beneficiary[] }[]): Reach {
  const out: Reach = { totalUsdMinor: 0, africaUsdMinor: 0, ldcOrLowIncomeUsdMinor: 0, focusUsdMinor: 0 };
  for (const d of disbursements) {
    out.totalUsdMinor += d.usdMinor;
    if (!d.cities.length) continue;
    const shares = splitByWeights(
      d.usdMinor,
      d.cities.map(() => 1),
    );
    d.cities.forEach((c, i) => {
      const s = shares[i]!;
      if (isAfrica(c)) out.africaUsdMinor += s;
      if (isLdcOrLowIncome(c)) out.ldcOrLowIncomeUsdMinor += s;
      if (isAfrica(c) || isLdcOrLowIncome(c)) out.focusUsdMinor += s;
    });
  }
  return out;
}

/** A share as a decimal string with 4 decimals ("0.3333"), half-even; "0.0000" when nothing was disbursed. */
export function shareOf(part: number, total: number): string {
  if (total <= 0) return '0.0000';
  const num = BigInt(part) * 10_000n;
  const den = BigInt(total);
  let q = num / den;
  const twice = 2n * (num % den);
  if (twice > den || (twice === den && q % 2n === 1n)) q += 1n;
  return `${q / 10_000n}.${(q % 10_000n).toString().padStart(4, '0')}`;
}
