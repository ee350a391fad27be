// Workshops through the HTTP API on the Temporal dev server: RSVP, reschedule, cancel, outcomes,
// with their refusals. Coordinator rights come from coordinator_term rows.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DAY, as, day, inMs, useClusterWorkApp, schedule, workshopStatus } from '../support/cluster-work.js';
import { eventually } from '../support/workflow-env.js';

const t = useClusterWorkApp();
const { http, sql, cluster } = t;

const workshopBody = (extra: Record<string, unknown> = {}) => ({
  kind: 'thematic',
  title: 'Learning neighbourhoods',
  venue: 'City library',
  experts: [
    {
      name: 'Prof. Amina Diallo',
      email: 'amina.diallo@uni.example.org',
      organisation: 'University of Dakar',
      expertise: ['adult education'],
    },
  ],
  ...schedule(),
  ...extra,
});

describe('workshops', () => {
  it('is scheduled by a coordinator or the secretariat; members RSVP, non-members get 403; reschedule and cancel', async () => {
    const { code, cities, tokens } = await cluster(3);
    const [coord, member] = tokens as [string, string, string];
    expect((await http.post(`/clusters/${code}/workshops`, workshopBody(), as(member))).status).toBe(403);
    expect(
      (await http.post(`/clusters/${code}/workshops`, workshopBody({ kind: 'advisory_session' }), as(coord))).status,
    ).toBe(403);
    const bad = await http.post(
      `/clusters/${code}/workshops`,
      workshopBody({ title: '', timezone: 'Mars/Olympus', onlineUrl: 'ftp://x', reminders: { rsvp: ['14 days'] } }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body.onlineUrl',
      'body.reminders.rsvp.0',
      'body.timezone',
      'body.title',
    ]);
    expect((await http.post(`/clusters/${code}/workshops`, workshopBody({ rsvpBy: inMs(30 * DAY) }))).status).toBe(422);
    expect((await http.post(`/clusters/${code}/workshops`, workshopBody({ ...schedule(-DAY) }))).status).toBe(422);

    const r = await http.post(
      `/clusters/${code}/workshops`,
      workshopBody({ reminders: { rsvp: ['P7D'] }, outcomesDue: 'P10D' }),
      as(coord),
    );
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const id: string = r.body.id;
    expect(r.headers.get('location')).toBe(`/workshops/${id}`);
    expect(r.body).toMatchObject({
      status: 'invitations_open',
      invited: 3,
      rsvpCounts: { yes: 0, no: 0, maybe: 0, pending: 3 },
      settings: { rsvpReminders: ['P7D'], outcomesDue: 'P10D' },
    });
    expect(r.body.experts[0].email).toBe('amina.diallo@uni.example.org');
    const invitations = await eventually(async () => {
      const rows = await sql<{ recipient_kind: string; email: string }>(
        `select recipient_kind, email from notification where resource = ? and kind = 'workshop.invitation'`,
        [`/workshops/${id}`],
      );
      return rows.length === 4 ? rows : undefined;
    });
    expect(invitations.filter((n) => n.recipient_kind === 'email')).toEqual([
      { recipient_kind: 'email', email: 'amina.diallo@uni.example.org' },
    ]);
    // Experts are not cities: their messages are readable by the secretariat.
    const toExperts = await http.get(`/notifications?resource=/workshops/${id}&kind=workshop.invitation`);
    expect(toExperts.body.items.map((n: { recipientKind: string }) => n.recipientKind)).toEqual(['email']);
    const toMember = await http.get(`/notifications?resource=/workshops/${id}`, as(member));
    expect(toMember.body.items.map((n: { kind: string }) => n.kind)).toEqual(['workshop.invitation']);

    // RSVP: the member answers; the non-member, the t.viewer and a city answering for another are refused.
    const yes = await http.post(
      `/workshops/${id}/rsvp`,
      { response: 'yes', attendees: ['Grace Otieno', 'Tom Mboya'] },
      as(member),
    );
    expect(yes.status, JSON.stringify(yes.body)).toBe(200);
    expect(yes.body.rsvpCounts).toEqual({ yes: 1, no: 0, maybe: 0, pending: 2 });
    expect(yes.body.rsvps).toEqual([
      { cityId: cities[1], response: 'yes', attendees: ['Grace Otieno', 'Tom Mboya'], respondedAt: expect.any(String) },
    ]);
    expect((await http.post(`/workshops/${id}/rsvp`, { response: 'yes' }, as(t.outsider.token))).status).toBe(403);
    expect((await http.post(`/workshops/${id}/rsvp`, { response: 'yes', cityId: cities[2] }, as(member))).status).toBe(
      403,
    );
    expect((await http.post(`/workshops/${id}/rsvp`, { response: 'yes' }, as(t.viewer))).status).toBe(403);
    expect((await http.post(`/workshops/${id}/rsvp`, { response: 'perhaps' }, as(member))).status).toBe(400);
    expect((await http.post(`/workshops/${id}/rsvp`, { response: 'no' })).status).toBe(400);
    expect((await http.post(`/workshops/${id}/rsvp`, { response: 'no', cityId: cities[2] })).status).toBe(200);
    expect((await http.post(`/workshops/${randomUUID()}/rsvp`, { response: 'no' }, as(member))).status).toBe(404);

    const viewed = await http.get(`/workshops/${id}`, as(t.viewer));
    expect(viewed.status).toBe(200);
    expect(viewed.body.rsvps).toBeUndefined();
    expect(viewed.body.experts[0].email).toBeUndefined();

    // Reschedule: coordinators and the secretariat only; the new schedule must be coherent.
    expect((await http.post(`/workshops/${id}/reschedule`, schedule(20 * DAY, 30 * DAY), as(member))).status).toBe(403);
    expect((await http.post(`/workshops/${id}/reschedule`, schedule(-DAY, 30 * DAY), as(coord))).status).toBe(422);
    const moved = await http.post(
      `/workshops/${id}/reschedule`,
      { ...schedule(20 * DAY, 30 * DAY), venue: 'Town hall' },
      as(coord),
    );
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ venue: 'Town hall', status: 'invitations_open' });
    await eventually(async () =>
      (
        await sql(`select 1 from notification where resource = ? and kind = 'workshop.rescheduled'`, [
          `/workshops/${id}`,
        ])
      ).length === 4
        ? true
        : undefined,
    );

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
    const r = await http.post(
      `/clusters/${code}/workshops`,
      workshopBody({ experts: [], ...schedule(3_000, 3_500, 500) }),
      as(coord),
    );
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const id: string = r.body.id;
    expect((await http.post(`/workshops/${id}/rsvp`, { response: 'yes', attendees: ['Ana'] }, as(member))).status).toBe(
      200,
    );
    const outcomes = {
      conceptualDefinition: 'Learning neighbourhoods bring learning opportunities to where people live.',
      summary: 'Both cities mapped their neighbourhood learning spaces.',
      successes: ['Mobile library reached informal settlements'],
      challenges: ['Volunteer turnover'],
      documents: [{ title: 'Neighbourhood mapping toolkit', url: 'https://example.org/toolkit.pdf' }],
    };
    expect((await http.post(`/workshops/${id}/outcomes`, outcomes, as(coord))).status).toBe(409);
    await workshopStatus(http, id, 'awaiting_outcomes');
    expect((await http.post(`/workshops/${id}/outcomes`, outcomes, as(member))).status).toBe(403);
    expect(
      (
        await http.post(
          `/workshops/${id}/outcomes`,
          { ...outcomes, documents: [{ title: 'x', url: 'javascript:alert(1)' }] },
          as(coord),
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await http.post(
          `/workshops/${id}/outcomes`,
          { ...outcomes, attendance: [{ cityId: t.outsider.id }] },
          as(coord),
        )
      ).status,
    ).toBe(422);
    const done = await http.post(`/workshops/${id}/outcomes`, outcomes, as(coord));
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({
      status: 'completed',
      attendance: [{ cityId: cities[1], attendees: ['Ana'] }],
      outcomes: { summary: outcomes.summary },
    });
    expect((await http.post(`/workshops/${id}/outcomes`, outcomes, as(coord))).status).toBe(409);
    const published = await http.get(`/peer-learning?cluster=${code}`, as(t.viewer));
    expect(published.body.items.map((e: { kind: string }) => e.kind).sort()).toEqual([
      'challenge',
      'material',
      'practice',
      'success',
    ]);
    expect(
      published.body.items.every(
        (e: { source: string; workshopId: string; cityId: string }) =>
          e.source === 'workshop' && e.workshopId === id && e.cityId === cities[0],
      ),
    ).toBe(true);
  });
});

