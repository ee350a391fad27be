// Member surveys: built by the secretariat, answered by each asked city's representative (once,
// editable until the close), results aggregated per question and cluster (JSON or CSV). An
// anonymous survey never links an answer to a city in any answer of this API: results are
// aggregated only, rates are counts, and a city reads back only its own answers.
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Cluster, Survey, type ISurvey } from '../../db/entities/index.js';
import {
  answersOf,
  insertSurvey,
  storeAnswers,
  surveyAnswers,
  surveyRates,
  surveyTotals,
  type SurveyRow,
} from '../../db/queries/survey.js';
import {
  AnswerBody,
  CreateSurveyBody,
  FINAL_SURVEY_STATUSES,
  QUESTION_KINDS,
  SURVEY_DEFAULTS,
  SURVEY_STATUSES,
  aggregate,
  answerIssues,
  normalizeAnswers,
  resultsCsv,
  surveyWorkflowId,
  windowProblem,
} from '../../domain/survey.js';
import type { Principal } from '../../domain/auth.js';
import { Text } from '../../domain/schemas.js';
import { cancelSurveyUpdate, closeSurveyUpdate, surveyWorkflow } from '../../workflows/survey.js';
import { actingCityOf } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { badRequest, conflict, forbidden, notFound, unprocessable } from '../errors.js';
import { unlessFinished } from '../lookup.js';
import { defineRoute, reply } from '../route.js';
import { startOrUndo } from '../workflow-start.js';

const IdParams = z.object({ id: z.uuid() });
const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

const QuestionView = z.object({
  id: z.string(),
  kind: z.enum(QUESTION_KINDS),
  prompt: z.string(),
  required: z.boolean(),
  options: z.array(z.string()).optional(),
  maxLength: z.int().optional(),
});
const RateView = z.object({ cluster: z.string(), addressees: z.int(), respondents: z.int() });

const SurveyView = z
  .object({
    id: z.uuid(),
    workflowId: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    clusters: z.array(z.string()),
    anonymous: z.boolean(),
    status: z.enum(SURVEY_STATUSES),
    opensAt: z.string(),
    closesAt: z.string(),
    reminders: z.array(z.string()),
    questions: z.array(QuestionView),
    cancelReason: z.string().nullable(),
    closedAt: z.string().nullable(),
    addressees: z.int().nullable().describe('secretariat and viewers only'),
    respondents: z.int().nullable(),
    rates: z.array(RateView).nullable().describe('per cluster; secretariat and viewers only'),
    answered: z.boolean().nullable().describe('a city: whether it has answered'),
  })
  .openapi('Survey');

async function isAddressee(em: EntityManager, surveyId: string, cityId: string): Promise<{ answered: boolean } | null> {
  const [r] = await em
    .getConnection()
    .execute<{ responded_at: Date | null }[]>(
      `select responded_at from survey_addressee where survey_id = ? and city_id = ?`,
      [surveyId, cityId],
    );
  return r ? { answered: r.responded_at !== null } : null;
}

async function view(em: EntityManager, s: ISurvey, viewer: Principal) {
  const insider = viewer.role === 'secretariat' || viewer.role === 'viewer';
  const totals = insider ? await surveyTotals(em, s.id) : null;
  const mine = viewer.role === 'city' && viewer.cityId ? await isAddressee(em, s.id, viewer.cityId) : null;
  return {
    id: s.id,
    workflowId: s.workflowId,
    title: s.title,
    description: s.description ?? null,
    clusters: s.clusters,
    anonymous: s.anonymous,
    status: s.status,
    opensAt: iso(s.opensAt)!,
    closesAt: iso(s.closesAt)!,
    reminders: s.reminders,
    questions: s.questions,
    cancelReason: s.cancelReason ?? null,
    closedAt: iso(s.closedAt),
    addressees: totals?.addressees ?? null,
    respondents: totals?.respondents ?? null,
    rates: insider ? await surveyRates(em, s.id) : null,
    answered: mine ? mine.answered : null,
  };
}

/** The survey, if the viewer may see it: a city only when it is asked (others' surveys are 404 to it). */
async function visibleSurvey(em: EntityManager, id: string, viewer: Principal): Promise<ISurvey> {
  const s = await em.findOne(Survey, id);
  if (!s) throw notFound('survey');
  if (viewer.role === 'city' && !(viewer.cityId && (await isAddressee(em, id, viewer.cityId))))
    throw notFound('survey');
  return s;
}

const ListQuery = z.object({
  status: z.enum(SURVEY_STATUSES).optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/)
    .transform(Number)
    .pipe(z.int().min(1).max(100))
    .optional(),
});

