// The backfill of work plans saved before workPlanOutputsWorkflow existed (worker/backfill-work-plan-outputs.ts,
// `main.ts backfill-work-plan-outputs`): each plan in force with an output ahead gets its workflow by the
// PUT's own update-with-start; run twice, there is still one workflow and no reminder is sent twice.
import type { EntityManager } from '@mikro-orm/postgresql';
import { describe, expect, it } from 'vitest';
import { insertProgress } from '../../db/queries/work-plan-output.js';
import { workPlanOutputsWorkflowId } from '../../domain/work-plan-output.js';
import { createLogger } from '../../platform/logger.js';
import { outputsStateQuery } from '../../workflows/work-plan-output.js';
import { backfillWorkPlanOutputs } from '../../worker/backfill-work-plan-outputs.js';
import { clusterWithPhase, insertPlanVersion } from '../support/cluster-work.js';
import { sqlOn } from '../support/sql.js';
import { eventually, sleepUntil, terminateIdle, useWorkflowEnv } from '../support/workflow-env.js';

const t = useWorkflowEnv();
const sql = sqlOn(() => t.orm);
const DAY = 86_400_000;
const HOUR = 3_600_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A coordinated cluster with a work phase of the biennium holding `now` and a plan version saved straight to the database (no workflow told). */
async function planSavedBeforeTheWorkflow(now: number, outputs: { key: string; due: string }[]) {
  const { cluster, biennium, phaseId, coordinator } = await clusterWithPhase(t.orm, now);
  await insertPlanVersion(
    t.orm,
    phaseId,
    1,
    outputs.map((o) => ({ ...o, title: `Output ${o.key}`, description: '', target: { value: 10, unit: 'centres' } })),
  );
  return { cluster, biennium, phaseId, coordinator };
}

describe('backfillWorkPlanOutputs on the time-skipping server', () => {
  it('starts one workflow per plan with outputs ahead, and running it twice reminds once', async () => {
    await t.run(async () => {
      const now = await t.env.currentTimeMs();
      const due = day(now + 40 * DAY);
      const dueMs = Date.parse(`${due}T00:00:00Z`);
      const ahead = await planSavedBeforeTheWorkflow(now, [{ key: 'centres', due }]);
      // Everything past due, or done: nothing to follow.
      const past = await planSavedBeforeTheWorkflow(now, [{ key: 'old', due: day(now - 10 * DAY) }]);
      const done = await planSavedBeforeTheWorkflow(now, [{ key: 'finished', due }]);
      // Its target reached (10 centres).
      await insertProgress(t.orm.em.fork() as EntityManager, {
        workPhaseId: done.phaseId,
        key: 'finished',
        value: 10,
        note: null,
        date: day(now - DAY),
        recordedBy: null,
      });
      const deps = { orm: t.orm, client: t.env.client, taskQueue: t.taskQueue, logger: createLogger('silent') };
      const opts = { today: day(now), clusters: [ahead.cluster, past.cluster, done.cluster] };

      const first = await backfillWorkPlanOutputs(deps, opts);
      expect(first).toEqual([{ cluster: ahead.cluster, biennium: ahead.biennium, version: 1 }]);
      const handle = t.env.client.workflow.getHandle(workPlanOutputsWorkflowId(ahead.cluster, ahead.biennium));
      const run = (await handle.describe()).runId;
      expect(await handle.query(outputsStateQuery)).toMatchObject({
        version: 1,
        beforeDue: 'P14D',
        outputs: [{ key: 'centres', title: 'Output centres', due }],
        next: { id: `centres:reminder:${due}` },
      });
      for (const other of [past, done]) {
        await expect(
          t.env.client.workflow.getHandle(workPlanOutputsWorkflowId(other.cluster, other.biennium)).describe(),
        ).rejects.toThrow(/not found/i);
      }

      const wid = workPlanOutputsWorkflowId(ahead.cluster, ahead.biennium);
      const notes = () =>
        sql<{ key: string }>(`select key from notification where key like ? order by key`, [`${wid}:%`]);
      const reminder = `${wid}:due-soon:centres:${due}:${ahead.coordinator}`;
      // The reminder a lead (P14D) before the due date, once.
      await sleepUntil(t, dueMs - 14 * DAY + HOUR);
      await eventually(async () => ((await notes()).length ? true : undefined), 20_000, 'the reminder');
      expect((await notes()).map((n) => n.key)).toEqual([reminder]);

      // Run again after the reminder: the same workflow (same run), nothing sent twice.
      expect(await backfillWorkPlanOutputs(deps, opts)).toEqual(first);
      expect((await handle.describe()).runId).toBe(run);
      expect((await handle.query(outputsStateQuery)).sent).toEqual([`centres:reminder:${due}`]);
      await sleepUntil(t, dueMs - 2 * DAY);
      expect((await notes()).map((n) => n.key)).toEqual([reminder]);
      expect((await handle.describe()).runId).toBe(run);
      await terminateIdle(handle, 'end of test');
    });
  });
});
