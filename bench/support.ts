import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type NativeConnection } from '@temporalio/worker';
import autocannon from 'autocannon';
import { migrate, openOrm } from '../db/orm.js';
import { seedReferenceData } from '../db/seed/index.js';
import { reminderSettings } from '../domain/pledge.js';
import type { PledgeSpec } from '../domain/pledge.contract.js';
import { startEmbeddedPostgres } from '../platform/embedded-postgres.js';
import { createLogger } from '../platform/logger.js';
import { startDevServer } from '../platform/temporal-server.js';
import { createWorker, type WorkerOptions } from '../worker/index.js';

/** What a bench gets from the harness; Temporal is started only for benches that ask for it. */
export interface BenchContext {
  databaseUrl: string;
  temporalAddress?: string;
  log(line: string): void;
}

export interface Bench {
  name: string;
  description: string;
  /** true: the harness starts a dev server; 'time-skipping': the bench starts its own test server (the SDK runtime is still installed once by the harness). */
  needsTemporal: boolean | 'time-skipping';
  /** Rows for the printed table (flat key → value) plus whatever goes into the JSON file. */
  run(ctx: BenchContext): Promise<BenchResult>;
}

export interface BenchResult {
  table: Record<string, string | number>;
  details: unknown;
  /** A failed target is reported, not thrown: the numbers are still worth writing down. */
  ok: boolean;
}

