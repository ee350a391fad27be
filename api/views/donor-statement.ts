// How a donor's statement looks through the API (the rules are in domain/donor-statement.ts).
import { z } from 'zod';
import { STATEMENT_ROW_KINDS } from '../../domain/donor-statement.js';
import { FUNDING_OPTIONS, SUB_OPTIONS } from '../../domain/pledge.js';

const Row = z.object({
  date: z.string(),
  pledgeId: z.uuid(),
  fundingOption: z.enum(FUNDING_OPTIONS),
  subOption: z.enum(SUB_OPTIONS).nullable(),
  kind: z.enum(STATEMENT_ROW_KINDS),
  reference: z.string().nullable(),
  currency: z.string(),
  amountMinor: z.int().describe('integer minor units of `currency`'),
  amount: z.string().describe('the same as a decimal string'),
  fxRateToUsd: z.string().nullable().describe('the rate recorded with the receipt (in kind: of its date)'),
  usdMinor: z.int().nullable().describe('integer US cents at fxRateToUsd; null when no rate is known'),
  usd: z.string().nullable(),
});

export const StatementView = z
  .object({
    donor: z.object({ id: z.uuid(), name: z.string() }),
    generatedAt: z.string(),
    rows: z.array(Row),
    totals: z.object({
      usdMinor: z.string().describe('integer US cents as a string (exact beyond 2^53)'),
      usd: z.string(),
      byCurrency: z.array(z.object({ currency: z.string(), amountMinor: z.string(), amount: z.string() })),
      rowsWithoutRate: z.int().describe('rows with no known rate: in byCurrency, not in the USD total'),
    }),
  })
  .openapi('DonorStatement');
