// Membership calls: the secretariat opens a call and follows its applications, names the jury,
// records its scores and decides; a city applies with no account (public form: a honeypot, a limit
// per client address counted in PostgreSQL, and the e-mailed link that confirms the address); the
// country's National Commission acts from its e-mailed single-purpose link, on that one application
// only. Nothing public can create a member: only the secretariat's decision does.
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  Cluster,
  Country,
  MembershipApplication,
  MembershipCall,
  MembershipJuror,
  type IMembershipApplication,
  type IMembershipCall,
} from '../../db/entities/index.js';
import {
  applicationByEmailToken,
  applicationByNatcomToken,
  countAttempt,
  deleteApplication,
  insertApplication,
  insertCall,
  jurorByToken,
  recordScores,
  reportRows,
  resendNatcomLink,
  sendJurorLinks,
  type JurorGrant,
} from '../../db/queries/membership-call.js';
import {
  APPLICATION_STATUSES,
  ApplicationBody,
  CALL_DEFAULTS,
  CALL_STATUSES,
  CHALLENGES,
  CRITERIA,
  CreateCallBody,
  DecisionBody,
  FINAL_APPLICATION_STATUSES,
  JurorBody,
  JuryScoresBody,
  NatcomDecisionBody,
  ScoresBody,
  TokenBody,
  buildReport,
  callWindowProblem,
  meanScore,
  membershipApplicationWorkflowId,
  membershipCallWorkflowId,
} from '../../domain/membership-call.js';
import { LANGUAGES, normalizeEmail } from '../../domain/auth.js';
import { Text } from '../../domain/schemas.js';
import {
  closeMembershipCallUpdate,
  confirmEmailUpdate,
  juryDecisionUpdate,
  membershipApplicationWorkflow,
  membershipCallWorkflow,
  natcomDecisionUpdate,
  withdrawApplicationUpdate,
} from '../../workflows/membership-call.js';
import type { AppDeps } from '../deps.js';
import { HttpProblem, badRequest, conflict, notFound, unprocessable } from '../errors.js';
import { unlessFinished } from '../lookup.js';
import { defineRoute, reply } from '../route.js';
import { startOrUndo } from '../workflow-start.js';

const IdParams = z.object({ id: z.uuid() });
const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

const JurorView = z.object({ id: z.uuid(), name: z.string(), email: z.string(), language: z.enum(LANGUAGES) });
const CallView = z
  .object({
    id: z.uuid(),
    workflowId: z.string(),
    title: z.string(),
    status: z.enum(CALL_STATUSES),
    opensAt: z.string(),
    closesAt: z.string(),
    perCountryLimit: z.int(),
    natcomWindow: z.string(),
    closedAt: z.string().nullable(),
    applications: z.record(z.string(), z.int()).describe('applications by status'),
    jurors: z.array(JurorView),
  })
  .openapi('MembershipCall');

async function callView(em: EntityManager, c: IMembershipCall) {
  const counts = await em.execute<{ status: string; n: string }[]>(
    `select status, count(*) as n from membership_application where call_id = ? group by status`,
    [c.id],
  );
  const jurors = await em.find(MembershipJuror, { call: c.id }, { orderBy: { name: 'asc', id: 'asc' } });
  return {
    id: c.id,
    workflowId: c.workflowId,
    title: c.title,
    status: c.status,
    opensAt: iso(c.opensAt)!,
    closesAt: iso(c.closesAt)!,
    perCountryLimit: c.perCountryLimit,
    natcomWindow: c.natcomWindow,
    closedAt: iso(c.closedAt),
    applications: Object.fromEntries(counts.map((r) => [r.status, Number(r.n)])),
    jurors: jurors.map((j) => ({ id: j.id, name: j.name, email: j.email, language: j.language })),
  };
}

