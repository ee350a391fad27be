// Pledge lifecycles per second (create → pledged → agreement signed → one receipt → fulfilled, every
// step written to PostgreSQL by the real activities) against bare workflows with one no-op activity,
// on the same dev server, in the same run. Both are driven through the Temporal client with the
// same number in flight, so the ratio is the cost of the pledge process itself.
import { randomUUID } from 'node:crypto';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import proto from '@temporalio/proto';
import { NativeConnection } from '@temporalio/worker';
import { openOrm } from '../db/orm.js';
import { toUsd } from '../domain/money.js';
import { pledgeWorkflowId } from '../domain/pledge.js';
import { pledgeWorkflow, receiptUpdate, transitionUpdate } from '../workflows/pledge.js';
import { cpuBetween, cpuSnapshot } from './storm-breakdown.js';
import {
  bareWorker,
  financialPledgeSpec,
  productionWorker,
  round,
  runWorkers,
  type Bench,
  type BenchContext,
} from './support.js';

const TARGET_RATIO = 0.5;
const WFT_COMPLETED = proto.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED;
const SECONDS = Number(process.env.BENCH_SECONDS) || 10;
const WARMUP_SECONDS = 2;
const IN_FLIGHT = 20;
const ROUNDS = 2;

/** Runs `one` with IN_FLIGHT in parallel for `seconds`; returns completions per second. */
async function drive(
  seconds: number,
  one: () => Promise<void>,
): Promise<{ perSecond: number; completed: number; failures: string[] }> {
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  let completed = 0;
  const failures: string[] = [];
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (performance.now() < end) {
        try {
          await one();
          completed++;
        } catch (err) {
          failures.push(err instanceof Error ? err.message : String(err));
          if (failures.length > 10) throw new Error(`too many failures: ${failures.join('; ')}`, { cause: err });
        }
      }
    }),
  );
  return { perSecond: completed / ((performance.now() - started) / 1000), completed, failures };
}

