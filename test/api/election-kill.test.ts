// Durability: the worker runs as a process of its own and is SIGKILLed while ballots are in flight.
// Every acknowledged ballot must survive, none twice, and the result must count exactly those sent.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { fixtures, httpClient, type Http } from '../support/http.js';
import { eventually, seedCluster } from '../support/workflow-env.js';

const ROOT = join(import.meta.dirname, '..', '..');
const VOTERS = 12;

let app: TestApp;
let http: Http;
let dataDir: string;
const workers: ChildProcess[] = [];

/** `tsx main.ts worker` in a process group of its own, so a kill reaches tsx's node child too. */
function startWorker(): ChildProcess {
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['main.ts', 'worker'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: inject('databaseUrl'),
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_TASK_QUEUE: app.taskQueue,
      START_CLUSTER_CYCLES: 'false',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
    },
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  child.once('exit', (code, signal) => {
    if (signal !== 'SIGKILL' && code !== 0) console.error(`worker ${child.pid} exited ${code ?? signal}:\n${stderr}`);
  });
  workers.push(child);
  return child;
}

const alive = (c: ChildProcess) => c.exitCode === null && c.signalCode === null;

function killGroup(c: ChildProcess): Promise<void> {
  if (!alive(c)) return Promise.resolve();
  const exited = new Promise<void>((r) => c.once('exit', () => r()));
  process.kill(-c.pid!, 'SIGKILL');
  return exited;
}

/** Identities of the workers polling the test's task queue for workflow tasks. */
async function pollers(): Promise<string[]> {
  const r = await app.client.workflowService.describeTaskQueue({
    namespace: 'default',
    taskQueue: { name: app.taskQueue },
    taskQueueType: 1, // TASK_QUEUE_TYPE_WORKFLOW
  });
  return (r.pollers ?? []).map((p) => p.identity ?? '');
}

/** Waits for a poller that was not there before: the worker just started is up. */
async function awaitNewPoller(known: string[], child: ChildProcess): Promise<string> {
  return eventually(async () => {
    if (!alive(child)) throw new Error('the worker process exited before it polled');
    return (await pollers()).find((p) => !known.includes(p));
  }, 40_000, 'the worker to poll');
}

beforeAll(async () => {
  app = await startTestApp({ worker: false });
  http = httpClient(app.url);
  dataDir = await mkdtemp(join(tmpdir(), 'gnlc-kill-'));
});

afterAll(async () => {
  // Closing waits for ballot requests still in flight, which only a running worker can finish; a
  // failed test must not hang here, so the wait is bounded before the workers are killed.
  const closed = app?.close();
  let bound: NodeJS.Timeout | undefined;
  await Promise.race([closed, new Promise((r) => (bound = setTimeout(r, 20_000)))]);
  clearTimeout(bound);
  await Promise.all(workers.map(killGroup));
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('a worker killed mid-vote', () => {
  it('loses no acknowledged ballot, records none twice, and counts exactly the ballots sent', async () => {
    const fx = fixtures(http);
    const first = startWorker();
    const { cluster, cities } = await seedCluster(app.orm, VOTERS + 1);
    const tokens = await Promise.all(cities.map((cityId) => fx.token('city', { cityId })));
    const firstPoller = await awaitNewPoller([], first);

    const opened = await http.post(`/clusters/${cluster}/elections`, { termStart: new Date().toISOString().slice(0, 10), seats: 2, nominationWindow: 'PT3S', votingWindow: 'PT20S' });
    expect(opened.status).toBe(202);
    const id: string = opened.body.id;
    const nominees = cities.slice(0, 3);
    for (const [i, cityId] of nominees.entries()) {
      expect((await http.post(`/elections/${id}/nominations`, { cityId }, { token: tokens[i]! })).status).toBe(201);
    }
    const voting = await eventually(async () => {
      const r = await http.get(`/elections/${id}`);
      return r.body.phase === 'voting' ? r.body : undefined;
    }, 15_000, 'voting to open');

    // One or two choices each, with no tie for the second seat: 9, 5 and 7 approvals.
    const [n0, n1, n2] = nominees as [string, string, string];
    const sent = cities.slice(0, VOTERS).map((cityId, i) => ({ cityId, token: tokens[i]!, approve: i < 5 ? [n0, n1] : i < 9 ? [n2, n0] : [n2] }));
    const cast = (b: (typeof sent)[number]) => http.post(`/elections/${id}/ballots`, { approve: b.approve }, { token: b.token });

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

    const rows = await app.orm.em
      .getConnection()
      .execute<{ city_id: string; approve: string[] }[]>(`select city_id, approve from ballot where election_id = ?`, [id]);
    expect(rows).toHaveLength(VOTERS);
    expect(new Set(rows.map((r) => r.city_id)).size).toBe(VOTERS);
    const byCity = new Map(rows.map((r) => [r.city_id, r.approve]));
    for (const b of sent) expect(byCity.get(b.cityId)).toEqual(b.approve);

    const decided = await eventually(async () => {
      const r = await http.get(`/elections/${id}`);
      return r.body.phase === 'decided' ? r.body : undefined;
    }, 40_000, 'the election to be decided');
    const expected = new Map(nominees.map((n) => [n, 0]));
    for (const b of sent) for (const n of b.approve) expected.set(n, expected.get(n)! + 1);
    const tallies = Object.fromEntries(decided.results.tallies.map((t: { cityId: string; approvals: number }) => [t.cityId, t.approvals]));
    expect(tallies).toEqual(Object.fromEntries(expected));
    expect(decided.results.turnout).toEqual({ cast: VOTERS, eligible: VOTERS + 1 });
    expect(decided.results.elected).toEqual([n0, n2]);
  }, 90_000);
});
