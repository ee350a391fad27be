// Durability: the worker runs as a process of its own and is SIGKILLed while ballots are in flight.
// Every acknowledged ballot must survive, none twice, and the result must count exactly those sent.
import { describe, expect, it } from 'vitest';
import { useWorkerProcesses } from '../support/worker-process.js';
import { eventually, seedCluster } from '../support/workflow-env.js';

const VOTERS = 12;
const workers = useWorkerProcesses();
const { start: startWorker, kill: killGroup, awaitNewPoller } = workers;

describe('a worker killed mid-vote', () => {
  it('loses no acknowledged ballot, records none twice, and counts exactly the ballots sent', async () => {
    const { http, fx } = workers.ctx;
    const first = startWorker();
    const { cluster, cities } = await seedCluster(workers.ctx.app.orm, VOTERS + 1);
    const tokens = await Promise.all(cities.map((cityId) => fx.token('city', { cityId })));
    const firstPoller = await awaitNewPoller([], first);

    const opened = await http.post(`/clusters/${cluster}/elections`, {
      termStart: new Date().toISOString().slice(0, 10),
      seats: 2,
      nominationWindow: 'PT3S',
      votingWindow: 'PT20S',
    });
    expect(opened.status).toBe(202);
    const id: string = opened.body.id;
    const nominees = cities.slice(0, 3);
    for (const [i, cityId] of nominees.entries()) {
      expect((await http.post(`/elections/${id}/nominations`, { cityId }, { token: tokens[i]! })).status).toBe(201);
    }
    const voting = await eventually(
      async () => {
        const r = await http.get(`/elections/${id}`);
        return r.body.status === 'voting' ? r.body : undefined;
      },
      15_000,
      'voting to open',
    );

    // One or two choices each, with no tie for the second seat: 9, 5 and 7 approvals.
    const [n0, n1, n2] = nominees as [string, string, string];
    const sent = cities
      .slice(0, VOTERS)
      .map((cityId, i) => ({ cityId, token: tokens[i]!, approve: i < 5 ? [n0, n1] : i < 9 ? [n2, n0] : [n2] }));
    const cast = (b: (typeof sent)[number]) =>
      http.post(`/elections/${id}/ballots`, { approve: b.approve }, { token: b.token });

    // Half go out together; at the first acknowledgement the worker dies with the rest in flight,
    // and the other half is sent while no worker runs at all.
    const firstHalf = sent.slice(0, VOTERS / 2).map(cast);
    await Promise.race(firstHalf);
    await killGroup(first);
    const secondHalf = sent.slice(VOTERS / 2).map(cast);
    const second = startWorker();
    await awaitNewPoller([firstPoller], second);

    const answers = await Promise.all([...firstHalf, ...secondHalf]);
    expect(answers.map((r) => r.status)).toEqual(sent.map(() => 201));
    // The crash costs seconds (task timeouts), not the rest of the vote.
    expect(Date.now()).toBeLessThan(Date.parse(voting.deadlines.votingCloses));

    const rows = await workers.ctx.app.orm.em
      .getConnection()
      .execute<{ city_id: string; approve: string[] }[]>(`select city_id, approve from ballot where election_id = ?`, [
        id,
      ]);
    expect(rows).toHaveLength(VOTERS);
    expect(new Set(rows.map((r) => r.city_id)).size).toBe(VOTERS);
    const byCity = new Map(rows.map((r) => [r.city_id, r.approve]));
    for (const b of sent) expect(byCity.get(b.cityId)).toEqual(b.approve);

    const decided = await eventually(
      async () => {
        const r = await http.get(`/elections/${id}`);
        return r.body.status === 'decided' ? r.body : undefined;
      },
      40_000,
      'the election to be decided',
    );
    const expected = new Map(nominees.map((n) => [n, 0]));
    for (const b of sent) for (const n of b.approve) expected.set(n, expected.get(n)! + 1);
    const tallies = Object.fromEntries(
      decided.results.tallies.map((t: { cityId: string; approvals: number }) => [t.cityId, t.approvals]),
    );
    expect(tallies).toEqual(Object.fromEntries(expected));
    expect(decided.results.turnout).toEqual({ cast: VOTERS, eligible: VOTERS + 1 });
    expect(decided.results.elected).toEqual([n0, n2]);
  }, 90_000);
});
