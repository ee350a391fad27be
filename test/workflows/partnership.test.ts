// partnershipWorkflow on the time-skipping server with real durations (a P3M report cycle, a
// reminder 14 days before each due date): reminders only before a report is due and not filed, the
// secretariat told when one is late, none once it is filed, continue-as-new every four periods,
// and the outcome completes the partnership.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { describe, expect, it } from 'vitest';
import { insertPartnership } from '../../db/queries/partnership.js';
import { REPORT_REMINDER_LEAD_MS, partnershipWorkflowId, reportDueMs } from '../../domain/partnership.js';
import type { PartnershipInput } from '../../domain/partnership.contract.js';
import {
  partnershipStateQuery,
  partnershipWorkflow,
  recordOutcomeUpdate,
  reportFiledSignal,
} from '../../workflows/partnership.js';
import { recordHistory } from '../support/histories.js';
import { sqlOn } from '../support/sql.js';
import { eventually, seedCluster, useWorkflowEnv } from '../support/workflow-env.js';

const t = useWorkflowEnv();
const sql = sqlOn(() => t.orm);
const DAY = 86_400_000;

async function startPartnership() {
  const { cities } = await seedCluster(t.orm, 1);
  const supporting = cities[0]!;
  const african = randomUUID();
  await t.orm.em
    .getConnection()
    .execute(
      `insert into city (id, name, country_code, status, created_at, updated_at) values (?, ?, 'KE', 'candidate', now(), now())`,
      [african, `Kisumu ${african.slice(0, 8)}`],
    );
  const now = await t.env.currentTimeMs();
  const startsOn = new Date(now).toISOString().slice(0, 10);
  const partnershipId = randomUUID();
  const input: PartnershipInput = {
    partnershipId,
    title: 'Learning city mentoring',
    supportingCityId: supporting,
    africanCityId: african,
    startsOn,
    endsOn: null,
    reportEvery: 'P3M',
    next: 1,
    filed: 0,
  };
  await insertPartnership(t.orm.em.fork() as EntityManager, {
    ...input,
    kind: 'mentoring',
    donorId: null,
    goals: ['a lifelong learning strategy'],
    firstReport: 1,
  });
  const handle = await t.env.client.workflow.start(partnershipWorkflow, {
    workflowId: partnershipWorkflowId(partnershipId),
    taskQueue: t.taskQueue,
    args: [input],
  });
  const due = (seq: number) => reportDueMs(startsOn, 'P3M', seq);
  /** Sleeps the server's clock to `at` (epoch ms). */
  const sleepTo = async (at: number) => t.env.sleep(Math.max(0, at - (await t.env.currentTimeMs())));
  /** What the API does: the report row, then the signal. */
  const file = async (seq: number) => {
    await sql(
      `insert into partnership_report (id, partnership_id, seq, due_at, summary, submitted_at) values (gen_random_uuid(), ?, ?, ?, 'progress', now())`,
      [partnershipId, seq, new Date(due(seq)).toISOString()],
    );
    await handle.signal(reportFiledSignal, { seq });
  };
  return { partnershipId, supporting, african, handle, due, sleepTo, file };
}

const keysOf = async (partnershipId: string) => {
  const prefix = `${partnershipWorkflowId(partnershipId)}:`;
  return (await sql<{ key: string }>(`select key from notification where key like ? order by key`, [`${prefix}%`]))
    .map((r) => r.key.slice(prefix.length))
    .sort();
};
const waitForKey = (partnershipId: string, key: string) =>
  eventually(async () => ((await keysOf(partnershipId)).includes(key) ? true : undefined), 20_000, key);

