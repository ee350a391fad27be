// Partnerships for African cities: the secretariat records and edits them, links capacity-building
// pledges and records the outcome; the supporting city's representative files the progress reports
// and adds activities to its own partnerships; the African city's representative reads its own.
// Any other city finds no such partnership (404); a donor or another role is refused (403).
import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { Router } from 'express';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  City,
  Country,
  Donor,
  Partnership,
  PartnershipActivity,
  PartnershipReport,
  Pledge,
  type IPartnership,
} from '../../db/entities/index.js';
import {
  completePartnership,
  deletePartnership,
  fileReport,
  insertPartnership,
  supportRows,
} from '../../db/queries/partnership.js';
import { principalKey, type Principal } from '../../domain/auth.js';
import {
  ActivityBody,
  CONTRIBUTION_FUNDING_OPTION,
  ContributionBody,
  CreatePartnershipBody,
  OutcomeBody,
  PARTNERSHIP_KINDS,
  PARTNERSHIP_LIMITS,
  PARTNERSHIP_OUTCOMES,
  PARTNERSHIP_STATUSES,
  PatchPartnershipBody,
  ReportBody,
  africaSupport,
  firstReportAfter,
  isAfrican,
  nextReportSeq,
  partnershipWorkflowId,
  reportDueMs,
  reportInSpan,
} from '../../domain/partnership.js';
import { formatAmount } from '../../domain/money.js';
import type { PartnershipInput } from '../../domain/partnership.contract.js';
import { partnershipWorkflow, recordOutcomeUpdate, reportFiledSignal } from '../../workflows/partnership.js';
import type { AppDeps } from '../deps.js';
import { conflict, forbidden, notFound, unprocessable } from '../errors.js';
import { QueryInt } from '../pagination.js';
import { defineRoute, reply } from '../route.js';
import { startOrUndo } from '../workflow-start.js';

const IdParams = z.object({ id: z.uuid() });
const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

const CityRef = z.object({ id: z.uuid(), name: z.string(), country: z.string() });
const AfricanCityRef = CityRef.extend({
  status: z.string(),
  yearJoined: z.int().nullable(),
  region: z.string(),
  ldc: z.boolean(),
});
const ReportView = z
  .object({
    id: z.uuid(),
    seq: z.int(),
    dueAt: z.string(),
    summary: z.string(),
    nextSteps: z.string().nullable(),
    submittedAt: z.string(),
    late: z.boolean().describe('filed after its due date'),
  })
  .openapi('PartnershipReport');
const ActivityView = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string().nullable(),
    startsAt: z.string(),
    endsAt: z.string().nullable(),
    timezone: z.string(),
    location: z.string().nullable(),
  })
  .openapi('PartnershipActivity');
const ContributionView = z
  .object({
    pledgeId: z.uuid(),
    donorId: z.uuid(),
    donorName: z.string(),
    status: z.string(),
    fundingOption: z.string(),
    currency: z.string().nullable(),
    amountMinor: z.int().nullable().describe('integer minor units of currency'),
    amount: z.string().nullable().describe('the same as a decimal string in units of currency'),
  })
  .openapi('PartnershipContribution');

const SummaryView = z.object({
  id: z.uuid(),
  workflowId: z.string(),
  title: z.string(),
  kind: z.enum(PARTNERSHIP_KINDS),
  status: z.enum(PARTNERSHIP_STATUSES),
  outcome: z.enum(PARTNERSHIP_OUTCOMES).nullable(),
  outcomeNote: z.string().nullable(),
  completedAt: z.string().nullable(),
  supportingCity: CityRef,
  africanCity: AfricanCityRef,
  donor: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  goals: z.array(z.string()),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  reportEvery: z.string(),
  nextReport: z
    .object({
      seq: z.int(),
      dueAt: z.string(),
      opensAt: z.string().describe('from when it may be filed (the previous report was due then)'),
      open: z.boolean().describe('whether it may be filed now'),
    })
    .nullable()
    .describe('the next report to file and when it is due; null once completed or with none left'),
  mine: z.enum(['supporting', 'supported']).nullable().describe("a city's side of the partnership"),
  createdAt: z.string(),
});
const SummaryDoc = SummaryView.openapi('PartnershipSummary');
const PartnershipView = SummaryView.extend({
  reports: z.array(ReportView),
  activities: z.array(ActivityView),
  contributions: z.array(ContributionView),
}).openapi('Partnership');

