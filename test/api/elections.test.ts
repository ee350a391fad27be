// Coordinator elections through the HTTP API on the Temporal dev server, with windows of seconds.
// Every scenario gets its own test cluster (seedCluster): cycles and terms of real clusters are shared.
import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawLot } from '../../domain/election.js';
import { openTestApp, sqlOn, type TestApp } from '../support/app.js';
import { type Http, type Fixtures } from '../support/http.js';
import { eventually, seedCluster } from '../support/workflow-env.js';

let app: TestApp;
let http: Http;
let fx: Fixtures;
let viewer: string;
/** A member city of another cluster: eligible nowhere in the test clusters. */
let outsider: { id: string; token: string };

const today = () => new Date().toISOString().slice(0, 10);
const sql = sqlOn(() => app.orm);
const as = (token: string) => ({ token });

beforeAll(async () => {
  ({ app, http, fx } = await openTestApp());
  viewer = await fx.token('viewer');
  const other = await seedCluster(app.orm, 1);
  outsider = { id: other.cities[0]!, token: await fx.token('city', { cityId: other.cities[0]! }) };
});
afterAll(() => app?.close());

/** A fresh test cluster of `n` member cities, each with its own city token. */
async function cluster(n: number) {
  const { cluster: code, cities } = await seedCluster(app.orm, n);
  const tokens = await Promise.all(cities.map((cityId) => fx.token('city', { cityId })));
  return { code, cities, tokens };
}

async function open(code: string, body: Record<string, unknown>): Promise<string> {
  const r = await http.post(`/clusters/${code}/elections`, { termStart: today(), ...body });
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  return r.body.id;
}

/** Polls the election (as the secretariat) until it reaches `expected`. */
const reach = (id: string, expected: string, ms = 20_000) =>
  eventually(
    async () => {
      const r = await http.get(`/elections/${id}`);
      return r.body.status === expected ? r.body : undefined;
    },
    ms,
    `election ${id} to be ${expected}`,
  );

/**
 * A term decided through the API starts an advisory session proposal at once (it starts today): one
 * proposal, listed by the API, and one notice to the secretariat.
 */
async function oneAdvisoryProposal(code: string, termStart: string) {
  const key = `advisory-session-proposal:${code}:${termStart}:proposed:secretariat`;
  await eventually(
    async () => ((await sql(`select 1 from notification where key = ?`, [key])).length ? true : undefined),
    20_000,
    'the advisory session proposal',
  );
  const listed = await http.get(`/advisory-session-proposals?cluster=${code}`);
  expect(listed.status).toBe(200);
  expect(listed.body.items.map((p: { termStart: string; status: string }) => [p.termStart, p.status])).toEqual([
    [termStart, 'proposed'],
  ]);
  expect(
    await sql(`select 1 from notification where key like ?`, [`advisory-session-proposal:${code}:%`]),
  ).toHaveLength(1);
}

const ballots = (id: string) =>
  sql<{ city_id: string; approve: string[] }>(
    `select city_id, approve from ballot where election_id = ? order by city_id`,
    [id],
  );

