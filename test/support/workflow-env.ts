import { randomUUID } from 'node:crypto';
import { WorkflowClient, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { Workflow, WorkflowResultType } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundlePath } from '@temporalio/worker';
import { afterAll, beforeAll, inject } from 'vitest';
import { createActivities } from '../../activities/index.js';
import { openOrm, type Orm } from '../../db/orm.js';
import { createLogger } from '../../platform/logger.js';
import { startTimeSkippingServer } from '../../platform/temporal-server.js';

export interface WorkflowTestEnv {
  env: TestWorkflowEnvironment;
  orm: Orm;
  taskQueue: string;
  worker: Worker;
  /** The run's workflow bundle (test/support/global-setup.ts). */
  bundle: WorkflowBundlePath;
  /** Runs `fn` while the file's worker polls, surfacing a worker crash. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The time-skipping test server with a real worker whose activities write to the run's database. */
export async function startWorkflowEnv(): Promise<WorkflowTestEnv> {
  const env = await startTimeSkippingServer();
  const orm = await openOrm(inject('databaseUrl'));
  const taskQueue = `wf-${randomUUID()}`;
  const bundle = { codePath: inject('workflowBundlePath') };
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: bundle,
    activities: createActivities({ orm, logger: createLogger('silent') }),
  });
  // One worker for the whole file; a fatal worker error fails the test that is running.
  const running = worker.run();
  let fatal: unknown;
  running.catch((err) => (fatal = err));
  return {
    env,
    orm,
    taskQueue,
    worker,
    bundle,
    async run(fn) {
      const result = await fn();
      if (fatal) throw fatal;
      return result;
    },
    async close() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running.catch(() => undefined);
      await env.teardown();
      await orm.close();
    },
  };
}

/** A fresh active cluster with `n` member cities, so tests never share a cluster's cycle or terms. */
export async function seedCluster(orm: Orm, n: number): Promise<{ cluster: string; cities: string[] }> {
  const cluster = `T${randomUUID().slice(0, 8).toUpperCase()}`;
  const conn = orm.em.getConnection();
  await conn.execute(
    `insert into cluster (code, name, period, status, themes, focus_keywords) values (?, ?, '2021-2023', 'active', '{}', '{}')`,
    [cluster, `Test cluster ${cluster}`],
  );
  const cities: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = randomUUID();
    await conn.execute(
      `insert into city (id, name, country_code, status, created_at, updated_at) values (?, ?, 'DE', 'member', now(), now())`,
      [id, `City ${cluster}-${i}`],
    );
    await conn.execute(
      `insert into membership (id, city_id, cluster_code, since, representative_name, representative_email, representative_expertise) values (?, ?, ?, current_date, 'Rep', ?, '{}')`,
      [randomUUID(), id, cluster, `rep${i}@${cluster.toLowerCase()}.example.org`],
    );
    cities.push(id);
  }
  return { cluster, cities };
}

/**
 * A workflow's result without moving the clock. The test client's `result()` unlocks time skipping
 * while it waits, so a workflow still finishing its last task lets the server jump to the next timer
 * of any workflow (a cycle's term start, say) before the test has looked at what came before it.
 */
export function resultWithoutSkipping<W extends Workflow>(
  env: TestWorkflowEnvironment,
  handle: WorkflowHandle<W>,
): Promise<WorkflowResultType<W>> {
  const client = new WorkflowClient({ connection: env.connection, namespace: env.namespace ?? 'default' });
  return client.getHandle<W>(handle.workflowId).result();
}

type HistoryEvent = NonNullable<Awaited<ReturnType<WorkflowHandle['fetchHistory']>>['events']>[number];

/**
 * Waits until a run has completed `activities` activities and has nothing in flight: every workflow
 * task and activity it scheduled has closed (an activity being retried stays open).
 */
