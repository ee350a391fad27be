// Biennial progress reports: the secretariat opens a biennium's cycle (every member city asked),
// follows the response rate, who is missing and who is flagged (two consecutive cycles missed);
// each city writes its own report, editable until the due date. Another city's report is refused.
import { Router } from 'express';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ProgressReportCycle, type IProgressReportCycle } from '../../db/entities/index.js';
import {
  cycleCounts,
  deleteCycle,
  flaggedCities,
  insertCycle,
  listReports,
  storeReport,
  type ReportRow,
} from '../../db/queries/progress-report.js';
import type { Principal } from '../../domain/auth.js';
import { BienniumString } from '../../domain/biennium.js';
import {
  CYCLE_STATUSES,
  FOCUS_AREAS,
  OpenCycleBody,
  PROGRESS_REPORT_DEFAULTS,
  REPORT_STATUSES,
  ReportBody,
  cycleWindowProblem,
  editable,
  progressReportCycleWorkflowId,
  responseRatePercent,
} from '../../domain/progress-report.js';
import { progressReportCycleWorkflow } from '../../workflows/progress-report.js';
import { requireCity } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { badRequest, conflict, forbidden, notFound } from '../errors.js';
import { defineRoute, reply } from '../route.js';
import { startOrUndo } from '../workflow-start.js';

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);
const BienniumParams = z.object({ biennium: BienniumString });
const ReportParams = z.object({ biennium: BienniumString, cityId: z.uuid() });
const Limit = z
  .string()
  .regex(/^\d{1,3}$/)
  .transform(Number)
  .pipe(z.int().min(1).max(500));
const Offset = z
  .string()
  .regex(/^\d{1,6}$/)
  .transform(Number);

const FlaggedView = z
  .object({ cityId: z.uuid(), name: z.string(), missedInARow: z.int(), lastMissed: z.string() })
  .openapi('FlaggedCity');

const CycleView = z
  .object({
    biennium: z.string(),
    workflowId: z.string(),
    status: z.enum(CYCLE_STATUSES),
    opensAt: z.string(),
    dueAt: z.string(),
    reminders: z.array(z.string()),
    closedAt: z.string().nullable(),
    editable: z.boolean().describe('whether reports may be written now'),
    requested: z.int().nullable().describe('secretariat and viewers only'),
    submitted: z.int().nullable(),
    missed: z.int().nullable(),
    responseRatePercent: z.int().nullable().describe('submitted of requested, whole percent rounded down'),
    flagged: z.array(FlaggedView).nullable().describe('cities that missed this cycle and the one before'),
    ownStatus: z.enum(REPORT_STATUSES).nullable().describe('a city: its own report’s status'),
  })
  .openapi('ProgressReportCycle');

const ReportView = z
  .object({
    biennium: z.string(),
    cityId: z.uuid(),
    cityName: z.string(),
    status: z.enum(REPORT_STATUSES),
    strategies: z.string().nullable(),
    activities: z.string().nullable(),
    learnersReached: z.int().nullable(),
    partnerships: z.int().nullable(),
    focusAreas: z.array(z.enum(FOCUS_AREAS)),
    submittedAt: z.string().nullable(),
    updatedAt: z.string().nullable(),
    reminders: z.int(),
    editable: z.boolean(),
  })
  .openapi('ProgressReport');

const insider = (p: Principal) => p.role === 'secretariat' || p.role === 'viewer';

async function ownStatus(em: EntityManager, biennium: string, cityId: string) {
  const [r] = await em.execute<{ status: (typeof REPORT_STATUSES)[number] }[]>(
    `select status from progress_report where cycle_biennium = ? and city_id = ?`,
    [biennium, cityId],
  );
  return r?.status ?? null;
}

const windowOf = (c: IProgressReportCycle) => ({
  status: c.status,
  opensAt: c.opensAt.getTime(),
  dueAt: c.dueAt.getTime(),
});

