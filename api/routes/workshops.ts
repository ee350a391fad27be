// Workshops of a cluster. A workshop is a workflow (workshopWorkflowId); its row is written here
// before the start so the 202 can show it, and kept current by the workflow.
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { City, WorkPhase, Workshop, WorkshopRsvp, type IWorkshop } from '../../db/entities/index.js';
import { coordinatorsOf } from '../../db/queries/coordinator-term.js';
import { membersOf } from '../../db/queries/membership.js';
import { insertWorkshop, listWorkshops } from '../../db/queries/workshop.js';
import { scheduleProposals } from '../../db/queries/advisory-session-proposal.js';
import { ROLES, type Principal } from '../../domain/auth.js';
import { CalendarDate } from '../../domain/schemas.js';
import {
  CreateWorkshopBody,
  FINAL_WORKSHOP_STATUSES,
  OutcomesBody,
  RSVP_RESPONSES,
  RescheduleBody,
  RsvpBody,
  WORKSHOP_DEFAULTS,
  WORKSHOP_KINDS,
  WORKSHOP_STATUSES,
  WorkshopCancelBody,
  scheduleProblem,
  workshopWorkflowId,
  type ExpertRef,
  type WorkshopKind,
} from '../../domain/workshop.js';
import type { WorkshopInput, WorkshopSchedule, WorkshopSettings } from '../../domain/workshop.contract.js';
import {
  cancelWorkshopUpdate,
  rescheduleUpdate,
  rsvpUpdate,
  submitOutcomesUpdate,
  workshopWorkflow,
} from '../../workflows/workshop.js';
import { actingCityOf, requireCoordinator } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { badRequest, forbidden, unprocessable } from '../errors.js';
import { findOr404, unlessFinished } from '../lookup.js';
import { PageQuery, page, pageOf } from '../pagination.js';
import { defineRoute, reply } from '../route.js';
import { startOrUndo } from '../workflow-start.js';
import { CodeParams, findCluster } from './clusters.js';

const IdParams = z.object({ id: z.uuid() });

const WorkshopView = z
  .object({
    id: z.uuid(),
    workflowId: z.string(),
    cluster: z.string(),
    workPhaseId: z.uuid().nullable(),
    kind: z.enum(WORKSHOP_KINDS),
    status: z.enum(WORKSHOP_STATUSES),
    title: z.string(),
    startsAt: z.string().nullable(),
    endsAt: z.string().nullable(),
    timezone: z.string().nullable(),
    venue: z.string().nullable(),
    onlineUrl: z.string().nullable(),
    rsvpBy: z.string().nullable(),
    outcomesDueAt: z.string().nullable(),
    experts: z.array(
      z.object({
        name: z.string(),
        email: z.string().optional(),
        organisation: z.string().optional(),
        expertise: z.array(z.string()),
      }),
    ),
    invited: z.int().describe('number of invited cities'),
    rsvpCounts: z.object({ yes: z.int(), no: z.int(), maybe: z.int(), pending: z.int() }),
    rsvps: z
      .array(
        z.object({
          cityId: z.uuid(),
          response: z.enum(RSVP_RESPONSES),
          attendees: z.array(z.string()),
          respondedAt: z.string(),
        }),
      )
      .optional()
      .describe('the secretariat sees every answer, an invited city its own'),
    unanswered: z
      .array(z.uuid())
      .optional()
      .describe("invited cities that have not answered yet: for the secretariat and the cluster's coordinators"),
    invitations: z
      .array(
        z.object({
          cityId: z.uuid(),
          cityName: z.string(),
          response: z.enum(RSVP_RESPONSES).nullable().describe('null: not answered yet'),
          attendees: z.array(z.string()),
          respondedAt: z.string().nullable(),
        }),
      )
      .describe('the secretariat only: every invited city, by name, with its answer or none yet'),
    settings: z.record(z.string(), z.unknown()),
    outcomes: z.record(z.string(), z.unknown()).nullable(),
    attendance: z.array(z.object({ cityId: z.uuid(), attendees: z.array(z.string()) })).nullable(),
    cancelReason: z.string().nullable(),
  })
  .openapi('Workshop');

/**
 * A workshop as a row of the list: its schedule and RSVP counts. Experts (their addresses) and
 * each city's answer stay on the detail route, which shows them only to those it should; what is
 * here the detail route shows to every role, so the list has the same audience.
 */
