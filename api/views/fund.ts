// How funds look through the API: USD figures as decimal strings, per-currency amounts in their
// own currency's decimals, allocations with their audit and disbursements; the report as CSV.
import { z } from 'zod';
import {
  ACTIVITY_KINDS,
  ALLOCATION_ACTIONS,
  ALLOCATION_STATUSES,
  FUND_KEYS,
  shareOf,
  type Reach,
} from '../../domain/fund.js';
import { formatAmount, normalizeRate } from '../../domain/money.js';
import { FUNDING_OPTIONS, SUB_OPTIONS } from '../../domain/pledge.js';
import type {
  AllocationChangeRow,
  AllocationRow,
  DisbursementRow,
  FundFiguresMinor,
  PledgeSplitView,
} from '../../db/queries/fund.js';

const usd = (m: number) => formatAmount(m, 'USD');
const Usd = z
  .string()
  .regex(/^-?\d+\.\d{2}$/)
  .describe('US dollars, a decimal string');
const Amount = z.string().describe("a decimal string in the currency's units");
const Share = z
  .string()
  .regex(/^\d\.\d{4}$/)
  .describe('a share between 0 and 1, four decimals');

export const FundView = z
  .object({
    fund: z.enum(FUND_KEYS),
    fundingOption: z.enum(FUNDING_OPTIONS),
    subOption: z.enum(SUB_OPTIONS).nullable(),
    received: Usd.describe('receipts credited to the fund, at their recorded rates'),
    allocated: Usd,
    disbursed: Usd,
    available: Usd.describe('received − allocated, never below zero'),
    byCurrency: z.array(z.object({ currency: z.string(), received: Amount, allocated: Amount, disbursed: Amount })),
  })
  .openapi('Fund');

export const fundView = (f: FundFiguresMinor): z.infer<typeof FundView> => ({
  fund: f.fund,
  fundingOption: f.fundingOption,
  subOption: f.subOption,
  received: usd(f.receivedUsdMinor),
  allocated: usd(f.allocatedUsdMinor),
  disbursed: usd(f.disbursedUsdMinor),
  available: usd(f.availableUsdMinor),
  byCurrency: f.byCurrency.map((c) => ({
    currency: c.currency,
    received: formatAmount(c.receivedMinor, c.currency),
    allocated: formatAmount(c.allocatedMinor, c.currency),
    disbursed: formatAmount(c.disbursedMinor, c.currency),
  })),
});

export const FundsCsv = z.string().meta({
  description:
    'RFC 4180 CSV, CRLF line ends, header `fund,currency,received,allocated,disbursed,available`: per fund one USD row ' +
    '(receipts and allocations at their recorded rates, with available) then one row per original currency (available empty)',
  example: 'fund,currency,received,allocated,disbursed,available\r\nmdfm,USD,1000.00,400.00,100.00,600.00\r\n',
});

export function fundsCsv(funds: readonly FundFiguresMinor[]): string {
  const lines = ['fund,currency,received,allocated,disbursed,available'];
  for (const f of funds) {
    lines.push(
      [
        f.fund,
        'USD',
        usd(f.receivedUsdMinor),
        usd(f.allocatedUsdMinor),
        usd(f.disbursedUsdMinor),
        usd(f.availableUsdMinor),
      ].join(','),
    );
    for (const c of f.byCurrency)
      lines.push(
        [
          f.fund,
          c.currency,
          formatAmount(c.receivedMinor, c.currency),
          formatAmount(c.allocatedMinor, c.currency),
          formatAmount(c.disbursedMinor, c.currency),
          '',
        ].join(','),
      );
  }
  return lines.join('\r\n') + '\r\n';
}

export const DisbursementView = z
  .object({
    id: z.uuid(),
    allocationId: z.uuid(),
    seq: z.int(),
    amount: z.object({ currency: z.string(), value: Amount }),
    usd: Usd,
    disbursedOn: z.string(),
    cityIds: z.array(z.uuid()),
    reference: z.string().nullable(),
    note: z.string().nullable(),
    by: z.string(),
  })
  .openapi('FundDisbursement');

export const disbursementView = (d: DisbursementRow): z.infer<typeof DisbursementView> => ({
  id: d.id,
  allocationId: d.allocationId,
  seq: d.seq,
  amount: { currency: d.currency, value: formatAmount(d.amountMinor, d.currency) },
  usd: usd(d.usdMinor),
  disbursedOn: d.disbursedOn,
  cityIds: d.cityIds,
  reference: d.reference,
  note: d.note,
  by: d.by,
});

const ChangeView = z.object({
  seq: z.int(),
  action: z.enum(ALLOCATION_ACTIONS),
  from: Amount.nullable(),
  to: Amount,
  note: z.string().nullable(),
  by: z.string(),
  at: z.string(),
});

