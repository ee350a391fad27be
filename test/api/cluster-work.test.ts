// Cluster work through the HTTP API on the Temporal dev server: phases, workshops (RSVP, reschedule,
// cancel, outcomes), work plans, expert groups and coordinator meetings, with their refusals.
// Every scenario seeds its own test clusters; coordinator rights come from coordinator_term rows.
import { randomUUID } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, sqlOn, type TestApp } from '../support/app.js';
import { type Http, type Fixtures } from '../support/http.js';
import { DAY, as, clusterWithTokens, day, inMs } from '../support/cluster-work.js';
import { eventually, seedCluster } from '../support/workflow-env.js';

let app: TestApp;
let http: Http;
let fx: Fixtures;
let viewer: string;
let donor: string;
/** A member city of another cluster. */
let outsider: { id: string; token: string };

const sql = sqlOn(() => app.orm);

beforeAll(async () => {
  ({ app, http, fx } = await openTestApp());
  viewer = await fx.token('viewer');
  donor = await fx.token('donor', { donorId: (await fx.donor()).id });
  const other = await seedCluster(app.orm, 1);
  outsider = { id: other.cities[0]!, token: await fx.token('city', { cityId: other.cities[0]! }) };
});
afterAll(() => app?.close());

const cluster = (n: number, coordinators = 1) => clusterWithTokens(app.orm, fx, n, coordinators);

const schedule = (rsvpInMs = 10 * DAY, startInMs = 20 * DAY, lengthMs = 3 * 3_600_000) => ({
  startsAt: inMs(startInMs),
  endsAt: inMs(startInMs + lengthMs),
  timezone: 'Africa/Nairobi',
  rsvpBy: inMs(rsvpInMs),
});
const workshopBody = (extra: Record<string, unknown> = {}) => ({
  kind: 'thematic',
  title: 'Learning neighbourhoods',
  venue: 'City library',
  experts: [{ name: 'Prof. Amina Diallo', email: 'amina.diallo@uni.example.org', organisation: 'University of Dakar', expertise: ['adult education'] }],
  ...schedule(),
  ...extra,
});
const workshopStatus = (id: string, status: string) =>
  eventually(async () => {
    const r = await http.get(`/workshops/${id}`);
    return r.body.status === status ? r.body : undefined;
  }, 20_000, `workshop ${id} to be ${status}`);