const WorkshopListItem = WorkshopView.pick({
  id: true,
  cluster: true,
  workPhaseId: true,
  kind: true,
  status: true,
  title: true,
  startsAt: true,
  endsAt: true,
  timezone: true,
  venue: true,
  onlineUrl: true,
  rsvpBy: true,
  invited: true,
  rsvpCounts: true,
}).openapi('WorkshopListItem');

const WorkshopListQuery = PageQuery.extend({
  cluster: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, { error: 'must be a cluster code such as ESD' })
    .transform((s) => s.toUpperCase())
    .optional(),
  status: z.enum(WORKSHOP_STATUSES).optional(),
  from: CalendarDate.optional().describe('starting on or after this day (UTC)'),
  to: CalendarDate.optional().describe('starting on or before this day (UTC)'),
}).refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], error: 'must not be before from' });

export const isoOrNull = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

async function view(em: EntityManager, w: IWorkshop, viewer: Principal) {
  const rsvps = await em.find(WorkshopRsvp, { workshop: w.id }, { orderBy: { respondedAt: 'asc' } });
  const count = (r: string) => rsvps.filter((x) => x.response === r).length;
  // Experts' addresses and other cities' answers are for the secretariat and the invited cities.
  const insider =
    viewer.role === 'secretariat' || (viewer.role === 'city' && !!viewer.cityId && w.invited.includes(viewer.cityId));
  const visible =
    viewer.role === 'secretariat' ? rsvps : rsvps.filter((r) => viewer.role === 'city' && r.city === viewer.cityId);
  // Coordinators chase the cities that have not answered; who answered what stays the secretariat's.
  const chases =
    viewer.role === 'secretariat' ||
    (viewer.role === 'city' && !!viewer.cityId && (await coordinatorsOf(em, w.cluster)).includes(viewer.cityId));
  const answered = new Set(rsvps.map((r) => r.city));
  const invitations = viewer.role === 'secretariat' ? await invitationsOf(em, w, rsvps) : undefined;
  return {
    id: w.id,
    workflowId: w.workflowId,
    cluster: w.cluster,
    workPhaseId: w.workPhase ?? null,
    kind: w.kind,
    status: w.status,
    title: w.title,
    startsAt: isoOrNull(w.startsAt),
    endsAt: isoOrNull(w.endsAt),
    timezone: w.timezone ?? null,
    venue: w.venue ?? null,
    onlineUrl: w.onlineUrl ?? null,
    rsvpBy: isoOrNull(w.rsvpBy),
    outcomesDueAt: isoOrNull(w.outcomesDueAt),
    experts: w.experts.map((e) => ({
      name: e.name,
      ...(insider ? { email: e.email } : {}),
      ...(e.organisation ? { organisation: e.organisation } : {}),
      expertise: e.expertise,
    })),
    invited: w.invited.length,
    rsvpCounts: { yes: count('yes'), no: count('no'), maybe: count('maybe'), pending: w.invited.length - rsvps.length },
    ...(viewer.role === 'secretariat' || viewer.role === 'city'
      ? {
          rsvps: visible.map((r) => ({
            cityId: r.city,
            response: r.response,
            attendees: r.attendees,
            respondedAt: isoOrNull(r.respondedAt)!,
          })),
        }
      : {}),
    ...(chases ? { unanswered: w.invited.filter((c) => !answered.has(c)) } : {}),
    ...(invitations ? { invitations } : {}),
    settings: w.settings as unknown as Record<string, unknown>,
    outcomes: (w.outcomes as unknown as Record<string, unknown>) ?? null,
    attendance: w.attendance ?? null,
    cancelReason: w.cancelReason ?? null,
  };
}

/** Who was invited (the snapshot taken at scheduling), by name, with the answer each gave, if any. */
interface Answer {
  city: string;
  response: (typeof RSVP_RESPONSES)[number];
  attendees: string[];
  respondedAt: Date | string;
}
async function invitationsOf(em: EntityManager, w: IWorkshop, rsvps: readonly Answer[]) {
  const cities = w.invited.length ? await em.find(City, { id: { $in: w.invited } }, { fields: ['id', 'name'] }) : [];
  const names = new Map(cities.map((c) => [c.id, c.name]));
  const answers = new Map(rsvps.map((r) => [r.city, r]));
  return w.invited
    .map((cityId) => {
      const r = answers.get(cityId);
      return {
        cityId,
        cityName: names.get(cityId) ?? cityId,
        response: r?.response ?? null,
        attendees: r?.attendees ?? [],
        respondedAt: isoOrNull(r?.respondedAt),
      };
    })
    .sort((a, b) => a.cityName.localeCompare(b.cityName));
}