describe('opening an election', () => {
  it('answers 202 with Location, lists and reads it, and refuses a second, a retired or unknown cluster, other roles and bad bodies', async () => {
    const { code, tokens } = await cluster(2);
    const r = await http.post(`/clusters/${code.toLowerCase()}/elections`, {
      termStart: today(),
      nominationWindow: 'PT1H',
    });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({
      id: expect.any(String),
      status: 'nominating',
      cluster: code,
      seats: 1,
      termStart: today(),
    });
    expect(r.headers.get('location')).toBe(`/elections/${r.body.id}`);
    const id: string = r.body.id;
    const got = await http.get(`/elections/${id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id, status: 'nominating', turnout: { cast: 0, eligible: 2 }, cancelReason: null });
    // The election writes its first deadline as it starts, just after the row it opens with.
    const opened = await eventually(async () => {
      const e = await http.get(`/elections/${id}`);
      return e.body.deadlines.nominationsClose ? e.body : undefined;
    });
    expect(opened.deadlines.nominationsClose).toEqual(expect.any(String));

    const second = await http.post(`/clusters/${code}/elections`, { termStart: today() });
    expect(second.status).toBe(409);
    expect(second.headers.get('content-type')).toMatch(/application\/problem\+json/);

    const retired = await seedCluster(app.orm, 1);
    await sql(`update cluster set status = 'retired' where code = ?`, [retired.cluster]);
    expect((await http.post(`/clusters/${retired.cluster}/elections`, { termStart: today() })).status).toBe(422);
    expect(
      (await http.post(`/clusters/NOPE${randomUUID().slice(0, 4)}/elections`, { termStart: today() })).status,
    ).toBe(404);
    expect((await http.post(`/clusters/${code}/elections`, { termStart: today() }, as(viewer))).status).toBe(403);
    expect((await http.post(`/clusters/${code}/elections`, { termStart: today() }, as(tokens[0]!))).status).toBe(403);

    const bad = await http.post(`/clusters/${code}/elections`, {
      termStart: '2027-02-30',
      seats: 0,
      votingWindow: '14 days',
      quorum: 1.5,
      colour: 'red',
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['body.quorum', 'body.seats', 'body.termStart', 'body.votingWindow']));
    expect(
      bad.body.errors.some((e: { path: string; message: string }) => e.path === 'body' && /colour/.test(e.message)),
    ).toBe(true);

    const list = await http.get(`/elections?cluster=${code.toLowerCase()}`);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, items: [{ id, status: 'nominating' }] });
    expect((await http.get(`/elections?cluster=${code}&status=nominating`)).body.total).toBe(1);
    expect((await http.get(`/elections?cluster=${code}&status=decided`)).body.total).toBe(0);
    expect((await http.get(`/elections?status=finished`)).status).toBe(400);
    expect((await http.get(`/elections/${randomUUID()}`)).status).toBe(404);
    expect((await http.get(`/elections/not-a-uuid`)).status).toBe(400);

    // Cancelling frees the cluster's cycle for the next election.
    await http.post(`/elections/${id}/cancel`, { reason: 'opened by mistake' });
    const again = await eventually(
      async () => {
        const a = await http.post(`/clusters/${code}/elections`, { termStart: today(), nominationWindow: 'PT1H' });
        return a.status === 409 ? undefined : a;
      },
      10_000,
      'the cycle to accept a new election',
    );
    expect(again.status).toBe(202);
    expect(again.body.id).not.toBe(id);
    await http.post(`/elections/${again.body.id}/cancel`, { reason: 'test over' });
  });

  it('cancels with a reason, tells every member, and then refuses every message with 409', async () => {
    const { code, cities, tokens } = await cluster(3);
    const [a, b] = cities as [string, string];
    const [ta, tb] = tokens as [string, string];
    const id = await open(code, { nominationWindow: 'PT1H' });
    expect((await http.post(`/elections/${id}/nominations`, { cityId: a }, as(ta))).status).toBe(201);
    expect((await http.post(`/elections/${id}/nominations`, { cityId: b }, as(ta))).status).toBe(201);

    expect((await http.post(`/elections/${id}/cancel`, { reason: 'x' })).status).toBe(400);
    expect((await http.post(`/elections/${id}/cancel`, { reason: 'the cluster is being merged' }, as(ta))).status).toBe(
      403,
    );
    const c = await http.post(`/elections/${id}/cancel`, { reason: 'the cluster is being merged' });
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({ status: 'cancelled', cancelReason: 'the cluster is being merged' });

    const refusals = await Promise.all([
      http.post(`/elections/${id}/nominations`, { cityId: cities[2] }, as(ta)),
      http.post(`/elections/${id}/nominations/${b}/accept`, undefined, as(tb)),
      http.post(`/elections/${id}/nominations/${a}/withdraw`, undefined, as(ta)),
      http.post(`/elections/${id}/ballots`, { approve: [a] }, as(tb)),
      http.post(`/elections/${id}/tie-break`, { elected: [a] }),
      http.post(`/elections/${id}/appoint`, { cityIds: [a] }),
      http.post(`/elections/${id}/cancel`, { reason: 'once more' }),
    ]);
    expect(refusals.map((r) => r.status)).toEqual([409, 409, 409, 409, 409, 409, 409]);
    expect(
      (await http.get(`/elections?cluster=${code}&status=cancelled`)).body.items.map((e: { id: string }) => e.id),
    ).toEqual([id]);
    const told = await eventually(
      async () => {
        const n = await http.get(`/notifications?kind=election.cancelled&resource=/elections/${id}`, as(tb));
        return n.body.total === 1 ? n.body.items[0] : undefined;
      },
      10_000,
      'the cancellation notice',
    );
    expect(told).toMatchObject({
      cityId: b,
      subject: `The ${code} coordinator election was cancelled`,
      body: 'The secretariat cancelled the election: the cluster is being merged',
      link: `/app/city/elections/${id}`,
    });
  });
});

describe.concurrent('elections that run their windows', () => {
  it('nominates, votes in secret, re-casts, refuses bad ballots without recording them, and publishes tallies', async () => {
    const { code, cities, tokens } = await cluster(5);
    const [a, b, c, d, e] = cities as [string, string, string, string, string];
    const [ta, tb, tc, td, te] = tokens as [string, string, string, string, string];
    // Windows leave room for the dozen requests each step sends.
    const id = await open(code, { nominationWindow: 'PT6S', votingWindow: 'PT6S' });

    // Nominations: itself → accepted; another city → pending until that city accepts.
    const self = await http.post(
      `/elections/${id}/nominations`,
      { cityId: a, statement: 'We coordinated the 2023 webinars.' },
      as(ta),
    );
    expect(self.status).toBe(201);
    expect(self.headers.get('location')).toBe(`/elections/${id}/nominations/${a}`);
    expect(self.body.nominees).toEqual([
      { cityId: a, status: 'accepted', statement: 'We coordinated the 2023 webinars.' },
    ]);
    const other = await http.post(`/elections/${id}/nominations`, { cityId: b }, as(tc));
    expect(other.body.nominees.find((n: { cityId: string }) => n.cityId === b).status).toBe('pending_acceptance');
    expect((await http.post(`/elections/${id}/nominations/${b}/accept`, undefined, as(td))).status).toBe(403);
    expect((await http.post(`/elections/${id}/nominations/${b}/accept`, undefined, as(viewer))).status).toBe(403);
    const accepted = await http.post(`/elections/${id}/nominations/${b}/accept`, undefined, as(tb));
    expect(accepted.status).toBe(200);
    expect(accepted.body.nominees.find((n: { cityId: string }) => n.cityId === b).status).toBe('accepted');
    expect((await http.post(`/elections/${id}/nominations/${b}/accept`, undefined, as(tb))).status).toBe(409);
    expect((await http.post(`/elections/${id}/nominations`, { cityId: a }, as(tb))).status).toBe(409);
    const stranger = await http.post(`/elections/${id}/nominations`, { cityId: c }, as(outsider.token));
    expect(stranger.body).toMatchObject({ status: 403, title: 'Forbidden' });
    expect((await http.post(`/elections/${id}/nominations`, { cityId: outsider.id }, as(tc))).status).toBe(422);
    expect((await http.post(`/elections/${id}/nominations`, { cityId: c, extra: 1 }, as(tc))).status).toBe(400);
    // The secretariat nominates e, which never accepts; d stands and withdraws again.
    expect((await http.post(`/elections/${id}/nominations`, { cityId: e })).status).toBe(201);
    expect((await http.post(`/elections/${id}/nominations`, { cityId: d }, as(td))).status).toBe(201);
    expect((await http.post(`/elections/${id}/nominations/${d}/withdraw`, undefined, as(ta))).status).toBe(403);
    const withdrawn = await http.post(`/elections/${id}/nominations/${d}/withdraw`, undefined, as(td));
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.nominees.find((n: { cityId: string }) => n.cityId === d).status).toBe('withdrawn');
    expect((await http.post(`/elections/${id}/ballots`, { approve: [a] }, as(tc))).status).toBe(409);
    const nominated = await http.get(`/notifications?kind=election.nominated&resource=/elections/${id}`, as(tb));
    expect(nominated.body.items.map((n: { cityId: string }) => n.cityId)).toEqual([b]);

    const voting = await reach(id, 'voting');
    expect(voting.deadlines).toMatchObject({ votingOpens: expect.any(String), votingCloses: expect.any(String) });
    expect((await http.post(`/elections/${id}/nominations/${a}/withdraw`, undefined, as(ta))).status).toBe(409);
    expect((await http.post(`/elections/${id}/nominations`, { cityId: c }, as(tc))).status).toBe(409);

    // Ballots.
    const first = await http.post(`/elections/${id}/ballots`, { approve: [a] }, as(ta));
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ turnout: { cast: 1, eligible: 5 } });
    const refused = [
      [await http.post(`/elections/${id}/ballots`, { approve: [a] }, as(outsider.token)), 403],
      [await http.post(`/elections/${id}/ballots`, { approve: [a] }), 403],
      [await http.post(`/elections/${id}/ballots`, { approve: [a] }, as(viewer)), 403],
      [await http.post(`/elections/${id}/ballots`, { approve: [a, b] }, as(tc)), 422],
      [await http.post(`/elections/${id}/ballots`, { approve: [c] }, as(tc)), 422],
      [await http.post(`/elections/${id}/ballots`, { approve: [e] }, as(tc)), 422],
      [await http.post(`/elections/${id}/ballots`, { approve: [d] }, as(tc)), 422],
      [await http.post(`/elections/${id}/ballots`, { approve: [b, b] }, as(tc)), 400],
      [await http.post(`/elections/${id}/ballots`, { approve: [] }, as(tc)), 400],
      [await http.post(`/elections/${id}/ballots`, { approve: ['b'] }, as(tc)), 400],
      [await http.post(`/elections/${id}/ballots`, { approve: [a, b] }, as(ta)), 422],
    ] as const;
    expect(refused.map(([r]) => r.status)).toEqual(refused.map(([, s]) => s));
    for (const [r, status] of refused) {
      expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(r.body.status).toBe(status);
      expect(r.body.title).toBe({ 400: 'Bad Request', 403: 'Forbidden', 422: 'Unprocessable Content' }[status]);
    }
    expect(await ballots(id)).toEqual([{ city_id: a, approve: [a] }]);

    // Re-casting replaces: b first approves a, then itself.
    expect((await http.post(`/elections/${id}/ballots`, { approve: [a] }, as(tb))).body.turnout).toEqual({
      cast: 2,
      eligible: 5,
    });
    expect((await http.post(`/elections/${id}/ballots`, { approve: [b] }, as(tb))).body.turnout).toEqual({
      cast: 2,
      eligible: 5,
    });
    expect((await http.post(`/elections/${id}/ballots`, { approve: [b] }, as(tc))).status).toBe(201);
    expect((await http.post(`/elections/${id}/ballots`, { approve: [b] }, as(td))).status).toBe(201);
    expect((await ballots(id)).map((r) => [r.city_id, r.approve])).toEqual(
      [
        [a, [a]],
        [b, [b]],
        [c, [b]],
        [d, [b]],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );

    // Secrecy while voting: turnout for members and the secretariat, never tallies or choices.
    for (const token of [te, undefined]) {
      const seen = await http.get(`/elections/${id}`, token ? as(token) : {});
      expect(seen.body.status).toBe('voting');
      expect(seen.body.turnout).toEqual({ cast: 4, eligible: 5 });
      expect(seen.body.results).toBeUndefined();
      expect(JSON.stringify(seen.body)).not.toMatch(/approv|tall/i);
    }
    for (const token of [viewer, outsider.token]) {
      const seen = await http.get(`/elections/${id}`, as(token));
      expect(seen.status).toBe(200);
      expect(seen.body.turnout).toBeUndefined();
      expect(seen.body.results).toBeUndefined();
      expect((await http.get(`/elections?cluster=${code}`, as(token))).body.items[0].turnout).toBeUndefined();
    }

    const decided = await reach(id, 'decided');
    expect(decided.results).toMatchObject({
      elected: [b],
      tallies: [
        { cityId: b, approvals: 3 },
        { cityId: a, approvals: 1 },
      ],
      quorumMet: true,
      flags: [],
    });
    expect((await http.get(`/elections/${id}`, as(viewer))).body.results.tallies).toEqual(decided.results.tallies);
    expect((await http.post(`/elections/${id}/ballots`, { approve: [a] }, as(te))).status).toBe(409);
    expect(
      (await http.get(`/elections?cluster=${code}&status=decided`)).body.items.map((x: { id: string }) => x.id),
    ).toEqual([id]);

    const terms = await http.get(`/clusters/${code}/coordinators`, as(viewer));
    expect(terms.status).toBe(200);
    expect(terms.body.items).toEqual([
      { cityId: b, termStart: today(), termEnd: decided.termEnd, electionId: id, appointed: false, current: true },
    ]);
    const before = await http.get(`/clusters/${code}/coordinators?on=2012-01-01`);
    expect(before.body.items[0].current).toBe(false);
    expect((await http.get(`/clusters/NOPE${randomUUID().slice(0, 4)}/coordinators`)).status).toBe(404);
    expect((await http.get(`/clusters/${code}/coordinators?on=yesterday`)).status).toBe(400);

    const result = await eventually(
      async () => {
        const n = await http.get(`/notifications?kind=election.result&resource=/elections/${id}`, as(td));
        return n.body.total === 1 ? n.body.items[0] : undefined;
      },
      10_000,
      'the result notice',
    );
    expect(result).toMatchObject({ recipientKind: 'city', cityId: d, kind: 'election.result' });
    // Cities by name (seedCluster names them City <cluster>-<i>), b being the second.
    expect(result.body).toContain(`Elected: City ${code}-1 (by vote).`);
    expect(
      (await http.get(`/notifications?kind=election.result&resource=/elections/${id}`, as(outsider.token))).body.total,
    ).toBe(0);
    const reminded = await http.get(`/notifications?kind=election.vote-reminder&resource=/elections/${id}`, as(te));
    expect(reminded.body.total).toBeGreaterThan(0);
  });

  it('leaves a tie to the secretariat, who names the tied nominees it elects', async () => {
    const { code, cities, tokens } = await cluster(4);
    const [a, b, c] = cities as [string, string, string];
    const id = await open(code, { nominationWindow: 'PT3S', votingWindow: 'PT3S', tieBreakWindow: 'PT1H' });
    await http.post(`/elections/${id}/nominations`, { cityId: a }, as(tokens[0]!));
    await http.post(`/elections/${id}/nominations`, { cityId: b }, as(tokens[1]!));
    expect((await http.post(`/elections/${id}/tie-break`, { elected: [a] })).status).toBe(409);
    await reach(id, 'voting');
    const votes = [[a], [b], [a], [b]].map((approve, i) =>
      http.post(`/elections/${id}/ballots`, { approve }, as(tokens[i]!)),
    );
    expect((await Promise.all(votes)).map((r) => r.status)).toEqual([201, 201, 201, 201]);

    const tied = await reach(id, 'awaiting_tie_break');
    expect(tied.results).toBeUndefined();
    expect(tied.deadlines.tieBreakBy).toEqual(expect.any(String));
    const notice = await eventually(
      async () => (await http.get(`/notifications?kind=election.tie&resource=/elections/${id}`)).body.items[0],
      10_000,
      'the tie notice',
    );
    // The tied nominees by name (seedCluster's City <cluster>-<i>).
    expect(notice.body).toMatch(
      new RegExp(`^Nominees City ${code}-[01] and City ${code}-[01] are tied for 1 seat\\(s\\)`),
    );
    expect(notice.body).toContain(`City ${code}-0`);
    expect(notice.body).toContain(`City ${code}-1`);

    expect((await http.post(`/elections/${id}/tie-break`, { elected: [a] }, as(tokens[0]!))).status).toBe(403);
    expect((await http.post(`/elections/${id}/tie-break`, { elected: [c] })).status).toBe(422);
    expect((await http.post(`/elections/${id}/tie-break`, { elected: [a, b] })).status).toBe(422);
    expect((await http.post(`/elections/${id}/tie-break`, { elected: [] })).status).toBe(400);
    const broken = await http.post(`/elections/${id}/tie-break`, { elected: [b] });
    expect(broken.status).toBe(200);
    expect(broken.body).toMatchObject({
      status: 'decided',
      results: { elected: [b], flags: ['tie_broken_by_secretariat'] },
    });
    expect(broken.body.results.tallies).toEqual(
      [
        { cityId: a, approvals: 2 },
        { cityId: b, approvals: 2 },
      ].sort((x, y) => (x.cityId < y.cityId ? -1 : 1)),
    );
    expect((await http.post(`/elections/${id}/tie-break`, { elected: [b] })).status).toBe(409);
    expect(
      (await http.get(`/clusters/${code}/coordinators`)).body.items.map((t: { cityId: string }) => t.cityId),
    ).toEqual([b]);
  });

  it('keeps ballots sealed in the Temporal history (UI, CLI), while the API still tallies them', async () => {
    const { code, cities, tokens } = await cluster(3);
    const [a, b] = cities as [string, string];
    const id = await open(code, { nominationWindow: 'PT3S', votingWindow: 'PT3S' });
    await http.post(`/elections/${id}/nominations`, { cityId: a }, as(tokens[0]!));
    await http.post(`/elections/${id}/nominations`, { cityId: b }, as(tokens[1]!));
    await reach(id, 'voting');
    const votes = [[b], [a], [b]].map((approve, i) =>
      http.post(`/elections/${id}/ballots`, { approve }, as(tokens[i]!)),
    );
    expect((await Promise.all(votes)).map((r) => r.status)).toEqual([201, 201, 201]);
    const decided = await reach(id, 'decided');
    expect(decided.results.elected).toEqual([b]);
    expect(decided.results.tallies).toEqual([
      { cityId: b, approvals: 2 },
      { cityId: a, approvals: 1 },
    ]);

    // What an operator sees: the history through a client without the codec.
    const plain = new Client({ connection: app.client.connection });
    const { events } = await plain.workflow.getHandle(decided.workflowId).fetchHistory();
    const ballotPayloads = events!.flatMap((e) => {
      const update = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest;
      if (update?.input?.name === 'castBallot') return update.input?.args?.payloads ?? [];
      const activity = e.activityTaskScheduledEventAttributes;
      if (activity?.activityType?.name === 'saveBallot') return activity.input?.payloads ?? [];
      return [];
    });
    expect(ballotPayloads).toHaveLength(6); // three updates, three activities
    for (const p of ballotPayloads) {
      expect(Buffer.from(p.metadata!.encoding!).toString()).toBe('binary/encrypted');
      const bytes = Buffer.from(p.data!).toString('latin1');
      for (const city of cities) expect(bytes).not.toContain(city);
    }
    // Everything else stays readable: the nominations name their city in plain JSON.
    const nominations = events!.flatMap((e) => {
      const update = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest;
      return update?.input?.name === 'nominate' ? (update.input?.args?.payloads ?? []) : [];
    });
    expect(nominations.map((p) => JSON.parse(Buffer.from(p.data!).toString()).cityId)).toEqual([a, b]);
  });

  it('draws a re-checkable lot when the tie-break window passes', async () => {
    const { code, cities, tokens } = await cluster(2);
    const [a, b] = cities as [string, string];
    const id = await open(code, { nominationWindow: 'PT3S', votingWindow: 'PT3S', tieBreakWindow: 'PT1S' });
    await http.post(`/elections/${id}/nominations`, { cityId: a }, as(tokens[0]!));
    await http.post(`/elections/${id}/nominations`, { cityId: b }, as(tokens[1]!));
    await reach(id, 'voting');
    await http.post(`/elections/${id}/ballots`, { approve: [a] }, as(tokens[0]!));
    await http.post(`/elections/${id}/ballots`, { approve: [b] }, as(tokens[1]!));
    const decided = await reach(id, 'decided');
    expect(decided.results.flags).toEqual(['lot']);
    const { lot } = decided.results;
    expect(lot.candidates.sort()).toEqual([a, b].sort());
    expect(decided.results.elected).toEqual(drawLot(lot.candidates, 1, lot.seed));
  });

  it('extends nominations once, then lets the secretariat appoint when nobody stood', async () => {
    const { code, cities, tokens } = await cluster(3);
    const [a, b] = cities as [string, string];
    const id = await open(code, { seats: 2, nominationWindow: 'PT2S', nominationExtension: 'PT1S' });
    expect((await http.post(`/elections/${id}/appoint`, { cityIds: [a] })).status).toBe(409);
    const extended = await eventually(
      async () => {
        const r = await http.get(`/elections/${id}`);
        return r.body.deadlines.nominationsExtended ? r.body : undefined;
      },
      10_000,
      'the nomination extension',
    );
    expect(extended.status).toBe('nominating');
    await reach(id, 'no_candidates');
    // The status is written before the notice, so the notice may trail it.
    await eventually(
      async () =>
        (await http.get(`/notifications?kind=election.no-candidates&resource=/elections/${id}`)).body.total === 1
          ? true
          : undefined,
      10_000,
      'the no-candidates notice',
    );

    expect((await http.post(`/elections/${id}/appoint`, { cityIds: [a] }, as(tokens[0]!))).status).toBe(403);
    expect((await http.post(`/elections/${id}/appoint`, { cityIds: [outsider.id] })).status).toBe(422);
    expect((await http.post(`/elections/${id}/appoint`, { cityIds: [a, b, cities[2]] })).status).toBe(422);
    expect((await http.post(`/elections/${id}/appoint`, { cityIds: [a, a] })).status).toBe(400);
    expect((await http.post(`/elections/${id}/appoint`, { cityIds: ['a'] })).status).toBe(400);
    const appointed = await http.post(`/elections/${id}/appoint`, { cityIds: [a, b] });
    expect(appointed.status).toBe(200);
    expect(appointed.body).toMatchObject({ status: 'decided', results: { flags: ['appointed'] } });
    expect(appointed.body.results.elected.sort()).toEqual([a, b].sort());
    expect((await http.post(`/elections/${id}/appoint`, { cityIds: [a] })).status).toBe(409);
    const terms = await http.get(`/clusters/${code}/coordinators`);
    expect(
      terms.body.items.map((t: { cityId: string; appointed: boolean; current: boolean }) => [
        t.cityId,
        t.appointed,
        t.current,
      ]),
    ).toEqual([a, b].sort().map((x) => [x, true, true]));
    // An appointed term is a term like another: its advisory session is proposed once.
    await oneAdvisoryProposal(code, today());
  });

  it('elects by acclamation without a vote when the candidates do not exceed the seats', async () => {
    const { code, cities, tokens } = await cluster(3);
    const [a] = cities as [string];
    const id = await open(code, { nominationWindow: 'PT2S' });
    await http.post(`/elections/${id}/nominations`, { cityId: a }, as(tokens[0]!));
    const decided = await reach(id, 'decided');
    expect(decided.results).toMatchObject({ elected: [a], flags: ['acclamation'], tallies: [] });
    expect(decided.deadlines.votingOpens).toBeUndefined();
    expect(await ballots(id)).toEqual([]);
    // Opened directly by POST /clusters/:code/elections, the election still runs in the cluster's cycle, which proposes.
    await oneAdvisoryProposal(code, today());
  });
});

describe('an election whose process fails', () => {
  it('is closed, the secretariat told, and the cluster can open a new one at once', async () => {
    const { code } = await cluster(2);
    const id = await open(code, {});
    const workflowId: string = (await http.get(`/elections/${id}`)).body.workflowId;
    // A process that cannot go on, stopped as an operator stops a stuck one.
    await app.client.workflow.getHandle(workflowId).terminate('stuck on bad data');
    const closed = await reach(id, 'cancelled');
    expect(closed.cancelReason).toMatch(/^the election's process failed: /);
    const told = await eventually(async () => {
      const r = await http.get(`/notifications?kind=election.failed&resource=/elections/${id}`);
      return r.body.total === 1 ? r.body.items[0] : undefined;
    });
    expect(told.subject).toBe(`The ${code} coordinator election failed`);
    const again = await eventually(async () => {
      const r = await http.post(`/clusters/${code}/elections`, { termStart: today() });
      return r.status === 202 ? r : undefined;
    });
    expect(again.body.id).not.toBe(id);
    expect(again.body.workflowId).toBe(workflowId);
  });
});