export interface Stoppable<T> {
  value: T;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * DATABASE_URL when set, else an embedded PostgreSQL in a temporary folder; either way migrated and
 * seeded, as the tests do, so the bench reads the same schema the app runs on.
 */
export async function startDatabase(): Promise<Stoppable<string>> {
  let url = process.env.DATABASE_URL;
  let stop = async () => {};
  if (!url) {
    const dir = await mkdtemp(join(tmpdir(), 'gnlc-bench-pg-'));
    await chmod(dir, 0o755); // the embedded server runs as the 'postgres' user
    const db = await startEmbeddedPostgres({
      dir: join(dir, 'data'),
      port: await freePort(),
      database: 'gnlc_bench',
      persistent: false,
    }).catch(async (err: unknown) => {
      await rm(dir, { recursive: true, force: true });
      throw err;
    });
    url = db.url;
    stop = async () => {
      await db.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  try {
    const orm = await openOrm(url);
    try {
      await migrate(orm);
      await seedReferenceData(orm.em.fork() as never);
    } finally {
      await orm.close();
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { value: url, stop };
}

export async function startTemporal(): Promise<Stoppable<string>> {
  const env = await startDevServer({});
  return { value: env.address, stop: () => env.teardown() };
}

/**
 * Production's worker (createWorker: the product's workflows and activities) on `taskQueue`, in the
 * default namespace and logging nothing unless told; a bench adds what it measures with (a data
 * converter, a bundle, SDK tuning).
 */
export function productionWorker(
  opts: Omit<WorkerOptions, 'namespace' | 'logger'> & Partial<Pick<WorkerOptions, 'namespace' | 'logger'>>,
): Promise<Worker> {
  return createWorker({ namespace: 'default', logger: createLogger('silent'), ...opts });
}

/** Bare workflows (bench/bare-workflow.ts) and a no-op activity on `taskQueue`: the floor a bench's ratio is against. */
export function bareWorker(connection: NativeConnection, taskQueue: string): Promise<Worker> {
  return Worker.create({
    connection,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('./bare-workflow.ts', import.meta.url)),
    activities: { noop: async () => undefined },
  });
}

/**
 * Runs the workers; the stop it answers shuts down each one still running and waits for all their
 * runs to end (a bench puts it first among its stops, before the connections close).
 */
export function runWorkers(...workers: Worker[]): () => Promise<void> {
  const running = workers.map((w) => w.run());
  return async () => {
    for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
    await Promise.all(running);
  };
}

/**
 * A financial pledge's workflow input (MDFM, Africa, 2025-2027, USD) as the API builds it, its amount
 * the instalments' sum; the benches vary the status, who starts it and the reminders' lead.
 */
export function financialPledgeSpec(p: {
  pledgeId: string;
  donorId: string;
  instalments: PledgeSpec['instalments'];
  status?: PledgeSpec['status'];
  by?: string;
  beforeDue?: string;
}): PledgeSpec {
  return {
    pledgeId: p.pledgeId,
    donorId: p.donorId,
    kind: 'financial',
    fundingOption: 'mdfm',
    subOption: null,
    focus: ['africa'],
    biennium: '2025-2027',
    status: p.status ?? 'agreement_signed',
    currency: 'USD',
    amountMinor: p.instalments.reduce((s, i) => s + i.amountMinor, 0),
    instalments: p.instalments,
    inKind: null,
    reminders: reminderSettings(p.beforeDue ? { beforeDue: p.beforeDue } : {}),
    campaignId: null,
    by: p.by ?? 'bench',
    note: null,
  };
}

/** Listens on an ephemeral loopback port; load is only ever sent to 127.0.0.1. */
export async function listen(handler: RequestListener): Promise<Stoppable<string>> {
  const server: Server = createHttpServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    value: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Kept-alive load connections would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}

export interface LoadResult {
  rps: number;
  p50Ms: number;
  /** autocannon reports p97.5 and p99, not p95: p97.5 bounds the p95 from above. */
  p975Ms: number;
  p99Ms: number;
  requests: number;
  /** This process's CPU (servers, clients and pg driver together) per request: steadier than rps on a busy machine. */
  cpuUsPerRequest: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
}

export interface LoadOptions {
  url: string;
  seconds: number;
  connections: number;
  headers?: Record<string, string>;
}

/** Seconds and connections are capped so no bench can run away, whatever a caller passes. */
const MAX_SECONDS = 60;
const MAX_CONNECTIONS = 100;

export async function load(opts: LoadOptions): Promise<LoadResult> {
  const target = new URL(opts.url);
  if (target.hostname !== '127.0.0.1') throw new Error(`benches only target 127.0.0.1, not ${target.hostname}`);
  const cpu0 = process.cpuUsage();
  const r = await autocannon({
    url: opts.url,
    connections: Math.min(opts.connections, MAX_CONNECTIONS),
    duration: Math.min(opts.seconds, MAX_SECONDS),
    timeout: 10,
    headers: opts.headers,
  });
  const cpu = process.cpuUsage(cpu0);
  return {
    // Completed requests over the measured time; autocannon's per-second average drops the tail second.
    rps: r.latency.totalCount / r.duration,
    p50Ms: r.latency.p50,
    p975Ms: r.latency.p97_5,
    p99Ms: r.latency.p99,
    requests: r.latency.totalCount,
    cpuUsPerRequest: (cpu.user + cpu.system) / Math.max(1, r.latency.totalCount),
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats).map(([k, v]) => [k, v.count])),
  };
}

/** Throws unless every request came back 2xx: a fast error page is not throughput. */
export function assertAllOk(label: string, r: LoadResult): void {
  if (r.non2xx || r.errors || r.timeouts || r.requests === 0) {
    throw new Error(
      `${label}: ${r.requests} requests, ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts; statuses ${JSON.stringify(r.statusCodes)}`,
    );
  }
}

/** Runs `one` over `items` with at most `inFlight` at a time. */
export async function inParallel<T>(
  items: readonly T[],
  inFlight: number,
  one: (t: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(inFlight, items.length) }, async () => {
      while (next < items.length) await one(items[next++]!);
    }),
  );
}

export const round = (n: number, digits = 2): number => Number(n.toFixed(digits));

/**
 * BENCH_PROFILE=<dir>: a V8 CPU profile of this process for the duration of `phase` only, written to
 * <dir>/<label>.cpuprofile (open it in Chrome DevTools, or summarise it with bench/profile-top.ts).
 * Each phase is profiled alone, so an app phase and its baseline can be compared frame by frame.
 */
export async function profiled<T>(label: string, phase: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return phase();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  try {
    return await phase();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `${label}.cpuprofile`), JSON.stringify(profile));
  }
}
