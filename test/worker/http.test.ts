// `npm run worker`'s own port (WORKER_PORT): liveness, readiness, and metrics that hold the Temporal
// SDK's (pollers, task latencies, workflow failures by type) beside the process's, as one exposition
// that an independent parser accepts.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_BALLOT_KEY } from '../support/ballot-key.js';
import { parseExposition, sampleValue } from '../support/prometheus.js';

const ROOT = join(import.meta.dirname, '..', '..');
const taskQueue = `worker-http-${randomUUID()}`;
let child: ChildProcess;
let base: string;
let dataDir: string;
let connection: Connection;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gnlc-worker-http-'));
  // The worker runs the prebuilt bundle, as the image's does (WORKFLOW_BUNDLE).
  const bundlePath = inject('workflowBundlePath');
  child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['main.ts', 'worker'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: inject('databaseUrl'),
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_TASK_QUEUE: taskQueue,
      START_CLUSTER_CYCLES: 'false',
      LOG_LEVEL: 'info',
      DATA_DIR: dataDir,
      BALLOT_KEY: TEST_BALLOT_KEY,
      WORKER_PORT: '0',
      WORKFLOW_BUNDLE: bundlePath,
    },
  });
  // The port it took is in its JSON log line.
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the worker exited ${code} before it listened`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        if (entry.msg === 'worker http listening' && entry.port) resolve(entry.port);
      } catch {
        // not a log line
      }
    });
  });
  base = `http://127.0.0.1:${port}`;
  connection = await Connection.connect({ address: inject('temporalAddress') });
}, 120_000);

afterAll(async () => {
  await connection?.close();
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('the worker port', () => {
  it('answers /healthz, and /readyz once the worker polls, naming each dependency', async () => {
    const live = await fetch(`${base}/healthz`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    await expect.poll(async () => (await fetch(`${base}/readyz`)).status, { timeout: 30_000, interval: 200 }).toBe(200);
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({
      status: 'ok',
      checks: { database: 'ok', temporal: 'ok', worker: 'ok' },
    });
    expect((await fetch(`${base}/readyz`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${base}/nothing`)).status).toBe(404);
  });

  it("serves the process's and the SDK's metrics, and counts a failed workflow by its type", async () => {
    const client = new Client({ connection });
    // An input the workflow refuses at once: it fails, non-retryably (workflows/kit.ts checkInput).
    const handle = await client.workflow.start('workshopWorkflow', {
      taskQueue,
      workflowId: `workshop:${randomUUID()}`,
      args: [{ not: 'a workshop' }],
    });
    await expect(handle.result()).rejects.toBeInstanceOf(WorkflowFailedError);
    const failed = async () => {
      const r = await fetch(`${base}/metrics`);
      expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
      const samples = parseExposition(await r.text());
      expect(samples.map((s) => s.name)).toEqual(expect.arrayContaining(['process_cpu_seconds_total']));
      expect(samples.some((s) => s.name.startsWith('temporal_') && s.labels.task_queue === taskQueue)).toBe(true);
      return sampleValue(samples, 'temporal_workflow_failed_total', {
        workflow_type: 'workshopWorkflow',
        task_queue: taskQueue,
      });
    };
    await expect.poll(failed, { timeout: 15_000, interval: 200 }).toBe(1);
  });
});