export const AllocationView = z
  .object({
    id: z.uuid(),
    fund: z.enum(FUND_KEYS),
    activity: z.object({ kind: z.enum(ACTIVITY_KINDS), referenceId: z.uuid().nullable(), title: z.string() }),
    amount: z.object({ currency: z.string(), value: Amount }),
    fxRateToUsd: z.string(),
    usd: Usd,
    disbursed: z.object({ currency: z.string(), value: Amount }),
    disbursedUsd: Usd,
    remaining: z.object({ currency: z.string(), value: Amount }).describe('allocated − disbursed'),
    status: z.enum(ALLOCATION_STATUSES),
    allocatedOn: z.string(),
    note: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .openapi('FundAllocation');

export const allocationView = (a: AllocationRow): z.infer<typeof AllocationView> => ({
  id: a.id,
  fund: a.fund,
  activity: a.activity,
  amount: { currency: a.currency, value: formatAmount(a.amountMinor, a.currency) },
  fxRateToUsd: normalizeRate(a.fxRateToUsd),
  usd: usd(a.usdMinor),
  disbursed: { currency: a.currency, value: formatAmount(a.disbursedMinor, a.currency) },
  disbursedUsd: usd(a.disbursedUsdMinor),
  remaining: { currency: a.currency, value: formatAmount(a.amountMinor - a.disbursedMinor, a.currency) },
  status: a.status,
  allocatedOn: a.allocatedOn,
  note: a.note,
  createdBy: a.createdBy,
  createdAt: a.createdAt,
});

export const AllocationDetailView = AllocationView.extend({
  changes: z.array(ChangeView),
  disbursements: z.array(DisbursementView),
}).openapi('FundAllocationDetail');

export const allocationDetailView = (
  a: AllocationRow,
  changes: readonly AllocationChangeRow[],
  disbursements: readonly DisbursementRow[],
): z.infer<typeof AllocationDetailView> => ({
  ...allocationView(a),
  changes: changes.map((c) => ({
    seq: c.seq,
    action: c.action,
    from: c.fromMinor === null ? null : formatAmount(c.fromMinor, a.currency),
    to: formatAmount(c.toMinor, a.currency),
    note: c.note,
    by: c.by,
    at: c.at,
  })),
  disbursements: disbursements.map(disbursementView),
});

export const ReachView = z
  .object({
    fund: z.enum(FUND_KEYS).nullable(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    disbursements: z.int(),
    disbursed: Usd,
    africa: Usd,
    ldcOrLowIncome: Usd,
    focus: Usd.describe('Africa, or an LDC or low-income country'),
    africaShare: Share,
    ldcOrLowIncomeShare: Share,
    focusShare: Share,
  })
  .openapi('FundReach');

export const reachView = (
  r: Reach & { disbursements: number },
  filter: { fund?: string | undefined; from?: string | undefined; to?: string | undefined },
): z.infer<typeof ReachView> => ({
  fund: (filter.fund as z.infer<typeof ReachView>['fund']) ?? null,
  from: filter.from ?? null,
  to: filter.to ?? null,
  disbursements: r.disbursements,
  disbursed: usd(r.totalUsdMinor),
  africa: usd(r.africaUsdMinor),
  ldcOrLowIncome: usd(r.ldcOrLowIncomeUsdMinor),
  focus: usd(r.focusUsdMinor),
  africaShare: shareOf(r.africaUsdMinor, r.totalUsdMinor),
  ldcOrLowIncomeShare: shareOf(r.ldcOrLowIncomeUsdMinor, r.totalUsdMinor),
  focusShare: shareOf(r.focusUsdMinor, r.totalUsdMinor),
});

export const ReachCsv = z.string().meta({
  description:
    'RFC 4180 CSV, CRLF line ends, header `measure,usd,share`: rows disbursed, africa, ldc_or_low_income, focus',
  example: 'measure,usd,share\r\ndisbursed,1000.00,1.0000\r\n',
});

export function reachCsv(r: z.infer<typeof ReachView>): string {
  return (
    [
      'measure,usd,share',
      `disbursed,${r.disbursed},1.0000`,
      `africa,${r.africa},${r.africaShare}`,
      `ldc_or_low_income,${r.ldcOrLowIncome},${r.ldcOrLowIncomeShare}`,
      `focus,${r.focus},${r.focusShare}`,
    ].join('\r\n') + '\r\n'
  );
}

export const PledgeSplitResponse = z
  .object({
    pledgeId: z.uuid(),
    currency: z.string().nullable(),
    amount: Amount.nullable(),
    split: z.boolean().describe("false: no split set, the whole pledge goes to its own funding option's fund"),
    parts: z.array(
      z.object({
        fund: z.enum(FUND_KEYS),
        basisPoints: z.int().nullable(),
        amount: Amount,
        received: Usd.describe("what the pledge's receipts credited this fund"),
      }),
    ),
  })
  .openapi('PledgeSplit');

export const pledgeSplitView = (s: PledgeSplitView): z.infer<typeof PledgeSplitResponse> => ({
  pledgeId: s.pledgeId,
  currency: s.currency,
  amount: s.currency && s.amountMinor !== null ? formatAmount(s.amountMinor, s.currency) : null,
  split: s.split,
  parts: s.parts.map((p) => ({
    fund: p.fund,
    basisPoints: p.basisPoints,
    amount: s.currency ? formatAmount(p.amountMinor, s.currency) : '0',
    received: usd(p.receivedUsdMinor),
  })),
});
