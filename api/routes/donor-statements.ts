// A donor's statement of contributions, as JSON (the printable page reads it) or as a CSV file to
// download. A donor sees its own only: another donor's id does not exist for it (404).
import { Router } from 'express';
import { z } from 'zod';
import { statementRowsOf } from '../../db/queries/donor-statement.js';
import { STATEMENT_FORMATS, statementCsv, statementOf } from '../../domain/donor-statement.js';
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
        await statementRowsOf(em, donor.id),
        new Date(),
      );
      const csv = query.format ? query.format === 'csv' : req.accepts(['application/json', 'text/csv']) === 'text/csv';
      if (!csv) return statement;
      return reply(
        200,
        statementCsv(statement),
        {
          'Content-Disposition': `attachment; filename="statement-${donor.id}-${statement.generatedAt.slice(0, 10)}.csv"`,
          'Cache-Control': 'private, no-store',
        },
        'text/csv; charset=utf-8',
      );
    },
  });
  return router;
}