export const pledgesBench: Bench = {
  name: 'pledges',
  description: `pledge lifecycles/s (create → pledged → agreement → receipt → fulfilled) vs bare one-activity workflows/s, ${IN_FLIGHT} in flight`,
  needsTemporal: true,
  async run(ctx: BenchContext) {
    const orm = await openOrm(ctx.databaseUrl, { pool: { min: 0, max: 30 } });
    const connection = await Connection.connect({ address: ctx.temporalAddress! });
    const nativeConnection = await NativeConnection.connect({ address: ctx.temporalAddress! });
    const client = new Client({ connection });
    const stops: (() => Promise<unknown>)[] = [
      () => orm.close(),
      () => connection.close(),
      () => nativeConnection.close(),
    ];
    try {
      const pledgeQueue = `bench-pledges-${randomUUID()}`;
      const bareQueue = `bench-bare-${randomUUID()}`;
      const pledgeWorker = await productionWorker({ connection: nativeConnection, taskQueue: pledgeQueue, orm });
      stops.unshift(runWorkers(pledgeWorker, await bareWorker(nativeConnection, bareQueue)));

      const donorId = randomUUID();
      await orm.em
        .getConnection()
        .execute(
          `insert into donor (id, name, type, created_at, updated_at) values (?, 'Bench donor', 'foundation', now(), now())`,
          [donorId],
        );
      const pledgeIds: string[] = [];

      const lifecycle = async () => {
        const pledgeId = randomUUID();
        pledgeIds.push(pledgeId);
        const spec = financialPledgeSpec({
          pledgeId,
          donorId,
          status: 'pledged',
          instalments: [{ seq: 1, due: '2027-01-01', amountMinor: 5_000_000, paidMinor: 0, status: 'scheduled' }],
        });
        // Start and first transition in one round trip (update-with-start): the update runs in the
        // workflow's first task, after the pledge's rows are opened, and answers once its change is written.
        const start = new WithStartWorkflowOperation(pledgeWorkflow, {
          workflowId: pledgeWorkflowId(pledgeId),
          taskQueue: pledgeQueue,
          args: [{ spec }],
          workflowIdConflictPolicy: 'FAIL',
        });
        const signed = await client.workflow.executeUpdateWithStart(transitionUpdate, {
          args: [{ to: 'agreement_signed', by: 'bench' }],
          startWorkflowOperation: start,
        });
        if (signed.status !== 'agreement_signed') throw new Error(`pledge ${pledgeId} is ${signed.status}`);
        const handle = await start.workflowHandle();
        const r = await handle.executeUpdate(receiptUpdate, {
          args: [
            {
              key: 'R-1',
              currency: 'USD',
              amountMinor: 5_000_000,
              receivedOn: '2026-06-01',
              fxRateToUsd: '1',
              usdMinor: toUsd(5_000_000, 'USD', '1'),
              pledgeMinor: 5_000_000,
              receiptNumber: 'R-1',
              by: 'bench',
            },
          ],
        });
        if (r.status !== 'fulfilled') throw new Error(`pledge ${pledgeId} ended ${r.status}`);
      };
      const bareIds: string[] = [];
      const bare = async () => {
        const workflowId = `bare:${randomUUID()}`;
        bareIds.push(workflowId);
        await client.workflow.execute('bareWorkflow', {
          workflowId,
          taskQueue: bareQueue,
          args: [],
        });
      };

      // Where a lifecycle's time goes: CPU ms per completed one, by process (the Temporal server and
      // PostgreSQL included) and by thread of this one (bench/storm-breakdown.ts).
      const measure = async (label: string, one: () => Promise<void>) => {
        await drive(WARMUP_SECONDS, one);
        const cpu0 = await cpuSnapshot();
        const r = await drive(SECONDS, one);
        const cpu = cpuBetween(cpu0, await cpuSnapshot());
        const cpuMsEach = Object.fromEntries(
          Object.entries(cpu).map(([k, ms]) => [k, round(ms / Math.max(1, r.completed), 2)]),
        );
        ctx.log(
          `  ${label.padEnd(8)} ${r.perSecond.toFixed(1).padStart(7)} /s  (${r.completed} in ${SECONDS} s, ${r.failures.length} failures); CPU ms each ${JSON.stringify(cpuMsEach)}`,
        );
        return { ...r, cpuMsEach };
      };
      const bareRuns: Awaited<ReturnType<typeof measure>>[] = [];
      const pledgeRuns: Awaited<ReturnType<typeof measure>>[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        bareRuns.push(await measure('bare', bare));
        pledgeRuns.push(await measure('pledge', lifecycle));
      }
      const best = (rs: { perSecond: number }[]) => Math.max(...rs.map((r) => r.perSecond));
      const baseRate = best(bareRuns);
      const pledgeRate = best(pledgeRuns);
      const ratio = pledgeRate / baseRate;

      // Every lifecycle counted must be in the database as fulfilled, once.
      // What one lifecycle costs the server: workflow tasks and events of a pledge vs a bare workflow.
      const shape = async (workflowId: string) => {
        const events = (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
        const tasks = events.filter((e) => e.eventType === WFT_COMPLETED).length;
        return { events: events.length, workflowTasks: tasks };
      };
      const pledgeShape = await shape(pledgeWorkflowId(pledgeIds[0]!));
      const bareShape = await shape(bareIds[0]!);
      ctx.log(`  one lifecycle: ${JSON.stringify(pledgeShape)}; one bare workflow: ${JSON.stringify(bareShape)}`);

      const rows = await orm.em
        .getConnection()
        .execute<{ status: string; n: string }[]>(
          `select status, count(*) as n from pledge where donor_id = ? group by status`,
          [donorId],
        );
      const fulfilled = Number(rows.find((r) => r.status === 'fulfilled')?.n ?? 0);
      const receipts = Number(
        (
          await orm.em
            .getConnection()
            .execute<{ n: string }[]>(
              `select count(*) as n from receipt r join pledge p on p.id = r.pledge_id where p.donor_id = ?`,
              [donorId],
            )
        )[0]!.n,
      );
      const completed = pledgeRuns.reduce((s, r) => s + r.completed, 0);
      const failures = [...bareRuns, ...pledgeRuns].reduce((s, r) => s + r.failures.length, 0);
      ctx.log(
        `  ratio ${ratio.toFixed(3)} (target >= ${TARGET_RATIO}); ${fulfilled} pledges fulfilled in the database, ${receipts} receipts`,
      );
      return {
        ok: ratio >= TARGET_RATIO && failures === 0 && fulfilled >= completed && receipts === fulfilled,
        table: {
          'bare workflows/s': round(baseRate, 1),
          'pledge lifecycles/s': round(pledgeRate, 1),
          ratio: round(ratio, 3),
          target: `>= ${TARGET_RATIO}`,
          'fulfilled rows / receipts': `${fulfilled} / ${receipts}`,
          failures: failures,
          'CPU ms per lifecycle (bare), last round: Temporal server / this process / PostgreSQL': [
            'temporal',
            'self:node',
            'postgres',
          ]
            .map((k) => `${pledgeRuns.at(-1)!.cpuMsEach[k] ?? 0} (${bareRuns.at(-1)!.cpuMsEach[k] ?? 0})`)
            .join(' / '),
          'workflow tasks / events per lifecycle (bare)': `${pledgeShape.workflowTasks} / ${pledgeShape.events} (${bareShape.workflowTasks} / ${bareShape.events})`,
        },
        details: {
          statuses: Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])),
          seconds: SECONDS,
          warmupSeconds: WARMUP_SECONDS,
          inFlight: IN_FLIGHT,
          ratio,
          targetRatio: TARGET_RATIO,
          bare: bareRuns,
          pledge: pledgeRuns,
          fulfilled,
          receipts,
          lifecyclesCounted: completed,
          history: { pledge: pledgeShape, bare: bareShape },
        },
      };
    } finally {
      for (const stop of stops)
        await stop().catch((err) => ctx.log(`  cleanup failed: ${err instanceof Error ? err.message : String(err)}`));
    }
  },
};