const ResultsQuery = z.object({ format: z.enum(['json', 'csv']).default('json') });
const CountsView = z.object({ option: z.string(), count: z.int() });
const QuestionResultView = z.object({
  id: z.string(),
  kind: z.enum(QUESTION_KINDS),
  answered: z.int(),
  counts: z.array(CountsView).optional(),
  mean: z.string().nullable().optional(),
  texts: z.array(z.string()).optional(),
});
const ResultsView = z
  .object({
    surveyId: z.uuid(),
    anonymous: z.boolean(),
    status: z.enum(SURVEY_STATUSES),
    addressees: z.int(),
    respondents: z.int(),
    questions: z.array(QuestionResultView),
    clusters: z.array(RateView.extend({ suppressed: z.boolean(), questions: z.array(QuestionResultView).nullable() })),
  })
  .openapi('SurveyResults');

const MineView = z
  .object({ surveyId: z.uuid(), answers: z.record(z.string(), z.unknown()).nullable(), editable: z.boolean() })
  .openapi('SurveyAnswers');

const CancelBody = z.object({ reason: Text(500) }).strict();

export function surveyRoutes(deps: AppDeps): Router {
  const router = Router();
  const handle = (s: ISurvey) => deps.temporal.workflow.getHandle(s.workflowId);

  defineRoute(router, deps, {
    method: 'post',
    path: '/surveys',
    summary: 'Build a member survey (network-wide or per cluster) and open it for its window',
    tags: ['surveys'],
    roles: ['secretariat'],
    body: CreateSurveyBody,
    responses: {
      202: { description: 'started; follow Location', schema: SurveyView },
      422: { description: 'unknown or retired clusters, a bad window' },
    },
    handler: async ({ body, em, principal }) => {
      const clusters = body.clusters ?? [];
      const known = clusters.length ? await em.find(Cluster, { code: { $in: clusters } }) : [];
      const bad = clusters
        .map((c, i) => ({ c, i, k: known.find((x) => x.code === c) }))
        .filter((x) => !x.k || x.k.status !== 'active');
      if (bad.length)
        throw unprocessable(
          'unknown or retired clusters',
          bad.map((x) => ({ path: `body.clusters.${x.i}`, message: `no active cluster ${x.c}` })),
        );
      const now = Date.now();
      const opensAt = body.opensAt ? Date.parse(body.opensAt) : now;
      const closesAt = Date.parse(body.closesAt);
      const p = windowProblem({ opensAt, closesAt }, now);
      if (p) throw badRequest('invalid body', [p]);
      const surveyId = randomUUID();
      const input = {
        surveyId,
        title: body.title,
        opensAt,
        closesAt,
        reminders: body.reminders ?? [...SURVEY_DEFAULTS.reminders],
      };
      await insertSurvey(em.fork() as EntityManager, {
        ...input,
        description: body.description ?? null,
        clusters,
        anonymous: body.anonymous,
        questions: body.questions,
      });
      await startOrUndo(
        () =>
          deps.temporal.workflow.start(surveyWorkflow, {
            workflowId: surveyWorkflowId(surveyId),
            taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
            args: [input],
          }),
        () =>
          em
            .fork()
            .getConnection()
            .execute(`with a as (delete from survey_addressee where survey_id = ?) delete from survey where id = ?`, [
              surveyId,
              surveyId,
            ]),
      );
      const s = await em.fork().findOneOrFail(Survey, surveyId);
      return reply(202, await view(em.fork() as EntityManager, s, principal), { Location: `/surveys/${surveyId}` });
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/surveys',
    summary: 'Surveys, newest first (a city: those it is asked, with whether it has answered)',
    tags: ['surveys'],
    roles: ['secretariat', 'viewer', 'city'],
    query: ListQuery,
    responses: { 200: { description: 'the surveys', schema: z.object({ items: z.array(SurveyView) }) } },
    handler: async ({ query, em, principal }) => {
      const limit = query.limit ?? 50;
      const where: Record<string, unknown> = query.status ? { status: query.status } : {};
      if (principal.role === 'city') {
        const ids = await em
          .getConnection()
          .execute<{ survey_id: string }[]>(`select survey_id from survey_addressee where city_id = ?`, [
            principal.cityId,
          ]);
        where.id = { $in: ids.map((r) => r.survey_id) };
      }
      const rows = await em.find(Survey, where, { orderBy: { createdAt: 'desc', id: 'asc' }, limit });
      return { items: await Promise.all(rows.map((s) => view(em, s, principal))) };
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/surveys/:id',
    summary: 'One survey: questions, window and, for the secretariat, response rates per cluster',
    tags: ['surveys'],
    roles: ['secretariat', 'viewer', 'city'],
    params: IdParams,
    responses: { 200: { description: 'the survey', schema: SurveyView }, 404: { description: 'unknown' } },
    handler: async ({ params, em, principal }) => view(em, await visibleSurvey(em, params.id, principal), principal),
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/surveys/:id/responses',
    summary: "Answer the survey for the calling city (replaces the city's earlier answers until the close)",
    tags: ['surveys'],
    roles: ['city', 'secretariat'],
    params: IdParams,
    body: AnswerBody,
    responses: {
      200: { description: 'answers replaced', schema: MineView },
      201: { description: 'answered', schema: MineView },
      403: { description: 'the city is not asked' },
      404: { description: 'unknown' },
      409: { description: 'the survey is not open' },
    },
    handler: async ({ params, body, em, principal }) => {
      const cityId = actingCityOf(principal, body.cityId);
      if (!cityId) throw badRequest('invalid body', [{ path: 'body.cityId', message: 'required for the secretariat' }]);
      let stored: Record<string, unknown> = {};
      const out = await storeAnswers(em.fork() as EntityManager, params.id, cityId, (questions) => {
        const issues = answerIssues(questions, body.answers);
        if (issues.length) throw badRequest('invalid answers', issues);
        stored = normalizeAnswers(questions, body.answers);
        return stored as never;
      });
      if (!out.ok) {
        if (out.why === 'missing') throw notFound('survey');
        if (out.why === 'not_addressed') throw forbidden('this city is not asked in this survey');
        throw conflict(out.why === 'not_yet_open' ? 'the survey is not open yet' : 'the survey is closed');
      }
      return reply(out.created ? 201 : 200, { surveyId: params.id, answers: stored, editable: true });
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/surveys/:id/responses/mine',
    summary: "The calling city's own answers (an anonymous survey's only while it is open)",
    tags: ['surveys'],
    roles: ['city'],
    params: IdParams,
    responses: { 200: { description: 'the answers, or null', schema: MineView }, 404: { description: 'unknown' } },
    handler: async ({ params, em, principal }) => {
      const s = await visibleSurvey(em, params.id, principal);
      const [row] = await em
        .getConnection()
        .execute<SurveyRow[]>(
          `select id, status, anonymous, opens_at, closes_at, questions, respondent_salt from survey where id = ?`,
          [s.id],
        );
      const answers = await answersOf(em, row!, principal.cityId!);
      const editable = s.status === 'open' && s.closesAt.getTime() > Date.now() && s.opensAt.getTime() <= Date.now();
      return { surveyId: s.id, answers, editable };
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/surveys/:id/results',
    summary: 'Results per question and per cluster (CSV with format=csv); anonymous: aggregated only',
    tags: ['surveys'],
    roles: ['secretariat'],
    params: IdParams,
    query: ResultsQuery,
    responses: {
      200: { description: 'the results', schema: ResultsView },
      404: { description: 'unknown' },
    },
    handler: async ({ params, query, em }) => {
      const s = await em.findOne(Survey, params.id);
      if (!s) throw notFound('survey');
      const [rates, totals, answers] = await Promise.all([
        surveyRates(em, s.id),
        surveyTotals(em, s.id),
        surveyAnswers(em, s.id),
      ]);
      const r = aggregate(s.questions, answers, rates, s.anonymous, totals.addressees);
      if (query.format === 'csv')
        return reply(
          200,
          resultsCsv(s.questions, r),
          { 'Content-Disposition': `attachment; filename="survey-${s.id}.csv"` },
          'text/csv; charset=utf-8',
        );
      return { surveyId: s.id, status: s.status, ...r };
    },
  });

  const action = (
    path: string,
    summary: string,
    send: (s: ISurvey, body: { reason?: string }) => Promise<unknown>,
    body?: z.ZodType,
  ) =>
    defineRoute(router, deps, {
      method: 'post',
      path,
      summary,
      tags: ['surveys'],
      roles: ['secretariat'],
      params: IdParams,
      ...(body ? { body } : {}),
      responses: {
        200: { description: 'done', schema: SurveyView },
        404: { description: 'unknown' },
        409: { description: 'the survey is closed or cancelled' },
      },
      handler: async ({ params, body: b, em, principal }) => {
        const s = await em.findOne(Survey, params.id);
        if (!s) throw notFound('survey');
        unlessFinished(s, s.status, FINAL_SURVEY_STATUSES, 'survey');
        await send(s, (b ?? {}) as { reason?: string });
        return view(em.fork() as EntityManager, await em.fork().findOneOrFail(Survey, s.id), principal);
      },
    });
  action('/surveys/:id/close', 'Close the survey now (before its deadline)', (s) =>
    handle(s).executeUpdate(closeSurveyUpdate),
  );
  action(
    '/surveys/:id/cancel',
    'Cancel the survey, with a reason; the cities asked are told',
    (s, b) => handle(s).executeUpdate(cancelSurveyUpdate, { args: [{ reason: b.reason! }] }),
    CancelBody,
  );
  return router;
}
