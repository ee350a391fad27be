// What the city portal needs of the API beyond the console's: a city's own calendar feeds (read-only
// tokens it creates and revokes itself), whether its own ballot is cast, and for coordinators the
// invited cities that have not answered a workshop invitation.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { as, useClusterWorkApp, schedule } from '../support/cluster-work.js';
import { eventually } from '../support/workflow-env.js';

const t = useClusterWorkApp();
const { http, cluster } = t;

describe('calendar feeds of a city', () => {
  it('creates a read-only feed for the own city only, lists it, serves the feed with it, and revokes it', async () => {
    const { cities, tokens } = await cluster(2, 0);
    const [mine, other] = tokens as [string, string];
    const created = await http.post('/me/calendar-feeds', { label: 'My phone' }, as(mine));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      cityId: cities[0],
      label: 'My phone',
      token: expect.stringMatching(/^gnlc_/),
    });
    expect(created.body.httpsUrl).toBe(
      `${t.app.url}/calendar.ics?access_token=${encodeURIComponent(created.body.token)}`,
    );
    expect(created.body.webcalUrl).toBe(created.body.httpsUrl.replace(/^http:\/\//, 'webcal://'));

    // The feed answers with the token in the URL, as a calendar app calls it; it cannot write.
    const feed = await fetch(created.body.httpsUrl);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');
    const write = await http.post('/me/calendar-feeds', {}, as(created.body.token));
    expect(write.status).toBe(403);
    // The token is a city token of that city only: another city's schedule stays closed to it.
    expect((await http.get(`/calendar?city=${cities[1]}`, as(created.body.token))).status).toBe(403);

    const listed = await http.get('/me/calendar-feeds', as(mine));
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((f: { id: string }) => f.id)).toEqual([created.body.id]);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
    expect((await http.get('/me/calendar-feeds', as(other))).body.items).toEqual([]);

    // Another city, the secretariat, a viewer and a donor cannot revoke or create it.
    expect((await http.del(`/me/calendar-feeds/${created.body.id}`, as(other))).status).toBe(404);
    expect((await http.del(`/me/calendar-feeds/${created.body.id}`)).status).toBe(403);
    expect((await http.post('/me/calendar-feeds', {}, as(t.viewer))).status).toBe(403);
    expect((await http.post('/me/calendar-feeds', {}, as(t.donor))).status).toBe(403);
    expect((await fetch(created.body.httpsUrl)).status).toBe(200);

    // A writing city token is not a feed: a city cannot revoke those here.
    expect((await http.del(`/me/calendar-feeds/${randomUUID()}`, as(mine))).status).toBe(404);

    expect((await http.del(`/me/calendar-feeds/${created.body.id}`, as(mine))).status).toBe(204);
    expect((await http.get('/me/calendar-feeds', as(mine))).body.items).toEqual([]);
    await eventually(async () => ((await fetch(created.body.httpsUrl)).status === 401 ? true : undefined), 10_000);
  });

  it('refuses bad bodies and ids with 400 naming the field', async () => {
    const { tokens } = await cluster(1, 0);
    const bad = await http.post('/me/calendar-feeds', { label: '', role: 'secretariat' }, as(tokens[0]!));
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['body.label']));
    expect((await http.del('/me/calendar-feeds/not-a-uuid', as(tokens[0]!))).status).toBe(400);
  });
});

describe("a city's own ballot", () => {
  it('is shown to that city as cast or not, never its choices, never to another city', async () => {
    const { code, cities, tokens } = await cluster(3, 0);
    const [a, b] = cities as [string, string, string];
    const [ta, tb, tc] = tokens as [string, string, string];
    const opened = await http.post(`/clusters/${code}/elections`, {
      termStart: new Date().toISOString().slice(0, 10),
      nominationWindow: 'PT3S',
      votingWindow: 'PT1H',
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(202);
    const id: string = opened.body.id;
    expect((await http.post(`/elections/${id}/nominations`, { cityId: a }, as(ta))).status).toBe(201);
    expect((await http.post(`/elections/${id}/nominations`, { cityId: b }, as(tb))).status).toBe(201);
    await eventually(async () => ((await http.get(`/elections/${id}`)).body.status === 'voting' ? true : undefined));
    expect((await http.get(`/elections/${id}`, as(ta))).body.ownBallot).toBeNull();
    expect((await http.post(`/elections/${id}/ballots`, { approve: [b] }, as(ta))).status).toBe(201);
    const seen = await http.get(`/elections/${id}`, as(ta));
    expect(seen.body.ownBallot).toEqual({ castAt: expect.any(String) });
    expect(JSON.stringify(seen.body.ownBallot)).not.toContain(b);
    expect((await http.get(`/elections/${id}`, as(tc))).body.ownBallot).toBeNull();
    expect((await http.get(`/elections/${id}`)).body).not.toHaveProperty('ownBallot');
    expect((await http.get(`/elections/${id}`, as(t.viewer))).body).not.toHaveProperty('ownBallot');
    await http.post(`/elections/${id}/cancel`, { reason: 'test over' });
  });
});

describe('who has not answered a workshop invitation', () => {
  it('is shown to the coordinators and the secretariat, not to other members', async () => {
    const { code, cities, tokens } = await cluster(3, 1);
    const [coord, member] = tokens as [string, string, string];
    const r = await http.post(
      `/clusters/${code}/workshops`,
      { kind: 'thematic', title: 'Learning neighbourhoods', venue: 'Library', experts: [], ...schedule() },
      as(coord),
    );
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const id: string = r.body.id;
    await eventually(async () =>
      (await http.get(`/workshops/${id}`)).body.status === 'invitations_open' ? true : undefined,
    );
    expect((await http.post(`/workshops/${id}/rsvp`, { response: 'no' }, as(member))).status).toBe(200);
    const byCoordinator = await http.get(`/workshops/${id}`, as(coord));
    expect([...byCoordinator.body.unanswered].sort()).toEqual([cities[0], cities[2]].sort());
    expect(byCoordinator.body.rsvps).toEqual([]);
    expect((await http.get(`/workshops/${id}`)).body.unanswered.sort()).toEqual([cities[0], cities[2]].sort());
    expect((await http.get(`/workshops/${id}`, as(member))).body).not.toHaveProperty('unanswered');
    expect((await http.get(`/workshops/${id}`, as(t.outsider.token))).body).not.toHaveProperty('unanswered');
  });
});
