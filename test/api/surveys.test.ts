// Member surveys through the HTTP API, with their workflows on the dev server.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sqlOn, useTestApp } from '../support/app.js';
import { seedCluster } from '../support/workflow-env.js';

const t = useTestApp();
const { http, fx } = t;
const sql = sqlOn(() => t.app.orm);

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
const questions = [
  { id: 'focus', kind: 'single', prompt: 'Main focus', required: true, options: ['health', 'planning'] },
  { id: 'value', kind: 'scale', prompt: 'Value of the cluster', required: false },
  { id: 'note', kind: 'text', prompt: 'Anything else' },
];

async function setup(n: number, extra: Record<string, unknown> = {}) {
  const { cluster, cities } = await seedCluster(t.app.orm, n);
  const tokens = await Promise.all(cities.map((cityId) => fx.token('city', { cityId })));
  const r = await http.post('/surveys', {
    title: 'Cluster review',
    clusters: [cluster],
    closesAt: inDays(10),
    questions,
    ...extra,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  return { cluster, cities, tokens, survey: r.body, id: r.body.id as string };
}

describe('surveys', () => {
  it('refuses bad bodies naming the fields, unknown clusters and cities building one', async () => {
    const bad = await http.post('/surveys', {
      title: '',
      closesAt: 'tomorrow',
      questions: [{ id: 'Q 1', kind: 'single', prompt: 'x', options: ['a'] }],
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.title', 'body.closesAt', 'body.questions.0.id']));
    const past = await http.post('/surveys', { title: 'T', closesAt: inDays(-1), questions });
    expect(past.status).toBe(400);
    expect(past.body.errors).toEqual([{ path: 'body.closesAt', message: 'must be in the future' }]);
    const tooLong = await http.post('/surveys', { title: 'T', closesAt: inDays(400), questions });
    expect(tooLong.body.errors[0].path).toBe('body.closesAt');
    const unknown = await http.post('/surveys', { title: 'T', clusters: ['NOPE'], closesAt: inDays(3), questions });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].path).toBe('body.clusters.0');
    const { tokens } = await setup(1);
    expect(
      (await http.post('/surveys', { title: 'T', closesAt: inDays(3), questions }, { token: tokens[0] })).status,
    ).toBe(403);
  });

  it('lets each asked city answer once and edit, shows only its own answers, and aggregates for the secretariat', async () => {
    const { id, cities, tokens, cluster, survey } = await setup(3);
    const [a, b] = cities as [string, string];
    const [ta, tb] = tokens as [string, string];
    expect(survey).toMatchObject({ status: 'open', addressees: 3, respondents: 0, anonymous: false });
    expect(survey.rates).toEqual([{ cluster, addressees: 3, respondents: 0 }]);

    const invalid = await http.post(
      `/surveys/${id}/responses`,
      { answers: { focus: 'sport', value: 3, extra: 'x' } },
      { token: ta },
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body.answers.extra',
      'body.answers.focus',
    ]);
    const outOfScale = await http.post(
      `/surveys/${id}/responses`,
      { answers: { focus: 'health', value: 9 } },
      { token: ta },
    );
    expect(outOfScale.status).toBe(400);
    expect(outOfScale.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.answers.value']);
    const missing = await http.post(`/surveys/${id}/responses`, { answers: { note: 'hi' } }, { token: ta });
    expect(missing.body.errors).toEqual([{ path: 'body.answers.focus', message: 'an answer is required' }]);

    const first = await http.post(
      `/surveys/${id}/responses`,
      { answers: { focus: 'health', value: 4, note: ' private to A ' } },
      { token: ta },
    );
    expect(first.status).toBe(201);
    const again = await http.post(
      `/surveys/${id}/responses`,
      { answers: { focus: 'planning', value: 5, note: 'private to A' } },
      { token: ta },
    );
    expect(again.status).toBe(200);
    expect((await http.get(`/surveys/${id}/responses/mine`, { token: ta })).body).toEqual({
      surveyId: id,
      answers: { focus: 'planning', value: 5, note: 'private to A' },
      editable: true,
    });
    // City b sees none of a's answers, and cannot answer for a.
    expect((await http.get(`/surveys/${id}/responses/mine`, { token: tb })).body.answers).toBeNull();
    expect(
      (await http.post(`/surveys/${id}/responses`, { cityId: a, answers: { focus: 'health' } }, { token: tb })).status,
    ).toBe(403);
    expect((await http.get(`/surveys/${id}/results`, { token: tb })).status).toBe(403);
    const seen = await http.get(`/surveys/${id}`, { token: tb });
    expect(seen.body).toMatchObject({ answered: false, rates: null, addressees: null });
    expect(JSON.stringify(seen.body)).not.toContain('private to A');
    expect((await http.get(`/surveys/${id}`, { token: ta })).body.answered).toBe(true);
    // The secretariat answers for b.
    expect((await http.post(`/surveys/${id}/responses`, { answers: { focus: 'health' } })).status).toBe(400);
    expect(
      (await http.post(`/surveys/${id}/responses`, { cityId: b, answers: { focus: 'health', value: 3 } })).status,
    ).toBe(201);

    const results = await http.get(`/surveys/${id}/results`);
    expect(results.status).toBe(200);
    expect(results.body).toMatchObject({ respondents: 2, addressees: 3, anonymous: false });
    expect(results.body.questions[0].counts).toEqual([
      { option: 'health', count: 1 },
      { option: 'planning', count: 1 },
    ]);
    expect(results.body.questions[1].mean).toBe('4.00');
    expect(results.body.clusters).toMatchObject([{ cluster, addressees: 3, respondents: 2, suppressed: false }]);
    const csv = await http.get(`/surveys/${id}/results?format=csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.body).toContain('all,focus,Main focus,single,health,1');
    expect((await http.get(`/surveys/${id}/results?format=xml`)).status).toBe(400);
    expect((await http.get(`/surveys/${id}`)).body.rates).toEqual([{ cluster, addressees: 3, respondents: 2 }]);

    // A city not asked: the survey does not exist for it.
    const { tokens: others } = await setup(1);
    expect((await http.get(`/surveys/${id}`, { token: others[0] })).status).toBe(404);
    expect(
      (await http.post(`/surveys/${id}/responses`, { answers: { focus: 'health' } }, { token: others[0] })).status,
    ).toBe(403);
    expect(
      (await http.get('/surveys', { token: others[0] })).body.items.map((s: { id: string }) => s.id),
    ).not.toContain(id);
    expect((await http.get('/surveys', { token: ta })).body.items.map((s: { id: string }) => s.id)).toContain(id);
    expect((await http.get(`/surveys/${randomUUID()}`)).status).toBe(404);
  });

  it('never reveals a respondent of an anonymous survey in any answer of the API', async () => {
    const { id, cities, tokens } = await setup(2, { anonymous: true });
    for (const [i, token] of tokens.entries())
      expect(
        (await http.post(`/surveys/${id}/responses`, { answers: { focus: 'health', note: `n${i}` } }, { token }))
          .status,
      ).toBe(201);
    expect((await http.get(`/surveys/${id}/responses/mine`, { token: tokens[0] })).body.answers).toEqual({
      focus: 'health',
      note: 'n0',
    });
    const bodies = [
      await http.get(`/surveys/${id}`),
      await http.get('/surveys'),
      await http.get(`/surveys/${id}/results`),
      await http.get(`/surveys/${id}/results?format=csv`),
      await http.get(`/surveys/${id}`, { token: tokens[1] }),
    ].map((r) => (typeof r.body === 'string' ? r.body : JSON.stringify(r.body)));
    for (const body of bodies) for (const city of cities) expect(body).not.toContain(city);
    const results = JSON.parse(bodies[2]!);
    // Two respondents in the cluster: under the threshold, no breakdown.
    expect(results.clusters[0]).toMatchObject({ respondents: 2, suppressed: true, questions: null });
    expect(results.questions[2].texts).toEqual(['n0', 'n1']);
    expect(await sql(`select city_id, updated_at from survey_response where survey_id = ?`, [id])).toEqual([
      { city_id: null, updated_at: null },
      { city_id: null, updated_at: null },
    ]);
    const closed = await http.post(`/surveys/${id}/close`);
    expect(closed.status).toBe(200);
    // Closed: the link is gone, not even the city gets its answers back.
    expect((await http.get(`/surveys/${id}/responses/mine`, { token: tokens[0] })).body).toEqual({
      surveyId: id,
      answers: null,
      editable: false,
    });
  });

  it('closes and cancels once; answering after the close is a conflict', async () => {
    const { id, tokens } = await setup(1);
    expect((await http.post(`/surveys/${id}/close`, undefined, { token: tokens[0] })).status).toBe(403);
    const closed = await http.post(`/surveys/${id}/close`);
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed' });
    const late = await http.post(`/surveys/${id}/responses`, { answers: { focus: 'health' } }, { token: tokens[0] });
    expect(late.status).toBe(409);
    expect((await http.post(`/surveys/${id}/close`)).status).toBe(409);
    expect((await http.post(`/surveys/${id}/cancel`, { reason: 'late' })).status).toBe(409);

    const other = await setup(1);
    expect((await http.post(`/surveys/${other.id}/cancel`, {})).body.errors[0].path).toBe('body.reason');
    const cancelled = await http.post(`/surveys/${other.id}/cancel`, { reason: 'wrong audience' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'wrong audience' });
    expect(
      (await http.post(`/surveys/${other.id}/responses`, { answers: { focus: 'health' } }, { token: other.tokens[0] }))
        .status,
    ).toBe(409);
    expect((await http.get('/surveys?status=cancelled')).body.items.map((s: { id: string }) => s.id)).toContain(
      other.id,
    );
    expect((await http.get('/surveys?limit=0x1')).status).toBe(400);
  });

  it('is not open before its opening', async () => {
    const { id, tokens } = await setup(1, { opensAt: inDays(2) });
    const early = await http.post(`/surveys/${id}/responses`, { answers: { focus: 'health' } }, { token: tokens[0] });
    expect(early.status).toBe(409);
    expect(early.body.detail).toBe('the survey is not open yet');
    await http.post(`/surveys/${id}/cancel`, { reason: 'test over' });
  });
});