describe('work phases', () => {
  it('opens a phase, which starts its inception workshop; lists phases; refuses duplicates, bad input and other roles', async () => {
    const { code, tokens } = await cluster(2);
    expect((await http.post(`/clusters/${code}/phases`, { period: '2021-2023' }, as(tokens[0]!))).status).toBe(403);
    expect((await http.post(`/clusters/${code}/phases`, { period: '2021-2023' }, as(viewer))).status).toBe(403);
    const bad = await http.post(`/clusters/${code}/phases`, { period: '2023-2021' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('body.period');
    expect((await http.post(`/clusters/NOPE${randomUUID().slice(0, 4)}/phases`, { period: '2021-2023' })).status).toBe(404);

    const r = await http.post(`/clusters/${code.toLowerCase()}/phases`, { period: '2021-2023' });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    expect(r.body).toMatchObject({ cluster: code, period: '2021-2023', inceptionWorkshopId: expect.any(String), workplanVersion: null });
    expect(r.headers.get('location')).toBe(`/workshops/${r.body.inceptionWorkshopId}`);
    const w = await workshopStatus(r.body.inceptionWorkshopId, 'planning');
    expect(w).toMatchObject({ kind: 'inception', phaseId: r.body.id, invited: 2, startsAt: null });
    expect(w.title).toContain('2021-2023');

    expect((await http.post(`/clusters/${code}/phases`, { period: '2021-2023' })).status).toBe(409);
    const badSchedule = await http.post(`/clusters/${code}/phases`, { period: '2023-2025', inception: { ...schedule(), endsAt: inMs(DAY) } });
    expect(badSchedule.status).toBe(422);
    expect(badSchedule.body.errors[0].path).toBe('body.inception.endsAt');
    const scheduled = await http.post(`/clusters/${code}/phases`, { period: '2023-2025', inception: { ...schedule(), title: 'Inception: what is a learning city?' } });
    expect(scheduled.status).toBe(202);
    await workshopStatus(scheduled.body.inceptionWorkshopId, 'invitations_open');

    const list = await http.get(`/clusters/${code}/phases`, as(viewer));
    expect(list.status).toBe(200);
    expect(list.body.items.map((p: { period: string }) => p.period)).toEqual(['2023-2025', '2021-2023']);

    // The planned inception workshop is scheduled later through /reschedule.
    const s = await http.post(`/workshops/${r.body.inceptionWorkshopId}/reschedule`, schedule());
    expect(s.status, JSON.stringify(s.body)).toBe(200);
    expect(s.body.status).toBe('invitations_open');

    const retired = await seedCluster(app.orm, 1);
    await sql(`update cluster set status = 'retired' where code = ?`, [retired.cluster]);
    expect((await http.post(`/clusters/${retired.cluster}/phases`, { period: '2021-2023' })).status).toBe(422);
    expect((await http.get(`/clusters/NOPE${randomUUID().slice(0, 4)}/phases`)).status).toBe(404);
    expect((await http.get(`/clusters/${code}/phases`, { token: null })).status).toBe(401);
    expect((await http.get(`/workshops/${randomUUID()}`)).status).toBe(404);
    expect((await http.get('/workshops/not-a-uuid')).status).toBe(400);
    expect((await http.get(`/clusters/NOPE${randomUUID().slice(0, 4)}/experts`)).status).toBe(404);
    expect((await http.post(`/workshops/${randomUUID()}/cancel`, { reason: 'no such workshop' })).status).toBe(404);
  });
});

describe('workshops', () => {
  it('is scheduled by a coordinator or the secretariat; members RSVP, non-members get 403; reschedule and cancel', async () => {
    const { code, cities, tokens } = await cluster(3);
    const [coord, member] = tokens as [string, string, string];
    expect((await http.post(`/clusters/${code}/workshops`, workshopBody(), as(member))).status).toBe(403);
    expect((await http.post(`/clusters/${code}/workshops`, workshopBody({ kind: 'advisory_session' }), as(coord))).status).toBe(403);
    const bad = await http.post(`/clusters/${code}/workshops`, workshopBody({ title: '', timezone: 'Mars/Olympus', onlineUrl: 'ftp://x', reminders: { rsvp: ['14 days'] } }));
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.onlineUrl', 'body.reminders.rsvp.0', 'body.timezone', 'body.title']);
    expect((await http.post(`/clusters/${code}/workshops`, workshopBody({ rsvpBy: inMs(30 * DAY) }))).status).toBe(422);
    expect((await http.post(`/clusters/${code}/workshops`, workshopBody({ ...schedule(-DAY) }))).status).toBe(422);

    const r = await http.post(`/clusters/${code}/workshops`, workshopBody({ reminders: { rsvp: ['P7D'] }, outcomesDue: 'P10D' }), as(coord));
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const id: string = r.body.id;
    expect(r.headers.get('location')).toBe(`/workshops/${id}`);
    expect(r.body).toMatchObject({ status: 'invitations_open', invited: 3, rsvpCounts: { yes: 0, no: 0, maybe: 0, pending: 3 }, settings: { rsvpReminders: ['P7D'], outcomesDue: 'P10D' } });
    expect(r.body.experts[0].email).toBe('amina.diallo@uni.example.org');
    const invitations = await eventually(async () => {
      const rows = await sql<{ recipient_kind: string; email: string }>(`select recipient_kind, email from notification where resource = ? and kind = 'workshop.invitation'`, [`/workshops/${id}`]);
      return rows.length === 4 ? rows : undefined;
    });
    expect(invitations.filter((n) => n.recipient_kind === 'email')).toEqual([{ recipient_kind: 'email', email: 'amina.diallo@uni.example.org' }]);
    // Experts are not cities: their messages are readable by the secretariat.
    const toExperts = await http.get(`/notifications?resource=/workshops/${id}&kind=workshop.invitation`);
    expect(toExperts.body.items.map((n: { recipientKind: string }) => n.recipientKind)).toEqual(['email']);
    const toMember = await http.get(`/notifications?resource=/workshops/${id}`, as(member));
    expect(toMember.body.items.map((n: { kind: string }) => n.kind)).toEqual(['workshop.invitation']);

    // RSVP: the member answers; the non-member, the viewer and a city answering for another are refused.
    const yes = await http.post(`/workshops/${id}/rsvp`, { response: 'yes', attendees: ['Grace Otieno', 'Tom Mboya'] }, as(member));
    expect(yes.status, JSON.stringify(yes.body)).toBe(200);
    expect(yes.body.rsvpCounts).toEqual({ yes: 1, no: 0, maybe: 0, pending: 2 });
    expect(yes.body.rsvps).toEqual([{ cityId: cities[1], response: 'yes', attendees: ['Grace Otieno', 'Tom Mboya'], respondedAt: expect.any(String) }]);
    expect((await http.post(`/workshops/${id}/rsvp`, { response: 'yes' }, as(outsider.token))).status).toBe(403);
    expect((await http.post(`/workshops/${id}/rsvp`, { response: 'yes', cityId: cities[2] }, as(member))).status).toBe(403);
    expect((await http.post(`/workshops/${id}/rsvp`, { response: 'yes' }, as(viewer))).status).toBe(403);
    expect((await http.post(`/workshops/${id}/rsvp`, { response: 'perhaps' }, as(member))).status).toBe(400);
    expect((await http.post(`/workshops/${id}/rsvp`, { response: 'no' })).status).toBe(400);
    expect((await http.post(`/workshops/${id}/rsvp`, { response: 'no', cityId: cities[2] })).status).toBe(200);
    expect((await http.post(`/workshops/${randomUUID()}/rsvp`, { response: 'no' }, as(member))).status).toBe(404);

    const viewed = await http.get(`/workshops/${id}`, as(viewer));
    expect(viewed.status).toBe(200);
    expect(viewed.body.rsvps).toBeUndefined();
    expect(viewed.body.experts[0].email).toBeUndefined();

    // Reschedule: coordinators and the secretariat only; the new schedule must be coherent.
    expect((await http.post(`/workshops/${id}/reschedule`, schedule(20 * DAY, 30 * DAY), as(member))).status).toBe(403);
    expect((await http.post(`/workshops/${id}/reschedule`, schedule(-DAY, 30 * DAY), as(coord))).status).toBe(422);
    const moved = await http.post(`/workshops/${id}/reschedule`, { ...schedule(20 * DAY, 30 * DAY), venue: 'Town hall' }, as(coord));
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ venue: 'Town hall', status: 'invitations_open' });
    await eventually(async () => ((await sql(`select 1 from notification where resource = ? and kind = 'workshop.rescheduled'`, [`/workshops/${id}`])).length === 4 ? true : undefined));

    expect((await http.post(`/workshops/${id}/cancel`, { reason: 'x' })).status).toBe(400);
    expect((await http.post(`/workshops/${id}/cancel`, { reason: 'venue unavailable' }, as(member))).status).toBe(403);
    const c = await http.post(`/workshops/${id}/cancel`, { reason: 'venue unavailable' }, as(coord));
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({ status: 'cancelled', cancelReason: 'venue unavailable' });
    expect((await http.post(`/workshops/${id}/rsvp`, { response: 'maybe' }, as(member))).status).toBe(409);
    expect((await http.post(`/workshops/${id}/cancel`, { reason: 'venue unavailable' })).status).toBe(409);
  });

  it('invites only coordinator cities to an advisory session', async () => {
    const { code, cities } = await cluster(3, 2);
    const r = await http.post(`/clusters/${code}/workshops`, workshopBody({ kind: 'advisory_session', experts: [] }));
    expect(r.status).toBe(202);
    expect(r.body.invited).toBe(2);
    expect((await http.post(`/workshops/${r.body.id}/rsvp`, { response: 'yes', cityId: cities[2] })).status).toBe(403);
    await http.post(`/workshops/${r.body.id}/cancel`, { reason: 'test over' });
  });

  it('takes outcomes after the event from a coordinator, records attendance and publishes to peer learning', async () => {
    const { code, cities, tokens } = await cluster(2);
    const [coord, member] = tokens as [string, string];
    const r = await http.post(`/clusters/${code}/workshops`, workshopBody({ experts: [], ...schedule(3_000, 3_500, 500) }), as(coord));
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const id: string = r.body.id;
    expect((await http.post(`/workshops/${id}/rsvp`, { response: 'yes', attendees: ['Ana'] }, as(member))).status).toBe(200);
    const outcomes = {
      conceptualDefinition: 'Learning neighbourhoods bring learning opportunities to where people live.',
      summary: 'Both cities mapped their neighbourhood learning spaces.',
      successes: ['Mobile library reached informal settlements'],
      challenges: ['Volunteer turnover'],
      documents: [{ title: 'Neighbourhood mapping toolkit', url: 'https://example.org/toolkit.pdf' }],
    };
    expect((await http.post(`/workshops/${id}/outcomes`, outcomes, as(coord))).status).toBe(409);
    await workshopStatus(id, 'awaiting_outcomes');
    expect((await http.post(`/workshops/${id}/outcomes`, outcomes, as(member))).status).toBe(403);
    expect((await http.post(`/workshops/${id}/outcomes`, { ...outcomes, documents: [{ title: 'x', url: 'javascript:alert(1)' }] }, as(coord))).status).toBe(400);
    expect((await http.post(`/workshops/${id}/outcomes`, { ...outcomes, attendance: [{ cityId: outsider.id }] }, as(coord))).status).toBe(422);
    const done = await http.post(`/workshops/${id}/outcomes`, outcomes, as(coord));
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', attendance: [{ cityId: cities[1], attendees: ['Ana'] }], outcomes: { summary: outcomes.summary } });
    expect((await http.post(`/workshops/${id}/outcomes`, outcomes, as(coord))).status).toBe(409);
    const published = await http.get(`/peer-learning?cluster=${code}`, as(viewer));
    expect(published.body.items.map((e: { kind: string }) => e.kind).sort()).toEqual(['challenge', 'material', 'practice', 'success']);
    expect(published.body.items.every((e: { source: string; workshopId: string; cityId: string }) => e.source === 'workshop' && e.workshopId === id && e.cityId === cities[0])).toBe(true);
  });
});