const Usd = z.object({ currency: z.literal('USD'), minor: z.int() });
const ScoreLine = z.object({ jurorId: z.uuid(), juror: z.string(), criterion: z.enum(CRITERIA), score: z.int() });
const ApplicationView = z
  .object({
    id: z.uuid(),
    callId: z.uuid(),
    workflowId: z.string(),
    status: z.enum(APPLICATION_STATUSES),
    cityName: z.string(),
    country: z.string(),
    contact: z.object({ name: z.string(), email: z.string() }),
    language: z.enum(LANGUAGES),
    cityData: z.object({
      population: z.int(),
      areaKm2: z.int(),
      gdpPerCapitaCity: Usd,
      gdpPerCapitaCountry: Usd,
      schoolingYears: z.object({ female: z.number(), male: z.number() }),
    }),
    motivation: z.string(),
    implementation: z.string(),
    challenges: z.record(z.enum(CHALLENGES), z.int()),
    mayor: z.object({ name: z.string(), confirmed: z.boolean() }),
    emailConfirmedAt: z.string().nullable(),
    natcomDeadline: z.string().nullable(),
    natcomDecision: z.string().nullable(),
    natcomNote: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionNote: z.string().nullable(),
    cityId: z.uuid().nullable(),
    scores: z.array(ScoreLine),
    means: z.record(z.string(), z.string().nullable()).describe('per criterion and `overall`, two decimals'),
    createdAt: z.string(),
  })
  .openapi('MembershipApplication');

async function applicationView(em: EntityManager, a: IMembershipApplication) {
  const scores = await em.execute<{ juror_id: string; juror: string; criterion: string; score: number }[]>(
    `select s.juror_id, j.name as juror, s.criterion, s.score from membership_score s join membership_juror j on j.id = s.juror_id
      where s.application_id = ? order by j.name, s.juror_id, s.criterion`,
    [a.id],
  );
  const means: Record<string, string | null> = Object.fromEntries(
    CRITERIA.map((c) => [c, meanScore(scores.filter((s) => s.criterion === c).map((s) => s.score))]),
  );
  means.overall = meanScore(scores.map((s) => s.score));
  return {
    id: a.id,
    callId: a.call,
    workflowId: a.workflowId,
    status: a.status,
    cityName: a.cityName,
    country: a.country,
    contact: { name: a.contactName, email: a.contactEmail },
    language: a.language,
    cityData: a.cityData,
    motivation: a.motivation,
    implementation: a.implementation,
    challenges: a.challenges,
    mayor: { name: a.mayorName, confirmed: a.mayorConfirmed },
    emailConfirmedAt: iso(a.emailConfirmedAt),
    natcomDeadline: iso(a.natcomDeadline),
    natcomDecision: a.natcomDecision ?? null,
    natcomNote: a.natcomNote ?? null,
    decidedAt: iso(a.decidedAt),
    decisionNote: a.decisionNote ?? null,
    cityId: a.city ?? null,
    scores: scores.map((s) => ({
      jurorId: s.juror_id,
      juror: s.juror,
      criterion: s.criterion as (typeof CRITERIA)[number],
      score: s.score,
    })),
    means,
    createdAt: iso(a.createdAt)!,
  };
}

const CountLine = { applications: z.int(), endorsed: z.int(), admitted: z.int() };
const ReportView = z
  .object({
    callId: z.uuid(),
    status: z.enum(CALL_STATUSES),
    final: z.boolean().describe('true once the call has closed and its report is written'),
    applications: z.int(),
    admitted: z.int(),
    byRegion: z.array(z.object({ region: z.string(), ...CountLine })),
    byCountry: z.array(z.object({ country: z.string(), region: z.string(), ...CountLine })),
    africa: z.object({
      applications: z.int(),
      admitted: z.int(),
      applicationShare: z.string().nullable(),
      admittedShare: z.string().nullable(),
    }),
  })
  .openapi('MembershipCallReport');

