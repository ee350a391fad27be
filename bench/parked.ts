// Long-lived workflows parked on timers, then a timer storm.
//
// 0. Sandbox: the V8 heap one cached workflow holds in the workflow thread, with production's
//    bundle (domain/ and zod evaluated once per thread and shared: worker/shared-modules.ts) vs one
//    that copies them per workflow (the SDK's default), 100 workflows each, in a fresh process.
// 1. Parked: N pledge workflows with yearly instalment schedules (their next timer years away) and
//    M scheduled workshops (RSVP reminders months away) started on one production-configured worker
//    (createWorker: production's bundle and workflow cache); the bench process's RSS (worker, client and
//    bench together: an upper bound of the worker's) once all are parked, and the size of sampled
//    histories (events and bytes, encoded as the server stores them). Where that RSS is: the
//    kernel's split, anonymous mappings by shape, every isolate's heap (bench/memory.ts).
//    BENCH_PARKED_COPIED=1 parks on the copying bundle; BENCH_PARKED_TUNING='{"maxCachedWorkflows":250}'
//    lays SDK worker options over production's, to compare settings.
// 2. Storm: K pledges whose before-due reminder falls on the same instant; every reminder must write
//    exactly one notification to the outbox. Rate = K / (last outbox row − the instant), against K
//    bare workflows that sleep until one instant and then run one no-op activity, on the same server.
//
// Sizes: BENCH_PARKED_PLEDGES (N), BENCH_PARKED_WORKSHOPS (M), BENCH_STORM (K).
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import { NativeConnection } from '@temporalio/worker';
import { openOrm } from '../db/orm.js';
import { pledgeWorkflowId } from '../domain/pledge.js';
import { WORKSHOP_DEFAULTS, workshopWorkflowId } from '../domain/workshop.js';
import type { WorkshopInput } from '../domain/workshop.contract.js';
import { bundleWorkflows } from '../worker/index.js';
import { pledgeWorkflow } from '../workflows/pledge.js';
import { workshopWorkflow } from '../workflows/workshop.js';
import { isolateHeaps, mappingSummary, procMemory } from './memory.js';
import { cpuBetween, cpuSnapshot, stormHistories } from './storm-breakdown.js';
import {
  bareWorker,
  financialPledgeSpec,
  inParallel,
  productionWorker,
  round,
  runWorkers,
  type Bench,
  type BenchContext,
} from './support.js';
import { profiledThreads } from './thread-profile.js';

const { temporal } = proto;

const N = Number(process.env.BENCH_PARKED_PLEDGES) || 500;
const M = Number(process.env.BENCH_PARKED_WORKSHOPS) || 100;
const K = Number(process.env.BENCH_STORM) || 200;
const RSS_LIMIT_MB = 1536;
const TARGET_RATIO = 0.5;
/** Starts in flight: 50 at once timed out first workflow tasks (10 s) on a busy 2-core machine. */
const STARTS_IN_FLIGHT = 10;
/**
 * No phase may run away: each wait is bounded, by 3 minutes or 100 ms per workflow the phase waits
 * for, whichever is longer (11 000 parked workflows at ~18 a second take about 10 minutes).
 */
const MAX_WAIT_MS = Math.max(3 * 60_000, (N + M + K) * 100);
const SAMPLE = 20;
/** Worker options to compare against production's (JSON, e.g. {"maxCachedWorkflows":250}); none by default. */
const TUNING = process.env.BENCH_PARKED_TUNING ? (JSON.parse(process.env.BENCH_PARKED_TUNING) as object) : {};
/** BENCH_PARKED_COPIED=1: park on the bundle that copies domain/ per workflow (production's until 2026-12-02). */
const SHARED = process.env.BENCH_PARKED_COPIED !== '1';
/** Workflows created per sandbox measurement (bench/sandbox-heap.ts). */
const SANDBOX_K = 100;

