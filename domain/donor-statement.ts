// A donor's statement of contributions: what it gave (receipts, and in-kind support once its
// valuation is approved), each in the original currency and in USD at the rate recorded with it.
// Pure: the API reads the rows, these rules total them and write the CSV.
import { exponentOf, formatAmount, normalizeRate } from './money.js';
import type { FundingOption, SubOption } from './pledge.js';

export const STATEMENT_FORMATS = ['json', 'csv'] as const;
export const STATEMENT_ROW_KINDS = ['receipt', 'in_kind'] as const;

export interface StatementRow {
  /** The day the money arrived, or the in-kind pledge's day of record. */
  date: string;
  pledgeId: string;
  fundingOption: FundingOption;
  subOption: SubOption | null;
  kind: (typeof STATEMENT_ROW_KINDS)[number];
  /** The receipt number, when the secretariat recorded one. */
  reference: string | null;
  currency: string;
  amountMinor: number;
  /** The rate the engine recorded (receipt) or found (in kind) for the row; null when none is known. */
  fxRateToUsd: string | null;
  usdMinor: number | null;
}

export interface StatementView {
  donor: { id: string; name: string };
  generatedAt: string;
  rows: (Omit<StatementRow, 'fxRateToUsd'> & { amount: string; fxRateToUsd: string | null; usd: string | null })[];
  totals: {
    /** Integer US cents as a string: exact beyond 2^53. */
    usdMinor: string;
    usd: string;
    byCurrency: { currency: string; amountMinor: string; amount: string }[];
    /** Rows with no known rate count in byCurrency but not in the USD total. */
    rowsWithoutRate: number;
  };
}

/** bigint minor units → the currency's decimal string (formatAmount takes numbers; this loses nothing). */
function formatBig(minor: bigint, currency: string): string {
  if (minor <= BigInt(Number.MAX_SAFE_INTEGER)) return formatAmount(Number(minor), currency);
  const exp = exponentOf(currency);
  const s = minor.toString().padStart(exp + 1, '0');
  return exp ? `${s.slice(0, -exp)}.${s.slice(-exp)}` : s;
}

/** Oldest first, then by pledge and reference, so two statements of the same data are identical. */
export function sortRows(rows: readonly StatementRow[]): StatementRow[] {
  const key = (r: StatementRow) => `${r.date}\u0000${r.pledgeId}\u0000${r.kind}\u0000${r.reference ?? ''}`;
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export function statementOf(
  donor: { id: string; name: string },
  rows: readonly StatementRow[],
  generatedAt: Date,
): StatementView {
  const sorted = sortRows(rows);
  let usd = 0n;
  const byCurrency = new Map<string, bigint>();
  let rowsWithoutRate = 0;
  for (const r of sorted) {
    byCurrency.set(r.currency, (byCurrency.get(r.currency) ?? 0n) + BigInt(r.amountMinor));
    if (r.usdMinor === null) rowsWithoutRate++;
    else usd += BigInt(r.usdMinor);
  }
  return {
    donor,
    generatedAt: generatedAt.toISOString(),
    rows: sorted.map((r) => ({
      ...r,
      amount: formatAmount(r.amountMinor, r.currency),
      fxRateToUsd: r.fxRateToUsd === null ? null : normalizeRate(r.fxRateToUsd),
      usd: r.usdMinor === null ? null : formatAmount(r.usdMinor, 'USD'),
    })),
    totals: {
      usdMinor: usd.toString(),
      usd: formatBig(usd, 'USD'),
      byCurrency: [...byCurrency.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([currency, minor]) => ({ currency, amountMinor: minor.toString(), amount: formatBig(minor, currency) })),
      rowsWithoutRate,
    },
  };
}

export const CSV_COLUMNS = [
  'date',
  'pledge_id',
  'funding_option',
  'sub_option',
  'kind',
  'reference',
  'currency',
  'amount_minor',
  'amount',
  'fx_rate_to_usd',
  'usd_minor',
  'usd',
] as const;

/**
 * RFC 4180 field: quoted when it holds a comma, quote or line break. A text that a spreadsheet
 * would run as a formula (= + - @, tab, CR first) gets a leading apostrophe: a receipt number is
 * typed by a person, and the file is opened by another.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The statement's rows as CSV (header first, CRLF line ends, as RFC 4180 says). */
export function statementCsv(s: StatementView): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of s.rows) {
    lines.push(
      [
        r.date,
        r.pledgeId,
        r.fundingOption,
        r.subOption,
        r.kind,
        r.reference,
        r.currency,
        r.amountMinor,
        r.amount,
        r.fxRateToUsd,
        r.usdMinor,
        r.usd,
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