const ListQuery = z.object({
  status: z.enum(PARTNERSHIP_STATUSES).optional(),
  kind: z.enum(PARTNERSHIP_KINDS).optional(),
  city: z.uuid().optional().describe('partnerships of this city (either side)'),
  limit: QueryInt(1, 100).optional(),
});

const CountView = z.object({ active: z.int(), completed: z.int() });
const SupportView = z
  .object({
    totals: CountView.extend({ cities: z.int() }),
    byRegion: z.array(CountView.extend({ region: z.string() })),
    byCountry: z.array(CountView.extend({ country: z.string(), name: z.string(), region: z.string() })),
    joinedAfterSupport: z.array(
      z.object({
        cityId: z.uuid(),
        name: z.string(),
        country: z.string(),
        supportSince: z.string(),
        yearJoined: z.int(),
      }),
    ),
  })
  .openapi('AfricaSupport');

async function cityRefs(em: EntityManager, ids: string[]) {
  const cities = await em.find(City, { id: { $in: [...new Set(ids)] } });
  const countries = await em.find(Country, { code: { $in: [...new Set(cities.map((c) => c.country))] } });
  return { cities: new Map(cities.map((c) => [c.id, c])), countries: new Map(countries.map((c) => [c.code, c])) };
}

/** The side `principal` (a city) takes in the partnership, if any. */
const sideOf = (p: IPartnership, principal: Principal): 'supporting' | 'supported' | null =>
  principal.role !== 'city' || !principal.cityId
    ? null
    : p.supportingCity === principal.cityId
      ? 'supporting'
      : p.africanCity === principal.cityId
        ? 'supported'
        : null;

async function summaries(em: EntityManager, rows: IPartnership[], principal: Principal) {
  if (!rows.length) return [];
  const refs = await cityRefs(
    em,
    rows.flatMap((p) => [p.supportingCity, p.africanCity]),
  );
  const donorIds = rows.map((p) => p.donor).filter((d): d is string => !!d);
  const donors = new Map(
    (donorIds.length ? await em.find(Donor, { id: { $in: donorIds } }) : []).map((d) => [d.id, d]),
  );
  const last = new Map(
    (
      await em.execute<{ partnership_id: string; seq: number }[]>(
        `select partnership_id, max(seq) as seq from partnership_report where partnership_id = any(?::uuid[]) group by partnership_id`,
        [`{${rows.map((p) => p.id).join(',')}}`],
      )
    ).map((r) => [r.partnership_id, r.seq]),
  );
  return rows.map((p) => {
    const s = refs.cities.get(p.supportingCity)!;
    const a = refs.cities.get(p.africanCity)!;
    const k = refs.countries.get(a.country);
    const d = p.donor ? donors.get(p.donor) : undefined;
    const seq = Math.max(last.get(p.id) ?? 0, p.firstReport - 1) + 1;
    const open = p.status === 'active' && reportInSpan(p.startsOn, p.endsOn ?? null, p.reportEvery, seq);
    return {
      id: p.id,
      workflowId: p.workflowId,
      title: p.title,
      kind: p.kind,
      status: p.status,
      outcome: p.outcome ?? null,
      outcomeNote: p.outcomeNote ?? null,
      completedAt: iso(p.completedAt),
      supportingCity: { id: s.id, name: s.name, country: s.country },
      africanCity: {
        id: a.id,
        name: a.name,
        country: a.country,
        status: a.status,
        yearJoined: a.yearJoined ?? null,
        region: k?.region ?? '',
        ldc: k?.ldc ?? false,
      },
      donor: d ? { id: d.id, name: d.name } : null,
      goals: p.goals,
      startsOn: p.startsOn,
      endsOn: p.endsOn ?? null,
      reportEvery: p.reportEvery,
      nextReport: open
        ? {
            seq,
            dueAt: iso(new Date(reportDueMs(p.startsOn, p.reportEvery, seq)))!,
            opensAt: iso(
              seq === p.firstReport ? p.createdAt : new Date(reportDueMs(p.startsOn, p.reportEvery, seq - 1)),
            )!,
            open: nextReportSeq(p, last.get(p.id) ?? null, Date.now()) === seq,
          }
        : null,
      mine: sideOf(p, principal),
      createdAt: iso(p.createdAt)!,
    };
  });
}