describe('work plans', () => {
  const outputs = [
    { key: 'centres', title: 'Community learning centres', description: 'Open centres in every district', target: { value: 12, unit: 'centres' }, due: '2023-06-30' },
    { key: 'guide', title: 'Guide to learning neighbourhoods', target: { value: 1, unit: 'guide' }, due: '2023-12-31' },
  ];

  it('is set by a current coordinator or the secretariat, keeps every version, and refuses other cities', async () => {
    const { code, cities, tokens } = await cluster(3);
    const [coord, member] = tokens as [string, string];
    const path = `/clusters/${code}/phases/2021-2023/workplan`;
    expect((await http.put(path, { outputs }, as(coord))).status).toBe(404);
    await http.post(`/clusters/${code}/phases`, { period: '2021-2023' });

    // A member that is not a coordinator, an outsider, a viewer: 403; an expired coordinator too.
    expect((await http.put(path, { outputs }, as(member))).status).toBe(403);
    expect((await http.put(path, { outputs }, as(outsider.token))).status).toBe(403);
    expect((await http.put(path, { outputs }, as(viewer))).status).toBe(403);
    await sql(`insert into coordinator_term (id, cluster_code, city_id, term_start, term_end, created_at) values (?, ?, ?, ?, ?, now())`, [randomUUID(), code, cities[2], day(-800), day(-70)]);
    expect((await http.put(path, { outputs }, as(tokens[2]!))).status).toBe(403);

    const v1 = await http.put(path, { outputs: [{ ...outputs[0], ownerCityId: cities[1] }] }, as(coord));
    expect(v1.status, JSON.stringify(v1.body)).toBe(200);
    expect(v1.body.current).toMatchObject({ version: 1, setBy: cities[0], outputs: [{ key: 'centres', ownerCityId: cities[1], target: { value: 12, unit: 'centres' } }] });
    const v2 = await http.put(path, { outputs });
    expect(v2.body.current).toMatchObject({ version: 2, setBy: null });
    expect(v2.body.current.outputs[1]).toEqual({ ...outputs[1], description: '' });

    const got = await http.get(path, as(viewer));
    expect(got.status).toBe(200);
    expect(got.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect((await http.get(`/clusters/${code}/phases`)).body.items[0].workplanVersion).toBe(2);

    const dup = await http.put(path, { outputs: [outputs[0], outputs[0]] });
    expect(dup.status).toBe(400);
    expect(dup.body.errors[0].path).toBe('body.outputs.1.key');
    expect((await http.put(path, { outputs: [{ ...outputs[0], target: { value: -1, unit: 'x' }, due: '2023-02-30' }] })).status).toBe(400);
    expect((await http.put(path, { outputs: [] })).status).toBe(400);
    const notMember = await http.put(path, { outputs: [{ ...outputs[0], ownerCityId: outsider.id }] });
    expect(notMember.status).toBe(422);
    expect(notMember.body.errors[0].path).toBe('body.outputs.0.ownerCityId');
    expect((await http.put(`/clusters/${code}/phases/2021/workplan`, { outputs })).status).toBe(400);
    expect((await http.get(path)).body.versions).toHaveLength(2);
  });
});

describe('expert groups', () => {
  it('lists experts and their support; coordinators and the secretariat add them', async () => {
    const { code, tokens } = await cluster(2);
    const [coord, member] = tokens as [string, string];
    const expert = { name: 'Dr Lin Wei', email: 'Lin.Wei@example.org', organisation: 'Beijing Normal University', expertiseAreas: ['ICT in education'], support: ['mentoring', 'masterplan'] };
    expect((await http.post(`/clusters/${code}/experts`, expert, as(member))).status).toBe(403);
    expect((await http.post(`/clusters/${code}/experts`, { ...expert, support: ['coaching'] }, as(coord))).status).toBe(400);
    const r = await http.post(`/clusters/${code}/experts`, expert, as(coord));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ email: 'lin.wei@example.org', support: ['mentoring', 'masterplan'] });
    expect((await http.post(`/clusters/${code}/experts`, expert)).status).toBe(409);
    await http.post(`/clusters/${code}/experts`, { name: 'Ms Sara Ruiz', email: 'sara@example.org', expertiseAreas: ['literacy'], support: ['training_of_specialists', 'materials_and_lectures'] });

    const asViewer = await http.get(`/clusters/${code}/experts`, as(viewer));
    expect(asViewer.body.items.map((e: { name: string }) => e.name)).toEqual(['Dr Lin Wei', 'Ms Sara Ruiz']);
    expect(asViewer.body.items[0].email).toBeUndefined();
    expect((await http.get(`/clusters/${code}/experts`, as(member))).body.items[0].email).toBe('lin.wei@example.org');
    expect((await http.get(`/clusters/${code}/experts?support=masterplan`)).body.items).toHaveLength(1);
    expect((await http.get(`/clusters/${code}/experts?support=nothing`)).status).toBe(400);
  });
});

