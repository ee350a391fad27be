// Coordinator meetings through the HTTP API on the Temporal dev server: report requests, reports
// validated against the work plan, aggregation per cluster, reminder leads and the listing.
import { randomUUID } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { DAY, as, day, inMs, useClusterWorkApp } from '../support/cluster-work.js';
import { eventually } from '../support/workflow-env.js';

const t = useClusterWorkApp();
const { http, cluster } = t;

describe('coordinator meetings', () => {
  it('asks every current coordinator for a report, validates reports against the work plan and aggregates per cluster', async () => {
    const x = await cluster(3, 2);
    const y = await cluster(1, 1);
    for (const c of [x, y]) {
      await http.post(`/clusters/${c.code}/phases`, { biennium: '2021-2023' });
      await http.put(`/clusters/${c.code}/phases/2021-2023/workplan`, {
        outputs: [
          {
            key: 'centres',
            title: 'Community learning centres',
            target: { value: 12, unit: 'centres' },
            due: '2023-06-30',
          },
          { key: 'guide', title: 'Guide', target: { value: 1, unit: 'guide' }, due: '2023-12-31' },
        ],
      });
    }
    expect((await http.post('/coordinator-meetings', { date: inMs(10 * DAY) }, as(x.tokens[0]!))).status).toBe(403);
    expect((await http.post('/coordinator-meetings', { date: inMs(-DAY) })).status).toBe(422);
    expect((await http.post('/coordinator-meetings', { date: inMs(2 * DAY), reportLead: 'P7D' })).status).toBe(422);
    expect((await http.post('/coordinator-meetings', { date: inMs(60 * DAY), reportLead: 'P1M' })).status).toBe(400);
    expect((await http.post('/coordinator-meetings', { date: 'next week' })).status).toBe(400);

    const r = await http.post('/coordinator-meetings', {
      date: day(20),
      reportLead: 'P10D',
      title: 'Coordinators meeting, Yeonsu',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const id: string = r.body.id;
    expect(r.headers.get('location')).toBe(`/coordinator-meetings/${id}`);
    expect(r.body.reportDueAt).toBe(new Date(Date.parse(`${day(20)}T00:00:00Z`) - 10 * DAY).toISOString());
    const ours = (list: { cluster: string; cityId: string }[]) =>
      list.filter((e) => e.cluster === x.code || e.cluster === y.code).sort((a, b) => (a.cityId < b.cityId ? -1 : 1));
    expect(ours(r.body.expected)).toEqual(
      ours([
        { cluster: x.code, cityId: x.cities[0]! },
        { cluster: x.code, cityId: x.cities[1]! },
        { cluster: y.code, cityId: y.cities[0]! },
      ]),
    );

    const report = {
      cluster: x.code,
      progress: [{ key: 'centres', value: 5, status: 'at_risk', note: 'two districts late' }],
    };
    expect((await http.post(`/coordinator-meetings/${id}/reports`, report, as(x.tokens[2]!))).status).toBe(403);
    expect(
      (await http.post(`/coordinator-meetings/${id}/reports`, { ...report, cluster: y.code }, as(x.tokens[0]!))).status,
    ).toBe(403);
    expect(
      (
        await http.post(
          `/coordinator-meetings/${id}/reports`,
          { ...report, progress: [{ key: 'parks', value: 1, status: 'on_track' }] },
          as(x.tokens[0]!),
        )
      ).status,
    ).toBe(422);
    expect(
      (
        await http.post(
          `/coordinator-meetings/${id}/reports`,
          { ...report, progress: [{ key: 'centres', value: 1, status: 'fine' }] },
          as(x.tokens[0]!),
        )
      ).status,
    ).toBe(400);
    expect((await http.post(`/coordinator-meetings/${id}/reports`, report)).status).toBe(400);
    const ok = await http.post(`/coordinator-meetings/${id}/reports`, report, as(x.tokens[0]!));
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    await http.post(`/coordinator-meetings/${id}/reports`, {
      cluster: x.code,
      cityId: x.cities[1],
      progress: [
        { key: 'centres', value: 6, status: 'on_track' },
        { key: 'guide', value: 0, status: 'off_track' },
      ],
    });

    const status = await http.get(`/coordinator-meetings/${id}`, as(y.tokens[0]!));
    expect(status.status).toBe(200);
    const xs = status.body.clusters.find((c: { cluster: string }) => c.cluster === x.code);
    expect(xs).toMatchObject({
      status: 'off_track',
      missing: [],
      outputs: [
        { key: 'centres', value: 6, status: 'at_risk', notes: ['two districts late'] },
        { key: 'guide', value: 0, status: 'off_track' },
      ],
    });
    expect(status.body.clusters.find((c: { cluster: string }) => c.cluster === y.code)).toMatchObject({
      status: 'not_reported',
      missing: [y.cities[0]],
    });
    expect(ours(status.body.missing)).toEqual([{ cluster: y.code, cityId: y.cities[0] }]);
    expect((await http.get(`/coordinator-meetings/${id}`, as(t.viewer))).status).toBe(200);
    expect((await http.get(`/coordinator-meetings/${id}`, as(t.donor))).status).toBe(403);
    expect((await http.get(`/coordinator-meetings/${id}`, as(x.tokens[2]!))).status).toBe(403);
    expect((await http.get(`/coordinator-meetings/${randomUUID()}`)).status).toBe(404);
    await t.app.client.workflow.getHandle(r.body.workflowId).terminate('test over');
  });

  it('takes report reminder leads, refusing nonsense, and hands them to the workflow', async () => {
    await cluster(2, 1);
    const post = (extra: Record<string, unknown>) =>
      http.post('/coordinator-meetings', { date: inMs(30 * DAY), ...extra });
    const firstError = (res: { body: { errors?: { path: string }[] } }) => res.body.errors?.[0]?.path;
    for (const [reminders, path] of [
      [{ report: ['P1M'] }, 'body.reminders.report.0'],
      [{ report: ['P3D', 'P0D'] }, 'body.reminders.report.1'],
      [{ report: ['P3D', 'soon'] }, 'body.reminders.report.1'],
      [{ report: ['P1D', 'P2D', 'P3D', 'P4D', 'P5D', 'P6D'] }, 'body.reminders.report'],
      [{ report: ['P2D', 'PT48H'] }, 'body.reminders.report'],
      [{ report: 'P3D' }, 'body.reminders.report'],
      [{ rsvp: ['P3D'] }, 'body.reminders.report'],
    ] as const) {
      const res = await post({ reminders });
      expect(res.status, JSON.stringify(reminders)).toBe(400);
      expect(firstError(res), JSON.stringify(res.body)).toBe(path);
    }
    // Reports due in 3 days: a reminder 5 days before that would fall before the request.
    const tooEarly = await http.post('/coordinator-meetings', {
      date: inMs(10 * DAY),
      reportLead: 'P7D',
      reminders: { report: ['P1D', 'P5D'] },
    });
    expect(tooEarly.status).toBe(422);
    expect(firstError(tooEarly)).toBe('body.reminders.report.1');

    const input = async (workflowId: string) => {
      const history = await t.app.client.workflow.getHandle(workflowId).fetchHistory();
      const [payload] = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads!;
      return defaultPayloadConverter.fromPayload<{ reminders: string[] }>(payload!);
    };
    const custom = await post({ reminders: { report: ['P5D', 'PT12H'] } });
    expect(custom.status, JSON.stringify(custom.body)).toBe(202);
    expect((await input(custom.body.workflowId)).reminders).toEqual(['P5D', 'PT12H']);
    const none = await post({ reminders: { report: [] } });
    expect(none.status).toBe(202);
    expect((await input(none.body.workflowId)).reminders).toEqual([]);
    const defaults = await post({});
    expect((await input(defaults.body.workflowId)).reminders).toEqual(['P3D', 'P1D']);
    for (const m of [custom, none, defaults])
      await t.app.client.workflow.getHandle(m.body.workflowId).terminate('test over');
  });

  it('lists the meetings the caller may read, by status and date range, a page at a time', async () => {
    const x = await cluster(2, 1);
    const [coordinator, member] = x.tokens as [string, string];
    // A window of three days far ahead that no other test schedules into.
    const base = Date.now() + (400 + Math.floor(Math.random() * 20_000)) * DAY + Math.floor(Math.random() * DAY);
    const at = (i: number) => new Date(base + i * DAY).toISOString();
    const ids: string[] = [];
    const workflows: string[] = [];
    for (const i of [0, 1, 2]) {
      const r = await http.post('/coordinator-meetings', { date: at(i), title: `Coordinators meeting ${i}` });
      expect(r.status, JSON.stringify(r.body)).toBe(202);
      ids.push(r.body.id);
      workflows.push(r.body.workflowId);
    }
    await t.app.client.workflow
      .getHandle(workflows[1]!)
      .executeUpdate('cancel', { args: [{ reason: 'merged with the next one' }] });
    await eventually(
      async () => ((await http.get(`/coordinator-meetings/${ids[1]}`)).body.status === 'cancelled' ? true : undefined),
      20_000,
      'meeting cancelled',
    );

    const until = `to=${encodeURIComponent(new Date(base + 2 * DAY + 1).toISOString())}`;
    const window = `from=${encodeURIComponent(at(0))}&${until}`;
    const list = async (q: string, token?: string) => {
      const r = await http.get(`/coordinator-meetings?${window}${q}`, token ? as(token) : {});
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body as {
        items: { id: string; status: string; title: string; expected: { cityId: string }[]; missing: unknown[] }[];
        total: number;
        limit: number;
        offset: number;
      };
    };
    const all = await list('');
    expect(all).toMatchObject({ total: 3, limit: 50, offset: 0 });
    expect(all.items.map((m) => m.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(all.items[0]).toMatchObject({ title: 'Coordinators meeting 2', status: 'collecting', at: at(2) });
    expect(all.items[0]!.expected).toContainEqual({ cluster: x.code, cityId: x.cities[0] });
    expect(all.items[0]!.missing).toContainEqual({ cluster: x.code, cityId: x.cities[0] });
    expect(all.items[0]).not.toHaveProperty('clusters');

    expect((await list('&limit=2')).items.map((m) => m.id)).toEqual([ids[2], ids[1]]);
    expect(await list('&limit=2&offset=2')).toMatchObject({ total: 3, items: [{ id: ids[0] }] });
    expect(await list('&offset=10')).toMatchObject({ total: 3, items: [] });
    expect((await list('&status=cancelled')).items.map((m) => m.id)).toEqual([ids[1]]);
    expect((await list('&status=collecting')).items.map((m) => m.id)).toEqual([ids[2], ids[0]]);
    expect((await http.get(`/coordinator-meetings?from=${day(0)}&to=${day(0)}`)).status).toBe(400);
    expect(
      (await http.get(`/coordinator-meetings?from=${encodeURIComponent(at(1))}&${until}`)).body.items.map(
        (m: { id: string }) => m.id,
      ),
    ).toEqual([ids[2], ids[1]]);

    // Visibility as for one meeting: the coordinator asked and viewers read; a member that is not asked sees none; donors are refused.
    expect((await list('', coordinator)).items.map((m) => m.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect((await list('', t.viewer)).total).toBe(3);
    expect(await list('', member)).toMatchObject({ total: 0, items: [] });
    expect((await http.get(`/coordinator-meetings?${window}`, as(t.donor))).status).toBe(403);

    // The capped page size and the filters' types.
    for (const q of ['limit=201', 'limit=0', 'offset=-1', 'status=postponed', 'from=tomorrow'])
      expect((await http.get(`/coordinator-meetings?${q}`)).status, q).toBe(400);
    for (const w of workflows)
      await t.app.client.workflow
        .getHandle(w)
        .terminate('test over')
        .catch(() => undefined);
  });
});
