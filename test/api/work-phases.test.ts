// Work phases through the HTTP API: opening one starts its inception workshop; the listing; refusals.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DAY, as, inMs, useClusterWorkApp, schedule, workshopStatus } from '../support/cluster-work.js';
import { seedCluster } from '../support/workflow-env.js';

const t = useClusterWorkApp();
const { http, sql, cluster } = t;

describe('work phases', () => {
  it('opens a phase, which starts its inception workshop; lists phases; refuses duplicates, bad input and other roles', async () => {
    const { code, tokens } = await cluster(2);
    expect((await http.post(`/clusters/${code}/phases`, { biennium: '2021-2023' }, as(tokens[0]!))).status).toBe(403);
    expect((await http.post(`/clusters/${code}/phases`, { biennium: '2021-2023' }, as(t.viewer))).status).toBe(403);
    const bad = await http.post(`/clusters/${code}/phases`, { biennium: '2023-2021' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('body.biennium');
    expect(
      (await http.post(`/clusters/NOPE${randomUUID().slice(0, 4)}/phases`, { biennium: '2021-2023' })).status,
    ).toBe(404);

    const r = await http.post(`/clusters/${code.toLowerCase()}/phases`, { biennium: '2021-2023' });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    expect(r.body).toMatchObject({
      cluster: code,
      biennium: '2021-2023',
      inceptionWorkshopId: expect.any(String),
      workplanVersion: null,
    });
    expect(r.headers.get('location')).toBe(`/workshops/${r.body.inceptionWorkshopId}`);
    const w = await workshopStatus(http, r.body.inceptionWorkshopId, 'planning');
    expect(w).toMatchObject({ kind: 'inception', workPhaseId: r.body.id, invited: 2, startsAt: null });
    expect(w.title).toContain('2021-2023');

    expect((await http.post(`/clusters/${code}/phases`, { biennium: '2021-2023' })).status).toBe(409);
    const badSchedule = await http.post(`/clusters/${code}/phases`, {
      biennium: '2023-2025',
      inception: { ...schedule(), endsAt: inMs(DAY) },
    });
    expect(badSchedule.status).toBe(422);
    expect(badSchedule.body.errors[0].path).toBe('body.inception.endsAt');
    const scheduled = await http.post(`/clusters/${code}/phases`, {
      biennium: '2023-2025',
      inception: { ...schedule(), title: 'Inception: what is a learning city?' },
    });
    expect(scheduled.status).toBe(202);
    await workshopStatus(http, scheduled.body.inceptionWorkshopId, 'invitations_open');

    const list = await http.get(`/clusters/${code}/phases`, as(t.viewer));
    expect(list.status).toBe(200);
    expect(list.body.items.map((p: { biennium: string }) => p.biennium)).toEqual(['2023-2025', '2021-2023']);

    // The planned inception workshop is scheduled later through /reschedule.
    const s = await http.post(`/workshops/${r.body.inceptionWorkshopId}/reschedule`, schedule());
    expect(s.status, JSON.stringify(s.body)).toBe(200);
    expect(s.body.status).toBe('invitations_open');

    const retired = await seedCluster(t.app.orm, 1);
    await sql(`update cluster set status = 'retired' where code = ?`, [retired.cluster]);
    expect((await http.post(`/clusters/${retired.cluster}/phases`, { biennium: '2021-2023' })).status).toBe(422);
    expect((await http.get(`/clusters/NOPE${randomUUID().slice(0, 4)}/phases`)).status).toBe(404);
    expect((await http.get(`/clusters/${code}/phases`, { token: null })).status).toBe(401);
    expect((await http.get(`/workshops/${randomUUID()}`)).status).toBe(404);
    expect((await http.get('/workshops/not-a-uuid')).status).toBe(400);
    expect((await http.get(`/clusters/NOPE${randomUUID().slice(0, 4)}/experts`)).status).toBe(404);
    expect((await http.post(`/workshops/${randomUUID()}/cancel`, { reason: 'no such workshop' })).status).toBe(404);
  });
});
