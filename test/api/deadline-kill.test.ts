// Deadlines by the clock: with no worker running past votingCloses, the election's workflow is behind
// (the timer that closes the vote is still to be handled). A ballot that arrives then is refused, and
// the reminders whose moment went by while nobody ran are dropped, not sent saying "closes at" a past time.
import { describe, expect, it } from 'vitest';
import { useWorkerProcesses } from '../support/worker-process.js';
import { eventually, seedCluster } from '../support/workflow-env.js';

const workers = useWorkerProcesses();
const { start: startWorker, kill, awaitNewPoller } = workers;

describe('a worker down past the close of a vote', () => {
  it('refuses a ballot after votingCloses and drops the reminders that went stale', async () => {
    const { http, fx, app } = workers.ctx;
    const first = startWorker();
    const { cluster, cities } = await seedCluster(app.orm, 4);
    const tokens = await Promise.all(cities.map((cityId) => fx.token('city', { cityId })));
    const firstPoller = await awaitNewPoller([], first);
    const [a, b, c] = cities as [string, string, string];
    const opened = await http.post(`/clusters/${cluster}/elections`, {
      termStart: new Date().toISOString().slice(0, 10),
      nominationWindow: 'PT3S',
      // Reminders to non-voters at 5 s and 9 s.
      votingWindow: 'PT10S',
    });
    expect(opened.status).toBe(202);
    const id: string = opened.body.id;
    for (const [i, cityId] of [a, b].entries())
      expect((await http.post(`/elections/${id}/nominations`, { cityId }, { token: tokens[i]! })).status).toBe(201);
    const voting = await eventually(
      async () => {
        const r = await http.get(`/elections/${id}`);
        return r.body.status === 'voting' ? r.body : undefined;
      },
      15_000,
      'voting to open',
    );
    // Three of four vote (quorum met, so no extension), then the worker dies before the first reminder.
    for (const [i, approve] of [[a], [b], [a]].entries())
      expect((await http.post(`/elections/${id}/ballots`, { approve }, { token: tokens[i]! })).status).toBe(201);
    const closes = Date.parse(voting.deadlines.votingCloses);
    await kill(first);
    expect(Date.now()).toBeLessThan(closes - 5_000);

    await eventually(async () => (Date.now() > closes + 1_000 ? true : undefined), 20_000, 'the vote to close');
    // d's ballot arrives after votingCloses, while the workflow still has the close to handle.
    const late = http.post(`/elections/${id}/ballots`, { approve: [b] }, { token: tokens[3]! });
    const second = startWorker();
    await awaitNewPoller([firstPoller], second);
    const refused = await late;
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body.detail).toMatch(/voting closed at/);

    const decided = await eventually(
      async () => {
        const r = await http.get(`/elections/${id}`);
        return r.body.status === 'decided' ? r.body : undefined;
      },
      30_000,
      'the election to be decided',
    );
    expect(decided.results.turnout).toEqual({ cast: 3, eligible: 4 });
    expect(decided.results.elected).toEqual([a]);
    const ballots = await app.orm.em
      .getConnection()
      .execute<{ city_id: string }[]>('select city_id from ballot where election_id = ?', [id]);
    expect(ballots.map((r) => r.city_id).sort()).toEqual([a, b, c].sort());
    const reminders = await app.orm.em
      .getConnection()
      .execute<{ n: string }[]>(`select count(*) as n from notification where resource = ? and kind = ?`, [
        `/elections/${id}`,
        'election.vote-reminder',
      ]);
    expect(Number(reminders[0]!.n)).toBe(0);
  }, 90_000);
});