/** Heap per cached workflow of a bundle, in a fresh process (bench/sandbox-heap.ts). */
async function sandboxKb(bundlePath: string): Promise<number> {
  const script = fileURLToPath(new URL('./sandbox-heap.ts', import.meta.url));
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', script, bundlePath, String(SANDBOX_K)],
    { env: { ...process.env, NODE_OPTIONS: '' } },
  );
  return (JSON.parse(stdout) as { perWorkflowKb: number }).perWorkflowKb;
}

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + MAX_WAIT_MS;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const mb = (bytes: number) => round(bytes / 1024 / 1024, 0);
const year = new Date().getUTCFullYear();

export const parkedBench: Bench = {
  name: 'parked',
  description: `N=${N} pledges + M=${M} workshops parked on timers (RSS, history size), then K=${K} reminders due at one instant vs bare timers`,
  needsTemporal: true,
  async run(ctx: BenchContext) {
    const rssStart = process.memoryUsage().rss;
    const orm = await openOrm(ctx.databaseUrl, { pool: { min: 0, max: 30 } });
    const connection = await Connection.connect({ address: ctx.temporalAddress! });
    const nativeConnection = await NativeConnection.connect({ address: ctx.temporalAddress! });
    const client = new Client({ connection });
    const sql = <T extends object[]>(q: string, p: unknown[] = []) => orm.em.getConnection().execute<T>(q, p);
    const stops: (() => Promise<unknown>)[] = [
      () => orm.close(),
      () => connection.close(),
      () => nativeConnection.close(),
    ];
    const dir = await mkdtemp(join(tmpdir(), 'gnlc-bench-parked-'));
    stops.push(() => rm(dir, { recursive: true, force: true }));
    try {
      // ---- 0. sandbox: one cached workflow's heap, domain/ shared (production) vs copied per workflow
      const sharedBundle = await bundleWorkflows();
      const copiedBundle = await bundleWorkflows({ shared: false });
      await writeFile(join(dir, 'shared.js'), sharedBundle.code);
      await writeFile(join(dir, 'copied.js'), copiedBundle.code);
      const sharedKb = await sandboxKb(join(dir, 'shared.js'));
      const copiedKb = await sandboxKb(join(dir, 'copied.js'));
      ctx.log(
        `  sandbox heap per cached workflow: ${round(sharedKb, 0)} kB shared vs ${round(copiedKb, 0)} kB copied (${round(copiedKb / sharedKb, 1)}×)`,
      );

      const queue = `bench-parked-${randomUUID()}`;
      const bareQueue = `bench-bare-${randomUUID()}`;
      const worker = await productionWorker({
        connection: nativeConnection,
        taskQueue: queue,
        orm,
        workflowBundle: SHARED ? sharedBundle : copiedBundle,
        tuning: TUNING,
      });
      stops.unshift(runWorkers(worker, await bareWorker(nativeConnection, bareQueue)));
      const cacheSize = (worker as unknown as { options: { maxCachedWorkflows: number } }).options.maxCachedWorkflows;
      const rss0 = process.memoryUsage().rss;

      const donorId = randomUUID();
      await sql(
        `insert into donor (id, name, type, created_at, updated_at) values (?, 'Bench donor', 'foundation', now(), now())`,
        [donorId],
      );

      // ---- 1. parked
      const pledgeIds = Array.from({ length: N }, () => randomUUID());
      const schedule = Array.from({ length: 4 }, (_, i) => ({
        seq: i + 1,
        due: `${year + 1 + i}-03-01`,
        amountMinor: 2_500_000,
        paidMinor: 0,
        status: 'scheduled' as const,
      }));
      const t0 = performance.now();
      await inParallel(pledgeIds, STARTS_IN_FLIGHT, (pledgeId) =>
        client.workflow.start(pledgeWorkflow, {
          workflowId: pledgeWorkflowId(pledgeId),
          taskQueue: queue,
          args: [{ spec: financialPledgeSpec({ pledgeId, donorId, instalments: schedule }) }],
        }),
      );
      const workshopIds = Array.from({ length: M }, () => randomUUID());
      await inParallel(workshopIds, STARTS_IN_FLIGHT, (workshopId) => {
        const input: WorkshopInput = {
          workshopId,
          cluster: 'ESD',
          workPhaseId: null,
          kind: 'thematic',
          title: 'Bench workshop',
          schedule: {
            startsAt: `${year + 1}-06-01T09:00:00Z`,
            endsAt: `${year + 1}-06-01T17:00:00Z`,
            timezone: 'Europe/Paris',
            onlineUrl: 'https://meet.example.org/bench',
            rsvpBy: `${year + 1}-05-15T00:00:00Z`,
          },
          experts: [],
          invited: [],
          coordinators: [],
          settings: { ...WORKSHOP_DEFAULTS, rsvpReminders: [...WORKSHOP_DEFAULTS.rsvpReminders] },
        };
        return client.workflow.start(workshopWorkflow, {
          workflowId: workshopWorkflowId(workshopId),
          taskQueue: queue,
          args: [input],
        });
      });
      const startedS = (performance.now() - t0) / 1000;
      // Parked = its rows written by its first workflow task, and that task completed (a timer started).
      await until('parked pledges and workshops', async () => {
        const [p] = await sql<{ n: string }[]>(`select count(*) as n from pledge where donor_id = ?`, [donorId]);
        const [w] = await sql<{ n: string }[]>(`select count(*) as n from workshop where id = any(?::uuid[])`, [
          `{${workshopIds.join(',')}}`,
        ]);
        return Number(p!.n) === N && Number(w!.n) === M;
      });
      const parkedS = (performance.now() - t0) / 1000;
      const sampleHistories = async (ids: string[]) => {
        const out = [];
        for (const id of ids.slice(0, SAMPLE)) {
          const history = await client.workflow.getHandle(id).fetchHistory();
          const last = history.events?.at(-1)?.eventType;
          out.push({
            events: history.events?.length ?? 0,
            bytes: temporal.api.history.v1.History.encode(history).finish().length,
            last,
          });
        }
        return out;
      };
      // Let the last workflow tasks complete before sampling memory and histories.
      await until('the last parked task', async () => {
        const h = await sampleHistories([pledgeWorkflowId(pledgeIds.at(-1)!), workshopWorkflowId(workshopIds.at(-1)!)]);
        return h.every((x) => x.last === temporal.api.enums.v1.EventType.EVENT_TYPE_TIMER_STARTED);
      });
      global.gc?.(); // with NODE_OPTIONS=--expose-gc: the heap after a full collection
      const rssParked = process.memoryUsage().rss;
      const heapParked = process.memoryUsage().heapUsed;
      // Where the RSS is: the kernel's split, the mappings' shapes, every isolate's heap after a GC.
      const proc = await procMemory();
      const mappings = await mappingSummary();
      const isolates = await isolateHeaps();
      ctx.log(`  process ${JSON.stringify(proc)}`);
      ctx.log(`  mappings MB ${JSON.stringify(mappings.residentMb)} count ${JSON.stringify(mappings.count)}`);
      for (const h of isolates) ctx.log(`  isolate ${JSON.stringify(h)}`);
      const pledgeHist = await sampleHistories(pledgeIds.map(pledgeWorkflowId));
      const workshopHist = await sampleHistories(workshopIds.map(workshopWorkflowId));
      const maxOf = (h: { events: number; bytes: number }[]) => ({
        events: Math.max(...h.map((x) => x.events)),
        bytes: Math.max(...h.map((x) => x.bytes)),
      });
      ctx.log(
        `  parked ${N} pledges + ${M} workshops in ${parkedS.toFixed(1)} s (starts ${startedS.toFixed(1)} s); RSS ${mb(rssStart)} → ${mb(rss0)} (workers created) → ${mb(rssParked)} MB, JS heap ${mb(heapParked)} MB (cache ${cacheSize})`,
      );
      ctx.log(
        `  history per pledge ${JSON.stringify(maxOf(pledgeHist))}, per workshop ${JSON.stringify(maxOf(workshopHist))}`,
      );

      // ---- 2. storm: K before-due reminders at one instant
      // Every storm pledge must be parked on its timer before the instant: a first workflow task that
      // ran after it would send the reminder without a timer (and count its start in the storm). The
      // lead allows twice the time parking took per workflow above.
      const leadMs = 15_000 + Math.ceil(((2 * parkedS * 1000) / (N + M)) * K);
      const at = Math.ceil((Date.now() + leadMs) / 1000) * 1000;
      const due = new Date(at + 86_400_000);
      due.setUTCHours(0, 0, 0, 0);
      const dueDay = due.toISOString().slice(0, 10);
      const beforeDue = `PT${(due.getTime() - at) / 1000}S`;
      const stormIds = Array.from({ length: K }, () => randomUUID());
      const stormInstalments = [
        { seq: 1, due: dueDay, amountMinor: 1_000_000, paidMinor: 0, status: 'scheduled' as const },
      ];
      await inParallel(stormIds, STARTS_IN_FLIGHT, (pledgeId) =>
        client.workflow.start(pledgeWorkflow, {
          workflowId: pledgeWorkflowId(pledgeId),
          taskQueue: queue,
          args: [{ spec: financialPledgeSpec({ pledgeId, donorId, instalments: stormInstalments, beforeDue }) }],
        }),
      );
      await until('parked storm pledges', async () => {
        const [p] = await sql<{ n: string }[]>(`select count(*) as n from pledge where id = any(?::uuid[])`, [
          `{${stormIds.join(',')}}`,
        ]);
        return Number(p!.n) === K;
      });
      if (Date.now() >= at) throw new Error('the storm instant passed before all were parked: raise leadMs');
      const keys = stormIds.map((id) => `${pledgeWorkflowId(id)}:inst1:before-due`);
      const outbox = async () =>
        (
          await sql<{ n: string; distinct_keys: string; last: Date | string | null }[]>(
            `select count(*) as n, count(distinct key) as distinct_keys, max(created_at) as last from notification where key = any(?::text[])`,
            [`{${keys.join(',')}}`],
          )
        )[0]!;
      // CPU by process and thread from the instant to the last outbox row (and the same for bare).
      const atInstant = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - Date.now())));
      await atInstant(at);
      const pledgeCpu = await profiledThreads('storm-pledge', async () => {
        const cpu0 = await cpuSnapshot();
        await until('every storm reminder in the outbox', async () => Number((await outbox()).n) >= K);
        return cpuBetween(cpu0, await cpuSnapshot());
      });
      // A late duplicate would show up after the last first write: give stragglers a moment.
      await new Promise((r) => setTimeout(r, 2000));
      const o = await outbox();
      const pledgeStormS = (new Date(o.last!).getTime() - at) / 1000;
      const pledgeRate = K / pledgeStormS;

      const bareAt = Date.now() + leadMs;
      const bareStarts = Array.from({ length: K }, () => `bare-timer:${randomUUID()}`);
      await inParallel(bareStarts, STARTS_IN_FLIGHT, (workflowId) =>
        client.workflow.start('bareTimerWorkflow', { workflowId, taskQueue: bareQueue, args: [bareAt] }),
      );
      if (Date.now() >= bareAt) throw new Error('the bare storm instant passed before all were started');
      await atInstant(bareAt);
      // When each closed, as the server recorded it (as the outbox's created_at above): a result wait
      // per workflow, a bounded number at a time (10 000 at once exceed the server's poller limit).
      const closed: number[] = [];
      const bareCpu = await profiledThreads('storm-bare', async () => {
        const cpu0 = await cpuSnapshot();
        await inParallel(bareStarts, STARTS_IN_FLIGHT, async (workflowId) => {
          const h = client.workflow.getHandle(workflowId);
          await h.result();
          closed.push((await h.describe()).closeTime!.getTime());
        });
        return cpuBetween(cpu0, await cpuSnapshot());
      });
      const bareStormS = (Math.max(...closed) - bareAt) / 1000;
      const bareRate = K / bareStormS;
      const ratio = pledgeRate / bareRate;
      const exactlyOnce = Number(o.n) === K && Number(o.distinct_keys) === K;
      ctx.log(
        `  storm: ${K} reminders in ${pledgeStormS.toFixed(1)} s (${pledgeRate.toFixed(1)}/s; outbox ${o.n} rows, ${o.distinct_keys} keys) vs bare ${bareStormS.toFixed(1)} s (${bareRate.toFixed(1)}/s): ratio ${ratio.toFixed(3)}`,
      );
      ctx.log(`  storm CPU ms, pledges: ${JSON.stringify(pledgeCpu)}`);
      ctx.log(`  storm CPU ms, bare: ${JSON.stringify(bareCpu)}`);
      // Steps after the timer from the histories of up to 1 000 of each (all of them at 10 000 take minutes).
      const pledgeSteps = await stormHistories(client, stormIds.slice(0, 1000).map(pledgeWorkflowId));
      const bareSteps = await stormHistories(client, bareStarts.slice(0, 1000));
      ctx.log(`  after the timer, per pledge: ${JSON.stringify(pledgeSteps)}`);
      ctx.log(`  after the timer, per bare: ${JSON.stringify(bareSteps)}`);
      const rssStorm = process.memoryUsage().rss;
      const rssOk = Math.max(rssParked, rssStorm) <= RSS_LIMIT_MB * 1024 * 1024;
      return {
        ok: rssOk && exactlyOnce && ratio >= TARGET_RATIO,
        table: {
          'sandbox heap per workflow kB (shared / copied)': `${round(sharedKb, 0)} / ${round(copiedKb, 0)}`,
          'workflow bundle': SHARED ? 'domain/ shared' : 'domain/ copied per workflow',
          'parked (N pledges + M workshops)': `${N} + ${M} in ${round(parkedS, 1)} s`,
          'RSS parked / after storm MB': `${mb(rssParked)} / ${mb(rssStorm)} (limit ${RSS_LIMIT_MB}, cache ${cacheSize})`,
          'JS heap parked MB': mb(heapParked),
          'max history pledge (events / bytes)': `${maxOf(pledgeHist).events} / ${maxOf(pledgeHist).bytes}`,
          'max history workshop (events / bytes)': `${maxOf(workshopHist).events} / ${maxOf(workshopHist).bytes}`,
          'storm K': K,
          'storm outbox rows / distinct': `${o.n} / ${o.distinct_keys}`,
          'storm pledge /s': round(pledgeRate, 1),
          'storm bare /s': round(bareRate, 1),
          ratio: round(ratio, 3),
          target: `>= ${TARGET_RATIO}, RSS <= ${RSS_LIMIT_MB} MB, exactly once`,
        },
        details: {
          N,
          M,
          K,
          cacheSize,
          startedSeconds: startedS,
          parkedSeconds: parkedS,
          tuning: TUNING,
          shared: SHARED,
          sandboxKbPerWorkflow: { shared: sharedKb, copied: copiedKb },
          rssMb: { start: mb(rssStart), before: mb(rss0), parked: mb(rssParked), afterStorm: mb(rssStorm) },
          memory: { process: proc, mappings, isolates },
          heapParkedMb: mb(heapParked),
          histories: { pledge: pledgeHist, workshop: workshopHist },
          storm: {
            pledgeSeconds: pledgeStormS,
            bareSeconds: bareStormS,
            pledgeRate,
            bareRate,
            ratio,
            outbox: o,
            cpuMs: { pledge: pledgeCpu, bare: bareCpu },
            afterTimer: { pledge: pledgeSteps, bare: bareSteps },
          },
        },
      };
    } finally {
      for (const stop of stops)
        await stop().catch((err) => ctx.log(`  cleanup failed: ${err instanceof Error ? err.message : String(err)}`));
    }
  },
};