describe('partnershipWorkflow on the time-skipping server', () => {
  it('reminds before a report is due, tells the secretariat when it is late, stays quiet once filed, and completes on the outcome', async () => {
    await t.run(async () => {
      const { partnershipId, supporting, african, handle, due, sleepTo, file } = await startPartnership();
      await waitForKey(partnershipId, `started:${african}`);
      expect(await keysOf(partnershipId)).toEqual([`started:${african}`, `started:${supporting}`].sort());

      // A day before the reminder: nothing yet.
      await sleepTo(due(1) - REPORT_REMINDER_LEAD_MS - DAY);
      expect((await keysOf(partnershipId)).filter((k) => !k.startsWith('started'))).toEqual([]);
      // The reminder, to the supporting city only, 14 days before report 1 is due.
      await sleepTo(due(1) - REPORT_REMINDER_LEAD_MS + DAY);
      await waitForKey(partnershipId, `report-reminder1:${supporting}`);
      expect((await keysOf(partnershipId)).filter((k) => k.includes(african))).toEqual([`started:${african}`]);
      expect(await keysOf(partnershipId)).not.toContain('report-late1:secretariat');
      // Report 1 not filed by its due date: the secretariat is told.
      await sleepTo(due(1) + DAY);
      await waitForKey(partnershipId, 'report-late1:secretariat');

      // Report 1 (late) and report 2 filed before report 2's reminder: neither reminder nor late notice for 2.
      await file(1);
      await file(2);
      await eventually(async () => ((await handle.query(partnershipStateQuery)).filed === 2 ? true : undefined));
      await sleepTo(due(2) + DAY);
      // Report 3's reminder comes: by then report 2's would have been sent long before.
      await sleepTo(due(3) - REPORT_REMINDER_LEAD_MS + DAY);
      await waitForKey(partnershipId, `report-reminder3:${supporting}`);
      const keys = await keysOf(partnershipId);
      expect(keys.filter((k) => k.startsWith('report-'))).toEqual(
        ['report-late1:secretariat', `report-reminder1:${supporting}`, `report-reminder3:${supporting}`].sort(),
      );
      expect(await handle.query(partnershipStateQuery)).toMatchObject({
        status: 'active',
        filed: 2,
        waitingFor: 3,
        reminded: [1, 3],
        late: [1],
      });

      // The outcome completes the partnership: no late notice for report 3 follows.
      const s = await handle.executeUpdate(recordOutcomeUpdate, { args: [{ outcome: 'applied', note: 'applied' }] });
      expect(s).toMatchObject({ status: 'completed', outcome: 'applied' });
      expect(await handle.result()).toEqual({ partnershipId, status: 'completed', outcome: 'applied', filed: 2 });
      const [row] = await sql<{ status: string; outcome: string; outcome_note: string }>(
        `select status, outcome, outcome_note from partnership where id = ?`,
        [partnershipId],
      );
      expect(row).toEqual({ status: 'completed', outcome: 'applied', outcome_note: 'applied' });
      const after = await keysOf(partnershipId);
      expect(after).toContain(`completed:${supporting}`);
      expect(after).toContain(`completed:${african}`);
      expect(after).not.toContain('report-late3:secretariat');
      // Once completed, a second outcome is refused.
      await expect(handle.executeUpdate(recordOutcomeUpdate, { args: [{ outcome: 'admitted' }] })).rejects.toThrow();
      await recordHistory(handle, 'partnership-reports');
    });
  });

  it('a report found in the database counts even when its signal was lost', async () => {
    await t.run(async () => {
      const { partnershipId, supporting, handle, due, sleepTo } = await startPartnership();
      await sql(
        `insert into partnership_report (id, partnership_id, seq, due_at, summary, submitted_at) values (gen_random_uuid(), ?, 1, ?, 'progress', now())`,
        [partnershipId, new Date(due(1)).toISOString()],
      );
      await sleepTo(due(1) + DAY);
      await eventually(async () => ((await handle.query(partnershipStateQuery)).waitingFor === 2 ? true : undefined));
      const keys = await keysOf(partnershipId);
      expect(keys).not.toContain(`report-reminder1:${supporting}`);
      expect(keys).not.toContain('report-late1:secretariat');
      expect((await handle.query(partnershipStateQuery)).filed).toBe(1);
      const done = await handle.executeUpdate(recordOutcomeUpdate, {
        args: [{ outcome: 'ended_without_application' }],
      });
      expect(done.status).toBe('completed');
      await handle.result();
    });
  });

  it('continues as new every four report periods, carrying the reports filed', async () => {
    await t.run(async () => {
      const { partnershipId, supporting, handle, due, sleepTo, file } = await startPartnership();
      const first = (await handle.describe()).runId;
      await file(1);
      await sleepTo(due(4) + DAY);
      await eventually(async () => ((await handle.describe()).runId !== first ? true : undefined), 20_000, 'new run');
      const latest = t.env.client.workflow.getHandle(partnershipWorkflowId(partnershipId));
      expect(await latest.query(partnershipStateQuery)).toMatchObject({ waitingFor: 5, filed: 1, reminded: [] });
      const keys = await keysOf(partnershipId);
      expect(keys.filter((k) => k.startsWith('report-reminder'))).toEqual(
        [2, 3, 4].map((n) => `report-reminder${n}:${supporting}`),
      );
      expect(keys.filter((k) => k.startsWith('report-late'))).toEqual(
        [2, 3, 4].map((n) => `report-late${n}:secretariat`),
      );
      // The started message is not repeated by the new run.
      expect(keys.filter((k) => k.startsWith('started'))).toHaveLength(2);
      await recordHistory(
        t.env.client.workflow.getHandle(partnershipWorkflowId(partnershipId), first),
        'partnership-continue-as-new',
      );
      await latest.executeUpdate(recordOutcomeUpdate, { args: [{ outcome: 'admitted' }] });
      expect(await latest.result()).toMatchObject({ status: 'completed', outcome: 'admitted', filed: 1 });
      const err = await latest.executeUpdate(recordOutcomeUpdate, { args: [{ outcome: 'admitted' }] }).catch((e) => e);
      expect(err).toBeInstanceOf(Error);
    });
  });
});