async function cycleView(em: EntityManager, c: IProgressReportCycle, p: Principal) {
  const inside = insider(p);
  const counts = inside ? await cycleCounts(em, c.biennium) : null;
  return {
    biennium: c.biennium,
    workflowId: c.workflowId,
    status: c.status,
    opensAt: iso(c.opensAt)!,
    dueAt: iso(c.dueAt)!,
    reminders: c.reminders,
    closedAt: iso(c.closedAt),
    editable: editable(windowOf(c), Date.now()),
    requested: counts?.requested ?? null,
    submitted: counts?.submitted ?? null,
    missed: counts?.missed ?? null,
    responseRatePercent: counts ? responseRatePercent(counts.submitted, counts.requested) : null,
    flagged: inside ? await flaggedCities(em, c.biennium) : null,
    ownStatus: p.role === 'city' && p.cityId ? await ownStatus(em, c.biennium, p.cityId) : null,
  };
}

const reportView = (c: IProgressReportCycle, r: ReportRow) => ({
  biennium: c.biennium,
  cityId: r.city_id,
  cityName: r.city_name,
  status: r.status,
  strategies: r.strategies,
  activities: r.activities,
  learnersReached: r.learners_reached,
  partnerships: r.partnerships,
  focusAreas: r.focus_areas as (typeof FOCUS_AREAS)[number][],
  submittedAt: iso(r.submitted_at),
  updatedAt: iso(r.updated_at),
  reminders: r.reminders,
  editable: r.status !== 'missed' && editable(windowOf(c), Date.now()),
});

/** The cycle, if the viewer may see it: a city only a cycle that asks it (others are 404 to it). */
async function visibleCycle(em: EntityManager, biennium: string, p: Principal): Promise<IProgressReportCycle> {
  const c = await em.findOne(ProgressReportCycle, biennium);
  if (!c) throw notFound('progress-report cycle');
  if (p.role === 'city' && !(p.cityId && (await ownStatus(em, biennium, p.cityId))))
    throw notFound('progress-report cycle');
  return c;
}

/** Object rule: the secretariat and viewers read any report; a city only its own. */
function mayRead(p: Principal, cityId: string) {
  if (insider(p)) return;
  if (p.role !== 'city' || p.cityId !== cityId) throw forbidden('a city reads and writes its own progress report only');
}