async function detail(em: EntityManager, p: IPartnership, principal: Principal) {
  const [summary] = await summaries(em, [p], principal);
  const reports = await em.find(PartnershipReport, { partnership: p.id }, { orderBy: { seq: 'asc' } });
  const activities = await em.find(
    PartnershipActivity,
    { partnership: p.id },
    { orderBy: { startsAt: 'asc', id: 'asc' } },
  );
  const contributions = await em.execute<
    {
      pledge_id: string;
      donor_id: string;
      donor_name: string;
      status: string;
      funding_option: string;
      currency: string | null;
      amount_minor: string | null;
    }[]
  >(
    `select k.id as pledge_id, d.id as donor_id, d.name as donor_name, k.status, k.funding_option, k.currency, k.amount_minor
       from partnership_contribution c join pledge k on k.id = c.pledge_id join donor d on d.id = k.donor_id
      where c.partnership_id = ? order by c.created_at, k.id`,
    [p.id],
  );
  return {
    ...summary!,
    reports: reports.map((r) => ({
      id: r.id,
      seq: r.seq,
      dueAt: iso(r.dueAt)!,
      summary: r.summary,
      nextSteps: r.nextSteps ?? null,
      submittedAt: iso(r.submittedAt)!,
      late: r.submittedAt.getTime() > r.dueAt.getTime(),
    })),
    activities: activities.map((a) => ({
      id: a.id,
      title: a.title,
      description: a.description ?? null,
      startsAt: iso(a.startsAt)!,
      endsAt: iso(a.endsAt),
      timezone: a.timezone,
      location: a.location ?? null,
    })),
    contributions: contributions.map((c) => ({
      pledgeId: c.pledge_id,
      donorId: c.donor_id,
      donorName: c.donor_name,
      status: c.status,
      fundingOption: c.funding_option,
      currency: c.currency,
      amountMinor: c.amount_minor === null ? null : Number(c.amount_minor),
      amount: c.amount_minor === null || !c.currency ? null : formatAmount(Number(c.amount_minor), c.currency),
    })),
  };
}

/**
 * The partnership `id` as `principal` may use it, or the route's refusal: staff read every one, a
 * city its own (either side) and any other city finds none (404); `write` lets only the supporting
 * city's representative through (the African city may read, not write: 403); `active` refuses a
 * completed partnership (409). Checked in that order, so a stranger learns nothing of its status.
 */
async function partnershipFor(
  em: EntityManager,
  id: string,
  principal: Principal,
  need: { write?: boolean; active?: boolean } = {},
): Promise<IPartnership> {
  const p = await em.findOne(Partnership, id);
  if (!p || (principal.role === 'city' && !sideOf(p, principal))) throw notFound('partnership');
  if (need.write && principal.role !== 'secretariat' && sideOf(p, principal) !== 'supporting')
    throw forbidden("only the supporting city's representative may do this");
  if (need.active && p.status !== 'active') throw conflict('the partnership is completed');
  return p;
}

