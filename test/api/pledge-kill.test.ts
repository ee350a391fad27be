// Durability: the worker runs as a process of its own and is SIGKILLed while receipts of a pledge
// are in flight. Every acknowledged receipt must be recorded once, none twice, and the instalments
// must add up to exactly the money sent.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { fixtures, httpClient, type Http } from '../support/http.js';
import { eventually } from '../support/workflow-env.js';

const ROOT = join(import.meta.dirname, '..', '..');
const RECEIPTS = 10;

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
  dataDir = await mkdtemp(join(tmpdir(), 'gnlc-pledge-kill-'));
});

afterAll(async () => {
  // Closing waits for receipt requests still in flight, which only a running worker can finish; a
  // failed test must not hang here, so the wait is bounded before the workers are killed.
  const closed = app?.close();
  let bound: NodeJS.Timeout | undefined;
  await Promise.race([closed, new Promise((r) => (bound = setTimeout(r, 20_000)))]);
  clearTimeout(bound);
  await Promise.all(workers.map(killGroup));
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('a worker killed mid-schedule', () => {
  it('loses no acknowledged receipt, records none twice, and allocates exactly the money sent', async () => {
    const fx = fixtures(http);
    const first = startWorker();
    const firstPoller = await awaitNewPoller([], first);
    const donor = await fx.donor();
    // Ten receipts of 1000.00 against five instalments of 2000.00: each receipt half-pays one.
    const created = await http.post('/pledges', {
      donorId: donor.id, kind: 'financial', fundingOption: 'mdfm', biennium: '2025-2027',
      amount: { currency: 'USD', value: '10000.00' },
      instalments: { count: 5, interval: 'P3M', start: '2027-01-01' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id: string = created.body.id;
    expect((await http.post(`/pledges/${id}/transitions`, { to: 'agreement_signed' })).status).toBe(200);

    const sent = Array.from({ length: RECEIPTS }, (_, i) => ({ receiptNumber: `K-${i + 1}`, amount: { currency: 'USD', value: '1000.00' }, receivedOn: '2026-11-01' }));
    const post = (b: (typeof sent)[number]) => http.post(`/pledges/${id}/receipts`, b);
    // Half go out together; at the first acknowledgement the worker dies with the rest in flight,
    // and the other half is sent while no worker runs at all.
    const firstHalf = sent.slice(0, RECEIPTS / 2).map(post);
    await Promise.race(firstHalf);
    await killGroup(first);
    const secondHalf = sent.slice(RECEIPTS / 2).map(post);
    const second = startWorker();
    await awaitNewPoller([firstPoller], second);

    const answers = await Promise.all([...firstHalf, ...secondHalf]);
    expect(answers.map((r) => r.status)).toEqual(sent.map(() => 201));

    const rows = await app.orm.em.getConnection().execute<{ key: string; amount_minor: string }[]>(`select key, amount_minor from receipt where pledge_id = ?`, [id]);
    expect(rows.map((r) => r.key).sort()).toEqual(sent.map((s) => s.receiptNumber).sort());
    expect(rows.every((r) => Number(r.amount_minor) === 100_000)).toBe(true);
    const view = await eventually(async () => {
      const r = await http.get(`/pledges/${id}`);
      return r.body.stage === 'fulfilled' ? r.body : undefined;
    }, 20_000, 'the pledge to be fulfilled');
    expect(view.instalments.map((i: { paid: string; status: string }) => [i.paid, i.status])).toEqual(Array.from({ length: 5 }, () => ['2000.00', 'paid']));
    expect(view.totals).toMatchObject({ received: '10000.00', outstanding: '0.00', overpaid: '0.00' });
    expect(view.stages.map((s: { to: string }) => s.to)).toEqual(['pledged', 'agreement_signed', 'in_fulfilment', 'fulfilled']);
    // Sending one again after the crash is recognised as the same receipt.
    expect((await post(sent[0]!)).status).toBe(200);
  }, 90_000);
});
