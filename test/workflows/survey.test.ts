// surveyWorkflow on the time-skipping server: invitations, reminders only to the cities that have
// not answered, the close at the deadline, an early close and a cancel.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { describe, expect, it } from 'vitest';
import { insertSurvey, storeAnswers } from '../../db/queries/survey.js';
import { surveyWorkflowId, type Question } from '../../domain/survey.js';
import type { SurveyInput } from '../../domain/survey.contract.js';
import { cancelSurveyUpdate, closeSurveyUpdate, surveyStateQuery, surveyWorkflow } from '../../workflows/survey.js';
import { recordHistory } from '../support/histories.js';
import { sqlOn } from '../support/sql.js';
import { eventually, seedCluster, useWorkflowEnv } from '../support/workflow-env.js';

const t = useWorkflowEnv();
const sql = sqlOn(() => t.orm);
const DAY = 86_400_000;
const questions: Question[] = [{ id: 'value', kind: 'scale', prompt: 'Value of the cluster', required: true }];

async function openSurvey(cities: number, anonymous = false) {
  const { cluster, cities: ids } = await seedCluster(t.orm, cities);
  const surveyId = randomUUID();
  // The server's clock: earlier tests of the file have skipped it ahead of the wall clock.
  const now = await t.env.currentTimeMs();
  const input: SurveyInput = {
    surveyId,
    title: 'Cluster review',
    // Open by both clocks: answers are checked against the database's (the wall clock).
    opensAt: Math.min(now, Date.now()),
    closesAt: now + 10 * DAY,
    reminders: ['P7D', 'P2D'],
  };
  const asked = await insertSurvey(t.orm.em.fork() as EntityManager, {
    ...input,
    description: null,
    clusters: [cluster],
    anonymous,
    questions,
  });
  expect(asked).toBe(cities);
  const handle = await t.env.client.workflow.start(surveyWorkflow, {
    workflowId: surveyWorkflowId(surveyId),
    taskQueue: t.taskQueue,
    args: [input],
  });
  const answer = (cityId: string, value: number) =>
    storeAnswers(t.orm.em.fork() as EntityManager, surveyId, cityId, () => ({ value }));
  return { surveyId, cities: ids, handle, answer };
}

const keysOf = async (surveyId: string) => {
  const prefix = `${surveyWorkflowId(surveyId)}:`;
  return (await sql<{ key: string }>(`select key from notification where key like ? order by key`, [`${prefix}%`])).map(
    (r) => r.key.slice(prefix.length),
  );
};

describe('surveyWorkflow on the time-skipping server', () => {
  it('reminds only the cities that have not answered, at each lead, and closes at the deadline', async () => {
    await t.run(async () => {
      const { surveyId, cities, handle, answer } = await openSurvey(3, true);
      const [a, b, c] = cities as [string, string, string];
      await eventually(async () => ((await keysOf(surveyId)).length === 3 ? true : undefined), 20_000, 'invitations');
      expect(await answer(a, 5)).toEqual({ ok: true, created: true });
      // Day 3 (seven days before the close): b and c are reminded; then b answers.
      await t.env.sleep(4 * DAY);
      await eventually(async () => ((await handle.query(surveyStateQuery)).reminded === 1 ? true : undefined));
      expect(await answer(b, 3)).toEqual({ ok: true, created: true });
      expect(await answer(b, 4)).toEqual({ ok: true, created: false });

      const outcome = await handle.result();
      expect(outcome).toEqual({ surveyId, status: 'closed', addressees: 3, respondents: 2 });
      const keys = await keysOf(surveyId);
      expect(keys.filter((k) => k.startsWith('reminder')).sort()).toEqual(
        [`reminder1:${b}`, `reminder1:${c}`, `reminder2:${c}`].sort(),
      );
      expect(keys.filter((k) => k.startsWith('opened')).sort()).toEqual([a, b, c].map((x) => `opened:${x}`).sort());
      expect(keys).toContain('closed:secretariat');
      const [row] = await sql<{ status: string; respondent_salt: string | null }>(
        `select status, respondent_salt from survey where id = ?`,
        [surveyId],
      );
      expect(row).toEqual({ status: 'closed', respondent_salt: null });
      const counts = await sql<{ city_id: string; reminders: number }>(
        `select city_id, reminders from survey_addressee where survey_id = ?`,
        [surveyId],
      );
      expect(Object.fromEntries(counts.map((r) => [r.city_id, r.reminders]))).toEqual({ [a]: 0, [b]: 1, [c]: 2 });
      // Anonymous: the answers carry no city, and after the close no one may answer.
      expect(
        await sql(`select 1 from survey_response where survey_id = ? and city_id is not null`, [surveyId]),
      ).toEqual([]);
      expect(await answer(c, 2)).toMatchObject({ ok: false, why: 'not_open' });
      await recordHistory(handle, 'survey-reminders');
    });
  });

  it('closes early on the secretariat’s word, without reminders', async () => {
    await t.run(async () => {
      const { surveyId, handle, answer, cities } = await openSurvey(2);
      await answer(cities[0]!, 2);
      expect(await handle.executeUpdate(closeSurveyUpdate)).toMatchObject({ status: 'closed' });
      expect(await handle.result()).toMatchObject({ status: 'closed', respondents: 1 });
      expect((await keysOf(surveyId)).filter((k) => k.startsWith('reminder'))).toEqual([]);
    });
  });

  it('is cancelled with a reason, the cities told', async () => {
    await t.run(async () => {
      const { surveyId, handle, cities } = await openSurvey(2);
      await eventually(async () => ((await keysOf(surveyId)).length === 2 ? true : undefined));
      expect(await handle.executeUpdate(cancelSurveyUpdate, { args: [{ reason: 'wrong audience' }] })).toMatchObject({
        status: 'cancelled',
      });
      expect(await handle.result()).toMatchObject({ status: 'cancelled' });
      // The process is over: a close reaches nothing.
      await expect(handle.executeUpdate(closeSurveyUpdate)).rejects.toThrow();
      expect((await keysOf(surveyId)).filter((k) => k.startsWith('cancelled')).sort()).toEqual(
        cities.map((c) => `cancelled:${c}`).sort(),
      );
      const [row] = await sql<{ status: string; cancel_reason: string }>(
        `select status, cancel_reason from survey where id = ?`,
        [surveyId],
      );
      expect(row).toEqual({ status: 'cancelled', cancel_reason: 'wrong audience' });
    });
  });
});