export function progressReportRoutes(deps: AppDeps): Router {
  const router = Router();

  defineRoute(router, deps, {
    method: 'post',
    path: '/progress-reports/cycles',
    summary: 'Open the biennium’s progress-report cycle: every member city is asked for its report by the due date',
    tags: ['progress reports'],
    roles: ['secretariat'],
    body: OpenCycleBody,
    responses: {
      202: { description: 'started; follow Location', schema: CycleView },
      409: { description: 'the biennium already has a cycle' },
    },
    handler: async ({ body, em, principal }) => {
      const now = Date.now();
      const opensAt = body.opensAt ? Date.parse(body.opensAt) : now;
      const dueAt = Date.parse(body.dueAt);
      const p = cycleWindowProblem({ opensAt, dueAt }, now);
      if (p) throw badRequest('invalid body', [p]);
      const input = {
        biennium: body.biennium,
        opensAt,
        dueAt,
        reminders: body.reminders ?? [...PROGRESS_REPORT_DEFAULTS.reminders],
      };
      const asked = await insertCycle(em.fork() as EntityManager, input);
      if (asked === null) throw conflict(`the biennium ${body.biennium} already has a progress-report cycle`);
      await startOrUndo(
        () =>
          deps.temporal.workflow.start(progressReportCycleWorkflow, {
            workflowId: progressReportCycleWorkflowId(body.biennium),
            taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
            args: [input],
          }),
        () => deleteCycle(em.fork() as EntityManager, body.biennium),
      );
      const c = await em.fork().findOneOrFail(ProgressReportCycle, body.biennium);
      return reply(202, await cycleView(em.fork() as EntityManager, c, principal), {
        Location: `/progress-reports/cycles/${body.biennium}`,
      });
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/progress-reports/cycles',
    summary: 'Progress-report cycles, latest biennium first, with response rates (a city: the cycles that ask it)',
    tags: ['progress reports'],
    roles: ['secretariat', 'viewer', 'city'],
    responses: { 200: { description: 'the cycles', schema: z.object({ items: z.array(CycleView) }) } },
    handler: async ({ em, principal }) => {
      const where: Record<string, unknown> = {};
      if (principal.role === 'city') {
        const rows = await em.execute<{ b: string }[]>(
          `select cycle_biennium as b from progress_report where city_id = ?`,
          [principal.cityId],
        );
        where.biennium = { $in: rows.map((r) => r.b) };
      }
      const cycles = await em.find(ProgressReportCycle, where, { orderBy: { biennium: 'desc' }, limit: 50 });
      const items = [];
      for (const c of cycles) items.push(await cycleView(em, c, principal));
      return { items };
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/progress-reports/cycles/:biennium',
    summary: 'One cycle: its window, response rate and the cities it flagged',
    tags: ['progress reports'],
    roles: ['secretariat', 'viewer', 'city'],
    params: BienniumParams,
    responses: { 200: { description: 'the cycle', schema: CycleView }, 404: { description: 'unknown' } },
    handler: async ({ params, em, principal }) =>
      cycleView(em, await visibleCycle(em, params.biennium, principal), principal),
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/progress-reports/cycles/:biennium/reports',
    summary: 'The cycle’s reports by city name; status=requested lists who is missing',
    tags: ['progress reports'],
    roles: ['secretariat', 'viewer'],
    params: BienniumParams,
    query: z.object({
      status: z.enum(REPORT_STATUSES).optional(),
      limit: Limit.optional(),
      offset: Offset.optional(),
    }),
    responses: {
      200: { description: 'the reports', schema: z.object({ items: z.array(ReportView) }) },
      404: { description: 'unknown' },
    },
    handler: async ({ params, query, em, principal }) => {
      const c = await visibleCycle(em, params.biennium, principal);
      const rows = await listReports(em, c.biennium, {
        ...(query.status ? { status: query.status } : {}),
        limit: query.limit ?? 100,
        offset: query.offset ?? 0,
      });
      return { items: rows.map((r) => reportView(c, r)) };
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/progress-reports/flagged',
    summary: 'Cities that missed two consecutive progress-report cycles',
    tags: ['progress reports'],
    roles: ['secretariat', 'viewer'],
    responses: { 200: { description: 'the flagged cities', schema: z.object({ items: z.array(FlaggedView) }) } },
    handler: async ({ em }) => ({ items: await flaggedCities(em) }),
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/progress-reports/cycles/:biennium/reports/:cityId',
    summary: 'One city’s report (a city: its own only)',
    tags: ['progress reports'],
    roles: ['secretariat', 'viewer', 'city'],
    params: ReportParams,
    responses: {
      200: { description: 'the report', schema: ReportView },
      403: { description: 'another city’s report' },
      404: { description: 'unknown, or the city is not asked' },
    },
    handler: async ({ params, em, principal }) => {
      mayRead(principal, params.cityId);
      const c = await visibleCycle(em, params.biennium, principal);
      const [r] = await listReports(em, c.biennium, { cityId: params.cityId, limit: 1, offset: 0 });
      if (!r) throw notFound('progress report');
      return reportView(c, r);
    },
  });

  defineRoute(router, deps, {
    method: 'put',
    path: '/progress-reports/cycles/:biennium/reports/:cityId',
    summary: 'Write the city’s own report (replacing an earlier one until the due date)',
    tags: ['progress reports'],
    roles: ['city'],
    params: ReportParams,
    body: ReportBody,
    responses: {
      200: { description: 'the report, replaced', schema: ReportView },
      201: { description: 'the report, handed in', schema: ReportView },
      403: { description: 'another city’s report' },
      404: { description: 'unknown, or the city is not asked' },
      409: { description: 'the cycle is not open (due date passed, or not opened yet)' },
    },
    handler: async ({ params, body, em, principal }) => {
      requireCity(principal, params.cityId);
      const out = await storeReport(em.fork() as EntityManager, params.biennium, params.cityId, body);
      if (!out.ok) {
        if (out.why === 'missing' || out.why === 'not_asked') throw notFound('progress report');
        throw conflict(out.why === 'not_yet_open' ? 'the cycle is not open yet' : 'the report is past its due date');
      }
      const f = em.fork() as EntityManager;
      const c = await f.findOneOrFail(ProgressReportCycle, params.biennium);
      const [r] = await listReports(f, c.biennium, { cityId: params.cityId, limit: 1, offset: 0 });
      return reply(out.created ? 201 : 200, reportView(c, r!));
    },
  });

  return router;
}