const findWorkshop = (em: EntityManager, id: string): Promise<IWorkshop> => findOr404(em, Workshop, id, 'workshop');

async function unfinishedWorkshop(em: EntityManager, id: string): Promise<IWorkshop> {
  const w = await findWorkshop(em, id);
  return unlessFinished(w, w.status, FINAL_WORKSHOP_STATUSES, 'workshop');
}

export function checkSchedule(s: WorkshopSchedule, prefix = 'body'): void {
  const p = scheduleProblem(s, Date.now());
  if (p) throw unprocessable('invalid schedule', [{ path: p.path.replace('body', prefix), message: p.message }]);
}

export function settingsOf(body: {
  reminders?: { rsvp: string[] } | undefined;
  outcomesDue?: string | undefined;
}): WorkshopSettings {
  return {
    rsvpReminders: body.reminders?.rsvp ?? [...WORKSHOP_DEFAULTS.rsvpReminders],
    outcomesDue: body.outcomesDue ?? WORKSHOP_DEFAULTS.outcomesDue,
    outcomesReminderLead: WORKSHOP_DEFAULTS.outcomesReminderLead,
  };
}

export const scheduleOf = (b: WorkshopSchedule): WorkshopSchedule => ({
  startsAt: new Date(b.startsAt).toISOString(),
  endsAt: new Date(b.endsAt).toISOString(),
  timezone: b.timezone,
  rsvpBy: new Date(b.rsvpBy).toISOString(),
  ...(b.venue ? { venue: b.venue } : {}),
  ...(b.onlineUrl ? { onlineUrl: b.onlineUrl } : {}),
});

export interface NewWorkshop {
  cluster: string;
  workPhaseId: string | null;
  kind: WorkshopKind;
  title: string;
  schedule?: WorkshopSchedule;
  experts: ExpertRef[];
  settings: WorkshopSettings;
}

/**
 * Snapshots who is invited and who coordinates, writes the row, starts the workflow; undoes the row
 * if the start fails.
 */
export async function startWorkshop(deps: AppDeps, em: EntityManager, args: NewWorkshop): Promise<string> {
  const workshopId = randomUUID();
  const coordinators = await coordinatorsOf(em, args.cluster);
  const invited = args.kind === 'advisory_session' ? coordinators : await membersOf(em, args.cluster);
  const { schedule, ...rest } = args;
  const input: WorkshopInput = { workshopId, ...rest, ...(schedule ? { schedule } : {}), invited, coordinators };
  await insertWorkshop(deps.orm.em.fork(), input);
  await startOrUndo(
    () =>
      deps.temporal.workflow.start(workshopWorkflow, {
        workflowId: workshopWorkflowId(workshopId),
        taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
        args: [input],
      }),
    () => em.fork().nativeDelete(Workshop, { id: workshopId }),
  );
  // The cluster's proposed advisory session (db/entities/advisory-session-proposal.ts) is now this workshop.
  if (args.kind === 'advisory_session') await scheduleProposals(em.fork(), args.cluster, workshopId);
  return workshopId;
}

