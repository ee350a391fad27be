// A survey's rows: written when the secretariat builds it (with the snapshot of who is asked), the
// answers a city stores, the rates and results read by the API, the close and cancel written by its
// workflow. See db/entities/survey.ts for how an anonymous survey keeps answers apart from cities.
import { createHmac, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { surveyWorkflowId, type Answers, type Question, type RespondedAnswers } from '../../domain/survey.js';
import type { SurveyRate } from '../../domain/survey.contract.js';
import { pgTextArray } from './text-array.js';

export interface NewSurvey {
  surveyId: string;
  title: string;
  description: string | null;
  clusters: string[];
  anonymous: boolean;
  opensAt: number;
  closesAt: number;
  reminders: string[];
  questions: Question[];
}

/**
 * The survey's row and its addressees in one transaction: member cities with an open membership in
 * one of the survey's clusters (network-wide: any active cluster), each with those clusters.
 * Keyed: a second call changes nothing.
 */
export async function insertSurvey(em: EntityManager, s: NewSurvey): Promise<number> {
  return em.transactional(async (tx) => {
    const conn = tx.getConnection();
    await conn.execute(
      `insert into survey (id, workflow_id, title, description, clusters, anonymous, opens_at, closes_at, reminders,
         questions, status, respondent_salt, created_at, updated_at)
       values (?, ?, ?, ?, ?::text[], ?, ?, ?, ?::text[], ?::jsonb, 'open', ?, now(), now()) on conflict do nothing`,
      [
        s.surveyId,
        surveyWorkflowId(s.surveyId),
        s.title,
        s.description,
        pgTextArray(s.clusters),
        s.anonymous,
        new Date(s.opensAt).toISOString(),
        new Date(s.closesAt).toISOString(),
        pgTextArray(s.reminders),
        JSON.stringify(s.questions),
        s.anonymous ? randomBytes(32).toString('hex') : null,
      ],
    );
    const rows = await conn.execute<{ n: string }[]>(
      `with asked as (
         select m.city_id, array_agg(distinct m.cluster_code order by m.cluster_code) as clusters
           from membership m join city c on c.id = m.city_id join cluster k on k.code = m.cluster_code
          where m.until is null and c.status = 'member'
            and (cardinality(?::text[]) = 0 and k.status = 'active' or m.cluster_code = any(?::text[]))
          group by m.city_id)
       insert into survey_addressee (id, survey_id, city_id, clusters, reminders)
       select gen_random_uuid(), ?, city_id, clusters, 0 from asked
       on conflict do nothing returning id`,
      [pgTextArray(s.clusters), pgTextArray(s.clusters), s.surveyId],
    );
    return rows.length;
  });
}

export interface SurveyRow {
  id: string;
  status: 'open' | 'closed' | 'cancelled';
  anonymous: boolean;
  opens_at: Date;
  closes_at: Date;
  questions: Question[];
  respondent_salt: string | null;
}

/**
 * The key of a city's answer: its id in a named survey; in an anonymous one an HMAC of it under the
 * survey's salt, which cannot be computed again once the salt is erased at the close.
 */
export const respondentKey = (s: Pick<SurveyRow, 'anonymous' | 'respondent_salt'>, cityId: string): string | null =>
  !s.anonymous
    ? cityId
    : s.respondent_salt
      ? createHmac('sha256', s.respondent_salt).update(cityId).digest('hex')
      : null;

export type AnswerOutcome =
  | { ok: true; created: boolean }
  | { ok: false; why: 'missing' | 'not_open' | 'not_yet_open' | 'not_addressed'; status?: string };

/**
 * Stores `cityId`'s answers (replacing earlier ones) while the survey is open. The survey row is
 * locked for the write so the close (which updates it) waits for an answer being written, and an
 * answer that comes after the close is refused.
 */
export async function storeAnswers(
  em: EntityManager,
  surveyId: string,
  cityId: string,
  check: (questions: Question[]) => Answers,
): Promise<AnswerOutcome> {
  return em.transactional(async (tx) => {
    const conn = tx.getConnection();
    const [s] = await conn.execute<SurveyRow[]>(
      `select id, status, anonymous, opens_at, closes_at, questions, respondent_salt from survey where id = ? for share`,
      [surveyId],
    );
    if (!s) return { ok: false, why: 'missing' };
    const now = Date.now();
    if (s.status !== 'open' || new Date(s.closes_at).getTime() <= now)
      return { ok: false, why: 'not_open', status: s.status };
    if (new Date(s.opens_at).getTime() > now) return { ok: false, why: 'not_yet_open' };
    const [a] = await conn.execute<{ clusters: string[]; responded_at: Date | null }[]>(
      `select clusters, responded_at from survey_addressee where survey_id = ? and city_id = ?`,
      [surveyId, cityId],
    );
    if (!a) return { ok: false, why: 'not_addressed' };
    const answers = check(s.questions);
    const key = respondentKey(s, cityId)!;
    await conn.execute(
      `insert into survey_response (id, survey_id, respondent_key, city_id, clusters, answers, updated_at)
       values (gen_random_uuid(), ?, ?, ?, ?::text[], ?::jsonb, ?)
       on conflict (survey_id, respondent_key) do update set answers = excluded.answers, updated_at = excluded.updated_at`,
      [
        surveyId,
        key,
        s.anonymous ? null : cityId,
        pgTextArray(a.clusters),
        JSON.stringify(answers),
        s.anonymous ? null : new Date().toISOString(),
      ],
    );
    await conn.execute(
      `update survey_addressee set responded_at = coalesce(responded_at, now()) where survey_id = ? and city_id = ?`,
      [surveyId, cityId],
    );
    return { ok: true, created: a.responded_at === null };
  });
}

/** The city's own answers, or null: found by its key (an anonymous survey's only while it is open). */
export async function answersOf(em: EntityManager, s: SurveyRow, cityId: string): Promise<Answers | null> {
  const key = respondentKey(s, cityId);
  if (!key) return null;
  const [r] = await em
    .getConnection()
    .execute<{ answers: Answers }[]>(`select answers from survey_response where survey_id = ? and respondent_key = ?`, [
      s.id,
      key,
    ]);
  return r?.answers ?? null;
}

/** Addressees and respondents per cluster of the survey, in cluster order. */
export async function surveyRates(em: EntityManager, surveyId: string): Promise<SurveyRate[]> {
  const rows = await em.getConnection().execute<{ cluster: string; addressees: string; respondents: string }[]>(
    `select c as cluster, count(*) as addressees, count(a.responded_at) as respondents
       from survey_addressee a, unnest(a.clusters) c where a.survey_id = ? group by c order by c`,
    [surveyId],
  );
  return rows.map((r) => ({
    cluster: r.cluster,
    addressees: Number(r.addressees),
    respondents: Number(r.respondents),
  }));
}

export async function surveyTotals(
  em: EntityManager,
  surveyId: string,
): Promise<{ addressees: number; respondents: number }> {
  const [r] = await em
    .getConnection()
    .execute<{ addressees: string; respondents: string }[]>(
      `select count(*) as addressees, count(responded_at) as respondents from survey_addressee where survey_id = ?`,
      [surveyId],
    );
  return { addressees: Number(r?.addressees ?? 0), respondents: Number(r?.respondents ?? 0) };
}

/** Every answer with its clusters only (never its city), for aggregation. */
export async function surveyAnswers(em: EntityManager, surveyId: string): Promise<RespondedAnswers[]> {
  return em
    .getConnection()
    .execute<RespondedAnswers[]>(`select clusters, answers from survey_response where survey_id = ? order by id`, [
      surveyId,
    ]);
}

/** Addressees that have not answered, in a stable order: the reminders' recipients. */
export async function nonRespondents(em: EntityManager, surveyId: string): Promise<string[]> {
  const rows = await em
    .getConnection()
    .execute<{ city_id: string }[]>(
      `select city_id from survey_addressee where survey_id = ? and responded_at is null order by city_id`,
      [surveyId],
    );
  return rows.map((r) => r.city_id);
}

export async function addressees(em: EntityManager, surveyId: string): Promise<string[]> {
  const rows = await em
    .getConnection()
    .execute<{ city_id: string }[]>(`select city_id from survey_addressee where survey_id = ? order by city_id`, [
      surveyId,
    ]);
  return rows.map((r) => r.city_id);
}

/**
 * Ends the survey (closed or cancelled) once; the salt goes with it, so an anonymous survey's
 * answers can no longer be told apart by city. True when this call ended it.
 */
export async function endSurvey(
  em: EntityManager,
  surveyId: string,
  status: 'closed' | 'cancelled',
  reason: string | null,
): Promise<boolean> {
  const rows = await em.getConnection().execute<{ id: string }[]>(
    `update survey set status = ?, cancel_reason = ?, closed_at = now(), respondent_salt = null, updated_at = now()
      where id = ? and status = 'open' returning id`,
    [status, reason, surveyId],
  );
  return rows.length > 0;
}

/** Records reminder round `round` for these cities; a retried write leaves the count as it is. */
export async function countReminder(
  em: EntityManager,
  surveyId: string,
  cityIds: string[],
  round: number,
): Promise<void> {
  if (!cityIds.length) return;
  await em
    .getConnection()
    .execute(
      `update survey_addressee set reminders = greatest(reminders, ?) where survey_id = ? and city_id = any(?::uuid[])`,
      [round, surveyId, pgTextArray(cityIds)],
    );
}