export function partnershipRoutes(deps: AppDeps): Router {
  const router = Router();
  const handle = (p: IPartnership) => deps.temporal.workflow.getHandle(p.workflowId);

  defineRoute(router, deps, {
    method: 'post',
    path: '/partnerships',
    summary: 'Record a partnership of a member city with an African city (a new one is recorded as a candidate)',
    tags: ['partnerships'],
    roles: ['secretariat'],
    body: CreatePartnershipBody,
    responses: {
      202: { description: 'started; follow Location', schema: PartnershipView },
      409: { description: 'the new city is already in the registry' },
      422: { description: 'unknown cities or donor, a city that is not African, a supporting city not a member' },
    },
    handler: async ({ body, em, principal }) => {
      const problems: { path: string; message: string }[] = [];
      const supporting = await em.findOne(City, body.supportingCityId);
      if (!supporting) problems.push({ path: 'body.supportingCityId', message: 'no such city' });
      else if (supporting.status !== 'member')
        problems.push({ path: 'body.supportingCityId', message: 'must be a member city' });
      let africanCountry: string | undefined;
      if (body.africanCityId) {
        const a = await em.findOne(City, body.africanCityId);
        if (!a) problems.push({ path: 'body.africanCityId', message: 'no such city' });
        else if (a.id === body.supportingCityId)
          problems.push({ path: 'body.africanCityId', message: 'must differ from the supporting city' });
        else if (a.status !== 'member' && a.status !== 'candidate')
          problems.push({ path: 'body.africanCityId', message: 'must be a member or a candidate city' });
        else africanCountry = a.country;
      } else africanCountry = body.newAfricanCity!.country;
      const countryPath = body.africanCityId ? 'body.africanCityId' : 'body.newAfricanCity.country';
      if (africanCountry) {
        const k = await em.findOne(Country, africanCountry);
        if (!k) problems.push({ path: countryPath, message: 'no such country' });
        else if (!isAfrican(k)) problems.push({ path: countryPath, message: 'must be a city in Africa' });
      }
      if (body.donorId && !(await em.findOne(Donor, body.donorId)))
        problems.push({ path: 'body.donorId', message: 'no such donor' });
      if (problems.length) throw unprocessable('the partnership cannot be recorded', problems);
      const newCity = body.newAfricanCity
        ? { id: randomUUID(), name: body.newAfricanCity.name, country: body.newAfricanCity.country }
        : undefined;
      if (newCity && (await em.findOne(City, { name: newCity.name, country: newCity.country })))
        throw conflict('this city is already in the registry: give its africanCityId', {
          errors: [{ path: 'body.newAfricanCity.name', message: 'already in the registry' }],
        });
      const partnershipId = randomUUID();
      const endsOn = body.endsOn ?? null;
      const firstReport = firstReportAfter(body.startsOn, body.reportEvery, Date.now());
      const input: PartnershipInput = {
        partnershipId,
        title: body.title,
        supportingCityId: body.supportingCityId,
        africanCityId: body.africanCityId ?? newCity!.id,
        startsOn: body.startsOn,
        endsOn,
        reportEvery: body.reportEvery,
        next: firstReport,
        filed: firstReport - 1,
      };
      await insertPartnership(
        em.fork() as EntityManager,
        {
          ...input,
          kind: body.kind,
          donorId: body.donorId ?? null,
          goals: body.goals,
          firstReport,
        },
        newCity,
      );
      await startOrUndo(
        () =>
          deps.temporal.workflow.start(partnershipWorkflow, {
            workflowId: partnershipWorkflowId(partnershipId),
            taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
            args: [input],
          }),
        () => deletePartnership(em.fork() as EntityManager, partnershipId, newCity?.id),
      );
      const fresh = em.fork() as EntityManager;
      const p = await fresh.findOneOrFail(Partnership, partnershipId);
      return reply(202, await detail(fresh, p, principal), { Location: `/partnerships/${partnershipId}` });
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/partnerships',
    summary: 'Partnerships, newest first (a city: its own, on either side)',
    tags: ['partnerships'],
    roles: ['secretariat', 'viewer', 'city'],
    query: ListQuery,
    responses: { 200: { description: 'the partnerships', schema: z.object({ items: z.array(SummaryDoc) }) } },
    handler: async ({ query, em, principal }) => {
      const where: Record<string, unknown> = {};
      if (query.status) where.status = query.status;
      if (query.kind) where.kind = query.kind;
      const city = principal.role === 'city' ? principal.cityId : query.city;
      if (principal.role === 'city' && query.city && query.city !== principal.cityId)
        throw forbidden('a city sees its own partnerships only');
      if (city) where.$or = [{ supportingCity: city }, { africanCity: city }];
      const rows = await em.find(Partnership, where, {
        orderBy: { createdAt: 'desc', id: 'asc' },
        limit: query.limit ?? 50,
      });
      return { items: await summaries(em, rows, principal) };
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/partnerships/africa-support',
    summary: 'Support to African cities: partnerships by region and country, and the cities that joined after support',
    tags: ['partnerships'],
    roles: ['secretariat', 'viewer'],
    responses: { 200: { description: 'the Africa support view', schema: SupportView } },
    handler: async ({ em }) => africaSupport(await supportRows(em)),
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/partnerships/:id',
    summary: 'One partnership with its reports, activities and linked contributions',
    tags: ['partnerships'],
    roles: ['secretariat', 'viewer', 'city'],
    params: IdParams,
    responses: { 200: { description: 'the partnership', schema: PartnershipView }, 404: { description: 'unknown' } },
    handler: async ({ params, em, principal }) => detail(em, await partnershipFor(em, params.id, principal), principal),
  });

  defineRoute(router, deps, {
    method: 'patch',
    path: '/partnerships/:id',
    summary: 'Edit a partnership: title, kind, goals, donor',
    tags: ['partnerships'],
    roles: ['secretariat'],
    params: IdParams,
    body: PatchPartnershipBody,
    responses: {
      200: { description: 'edited', schema: PartnershipView },
      404: { description: 'unknown' },
      409: { description: 'completed' },
      422: { description: 'unknown donor' },
    },
    handler: async ({ params, body, em, principal }) => {
      const p = await partnershipFor(em, params.id, principal, { active: true });
      if (body.donorId && !(await em.findOne(Donor, body.donorId)))
        throw unprocessable('unknown donor', [{ path: 'body.donorId', message: 'no such donor' }]);
      if (body.title !== undefined) p.title = body.title;
      if (body.kind !== undefined) p.kind = body.kind;
      if (body.goals !== undefined) p.goals = body.goals;
      if (body.donorId !== undefined) p.donor = body.donorId;
      await em.flush();
      return detail(em, p, principal);
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/partnerships/:id/reports',
    summary: "File the next progress report (the supporting city's representative)",
    tags: ['partnerships'],
    roles: ['city'],
    params: IdParams,
    body: ReportBody,
    responses: {
      201: { description: 'filed', schema: ReportView },
      403: { description: 'not the supporting city' },
      404: { description: 'unknown' },
      409: { description: 'completed, or the next period has not begun' },
    },
    handler: async ({ params, body, em, principal }) => {
      const p = await partnershipFor(em, params.id, principal, { write: true });
      const out = await fileReport(
        em.fork() as EntityManager,
        p.id,
        (row, last) =>
          nextReportSeq(
            { startsOn: row.starts_on, reportEvery: row.report_every, firstReport: row.first_report },
            last,
            Date.now(),
          ),
        { summary: body.summary, nextSteps: body.nextSteps ?? null, submittedBy: principalKey(principal) },
      );
      if (!out.ok) {
        if (out.why === 'missing') throw notFound('partnership');
        throw conflict(
          out.why === 'completed'
            ? 'the partnership is completed'
            : 'this period’s report is filed; the next may be filed once its period begins',
        );
      }
      // The report is stored; the workflow also reads it from the database before any reminder, so
      // a signal that does not arrive (Temporal unreachable) changes nothing the city sees.
      await handle(p)
        .signal(reportFiledSignal, { seq: out.seq })
        .catch(() => undefined);
      const r = await em.fork().findOneOrFail(PartnershipReport, { partnership: p.id, seq: out.seq });
      return reply(201, {
        id: r.id,
        seq: r.seq,
        dueAt: iso(r.dueAt)!,
        summary: r.summary,
        nextSteps: r.nextSteps ?? null,
        submittedAt: iso(r.submittedAt)!,
        late: r.submittedAt.getTime() > r.dueAt.getTime(),
      });
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/partnerships/:id/activities',
    summary: 'Add a dated activity (it appears in the common schedule)',
    tags: ['partnerships'],
    roles: ['secretariat', 'city'],
    params: IdParams,
    body: ActivityBody,
    responses: {
      201: { description: 'added', schema: ActivityView },
      403: { description: 'not the supporting city' },
      404: { description: 'unknown' },
      409: { description: 'completed' },
    },
    handler: async ({ params, body, em, principal }) => {
      const p = await partnershipFor(em, params.id, principal, { write: true, active: true });
      const a = em.create(PartnershipActivity, {
        partnership: p.id,
        title: body.title,
        description: body.description ?? null,
        startsAt: new Date(body.startsAt),
        endsAt: body.endsAt ? new Date(body.endsAt) : null,
        timezone: body.timezone,
        location: body.location ?? null,
      });
      await em.flush();
      return reply(201, {
        id: a.id,
        title: a.title,
        description: a.description ?? null,
        startsAt: iso(a.startsAt)!,
        endsAt: iso(a.endsAt),
        timezone: a.timezone,
        location: a.location ?? null,
      });
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/partnerships/:id/contributions',
    summary: 'Link a pledge earmarked to capacity building in LDCs to the partnership',
    tags: ['partnerships'],
    roles: ['secretariat'],
    params: IdParams,
    body: ContributionBody,
    responses: {
      200: { description: 'already linked', schema: PartnershipView },
      201: { description: 'linked', schema: PartnershipView },
      404: { description: 'unknown' },
      409: { description: 'completed' },
      422: { description: 'no such pledge, another earmark, or another donor than the partnership’s' },
    },
    handler: async ({ params, body, em, principal }) => {
      const p = await partnershipFor(em, params.id, principal, { active: true });
      const pledge = await em.findOne(Pledge, body.pledgeId);
      const bad = (message: string) =>
        unprocessable('the pledge cannot be linked', [{ path: 'body.pledgeId', message }]);
      if (!pledge) throw bad('no such pledge');
      if (pledge.fundingOption !== CONTRIBUTION_FUNDING_OPTION)
        throw bad(`must be earmarked to ${CONTRIBUTION_FUNDING_OPTION}`);
      if (['declined', 'cancelled', 'written_off'].includes(pledge.status)) throw bad(`the pledge is ${pledge.status}`);
      if (p.donor && pledge.donor !== p.donor) {
        const d = await em.findOne(Donor, pledge.donor);
        if (d?.city !== p.supportingCity) throw bad("must come from the partnership's donor or supporting city");
      }
      const count = await em.count('PartnershipContribution', { partnership: p.id });
      if (count >= PARTNERSHIP_LIMITS.contributions)
        throw bad(`at most ${PARTNERSHIP_LIMITS.contributions} contributions`);
      const rows = await em.execute<{ id: string }[]>(
        `insert into partnership_contribution (id, partnership_id, pledge_id, created_at) values (gen_random_uuid(), ?, ?, now())
         on conflict do nothing returning id`,
        [p.id, pledge.id],
      );
      return reply(rows.length ? 201 : 200, await detail(em.fork() as EntityManager, p, principal));
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/partnerships/:id/outcome',
    summary: 'Record the outcome: the partnership is completed and its report cycle ends',
    tags: ['partnerships'],
    roles: ['secretariat'],
    params: IdParams,
    body: OutcomeBody,
    responses: {
      200: { description: 'completed', schema: PartnershipView },
      404: { description: 'unknown' },
      409: { description: 'already completed' },
    },
    handler: async ({ params, body, em, principal }) => {
      const p = await partnershipFor(em, params.id, principal, { active: true });
      await handle(p)
        .executeUpdate(recordOutcomeUpdate, {
          args: [{ outcome: body.outcome, ...(body.note ? { note: body.note } : {}) }],
        })
        .catch(async (err: unknown) => {
          // A process that failed (the secretariat was told) or was terminated: the outcome is still recorded.
          if (!(err instanceof WorkflowNotFoundError)) throw err;
          await completePartnership(em.fork() as EntityManager, p.id, body.outcome, body.note ?? null);
        });
      const fresh = em.fork() as EntityManager;
      return detail(fresh, await fresh.findOneOrFail(Partnership, p.id), principal);
    },
  });

  return router;
}