export function idle(handle: WorkflowHandle, activities = 0): Promise<true> {
  return eventually(
    async () => {
      const events = (await handle.fetchHistory()).events ?? [];
      const count = (...kinds: (keyof HistoryEvent)[]) => events.filter((e) => kinds.some((k) => e[k])).length;
      const done = count('activityTaskCompletedEventAttributes');
      const tasksOpen =
        count('workflowTaskScheduledEventAttributes') -
        count(
          'workflowTaskCompletedEventAttributes',
          'workflowTaskFailedEventAttributes',
          'workflowTaskTimedOutEventAttributes',
        );
      const activitiesOpen =
        count('activityTaskScheduledEventAttributes') -
        done -
        count(
          'activityTaskFailedEventAttributes',
          'activityTaskTimedOutEventAttributes',
          'activityTaskCanceledEventAttributes',
        );
      return done >= activities && tasksOpen === 0 && activitiesOpen === 0 ? true : undefined;
    },
    20_000,
    `an idle run after ${activities} activities`,
  );
}

/**
 * Terminates a run once it is idle. A run terminated while its worker holds a task can leave the
 * time-skipping server's clock locked, so that every later sleep of the file hangs.
 */
export async function terminateIdle(handle: WorkflowHandle, reason: string, activities = 0): Promise<void> {
  await idle(handle, activities);
  await handle.terminate(reason);
}

/** Polls `probe` until it returns a value other than undefined, or fails after `ms` of real time. */
export async function eventually<T>(probe: () => Promise<T | undefined>, ms = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The `type` of the ApplicationFailure that refused an update (Conflict, Invalid, Forbidden, ...). */
export const failureType = (err: unknown): string | undefined =>
  err instanceof WorkflowUpdateFailedError ? (err.cause as { type?: string } | undefined)?.type : undefined;

/** The file's workflow environment, started before its tests and closed after them. */
export function useWorkflowEnv(): WorkflowTestEnv {
  const t = {} as WorkflowTestEnv;
  beforeAll(async () => {
    Object.assign(t, await startWorkflowEnv());
  });
  afterAll(() => t.close?.());
  return t;
}

/** A test cluster of `n` member cities; the first `coordinators` of them coordinate it from a year ago to a year on. */
export async function seedCoordinatedCluster(
  orm: Orm,
  n: number,
  coordinators: number,
): Promise<{ cluster: string; cities: string[] }> {
  const seeded = await seedCluster(orm, n);
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  for (const cityId of seeded.cities.slice(0, coordinators)) {
    await orm.em
      .getConnection()
      .execute(
        `insert into coordinator_term (id, cluster_code, city_id, term_start, term_end, created_at) values (?, ?, ?, ?, ?, now())`,
        [randomUUID(), seeded.cluster, cityId, day(-365), day(365)],
      );
  }
  return seeded;
}

/** Skips the test server's time forward to `at` (ms since the epoch); nothing when it is past. */
export async function sleepUntil(t: WorkflowTestEnv, at: number): Promise<void> {
  const now = await t.env.currentTimeMs();
  if (at > now) await t.env.sleep(at - now);
}

type Activities = ReturnType<typeof createActivities>;

/**
 * A worker on a task queue of its own whose `name` activity takes effect, then fails its first
 * attempt as if the worker died before answering: the retry must not repeat the effect.
 */
export async function workerLosingFirstAnswer(
  t: WorkflowTestEnv,
  name: keyof Activities,
  prefix: string,
): Promise<{ worker: Worker; taskQueue: string; attempts(): number }> {
  const real = createActivities({ orm: t.orm, logger: createLogger('silent') });
  let attempts = 0;
  const taskQueue = `${prefix}-${randomUUID()}`;
  const original = real[name] as (...args: unknown[]) => Promise<unknown>;
  const worker = await Worker.create({
    connection: t.env.nativeConnection,
    taskQueue,
    workflowBundle: t.bundle,
    activities: {
      ...real,
      [name]: async (...args: unknown[]) => {
        attempts++;
        const out = await original(...args);
        if (attempts === 1) throw new Error('lost the answer');
        return out;
      },
    },
  });
  return { worker, taskQueue, attempts: () => attempts };
}
