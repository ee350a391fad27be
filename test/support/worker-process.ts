import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { openTestApp, type TestApp } from './app.js';
import { TEST_BALLOT_KEY } from './ballot-key.js';
import type { Fixtures, Http } from './http.js';
import { eventually } from './workflow-env.js';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * For durability tests: the API in the test process (no worker of its own) and workers as separate
 * `tsx main.ts worker` processes that a test can SIGKILL and start again.
 */
export function useWorkerProcesses() {
  const ctx = {} as { app: TestApp; http: Http; fx: Fixtures };
  let dataDir: string;
  const workers: ChildProcess[] = [];
  const alive = (c: ChildProcess) => c.exitCode === null && c.signalCode === null;

  beforeAll(async () => {
    Object.assign(ctx, await openTestApp({ worker: false }));
    dataDir = await mkdtemp(join(tmpdir(), 'gnlc-kill-'));
  });
  afterAll(async () => {
    // Closing waits for requests still in flight, which only a running worker can finish; a
    // failed test must not hang here, so the wait is bounded before the workers are killed.
    const closed = ctx.app?.close();
    let bound: NodeJS.Timeout | undefined;
    await Promise.race([closed, new Promise((r) => (bound = setTimeout(r, 20_000)))]);
    clearTimeout(bound);
    await Promise.all(workers.map(kill));
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /** `tsx main.ts worker` in a process group of its own, so a kill reaches tsx's node child too. */
  function start(): ChildProcess {
    const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['main.ts', 'worker'], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: inject('databaseUrl'),
        TEMPORAL_ADDRESS: inject('temporalAddress'),
        TEMPORAL_TASK_QUEUE: ctx.app.taskQueue,
        START_CLUSTER_CYCLES: 'false',
        LOG_LEVEL: 'warn',
        DATA_DIR: dataDir,
        BALLOT_KEY: TEST_BALLOT_KEY,
        WORKFLOW_BUNDLE: inject('workflowBundlePath'),
        // Several workers at once: each takes a free health port.
        WORKER_PORT: '0',
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

  function kill(c: ChildProcess): Promise<void> {
    if (!alive(c)) return Promise.resolve();
    const exited = new Promise<void>((r) => c.once('exit', () => r()));
    process.kill(-c.pid!, 'SIGKILL');
    return exited;
  }

  /** Identities of the workers polling the test's task queue for workflow tasks. */
  async function pollers(): Promise<string[]> {
    const r = await ctx.app.client.workflowService.describeTaskQueue({
      namespace: 'default',
      taskQueue: { name: ctx.app.taskQueue },
      taskQueueType: 1, // TASK_QUEUE_TYPE_WORKFLOW
    });
    return (r.pollers ?? []).map((p) => p.identity ?? '');
  }

  /** Waits for a poller that was not there before: the worker just started is up. */
  function awaitNewPoller(known: string[], child: ChildProcess): Promise<string> {
    return eventually(
      async () => {
        if (!alive(child)) throw new Error('the worker process exited before it polled');
        return (await pollers()).find((p) => !known.includes(p));
      },
      40_000,
      'the worker to poll',
    );
  }

  return { ctx, start, kill, awaitNewPoller };
}