describe('the list of workshops', () => {
  it('lists across clusters by cluster, status and dates in calendar order, pages, for every role; bad filters are 400', async () => {
    const { code, cities, tokens } = await cluster(2);
    const other = await cluster(1);
    const later = (await http.post(`/clusters/${code}/workshops`, workshopBody({ ...schedule(10 * DAY, 40 * DAY) })))
      .body;
    const sooner = (
      await http.post(`/clusters/${code}/workshops`, workshopBody({ title: 'Sooner', ...schedule(5 * DAY, 20 * DAY) }))
    ).body;
    const elsewhere = (await http.post(`/clusters/${other.code}/workshops`, workshopBody())).body;
    expect([later.id, sooner.id, elsewhere.id].every(Boolean)).toBe(true);
    await http.post(`/workshops/${sooner.id}/rsvp`, { response: 'yes', attendees: ['Ana'] }, as(tokens[1]!));

    const r = await http.get(`/workshops?cluster=${code.toLowerCase()}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.total).toBe(2);
    expect(r.body.items.map((w: { id: string }) => w.id)).toEqual([sooner.id, later.id]);
    expect(r.body.items[0]).toMatchObject({
      cluster: code,
      title: 'Sooner',
      status: 'invitations_open',
      timezone: 'Africa/Nairobi',
      invited: cities.length,
      rsvpCounts: { yes: 1, no: 0, maybe: 0, pending: cities.length - 1 },
    });
    // No experts' addresses, no city's answers: what every role may see.
    expect(r.body.items[0]).not.toHaveProperty('experts');
    expect(r.body.items[0]).not.toHaveProperty('rsvps');

    const ids = async (q: string) =>
      (await http.get(`/workshops?cluster=${code}&${q}`)).body.items.map((w: { id: string }) => w.id);
    expect(await ids(`from=${day(30)}`)).toEqual([later.id]);
    expect(await ids(`to=${day(30)}`)).toEqual([sooner.id]);
    expect(await ids(`from=${day(20)}&to=${day(20)}`)).toEqual([sooner.id]);
    expect(await ids('status=cancelled')).toEqual([]);
    expect(await ids('limit=1&offset=1')).toEqual([later.id]);
    const acrossClusters = (await http.get(`/workshops?from=${day(19)}&to=${day(41)}&limit=200`)).body.items.map(
      (w: { id: string }) => w.id,
    );
    expect(acrossClusters).toEqual(expect.arrayContaining([later.id, sooner.id, elsewhere.id]));

    // The detail route shows a workshop to every role: so does the list.
    for (const token of [t.viewer, t.donor, t.outsider.token, tokens[1]!])
      expect((await http.get(`/workshops?cluster=${code}`, as(token))).body.total).toBe(2);

    for (const [q, field] of [
      ['status=done', 'query.status'],
      ['from=2026-02-30', 'query.from'],
      ['to=1999-01-01', 'query.to'],
      [`from=${day(10)}&to=${day(5)}`, 'query.to'],
      ['cluster=%27%3B', 'query.cluster'],
      ['limit=1e2', 'query.limit'],
    ]) {
      const bad = await http.get(`/workshops?${q}`);
      expect(bad.status, q).toBe(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual([field]);
    }
  });
});
