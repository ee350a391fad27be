// Cluster coordinators' meetings: status reports on the work plans, reminders and escalation run
// in coordinatorMeetingWorkflow; the status here is aggregated from the stored reports.
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CoordinatorMeeting, MeetingReport, type ICoordinatorMeeting } from '../../db/entities/index.js';
import { allCoordinators } from '../../db/queries/coordinator-term.js';
import { insertCoordinatorMeeting } from '../../db/queries/coordinator-meeting.js';
import { currentPlan } from '../../db/queries/work-plan.js';
import { ROLES, type Principal } from '../../domain/auth.js';
import {
  COORDINATOR_MEETING_DEFAULTS,
  CreateMeetingBody,
  MEETING_STATUSES,
  OUTPUT_STATUSES,
  ReportBody,
  aggregateCluster,
  checkProgress,
  lateReminder,
  meetingInstant,
  coordinatorMeetingWorkflowId,
  type ClusterStatus,
} from '../../domain/coordinator-meeting.js';
import type { MeetingInput } from '../../domain/coordinator-meeting.contract.js';
import { durationMs } from '../../domain/duration.js';
import { coordinatorMeetingWorkflow, submitReportUpdate } from '../../workflows/coordinator-meeting.js';
import { actingCityOf } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { badRequest, conflict, forbidden, unprocessable } from '../errors.js';
import { findOr404 } from '../lookup.js';
import { PageQuery, page, pageOf } from '../pagination.js';
import { CalendarDate, Instant } from '../../domain/schemas.js';
import { defineRoute, reply } from '../route.js';
import { startOrUndo } from '../workflow-start.js';

const IdParams = z.object({ id: z.uuid() });
const Expected = z.object({ cluster: z.string(), cityId: z.uuid() });
const Status = z.enum([...OUTPUT_STATUSES, 'not_reported']);

const MeetingView = z
  .object({
    id: z.uuid(),
    workflowId: z.string(),
    title: z.string(),
    at: z.string(),
    reportLead: z.string(),
    reportDueAt: z.string(),
    status: z.enum(MEETING_STATUSES),
    escalated: z.boolean().describe('the secretariat was told of missing reports at the due date'),
    expected: z.array(Expected),
    missing: z.array(Expected),
    clusters: z.array(
      z.object({
        cluster: z.string(),
        status: Status,
        reported: z.array(z.uuid()),
        missing: z.array(z.uuid()),
        outputs: z.array(
          z.object({
            key: z.string(),
            title: z.string(),
            target: z.object({ value: z.number(), unit: z.string() }),
            value: z.number().nullable(),
            status: Status,
            notes: z.array(z.string()),
          }),
        ),
      }),
    ),
  })
  .openapi('CoordinatorMeeting');

const MeetingSummary = MeetingView.omit({ clusters: true }).openapi('CoordinatorMeetingSummary');

const when = z.union([Instant, CalendarDate]).transform(meetingInstant);
const ListQuery = PageQuery.extend({
  status: z.enum(MEETING_STATUSES).optional(),
  from: when.optional().describe('meetings at or after this date(-time)'),
  to: when.optional().describe('meetings before this date(-time)'),
}).refine((q) => !q.from || !q.to || q.from < q.to, { path: ['to'], error: 'must be after from' });

/** One page of the meetings the caller may read (as requireReader decides for one), latest first. */
async function listMeetings(em: EntityManager, p: Principal, q: z.output<typeof ListQuery>) {
  const filters: [string, unknown][] = [];
  if (q.status) filters.push(['status = ?', q.status]);
  if (q.from) filters.push(['at >= ?', q.from]);
  if (q.to) filters.push(['at < ?', q.to]);
  if (p.role === 'city') filters.push(['expected @> ?::jsonb', JSON.stringify([{ cityId: p.cityId }])]);
  const where = filters.length ? `where ${filters.map(([c]) => c).join(' and ')}` : '';
  const args = filters.map(([, v]) => v);
  const conn = em.getConnection();
  const rows = await conn.execute<{ id: string; total: string }[]>(
    `select id, count(*) over () as total from coordinator_meeting ${where} order by at desc, id asc limit ? offset ?`,
    [...args, q.limit, q.offset],
  );
  // A page past the end has no row to carry the window count.
  const total = rows[0]
    ? Number(rows[0].total)
    : q.offset === 0
      ? 0
      : Number(
          (await conn.execute<{ n: string }[]>(`select count(*) as n from coordinator_meeting ${where}`, args))[0]!.n,
        );
  const ids = rows.map((r) => r.id);
  const meetings = new Map((await em.find(CoordinatorMeeting, { id: { $in: ids } })).map((m) => [m.id, m]));
  const reports = await em.find(MeetingReport, { meeting: { $in: ids } }, { fields: ['meeting', 'cluster', 'city'] });
  const items = ids.map((id) =>
    summary(meetings.get(id)!, new Set(reports.filter((r) => r.meeting === id).map((r) => `${r.cluster}:${r.city}`))),
  );
  return { items, total };
}