const PublicCallView = z
  .object({
    id: z.uuid(),
    title: z.string(),
    opensAt: z.string(),
    closesAt: z.string(),
    open: z.boolean(),
    countries: z.array(z.object({ code: z.string(), name: z.string() })).describe('UNESCO Member States'),
    challenges: z.array(z.enum(CHALLENGES)),
  })
  .openapi('MembershipCallForm');

const NatcomReview = z
  .object({
    applicationId: z.uuid(),
    status: z.enum(APPLICATION_STATUSES),
    cityName: z.string(),
    country: z.string(),
    countryName: z.string(),
    callTitle: z.string(),
    natcomDeadline: z.string().nullable(),
    contactName: z.string(),
    mayorName: z.string(),
    motivation: z.string(),
    implementation: z.string(),
    actionable: z.boolean(),
  })
  .openapi('NatcomReview');

const JuryApplication = z
  .object({
    id: z.uuid(),
    status: z.enum(APPLICATION_STATUSES),
    cityName: z.string(),
    country: z.string(),
    countryName: z.string(),
    contactName: z.string().describe("the applicant's contact, without e-mail"),
    language: z.enum(LANGUAGES),
    cityData: ApplicationView.shape.cityData,
    motivation: z.string(),
    implementation: z.string(),
    challenges: z.record(z.enum(CHALLENGES), z.int()),
    mayor: z.object({ name: z.string(), confirmed: z.boolean() }),
    natcomNote: z.string().nullable(),
    scores: z.record(z.enum(CRITERIA), z.int()).describe("this juror's own scores so far"),
  })
  .openapi('JuryApplication');
const JuryReview = z
  .object({
    callId: z.uuid(),
    callTitle: z.string(),
    jurorName: z.string(),
    expiresAt: z.string(),
    applications: z.array(JuryApplication).describe("the call's applications under jury review"),
  })
  .openapi('JuryReview');

/** The applications a juror's link shows (one, or the call's under jury review), with its own scores. */
async function juryApplications(em: EntityManager, g: JurorGrant, applicationId?: string) {
  const rows = await em.execute<Record<string, unknown>[]>(
    `select a.id, a.status, a.city_name, a.country_code, k.name as country_name, a.contact_name, a.language,
            a.city_data, a.motivation, a.implementation, a.challenges, a.mayor_name, a.mayor_confirmed, a.natcom_note,
            coalesce((select jsonb_object_agg(s.criterion, s.score) from membership_score s
                       where s.application_id = a.id and s.juror_id = ?), '{}'::jsonb) as scores
       from membership_application a join country k on k.code = a.country_code
      where a.call_id = ? and ${applicationId ? 'a.id = ?' : "a.status = 'jury_review'"}
      order by a.created_at, a.id limit 1000`,
    applicationId ? [g.jurorId, g.callId, applicationId] : [g.jurorId, g.callId],
  );
  const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
  return rows.map((r) => ({
    id: r.id as string,
    status: r.status as (typeof APPLICATION_STATUSES)[number],
    cityName: r.city_name as string,
    country: r.country_code as string,
    countryName: r.country_name as string,
    contactName: r.contact_name as string,
    language: r.language as (typeof LANGUAGES)[number],
    cityData: json<IMembershipApplication['cityData']>(r.city_data),
    motivation: r.motivation as string,
    implementation: r.implementation as string,
    challenges: json<IMembershipApplication['challenges']>(r.challenges),
    mayor: { name: r.mayor_name as string, confirmed: r.mayor_confirmed === true },
    natcomNote: (r.natcom_note as string | null) ?? null,
    scores: json<Partial<Record<(typeof CRITERIA)[number], number>>>(r.scores),
  }));
}

