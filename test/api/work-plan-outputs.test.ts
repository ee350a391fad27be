// Work plan output tracking through the HTTP API: direct progress updates by a current coordinator
// or the secretariat (other cities refused), meeting reports counted as entries, and the
// cross-cluster timeline by due date with its filters and statuses.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { workPlanOutputsWorkflowId } from '../../domain/work-plan-output.js';
import { outputsStateQuery } from '../../workflows/work-plan-output.js';
import { as, bienniumHolding, day, useClusterWorkApp } from '../support/cluster-work.js';
import { eventually } from '../support/workflow-env.js';

const t = useClusterWorkApp();
const { http, sql, cluster } = t;
// The phase's biennium holds today, so a meeting report of today counts for it.
const B = bienniumHolding();

describe('work plan outputs', () => {
  it('records progress from coordinators and the secretariat, refuses others, and places outputs on the timeline', async () => {
    const { code, cities, tokens } = await cluster(3);
    const [coord, member] = tokens as [string, string];
    await http.post(`/clusters/${code}/phases`, { biennium: B });
    const outputs = [
      { key: 'centres', title: 'Learning centres', target: { value: 12, unit: 'centres' }, due: day(200) },
      { key: 'guide', title: 'Guide', target: { value: 1, unit: 'guide' }, due: day(10) },
      { key: 'survey', title: 'Baseline survey', target: { value: 1, unit: 'survey' }, due: day(-5) },
      { key: 'forum', title: 'Forum', target: { value: 2, unit: 'forums' }, due: day(100) },
    ];
    expect((await http.put(`/clusters/${code}/phases/${B}/workplan`, { outputs }, as(coord))).status).toBe(200);
    const progress = (key: string) => `/work-plans/outputs/${code}/${B}/${key}/progress`;

    // Refusals: a member that does not coordinate, a viewer, an unknown output, bad bodies.
    expect((await http.post(progress('centres'), { value: 3 }, as(member))).status).toBe(403);
    expect((await http.post(progress('centres'), { value: 3 }, as(t.viewer))).status).toBe(403);
    // Per object: a coordinator of another cluster, a city of another cluster, a donor; nothing recorded.
    const [elsewhere] = (await cluster(2)).tokens as [string];
    expect((await http.post(progress('centres'), { value: 3 }, as(elsewhere))).status).toBe(403);
    expect((await http.post(progress('centres'), { value: 3 }, as(t.outsider.token))).status).toBe(403);
    expect((await http.post(progress('centres'), { value: 3 }, as(t.donor))).status).toBe(403);
    expect((await http.post(progress('centres'), { value: 3 }, { token: null })).status).toBe(401);
    expect((await http.post(progress('nothing'), { value: 3 }, as(coord))).status).toBe(404);
    expect((await http.post(`/work-plans/outputs/${code}/2091-2093/centres/progress`, { value: 3 })).status).toBe(404);
    const bad = await http.post(progress('centres'), { value: -1, date: '2024-02-30', extra: 1 }, as(coord));
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['body.value', 'body.date']),
    );
    expect((await http.post(progress('Bad Key'), { value: 1 }, as(coord))).status).toBe(400);

    // The coordinator records 5 of 12 centres; the secretariat completes the guide.
    const rec = await http.post(progress('centres'), { value: 5, note: 'five districts', date: day(-1) }, as(coord));
    expect(rec.status, JSON.stringify(rec.body)).toBe(201);
    expect(rec.body).toMatchObject({ key: 'centres', value: 5, status: 'on_track', lastUpdate: day(-1) });
    expect(rec.body.entries).toEqual([
      { value: 5, date: day(-1), note: 'five districts', source: 'direct', reported: null },
    ]);
    expect((await http.post(progress('guide'), { value: 1 })).body.status).toBe('done');

    // A meeting report judged the forum at risk: it is an entry of the output, and puts it at risk.
    const meeting = randomUUID();
    await sql(
      `insert into coordinator_meeting (id, workflow_id, title, at, report_due_at, report_lead, status, expected, created_at, updated_at)
       values (?, ?, 'Meeting', now(), now(), 'P7D', 'held', '[]', now(), now())`,
      [meeting, `coordinator-meeting:${meeting}`],
    );
    await sql(
      `insert into meeting_report (id, meeting_id, cluster_code, city_id, progress, submitted_at) values (?, ?, ?, ?, ?::jsonb, now())`,
      [
        randomUUID(),
        meeting,
        code,
        cities[0],
        JSON.stringify([{ key: 'forum', value: 0, status: 'at_risk', note: 'no venue' }]),
      ],
    );

    const timeline = await http.get(`/work-plans/outputs/timeline?cluster=${code}`, as(member));
    expect(timeline.status).toBe(200);
    expect(timeline.body.items.map((i: { key: string; status: string }) => [i.key, i.status])).toEqual([
      ['survey', 'late'],
      ['guide', 'done'],
      ['forum', 'at_risk'],
      ['centres', 'on_track'],
    ]);
    expect(timeline.body.items[2].entries).toEqual([
      { value: 0, date: day(0), note: 'no venue', source: 'meeting', reported: 'at_risk' },
    ]);
    const late = await http.get(`/work-plans/outputs/timeline?cluster=${code}&status=late`);
    expect(late.body.items.map((i: { key: string }) => i.key)).toEqual(['survey']);
    const ranged = await http.get(`/work-plans/outputs/timeline?cluster=${code}&dueFrom=${day(0)}&dueTo=${day(150)}`);
    expect(ranged.body.items.map((i: { key: string }) => i.key)).toEqual(['guide', 'forum']);
    const all = await http.get(`/work-plans/outputs/timeline?dueFrom=${day(-5)}`, as(t.viewer));
    expect(all.body.items.map((i: { cluster: string }) => i.cluster)).toContain(code);

    // Bad filters name the field.
    expect((await http.get('/work-plans/outputs/timeline?status=behind')).body.errors[0].path).toBe('query.status');
    expect((await http.get('/work-plans/outputs/timeline?dueFrom=2024-13-01')).body.errors[0].path).toBe(
      'query.dueFrom',
    );
    const reversed = await http.get(`/work-plans/outputs/timeline?dueFrom=${day(10)}&dueTo=${day(1)}`);
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors[0].path).toBe('query.dueTo');
    expect((await http.get('/work-plans/outputs/timeline', { token: null })).status).toBe(401);
  });

  it('tells each saved plan version to the biennium’s reminder process, and filters the timeline by biennium', async () => {
    const { code, tokens } = await cluster(2);
    const [coord] = tokens as [string];
    await http.post(`/clusters/${code}/phases`, { biennium: B });
    const url = `/clusters/${code}/phases/${B}/workplan`;
    const output = { key: 'guide', title: 'Guide', target: { value: 1, unit: 'guide' }, due: day(60) };
    // A lead time beyond a year, or not a duration, is refused naming the field; nothing is saved or started.
    for (const beforeDue of ['P2Y', 'soon']) {
      const bad = await http.put(url, { outputs: [output], reminders: { beforeDue } });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain('body.reminders.beforeDue');
    }
    expect((await http.get(url)).body.versions).toEqual([]);
    const handle = t.app.client.workflow.getHandle(workPlanOutputsWorkflowId(code, B));
    expect(await handle.describe().catch((e: unknown) => (e as Error).name)).toBe('WorkflowNotFoundError');

    // The coordinator saves the plan with a 7-day lead: the process starts with it.
    expect((await http.put(url, { outputs: [output], reminders: { beforeDue: 'P7D' } }, as(coord))).status).toBe(200);
    const first = await handle.query(outputsStateQuery);
    expect(first).toMatchObject({ cluster: code, biennium: B, version: 1, beforeDue: 'P7D', sent: [] });
    expect(first.outputs).toEqual([{ key: 'guide', title: 'Guide', due: day(60) }]);
    expect(first.next?.id).toBe(`guide:reminder:${day(60)}`);
    const { runId } = await handle.describe();
    // A new version moves the due date: the same process re-arms for it and keeps the lead.
    const moved = await http.put(url, { outputs: [{ ...output, due: day(90) }] }, as(coord));
    expect(moved.body.current.version).toBe(2);
    const second = await eventually(async () => {
      const s = await handle.query(outputsStateQuery);
      return s.version === 2 ? s : undefined;
    });
    expect([second.beforeDue, second.next?.id]).toEqual(['P7D', `guide:reminder:${day(90)}`]);
    expect((await handle.describe()).runId).toBe(runId);

    // The timeline of this biennium holds the plan; another biennium's does not.
    const mine = await http.get(`/work-plans/outputs/timeline?cluster=${code}&biennium=${B}`, as(coord));
    expect(mine.body.items.map((i: { key: string; due: string }) => [i.key, i.due])).toEqual([['guide', day(90)]]);
    const other = await http.get(`/work-plans/outputs/timeline?cluster=${code}&biennium=2019-2021`);
    expect(other.body.items).toEqual([]);
    const bad = await http.get('/work-plans/outputs/timeline?biennium=2020-2021');
    expect([bad.status, bad.body.errors[0].path]).toEqual([400, 'query.biennium']);
  });
});