function summary(m: ICoordinatorMeeting, reported: ReadonlySet<string>) {
  return {
    id: m.id,
    workflowId: m.workflowId,
    title: m.title,
    at: new Date(m.at).toISOString(),
    reportLead: m.reportLead,
    reportDueAt: new Date(m.reportDueAt).toISOString(),
    status: m.status,
    escalated: m.escalated,
    expected: m.expected,
    missing: m.expected.filter((e) => !reported.has(`${e.cluster}:${e.cityId}`)),
  };
}

const findMeeting = (em: EntityManager, id: string): Promise<ICoordinatorMeeting> =>
  findOr404(em, CoordinatorMeeting, id, 'coordinator meeting');

async function view(em: EntityManager, m: ICoordinatorMeeting) {
  const reports = await em.find(MeetingReport, { meeting: m.id });
  const clusters = [...new Set(m.expected.map((e) => e.cluster))].sort();
  const statuses: ClusterStatus[] = [];
  for (const cluster of clusters) {
    const plan = await currentPlan(em, cluster);
    statuses.push(
      aggregateCluster({
        cluster,
        outputs: plan?.outputs ?? [],
        expected: m.expected.filter((e) => e.cluster === cluster).map((e) => e.cityId),
        reports: reports
          .filter((r) => r.cluster === cluster)
          .map((r) => ({ cityId: r.city, progress: r.progress, submittedAt: new Date(r.submittedAt).toISOString() })),
      }),
    );
  }
  return { ...summary(m, new Set(reports.map((r) => `${r.cluster}:${r.city}`))), clusters: statuses };
}

/** Before the due date, only the secretariat and the coordinators asked may read the reports. */
function requireReader(m: ICoordinatorMeeting, p: Principal): void {
  if (p.role === 'secretariat' || p.role === 'viewer') return;
  if (p.role === 'city' && m.expected.some((e) => e.cityId === p.cityId)) return;
  throw forbidden('only the secretariat and the coordinators asked to report may read this meeting');
}

