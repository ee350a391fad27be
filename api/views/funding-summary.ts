// How the funding summary looks through the API: every amount a USD decimal string, as JSON or CSV.
import { z } from 'zod';
import { formatAmount } from '../../domain/money.js';
import { PLEDGE_STATUSES } from '../../domain/pledge.js';
import type { Figures, FundingSummaryMinor } from '../../db/queries/funding-summary.js';

const usd = (m: number) => formatAmount(m, 'USD');
const figures = (f: Figures) => ({
  pledged: usd(f.pledged),
  received: usd(f.received),
  outstanding: usd(f.outstanding),
  overdue: usd(f.overdue),
  inKind: usd(f.inKind),
});
const group = (g: Record<string, Figures>) => Object.fromEntries(Object.entries(g).map(([k, f]) => [k, figures(f)]));

const Usd = z
  .string()
  .regex(/^-?\d+\.\d{2}$/)
  .describe('US dollars, a decimal string');
const FiguresView = z.object({ pledged: Usd, received: Usd, outstanding: Usd, overdue: Usd, inKind: Usd });

export const FundingSummaryView = z
  .object({
    biennium: z.string(),
    asOf: z.string(),
    currency: z.literal('USD'),
    target: Usd,
    inKindCountsTowardTarget: z.boolean(),
    towardTarget: Usd,
    ...FiguresView.shape,
    byFundingOption: z.record(z.string(), FiguresView),
    byDonorType: z.record(z.string(), FiguresView),
    byFocus: z.record(z.string(), FiguresView),
    unconverted: z.array(z.uuid()).describe('pledges whose currency has no rate on or before asOf'),
    byStatus: z.record(z.enum(PLEDGE_STATUSES), z.int()).describe('the pipeline: pledges of the biennium per status'),
  })
  .openapi('FundingSummary');

/** The API's view: every amount a USD decimal string. */
export function summaryView(s: FundingSummaryMinor) {
  return {
    biennium: s.biennium,
    asOf: s.asOf,
    currency: 'USD' as const,
    target: usd(s.targetUsdMinor),
    inKindCountsTowardTarget: s.inKindCountsTowardTarget,
    towardTarget: usd(s.towardTargetMinor),
    ...figures(s.totalsMinor),
    byFundingOption: group(s.byFundingOption),
    byDonorType: group(s.byDonorType),
    byFocus: group(s.byFocus),
    unconverted: s.unconverted,
    byStatus: s.byStatus,
  };
}

/** The same figures as CSV: one row per dimension and key, the totals first. */
/** The CSV answer (Accept: text/csv) as the document describes it: summaryCsv's header and rows. */
export const FundingSummaryCsv = z.string().meta({
  description:
    'RFC 4180 CSV, CRLF line ends, one header line `biennium,dimension,key,target,pledged,received,outstanding,overdue,in_kind`, ' +
    'then the total (dimension `total`, key `all`, with the target) and one row per funding_option, donor_type and focus; ' +
    'amounts are USD decimal strings',
  example:
    'biennium,dimension,key,target,pledged,received,outstanding,overdue,in_kind\r\n' +
    '2021-2023,total,all,1000000.00,250000.00,100000.00,150000.00,0.00,0.00\r\n',
});

export function summaryCsv(s: FundingSummaryMinor): string {
  const head = 'biennium,dimension,key,target,pledged,received,outstanding,overdue,in_kind';
  const row = (dim: string, key: string, f: Figures, target = '') =>
    [
      s.biennium,
      dim,
      key,
      target,
      usd(f.pledged),
      usd(f.received),
      usd(f.outstanding),
      usd(f.overdue),
      usd(f.inKind),
    ].join(',');
  const lines = [head, row('total', 'all', s.totalsMinor, usd(s.targetUsdMinor))];
  for (const [dim, g] of [
    ['funding_option', s.byFundingOption],
    ['donor_type', s.byDonorType],
    ['focus', s.byFocus],
  ] as const) {
    for (const [k, f] of Object.entries(g)) lines.push(row(dim, k, f));
  }
  return lines.join('\r\n') + '\r\n';
}