export function workshopRoutes(deps: AppDeps): Router {
  const router = Router();
  const handle = (w: IWorkshop) => deps.temporal.workflow.getHandle(w.workflowId);

  defineRoute(router, deps, {
    method: 'post',
    path: '/clusters/:code/workshops',
    summary: 'Schedule a workshop; invitations go out at once',
    tags: ['cluster work'],
    roles: ['secretariat', 'city'],
    params: CodeParams,
    body: CreateWorkshopBody,
    responses: {
      202: { description: 'started; follow Location', schema: WorkshopView },
      403: { description: 'not a coordinator of the cluster (advisory sessions: secretariat only)' },
      422: { description: 'retired cluster or a bad schedule' },
    },
    handler: async ({ params, body, em, principal }) => {
      const cluster = await findCluster(em, params.code);
      await requireCoordinator(em, principal, cluster.code);
      if (body.kind === 'advisory_session' && principal.role !== 'secretariat')
        throw forbidden('advisory sessions are held by the secretariat');
      if (cluster.status !== 'active') throw unprocessable(`cluster ${cluster.code} is retired`);
      checkSchedule(body);
      const phase = await em.findOne(WorkPhase, { cluster: cluster.code }, { orderBy: { biennium: 'desc' } });
      const id = await startWorkshop(deps, em, {
        cluster: cluster.code,
        workPhaseId: phase?.id ?? null,
        kind: body.kind,
        title: body.title,
        schedule: scheduleOf(body),
        experts: body.experts,
        settings: settingsOf(body),
      });
      return reply(202, await view(em.fork(), await findWorkshop(em.fork(), id), principal), {
        Location: `/workshops/${id}`,
      });
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/workshops',
    summary: 'Workshops across clusters in calendar order (unscheduled last), with RSVP counts',
    tags: ['cluster work'],
    roles: ROLES,
    query: WorkshopListQuery,
    responses: { 200: { description: 'workshops', schema: pageOf(WorkshopListItem) } },
    handler: async ({ query, em }) => {
      const { rows, total } = await listWorkshops(em, query);
      const items = rows.map((w) => ({
        id: w.id,
        cluster: w.cluster_code,
        workPhaseId: w.work_phase_id,
        kind: w.kind as WorkshopKind,
        status: w.status as z.infer<typeof WorkshopListItem>['status'],
        title: w.title,
        startsAt: isoOrNull(w.starts_at),
        endsAt: isoOrNull(w.ends_at),
        timezone: w.timezone,
        venue: w.venue,
        onlineUrl: w.online_url,
        rsvpBy: isoOrNull(w.rsvp_by),
        invited: w.invited,
        rsvpCounts: { yes: w.yes, no: w.no, maybe: w.maybe, pending: w.invited - w.answered },
      }));
      return page(items, total, query);
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/workshops/:id',
    summary: 'One workshop: schedule, RSVPs, outcomes, attendance',
    tags: ['cluster work'],
    roles: ROLES,
    params: IdParams,
    responses: { 200: { description: 'the workshop', schema: WorkshopView }, 404: { description: 'unknown' } },
    handler: async ({ params, em, principal }) => view(em, await findWorkshop(em, params.id), principal),
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/workshops/:id/rsvp',
    summary: 'Answer the invitation for the calling city (yes, no or maybe, with attendee names)',
    tags: ['cluster work'],
    roles: ['city', 'secretariat'],
    params: IdParams,
    body: RsvpBody,
    responses: {
      200: { description: 'recorded', schema: WorkshopView },
      403: { description: 'the city is not invited' },
      409: { description: 'RSVPs are closed' },
    },
    handler: async ({ params, body, em, principal }) => {
      const cityId = actingCityOf(principal, body.cityId);
      if (!cityId) throw badRequest('invalid body', [{ path: 'body.cityId', message: 'required for the secretariat' }]);
      const w = await unfinishedWorkshop(em, params.id);
      if (!w.invited.includes(cityId)) throw forbidden(`city ${cityId} is not invited to this workshop`);
      await handle(w).executeUpdate(rsvpUpdate, {
        args: [{ cityId, response: body.response, attendees: body.attendees }],
      });
      return view(em.fork(), await findWorkshop(em.fork(), w.id), principal);
    },
  });

  const coordinatorAction = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    send: (w: IWorkshop, b: z.output<B>, by: string | null) => Promise<unknown>,
  ) =>
    defineRoute(router, deps, {
      method: 'post',
      path,
      summary,
      tags: ['cluster work'],
      roles: ['secretariat', 'city'],
      params: IdParams,
      body,
      responses: {
        200: { description: 'done', schema: WorkshopView },
        403: { description: 'not a coordinator of the cluster' },
        409: { description: 'not possible in this status' },
        422: { description: 'invalid' },
      },
      handler: async ({ params, body: b, em, principal }) => {
        const w = await findWorkshop(em, params.id);
        await requireCoordinator(em, principal, w.cluster);
        await unfinishedWorkshop(em, w.id);
        await send(w, b, principal.role === 'city' ? principal.cityId : null);
        return view(em.fork(), await findWorkshop(em.fork(), w.id), principal);
      },
    });
  coordinatorAction(
    '/workshops/:id/reschedule',
    'Move the workshop (every reminder and deadline is re-armed; everyone is told)',
    RescheduleBody,
    (w, b) => {
      checkSchedule(b);
      return handle(w).executeUpdate(rescheduleUpdate, { args: [scheduleOf(b)] });
    },
  );
  coordinatorAction('/workshops/:id/cancel', 'Cancel the workshop, with a reason', WorkshopCancelBody, (w, b) =>
    handle(w).executeUpdate(cancelWorkshopUpdate, { args: [b] }),
  );
  coordinatorAction(
    '/workshops/:id/outcomes',
    'Submit outcomes after the workshop; published to the peer-learning database',
    OutcomesBody,
    (w, b, by) => handle(w).executeUpdate(submitOutcomesUpdate, { args: [{ ...b, by }] }),
  );

  return router;
}