describe('coordinator meetings', () => {
  it('asks every current coordinator for a report, validates reports against the work plan and aggregates per cluster', async () => {
    const x = await cluster(3, 2);
    const y = await cluster(1, 1);
    for (const c of [x, y]) {
      await http.post(`/clusters/${c.code}/phases`, { period: '2021-2023' });
      await http.put(`/clusters/${c.code}/phases/2021-2023/workplan`, {
        outputs: [
          { key: 'centres', title: 'Community learning centres', target: { value: 12, unit: 'centres' }, due: '2023-06-30' },
          { key: 'guide', title: 'Guide', target: { value: 1, unit: 'guide' }, due: '2023-12-31' },
        ],
      });
    }
    expect((await http.post('/coordinator-meetings', { date: inMs(10 * DAY) }, as(x.tokens[0]!))).status).toBe(403);
    expect((await http.post('/coordinator-meetings', { date: inMs(-DAY) })).status).toBe(422);
    expect((await http.post('/coordinator-meetings', { date: inMs(2 * DAY), reportLead: 'P7D' })).status).toBe(422);
    expect((await http.post('/coordinator-meetings', { date: inMs(60 * DAY), reportLead: 'P1M' })).status).toBe(400);
    expect((await http.post('/coordinator-meetings', { date: 'next week' })).status).toBe(400);

    const r = await http.post('/coordinator-meetings', { date: day(20), reportLead: 'P10D', title: 'Coordinators meeting, Yeonsu' });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const id: string = r.body.id;
    expect(r.headers.get('location')).toBe(`/coordinator-meetings/${id}`);
    expect(r.body.reportDueAt).toBe(new Date(Date.parse(`${day(20)}T00:00:00Z`) - 10 * DAY).toISOString());
    const ours = (list: { cluster: string; cityId: string }[]) => list.filter((e) => e.cluster === x.code || e.cluster === y.code).sort((a, b) => (a.cityId < b.cityId ? -1 : 1));
    expect(ours(r.body.expected)).toEqual(ours([{ cluster: x.code, cityId: x.cities[0]! }, { cluster: x.code, cityId: x.cities[1]! }, { cluster: y.code, cityId: y.cities[0]! }]));

    const report = { cluster: x.code, progress: [{ key: 'centres', value: 5, status: 'at_risk', note: 'two districts late' }] };
    expect((await http.post(`/coordinator-meetings/${id}/reports`, report, as(x.tokens[2]!))).status).toBe(403);
    expect((await http.post(`/coordinator-meetings/${id}/reports`, { ...report, cluster: y.code }, as(x.tokens[0]!))).status).toBe(403);
    expect((await http.post(`/coordinator-meetings/${id}/reports`, { ...report, progress: [{ key: 'parks', value: 1, status: 'on_track' }] }, as(x.tokens[0]!))).status).toBe(422);
    expect((await http.post(`/coordinator-meetings/${id}/reports`, { ...report, progress: [{ key: 'centres', value: 1, status: 'fine' }] }, as(x.tokens[0]!))).status).toBe(400);
    expect((await http.post(`/coordinator-meetings/${id}/reports`, report)).status).toBe(400);
    const ok = await http.post(`/coordinator-meetings/${id}/reports`, report, as(x.tokens[0]!));
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    await http.post(`/coordinator-meetings/${id}/reports`, { cluster: x.code, cityId: x.cities[1], progress: [{ key: 'centres', value: 6, status: 'on_track' }, { key: 'guide', value: 0, status: 'off_track' }] });

    const status = await http.get(`/coordinator-meetings/${id}`, as(y.tokens[0]!));
    expect(status.status).toBe(200);
    const xs = status.body.clusters.find((c: { cluster: string }) => c.cluster === x.code);
    expect(xs).toMatchObject({ status: 'off_track', missing: [], outputs: [{ key: 'centres', value: 6, status: 'at_risk', notes: ['two districts late'] }, { key: 'guide', value: 0, status: 'off_track' }] });
    expect(status.body.clusters.find((c: { cluster: string }) => c.cluster === y.code)).toMatchObject({ status: 'not_reported', missing: [y.cities[0]] });
    expect(ours(status.body.missing)).toEqual([{ cluster: y.code, cityId: y.cities[0] }]);
    expect((await http.get(`/coordinator-meetings/${id}`, as(viewer))).status).toBe(200);
    expect((await http.get(`/coordinator-meetings/${id}`, as(donor))).status).toBe(403);
    expect((await http.get(`/coordinator-meetings/${id}`, as(x.tokens[2]!))).status).toBe(403);
    expect((await http.get(`/coordinator-meetings/${randomUUID()}`)).status).toBe(404);
    await app.client.workflow.getHandle(r.body.workflowId).terminate('test over');
  });

  it('takes report reminder leads, refusing nonsense, and hands them to the workflow', async () => {
    await cluster(2, 1);
    const post = (extra: Record<string, unknown>) => http.post('/coordinator-meetings', { date: inMs(30 * DAY), ...extra });
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
    const tooEarly = await http.post('/coordinator-meetings', { date: inMs(10 * DAY), reportLead: 'P7D', reminders: { report: ['P1D', 'P5D'] } });
    expect(tooEarly.status).toBe(422);
    expect(firstError(tooEarly)).toBe('body.reminders.report.1');

    const input = async (workflowId: string) => {
      const history = await app.client.workflow.getHandle(workflowId).fetchHistory();
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
    for (const m of [custom, none, defaults]) await app.client.workflow.getHandle(m.body.workflowId).terminate('test over');
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
    await app.client.workflow.getHandle(workflows[1]!).executeUpdate('cancel', { args: [{ reason: 'merged with the next one' }] });
    await eventually(async () => ((await http.get(`/coordinator-meetings/${ids[1]}`)).body.status === 'cancelled' ? true : undefined), 20_000, 'meeting cancelled');

    const until = `to=${encodeURIComponent(new Date(base + 2 * DAY + 1).toISOString())}`;
    const window = `from=${encodeURIComponent(at(0))}&${until}`;
    const list = async (q: string, token?: string) => {
      const r = await http.get(`/coordinator-meetings?${window}${q}`, token ? as(token) : {});
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body as { items: { id: string; status: string; title: string; expected: { cityId: string }[]; missing: unknown[] }[]; total: number; limit: number; offset: number };
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
    expect((await http.get(`/coordinator-meetings?from=${encodeURIComponent(at(1))}&${until}`)).body.items.map((m: { id: string }) => m.id)).toEqual([ids[2], ids[1]]);

    // Visibility as for one meeting: the coordinator asked and viewers read; a member that is not asked sees none; donors are refused.
    expect((await list('', coordinator)).items.map((m) => m.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect((await list('', viewer)).total).toBe(3);
    expect(await list('', member)).toMatchObject({ total: 0, items: [] });
    expect((await http.get(`/coordinator-meetings?${window}`, as(donor))).status).toBe(403);

    // The capped page size and the filters' types.
    for (const q of ['limit=201', 'limit=0', 'offset=-1', 'status=postponed', 'from=tomorrow']) expect((await http.get(`/coordinator-meetings?${q}`)).status, q).toBe(400);
    for (const w of workflows) await app.client.workflow.getHandle(w).terminate('test over').catch(() => undefined);
  });
});
