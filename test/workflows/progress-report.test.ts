// progressReportCycleWorkflow on the time-skipping server with real durations (a 30-day window,
// reminders 14 and 3 days before the due date): two biennial cycles, reminders only to the cities
// that have not reported, the late ones missed at the due date and the secretariat told, and the
// city that missed both cycles flagged.
import type { EntityManager } from '@mikro-orm/postgresql';
import { describe, expect, it } from 'vitest';
import { flaggedCities, insertCycle, storeReport } from '../../db/queries/progress-report.js';
import {
  progressReportCycleWorkflowId,
  type ProgressReportCycleInput,
  type ReportBody,
} from '../../domain/progress-report.js';
import { progressReportCycleStateQuery, progressReportCycleWorkflow } from '../../workflows/progress-report.js';
import { recordHistory } from '../support/histories.js';
import { sqlOn } from '../support/sql.js';
import { eventually, seedCluster, useWorkflowEnv } from '../support/workflow-env.js';

const t = useWorkflowEnv();
const sql = sqlOn(() => t.orm);
const DAY = 86_400_000;
// Bienniums of this file only (the API and browser tests use earlier ones), cleared before the run.
const FIRST = '2095-2097';
const SECOND = '2097-2099';
const report: ReportBody = { strategies: 'A lifelong learning plan', activities: 'Learning festival', focusAreas: [] };

async function clear(biennium: string) {
  await sql(`delete from progress_report where cycle_biennium = ?`, [biennium]);
  await sql(`delete from progress_report_cycle where biennium = ?`, [biennium]);
  await sql(`delete from notification where key like ?`, [`${progressReportCycleWorkflowId(biennium)}:%`]);
}

async function openCycle(biennium: string) {
  await clear(biennium);
  const now = await t.env.currentTimeMs();
  const input: ProgressReportCycleInput = {
    biennium,
    // Open by both clocks: reports are checked against the database's (the wall clock).
    opensAt: Math.min(now, Date.now()),
    dueAt: now + 30 * DAY,
    reminders: ['P14D', 'P3D'],
    // Small pages, so a round over the database's member cities takes several activities.
    pageSize: 7,
  };
  expect(await insertCycle(t.orm.em.fork() as EntityManager, input)).toBeGreaterThanOrEqual(3);
  const handle = await t.env.client.workflow.start(progressReportCycleWorkflow, {
    workflowId: progressReportCycleWorkflowId(biennium),
    taskQueue: t.taskQueue,
    args: [input],
  });
  const submit = (cityId: string) => storeReport(t.orm.em.fork() as EntityManager, biennium, cityId, report);
  return { handle, submit };
}

const keysOf = async (biennium: string, cities: string[]) => {
  const prefix = `${progressReportCycleWorkflowId(biennium)}:`;
  const rows = await sql<{ key: string }>(`select key from notification where key like ? order by key`, [`${prefix}%`]);
  return rows
    .map((r) => r.key.slice(prefix.length))
    .filter((k) => !k.includes(':') || cities.some((c) => k.endsWith(c)) || k.endsWith(':secretariat'));
};

describe('progressReportCycleWorkflow on the time-skipping server', () => {
  it('over two cycles reminds the cities that have not reported, misses the late ones and flags the double miss', async () => {
    await t.run(async () => {
      const { cities } = await seedCluster(t.orm, 3);
      const [a, b, c] = cities as [string, string, string];
      const mine = (k: string) => cities.some((x) => k.endsWith(`:${x}`));

      // Cycle 1: a reports at once; b and c never do.
      const one = await openCycle(FIRST);
      await eventually(
        async () => ((await keysOf(FIRST, cities)).filter(mine).length === 3 ? true : undefined),
        20_000,
        'requests',
      );
      expect(await one.submit(a)).toEqual({ ok: true, created: true });
      expect(await one.submit(a)).toEqual({ ok: true, created: false });
      const first = await one.handle.result();
      expect(first.missed).toBeGreaterThanOrEqual(2);
      const k1 = (await keysOf(FIRST, cities)).filter(mine);
      expect(k1.filter((k) => k.startsWith('reminder')).sort()).toEqual(
        [`reminder1:${b}`, `reminder1:${c}`, `reminder2:${b}`, `reminder2:${c}`].sort(),
      );
      expect(await keysOf(FIRST, [])).toContain('late:secretariat');
      expect((await one.handle.query(progressReportCycleStateQuery)).status).toBe('closed');
      expect(await one.submit(b)).toEqual({ ok: false, why: 'closed' });
      const statuses1 = await sql<{ city_id: string; status: string }>(
        `select city_id, status from progress_report where cycle_biennium = ? and city_id = any(?::uuid[])`,
        [FIRST, `{${cities.join(',')}}`],
      );
      expect(Object.fromEntries(statuses1.map((r) => [r.city_id, r.status]))).toEqual({
        [a]: 'submitted',
        [b]: 'missed',
        [c]: 'missed',
      });
      // One miss flags no one.
      expect((await flaggedCities(t.orm.em.fork() as EntityManager, FIRST)).map((f) => f.cityId)).not.toContain(b);

      // Cycle 2, two years on: b reports after the first reminder; a and c do not.
      const two = await openCycle(SECOND);
      await eventually(
        async () => ((await keysOf(SECOND, cities)).filter(mine).length === 3 ? true : undefined),
        20_000,
        'requests',
      );
      await t.env.sleep(17 * DAY);
      await eventually(async () =>
        (await two.handle.query(progressReportCycleStateQuery)).reminded === 1 ? true : undefined,
      );
      expect(await two.submit(b)).toEqual({ ok: true, created: true });
      const second = await two.handle.result();
      expect(second.flagged).toBeGreaterThanOrEqual(1);
      const k2 = (await keysOf(SECOND, cities)).filter(mine);
      expect(k2.filter((k) => k.startsWith('reminder2')).sort()).toEqual([`reminder2:${a}`, `reminder2:${c}`].sort());
      const flagged = await flaggedCities(t.orm.em.fork() as EntityManager);
      const ids = flagged.map((f) => f.cityId);
      expect(ids).toContain(c);
      expect(ids).not.toContain(a);
      expect(ids).not.toContain(b);
      expect(flagged.find((f) => f.cityId === c)).toMatchObject({ missedInARow: 2, lastMissed: SECOND });
      await recordHistory(two.handle, 'progress-report-cycle');
    });
  });
});