const ListQuery = z.object({ status: z.enum(CALL_STATUSES).optional() });
const ApplicationsQuery = z.object({ status: z.enum(APPLICATION_STATUSES).optional() });
const CountryParams = z.object({ code: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code') });
const NatcomContactBody = z.object({ email: z.email().max(254).nullable() }).strict();
const WithdrawBody = z.object({ reason: Text(500) }).strict();

export function membershipCallRoutes(deps: AppDeps): Router {
  const router = Router();
  const handle = (workflowId: string) => deps.temporal.workflow.getHandle(workflowId);
  const findCall = async (em: EntityManager, id: string) => {
    const c = await em.findOne(MembershipCall, id);
    if (!c) throw notFound('membership call');
    return c;
  };
  const findApplication = async (em: EntityManager, id: string) => {
    const a = await em.findOne(MembershipApplication, id);
    if (!a) throw notFound('membership application');
    return a;
  };

  defineRoute(router, deps, {
    method: 'post',
    path: '/membership-calls',
    summary: 'Open a membership call for its window',
    tags: ['membership'],
    roles: ['secretariat'],
    body: CreateCallBody,
    responses: { 202: { description: 'started; follow Location', schema: CallView } },
    handler: async ({ body, em }) => {
      const now = Date.now();
      const opensAt = body.opensAt ? Date.parse(body.opensAt) : now;
      const closesAt = Date.parse(body.closesAt);
      const p = callWindowProblem({ opensAt, closesAt }, now);
      if (p) throw badRequest('invalid body', [p]);
      const callId = randomUUID();
      await insertCall(em.fork() as EntityManager, {
        callId,
        title: body.title,
        opensAt,
        closesAt,
        perCountryLimit: body.perCountryLimit,
        natcomWindow: body.natcomWindow,
      });
      await startOrUndo(
        () =>
          deps.temporal.workflow.start(membershipCallWorkflow, {
            workflowId: membershipCallWorkflowId(callId),
            taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
            args: [{ callId, title: body.title, opensAt, closesAt }],
          }),
        () => em.fork().execute(`delete from membership_call where id = ?`, [callId]),
      );
      const c = await em.fork().findOneOrFail(MembershipCall, callId);
      return reply(202, await callView(em.fork() as EntityManager, c), { Location: `/membership-calls/${callId}` });
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/membership-calls',
    summary: 'Membership calls, newest first',
    tags: ['membership'],
    roles: ['secretariat', 'viewer'],
    query: ListQuery,
    responses: { 200: { description: 'the calls', schema: z.object({ items: z.array(CallView) }) } },
    handler: async ({ query, em }) => {
      const rows = await em.find(MembershipCall, query.status ? { status: query.status } : {}, {
        orderBy: { createdAt: 'desc', id: 'asc' },
        limit: 100,
      });
      return { items: await Promise.all(rows.map((c) => callView(em, c))) };
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/membership-calls/:id',
    summary: 'One membership call: window, limits, applications by status, jury',
    tags: ['membership'],
    roles: ['secretariat', 'viewer'],
    params: IdParams,
    responses: { 200: { description: 'the call', schema: CallView }, 404: { description: 'unknown' } },
    handler: async ({ params, em }) => callView(em, await findCall(em, params.id)),
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/membership-calls/:id/close',
    summary: 'Stop taking applications now (before the window ends)',
    tags: ['membership'],
    roles: ['secretariat'],
    params: IdParams,
    responses: {
      200: { description: 'closed for applications', schema: CallView },
      404: { description: 'unknown' },
      409: { description: 'the call is not open' },
    },
    handler: async ({ params, em }) => {
      const c = await findCall(em, params.id);
      if (c.status !== 'open') throw conflict(`the call is ${c.status}`);
      await handle(c.workflowId).executeUpdate(closeMembershipCallUpdate);
      return callView(em.fork() as EntityManager, await em.fork().findOneOrFail(MembershipCall, c.id));
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/membership-calls/:id/report',
    summary: 'Applications by region and country, admissions and the Africa share (final once closed)',
    tags: ['membership'],
    roles: ['secretariat', 'viewer'],
    params: IdParams,
    responses: { 200: { description: 'the report', schema: ReportView }, 404: { description: 'unknown' } },
    handler: async ({ params, em }) => {
      const c = await findCall(em, params.id);
      const final = c.status === 'closed' && c.report !== null && c.report !== undefined;
      const report = final ? c.report! : buildReport(await reportRows(em, c.id));
      return { callId: c.id, status: c.status, final, ...report };
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/membership-calls/:id/jurors',
    summary: 'Name a member of the jury of this call',
    tags: ['membership'],
    roles: ['secretariat'],
    params: IdParams,
    body: JurorBody,
    responses: {
      201: { description: 'named', schema: JurorView },
      404: { description: 'unknown' },
      409: { description: 'named already' },
    },
    handler: async ({ params, body, em }) => {
      const c = await findCall(em, params.id);
      const email = normalizeEmail(body.email);
      if (await em.findOne(MembershipJuror, { call: c.id, email })) throw conflict(`${email} is on this jury already`);
      const id = randomUUID();
      // Named while applications are with the jury: its link goes out in the same transaction.
      await em.transactional(async (tx) => {
        tx.create(MembershipJuror, { id, call: c.id, name: body.name, email, language: body.language });
        await tx.flush();
        await sendJurorLinks(tx as EntityManager, c.id, id);
      });
      return reply(201, { id, name: body.name, email, language: body.language });
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/membership-calls/:id/applications',
    summary: "The call's applications with their state and the jury's mean scores",
    tags: ['membership'],
    roles: ['secretariat', 'viewer'],
    params: IdParams,
    query: ApplicationsQuery,
    responses: {
      200: { description: 'the applications', schema: z.object({ items: z.array(ApplicationView) }) },
      404: { description: 'unknown' },
    },
    handler: async ({ params, query, em }) => {
      const c = await findCall(em, params.id);
      const rows = await em.find(
        MembershipApplication,
        { call: c.id, ...(query.status ? { status: query.status } : {}) },
        { orderBy: { createdAt: 'asc', id: 'asc' }, limit: 1000 },
      );
      return { items: await Promise.all(rows.map((a) => applicationView(em, a))) };
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/membership-applications/:id',
    summary: 'One application with its scores',
    tags: ['membership'],
    roles: ['secretariat', 'viewer'],
    params: IdParams,
    responses: { 200: { description: 'the application', schema: ApplicationView }, 404: { description: 'unknown' } },
    handler: async ({ params, em }) => applicationView(em, await findApplication(em, params.id)),
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/membership-applications/:id/scores',
    summary: "Record a juror's scores (1–5 per criterion) while the application is with the jury",
    tags: ['membership'],
    roles: ['secretariat'],
    params: IdParams,
    body: ScoresBody,
    responses: {
      200: { description: 'recorded', schema: ApplicationView },
      404: { description: 'unknown' },
      409: { description: 'not with the jury' },
      422: { description: 'not a juror of this call' },
    },
    handler: async ({ params, body, em }) => {
      const a = await findApplication(em, params.id);
      const juror = await em.findOne(MembershipJuror, { id: body.jurorId, call: a.call });
      if (!juror)
        throw unprocessable('not a juror of this call', [{ path: 'body.jurorId', message: 'not on this jury' }]);
      const r = await recordScores(em.fork() as EntityManager, a.id, juror.id, body.scores);
      if (!r.ok) throw conflict(`the application is ${r.status}, not with the jury`);
      return applicationView(em.fork() as EntityManager, await em.fork().findOneOrFail(MembershipApplication, a.id));
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/membership-applications/:id/decision',
    summary: 'Admit the city (a member of the cluster given; its contact is invited) or not',
    tags: ['membership'],
    roles: ['secretariat'],
    params: IdParams,
    body: DecisionBody,
    responses: {
      200: { description: 'decided', schema: ApplicationView },
      404: { description: 'unknown' },
      409: { description: 'not with the jury' },
      422: { description: 'unknown or retired cluster' },
    },
    handler: async ({ params, body, em }) => {
      const a = await findApplication(em, params.id);
      unlessFinished(a, a.status, FINAL_APPLICATION_STATUSES, 'application');
      if (a.status !== 'jury_review') throw conflict(`the application is ${a.status}, not with the jury`);
      if (body.cluster) {
        const k = await em.findOne(Cluster, body.cluster);
        if (k?.status !== 'active')
          throw unprocessable('unknown or retired cluster', [
            { path: 'body.cluster', message: `no active cluster ${body.cluster}` },
          ]);
      }
      await handle(a.workflowId).executeUpdate(juryDecisionUpdate, {
        args: [
          {
            decision: body.decision,
            ...(body.cluster ? { cluster: body.cluster } : {}),
            ...(body.note ? { note: body.note } : {}),
          },
        ],
      });
      return applicationView(em.fork() as EntityManager, await em.fork().findOneOrFail(MembershipApplication, a.id));
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/membership-applications/:id/withdraw',
    summary: 'Withdraw an application (on the applicant’s word), with a reason',
    tags: ['membership'],
    roles: ['secretariat'],
    params: IdParams,
    body: WithdrawBody,
    responses: {
      200: { description: 'withdrawn', schema: ApplicationView },
      404: { description: 'unknown' },
      409: { description: 'ended already' },
    },
    handler: async ({ params, body, em }) => {
      const a = await findApplication(em, params.id);
      unlessFinished(a, a.status, FINAL_APPLICATION_STATUSES, 'application');
      await handle(a.workflowId).executeUpdate(withdrawApplicationUpdate, { args: [{ reason: body.reason }] });
      return applicationView(em.fork() as EntityManager, await em.fork().findOneOrFail(MembershipApplication, a.id));
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/membership-applications/:id/natcom-link',
    summary:
      'Send the National Commission a new link to an application in its review: earlier links stop working, the deadline stays',
    tags: ['membership'],
    roles: ['secretariat'],
    params: IdParams,
    responses: {
      200: { description: 'sent; the application (its deadline unchanged)', schema: ApplicationView },
      404: { description: 'unknown' },
      409: { description: 'not with its National Commission, or no National Commission contact for the country' },
    },
    handler: async ({ params, em }) => {
      const a = await findApplication(em, params.id);
      const r = await resendNatcomLink(em.fork() as EntityManager, a.id);
      if (!r.ok) throw r.why === 'missing' ? notFound('membership application') : conflict(r.message);
      return applicationView(em.fork() as EntityManager, await em.fork().findOneOrFail(MembershipApplication, a.id));
    },
  });

  defineRoute(router, deps, {
    method: 'put',
    path: '/countries/:code/natcom-contact',
    summary: "Set (or clear) the e-mail of the country's National Commission for UNESCO",
    tags: ['membership'],
    roles: ['secretariat'],
    params: CountryParams,
    body: NatcomContactBody,
    responses: {
      200: { description: 'set', schema: z.object({ code: z.string(), natcomEmail: z.string().nullable() }) },
      404: { description: 'unknown country' },
    },
    handler: async ({ params, body, em }) => {
      const c = await em.findOne(Country, params.code);
      if (!c) throw notFound('country');
      c.natcomEmail = body.email ? normalizeEmail(body.email) : null;
      await em.flush();
      return { code: c.code, natcomEmail: c.natcomEmail ?? null };
    },
  });

  // ---------------------------------------------------------------- public

  defineRoute(router, deps, {
    method: 'get',
    path: '/membership-calls/:id/form',
    summary: 'What the public application form needs: the call, whether it is open, the Member States',
    tags: ['membership'],
    roles: 'public',
    params: IdParams,
    responses: { 200: { description: 'the form', schema: PublicCallView }, 404: { description: 'unknown' } },
    handler: async ({ params, em }) => {
      const c = await findCall(em, params.id);
      const countries = await em.find(Country, { unescoMember: true }, { orderBy: { name: 'asc' } });
      const now = Date.now();
      return {
        id: c.id,
        title: c.title,
        opensAt: iso(c.opensAt)!,
        closesAt: iso(c.closesAt)!,
        open: c.status === 'open' && c.opensAt.getTime() <= now && c.closesAt.getTime() > now,
        countries: countries.map((k) => ({ code: k.code, name: k.name })),
        challenges: [...CHALLENGES],
      };
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/membership-calls/:id/applications',
    summary: 'Apply as a city (no account): counts once the contact confirms the e-mailed link',
    tags: ['membership'],
    roles: 'public',
    params: IdParams,
    body: ApplicationBody,
    responses: {
      202: {
        description: 'received; a confirmation link is e-mailed to the contact',
        schema: z.object({ received: z.literal(true) }),
      },
      404: { description: 'unknown call' },
      409: { description: 'the call is not open' },
      422: { description: 'the country is not a UNESCO Member State' },
      429: { description: 'too many applications from this client; retry later' },
    },
    handler: async ({ params, body, em, req, res }) => {
      const call = await findCall(em, params.id);
      if ((await countAttempt(em.fork() as EntityManager, req.ip ?? 'unknown', call.id)) === 'limited') {
        res.setHeader('Retry-After', '900');
        throw new HttpProblem(429, 'Too Many Requests', 'too many applications from this client; retry later');
      }
      // A bot fills the field people never see: the same answer, and nothing is kept.
      if (body.website) return reply(202, { received: true });
      const { website: _ignored, ...form } = body;
      const applicationId = randomUUID();
      const out = await insertApplication(em.fork() as EntityManager, call.id, applicationId, form);
      if (!out.ok) {
        if (out.why === 'missing') throw notFound('membership call');
        if (out.why === 'not_member_state')
          throw unprocessable('not a UNESCO Member State', [
            { path: 'body.country', message: 'must be a UNESCO Member State' },
          ]);
        throw conflict(out.why === 'not_yet_open' ? 'the call is not open yet' : 'the call is closed');
      }
      await startOrUndo(
        () =>
          deps.temporal.workflow.start(membershipApplicationWorkflow, {
            workflowId: membershipApplicationWorkflowId(applicationId),
            taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
            args: [
              {
                applicationId,
                callId: call.id,
                title: call.title,
                cityName: form.cityName,
                country: form.country,
                closesAt: call.closesAt.getTime(),
                natcomWindow: call.natcomWindow,
                natcomReminders: [...CALL_DEFAULTS.natcomReminders],
              },
            ],
          }),
        () => deleteApplication(em.fork() as EntityManager, applicationId),
      );
      return reply(202, { received: true });
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/membership-applications/confirm',
    summary: "Confirm the applicant's e-mail address with the token of the e-mailed link",
    tags: ['membership'],
    roles: 'public',
    body: TokenBody,
    responses: {
      200: {
        description: 'confirmed',
        schema: z.object({ status: z.enum(APPLICATION_STATUSES), cityName: z.string() }),
      },
      400: { description: 'unknown token' },
      409: { description: 'the call has closed' },
    },
    handler: async ({ body, em }) => {
      const a = await applicationByEmailToken(em, body.token);
      if (!a) throw badRequest('this link is not valid', [{ path: 'body.token', message: 'unknown' }]);
      if (a.status === 'expired' || a.status === 'withdrawn') throw conflict(`the application is ${a.status}`);
      const s = await handle(a.workflow_id).executeUpdate(confirmEmailUpdate);
      return { status: s.status, cityName: a.city_name };
    },
  });

  // A bad National Commission link is a bad credential, as a juror's is: 401 (a replaced one too).
  const natcom = async (em: EntityManager, token: string) => {
    const v = await applicationByNatcomToken(em, token);
    if (!v) throw new HttpProblem(401, 'Unauthorized', 'this link is not valid (unknown, or replaced by a newer one)');
    return v;
  };

  defineRoute(router, deps, {
    method: 'post',
    path: '/membership-applications/natcom-review',
    summary: "What a National Commission's link shows: its one application (the token in the body, not the URL)",
    tags: ['membership'],
    roles: 'public',
    body: TokenBody,
    responses: {
      200: { description: 'the application', schema: NatcomReview },
      401: { description: 'unknown token, or a link replaced by a newer one' },
    },
    handler: async ({ body, em }) => {
      const v = await natcom(em, body.token);
      const { workflowId: _w, ...rest } = v;
      const actionable =
        v.status === 'natcom_review' && v.natcomDeadline !== null && Date.parse(v.natcomDeadline) > Date.now();
      return { ...rest, actionable };
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/membership-applications/:id/natcom-decision',
    summary: "The National Commission endorses or declines, with its link's token (for that application only)",
    tags: ['membership'],
    roles: 'public',
    params: IdParams,
    body: NatcomDecisionBody,
    responses: {
      200: { description: 'recorded', schema: NatcomReview },
      401: { description: 'unknown token, or a link replaced by a newer one' },
      403: { description: 'the link is for another application' },
      409: { description: 'not in review, the window has ended, or the per-country limit is reached' },
    },
    handler: async ({ params, body, em }) => {
      const v = await natcom(em, body.token);
      if (v.applicationId !== params.id)
        throw new HttpProblem(403, 'Forbidden', 'this link acts on another application only');
      await handle(v.workflowId).executeUpdate(natcomDecisionUpdate, {
        args: [{ decision: body.decision, ...(body.note ? { note: body.note } : {}) }],
      });
      const after = (await applicationByNatcomToken(em.fork() as EntityManager, body.token))!;
      const { workflowId: _w, ...rest } = after;
      return { ...rest, actionable: false };
    },
  });

  const juror = async (em: EntityManager, token: string) => {
    const g = await jurorByToken(em, token);
    if (!g)
      throw new HttpProblem(401, 'Unauthorized', 'this link is not valid (unknown, expired, or the call has closed)');
    return g;
  };

  defineRoute(router, deps, {
    method: 'post',
    path: '/membership-applications/jury-review',
    summary:
      "What a juror's link shows: its call's applications under jury review, with its own scores (token in the body)",
    tags: ['membership'],
    roles: 'public',
    body: TokenBody,
    responses: {
      200: { description: 'the applications', schema: JuryReview },
      401: { description: 'unknown or expired token, or the call has closed' },
    },
    handler: async ({ body, em }) => {
      const g = await juror(em, body.token);
      return {
        callId: g.callId,
        callTitle: g.callTitle,
        jurorName: g.jurorName,
        expiresAt: g.expiresAt,
        applications: await juryApplications(em, g),
      };
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/membership-applications/:id/jury-scores',
    summary:
      "A juror records its own scores (1–5 per criterion) with its link's token, while the application is with the jury",
    tags: ['membership'],
    roles: 'public',
    params: IdParams,
    body: JuryScoresBody,
    responses: {
      200: { description: 'recorded', schema: JuryApplication },
      401: { description: 'unknown or expired token, or the call has closed' },
      403: { description: "the application is not one of the link's call" },
      409: { description: 'not with the jury (decided, withdrawn…)' },
    },
    handler: async ({ params, body, em }) => {
      const g = await juror(em, body.token);
      const [a] = await juryApplications(em, g, params.id);
      if (!a) throw new HttpProblem(403, 'Forbidden', "this link scores its own call's applications only");
      const r = await recordScores(em.fork() as EntityManager, a.id, g.jurorId, body.scores);
      if (!r.ok) throw conflict(`the application is ${r.status}, not with the jury`);
      return (await juryApplications(em.fork() as EntityManager, g, a.id))[0]!;
    },
  });
  return router;
}
