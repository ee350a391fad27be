// Exchange rates to USD kept by the secretariat: the API body and the CSV import format. Pure; the
// arithmetic of rates (conversion, nearest earlier rate) is in money.ts.
import { z } from 'zod';
import { Currency, RateString, rateProblem } from './money.js';
import { CalendarDate } from './schemas.js';

export const FxRateBody = z
  .object({
    currency: Currency.refine((c) => c !== 'USD', { error: 'USD is the base currency (rate 1)' }),
    date: CalendarDate,
    rateToUsd: RateString,
  })
  .strict()
  .superRefine((b, ctx) => {
    const problem = rateProblem(b.rateToUsd, b.currency);
    if (problem) ctx.addIssue({ code: 'custom', path: ['rateToUsd'], message: problem });
  });
export type FxRateRow = z.output<typeof FxRateBody>;

/** At most this many rates per CSV import. */
export const MAX_RATES_PER_IMPORT = 10_000;

/** `currency,date,rateToUsd` with a header line; every line is checked before anything is written. */
export function parseRatesCsv(text: string): { rows: FxRateRow[]; errors: { path: string; message: string }[] } {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const header = (lines.shift() ?? '').toLowerCase().replace(/[\s_"]/g, '');
  if (header !== 'currency,date,ratetousd') {
    return {
      rows: [],
      errors: [{ path: 'body.line1', message: 'the first line must be the header currency,date,rateToUsd' }],
    };
  }
  const rows: FxRateRow[] = [];
  const errors: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  lines.forEach((line, i) => {
    if (!line) return;
    const [currency, date, rateToUsd, ...extra] = line.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
    const r = FxRateBody.safeParse({ currency, date, rateToUsd });
    const at = `body.line${i + 2}`;
    if (extra.length) errors.push({ path: at, message: 'expected 3 columns' });
    else if (!r.success)
      for (const issue of r.error.issues)
        errors.push({ path: `${at}.${issue.path.join('.')}`, message: issue.message });
    else if (seen.has(`${r.data.currency}:${r.data.date}`))
      errors.push({ path: at, message: `${r.data.currency} ${r.data.date} is listed twice` });
    else {
      seen.add(`${r.data.currency}:${r.data.date}`);
      rows.push(r.data);
    }
  });
  if (rows.length === 0 && errors.length === 0) errors.push({ path: 'body', message: 'no rates in the file' });
  if (rows.length > MAX_RATES_PER_IMPORT)
    errors.push({ path: 'body', message: `at most ${MAX_RATES_PER_IMPORT} rates per import` });
  return { rows, errors };
}
