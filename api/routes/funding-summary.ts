// The funding summary of a biennium: target, pledged, received, outstanding and overdue in USD.
import { Router } from 'express';
import { z } from 'zod';
import { fundingSummary } from '../../db/queries/funding-summary.js';
import { BienniumString } from '../../domain/biennium.js';
import { CalendarDate } from '../../domain/schemas.js';
import type { AppDeps } from '../deps.js';
import { defineRoute, reply } from '../route.js';
import { FundingSummaryCsv, FundingSummaryView, summaryCsv, summaryView } from '../views/funding-summary.js';

export function fundingSummaryRoutes(deps: AppDeps): Router {
  const router = Router();

  defineRoute(router, deps, {
    method: 'get',
    path: '/funding/summary',
    summary:
      'Target, pledged, received, outstanding and overdue in USD, by funding option, donor type and focus (Accept: text/csv for CSV)',
    tags: ['funding'],
    roles: ['secretariat', 'viewer'],
    query: z.object({ biennium: BienniumString, asOf: CalendarDate.optional().describe('default today') }),
    responses: {
      200: {
        description: 'the summary; amounts are USD decimal strings',
        schema: FundingSummaryView,
        alternatives: { 'text/csv': FundingSummaryCsv },
      },
    },
    handler: async ({ query, em, req }) => {
      const s = await fundingSummary(em, query.biennium, query.asOf ?? new Date().toISOString().slice(0, 10));
      if (req.accepts(['application/json', 'text/csv']) === 'text/csv') {
        return reply(
          200,
          summaryCsv(s),
          { 'Content-Disposition': `attachment; filename="funding-${query.biennium}.csv"` },
          'text/csv',
        );
      }
      return summaryView(s);
    },
  });
  return router;
}
