// A donor's statement of contributions, as JSON (the printable page reads it) or as a CSV file to
// download. A donor sees its own only: another donor's id does not exist for it (404).
import { Router } from 'express';
import { z } from 'zod';
import { sendYearlyStatement, statementRowsOf } from '../../db/queries/donor-statement.js';
import { STATEMENT_FORMATS, statementCsv, statementOf, type StatementRow } from '../../domain/donor-statement.js';
import { conflict } from '../errors.js';
import type { AppDeps } from '../deps.js';
import { defineRoute, reply } from '../route.js';
import { StatementView } from '../views/donor-statement.js';
import { findDonorFor } from './donors.js';

export function donorStatementRoutes(deps: AppDeps): Router {
  const router = Router();
  defineRoute(router, deps, {
    method: 'get',
    path: '/donors/:id/statement',
    summary: "A donor's contributions: receipts and approved in-kind valuations, in the original currency and USD",
    tags: ['funding'],
    roles: ['secretariat', 'viewer', 'donor'],
    params: z.object({ id: z.uuid() }),
    query: z.object({
      year: Year.optional().describe('only the rows of that calendar year (UTC)'),
      format: z
        .enum(STATEMENT_FORMATS)
        .optional()
        .describe(
          'csv: a text/csv attachment with the same rows (minor units, currency, rate, USD); unset, the Accept header chooses (JSON by default)',
        ),
    }),
    responses: {
      200: { description: 'the statement (format=csv: the rows as text/csv)', schema: StatementView },
      404: { description: 'unknown, or not yours' },
    },
    handler: async ({ params, query, em, principal, req }) => {
      const donor = await findDonorFor(em, principal, params.id);
      const statement = statementOf(
        { id: donor.id, name: donor.name },
        inYear(await statementRowsOf(em, donor.id), query.year),
        new Date(),
      );
      const csv = query.format ? query.format === 'csv' : req.accepts(['application/json', 'text/csv']) === 'text/csv';
      if (!csv) return statement;
      return reply(
        200,
        statementCsv(statement),
        {
          'Content-Disposition': `attachment; filename="statement-${donor.id}-${query.year ?? statement.generatedAt.slice(0, 10)}.csv"`,
          'Cache-Control': 'private, no-store',
        },
        'text/csv; charset=utf-8',
      );
    },
  });
  defineRoute(router, deps, {
    method: 'post',
    path: '/donors/:id/statement/notices',
    summary: "Send the donor's contact the yearly notice of its statement (once per year; in the contact's language)",
    tags: ['funding'],
    roles: ['secretariat'],
    params: z.object({ id: z.uuid() }),
    body: z.object({ year: z.int().min(2012).max(2100) }).strict(),
    responses: {
      201: { description: 'sent', schema: NoticeView },
      200: { description: 'sent already for that year: nothing sent twice', schema: NoticeView },
      404: { description: 'unknown donor' },
      409: { description: 'the year is not over' },
    },
    handler: async ({ params, body, em, principal }) => {
      const donor = await findDonorFor(em, principal, params.id);
      if (body.year >= new Date().getUTCFullYear()) throw conflict(`${body.year} is not over yet`);
      const s = statementOf(
        { id: donor.id, name: donor.name },
        inYear(await statementRowsOf(em, donor.id), body.year),
        new Date(),
      );
      const totals = { usdMinor: Number(s.totals.usdMinor), count: s.rows.length };
      const sent = await sendYearlyStatement(em, donor.id, body.year, totals);
      return reply(sent ? 201 : 200, { year: body.year, sent, rows: totals.count, usd: s.totals.usd });
    },
  });
  return router;
}

const Year = z
  .string()
  .regex(/^\d{4}$/, { error: 'must be a year YYYY' })
  .transform(Number)
  .pipe(z.int().min(2012).max(2100));
const NoticeView = z
  .object({ year: z.int(), sent: z.boolean(), rows: z.int(), usd: z.string() })
  .openapi('StatementNotice');
const inYear = (rows: StatementRow[], year: number | undefined) =>
  year === undefined ? rows : rows.filter((r) => r.date.startsWith(`${year}-`));