export function coordinatorMeetingRoutes(deps: AppDeps): Router {
  const router = Router();

  defineRoute(router, deps, {
    method: 'post',
    path: '/coordinator-meetings',
    summary: 'Schedule a coordinators meeting; every current coordinator is asked for a status report',
    tags: ['cluster work'],
    roles: ['secretariat'],
    body: CreateMeetingBody,
    responses: {
      202: { description: 'started; follow Location', schema: MeetingView },
      422: { description: 'the meeting, the report due date or a reminder is not in the future' },
    },
    handler: async ({ body, em }) => {
      const at = meetingInstant(body.date);
      const reportLead = body.reportLead ?? COORDINATOR_MEETING_DEFAULTS.reportLead;
      let lead: number;
      try {
        lead = durationMs(reportLead);
      } catch {
        throw badRequest('invalid body', [
          { path: 'body.reportLead', message: 'must have a fixed length (weeks, days, hours…), not years or months' },
        ]);
      }
      const due = Date.parse(at) - lead;
      if (!(Date.parse(at) > Date.now()))
        throw unprocessable('invalid meeting', [{ path: 'body.date', message: 'must be in the future' }]);
      if (!(due > Date.now()))
        throw unprocessable('invalid meeting', [
          { path: 'body.reportLead', message: `reports would be due at ${new Date(due).toISOString()}, which is past` },
        ]);
      const reminders = body.reminders?.report ?? [...COORDINATOR_MEETING_DEFAULTS.reportReminders];
      // Only explicit leads are refused: the defaults simply skip what has passed (see leadTimes).
      const late = body.reminders ? lateReminder(reminders, due, Date.now()) : null;
      if (late) {
        const i = reminders.indexOf(late);
        throw unprocessable('invalid meeting', [
          {
            path: `body.reminders.report.${i}`,
            message: `${late} before the due date ${new Date(due).toISOString()} is not after now: the reminder could never be sent`,
          },
        ]);
      }
      const meetingId = randomUUID();
      const input: MeetingInput = {
        meetingId,
        title: body.title ?? `Cluster coordinators meeting ${at.slice(0, 10)}`,
        at,
        reportLead,
        reportDueAt: new Date(due).toISOString(),
        expected: await allCoordinators(em),
        reminders,
      };
      await insertCoordinatorMeeting(deps.orm.em.fork(), input);
      await startOrUndo(
        () =>
          deps.temporal.workflow.start(coordinatorMeetingWorkflow, {
            workflowId: coordinatorMeetingWorkflowId(meetingId),
            taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
            args: [input],
          }),
        () => em.fork().nativeDelete(CoordinatorMeeting, { id: meetingId }),
      );
      return reply(202, await view(em.fork(), await findMeeting(em.fork(), meetingId)), {
        Location: `/coordinator-meetings/${meetingId}`,
      });
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/coordinator-meetings',
    summary: 'Meetings the caller may read (a city: those it is asked to report at), latest first',
    tags: ['cluster work'],
    roles: ['secretariat', 'viewer', 'city'],
    query: ListQuery,
    responses: {
      200: {
        description: 'meetings, without the per-cluster aggregation (see GET /coordinator-meetings/:id)',
        schema: pageOf(MeetingSummary),
      },
      403: { description: 'donor tokens read no meeting' },
    },
    handler: async ({ query, em, principal }) => {
      const { items, total } = await listMeetings(em, principal, query);
      return page(items, total, query);
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/coordinator-meetings/:id',
    summary: 'Status: aggregated per cluster, and the missing reports',
    tags: ['cluster work'],
    roles: ROLES,
    params: IdParams,
    responses: { 200: { description: 'the meeting', schema: MeetingView }, 404: { description: 'unknown' } },
    handler: async ({ params, em, principal }) => {
      const m = await findMeeting(em, params.id);
      requireReader(m, principal);
      return view(em, m);
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/coordinator-meetings/:id/reports',
    summary: "A coordinator city's status report on its cluster's work plan (a resubmission replaces it)",
    tags: ['cluster work'],
    roles: ['city', 'secretariat'],
    params: IdParams,
    body: ReportBody,
    responses: {
      200: { description: 'recorded', schema: MeetingView },
      403: { description: 'not a coordinator asked to report for that cluster' },
      409: { description: 'the meeting took place or was cancelled' },
      422: { description: 'outputs not in the work plan' },
    },
    handler: async ({ params, body, em, principal }) => {
      const cityId = actingCityOf(principal, body.cityId);
      if (!cityId) throw badRequest('invalid body', [{ path: 'body.cityId', message: 'required for the secretariat' }]);
      const m = await findMeeting(em, params.id);
      if (!m.expected.some((e) => e.cluster === body.cluster && e.cityId === cityId))
        throw forbidden(`city ${cityId} is not asked to report for ${body.cluster} at this meeting`);
      if (m.status !== 'collecting') throw conflict(`the meeting is ${m.status}`);
      const plan = await currentPlan(em, body.cluster);
      if (!plan) throw unprocessable(`${body.cluster} has no work plan to report on`);
      const problem = checkProgress(body.progress, plan.outputs);
      if (problem) throw unprocessable(problem, [{ path: 'body.progress', message: problem }]);
      const progress = body.progress.map((p) => ({
        key: p.key,
        value: p.value,
        status: p.status,
        ...(p.note ? { note: p.note } : {}),
      }));
      await deps.temporal.workflow
        .getHandle(m.workflowId)
        .executeUpdate(submitReportUpdate, { args: [{ cluster: body.cluster, cityId, progress }] });
      return view(em.fork(), await findMeeting(em.fork(), m.id));
    },
  });

  return router;
}
