// donorContactWorkflow on the time-skipping server: a contact-log entry's next step reminds the
// secretariat when it falls due, never after it was marked done, and on its new day after a reschedule.
// Its own server (useWorkflowEnv): result() and sleep() skip to the next timer of any workflow on it.
import type { EntityManager } from '@mikro-orm/postgresql';
import { describe, expect, it } from 'vitest';
import { insertContact } from '../../db/queries/donor-contact.js';
import { donorContactWorkflowId } from '../../domain/donor-contact.js';
import {
  completeFollowUpUpdate,
  donorContactWorkflow,
  followUpStateQuery,
  rescheduleFollowUpUpdate,
} from '../../workflows/donor-contact.js';
import { seedDonor } from '../support/funding.js';
import { recordHistory } from '../support/histories.js';
import { sqlOn } from '../support/sql.js';
import { eventually, useWorkflowEnv } from '../support/workflow-env.js';

const t = useWorkflowEnv();
const sql = sqlOn(() => t.orm);
const DAY = 86_400_000;

/** An entry with a next step due `days` after the server's today (its reminder at that day's start, UTC). */
async function entry(days: number) {
  const donorId = await seedDonor(sql);
  const now = await t.env.currentTimeMs();
  const dueOn = new Date(now + days * DAY).toISOString().slice(0, 10);
  const row = await insertContact(t.orm.em.fork() as EntityManager, {
    donorId,
    kind: 'meeting',
    date: new Date(now).toISOString().slice(0, 10),
    byPersonId: null,
    byName: 'secretariat',
    note: 'met at the Medellín conference',
    next: { step: 'send the MDFM brochure', dueOn },
  });
  const handle = await t.env.client.workflow.start(donorContactWorkflow, {
    workflowId: donorContactWorkflowId(row.id),
    taskQueue: t.taskQueue,
    args: [{ entryId: row.id, donorId, donorName: 'Fondation Test', step: 'send the MDFM brochure', dueOn }],
  });
  const reminders = async () =>
    (
      await sql<{ key: string }>(`select key from notification where key like ? order by key`, [
        `${donorContactWorkflowId(row.id)}:%`,
      ])
    ).map((r) => r.key.slice(donorContactWorkflowId(row.id).length + 1));
  const stored = async () =>
    (
      await sql<{ next_due: string; next_status: string; reminded: number; revision: number }>(
        `select to_char(next_due, 'YYYY-MM-DD') as next_due, next_status, reminded, revision from donor_contact where id = ?`,
        [row.id],
      )
    )[0];
  return { id: row.id, dueOn, handle, reminders, stored };
}

describe('donorContactWorkflow on the time-skipping server', () => {
  it('reminds the secretariat when the next step falls due, once, and ends when it is done', async () => {
    await t.run(async () => {
      const e = await entry(5);
      await eventually(async () => ((await e.handle.query(followUpStateQuery)).status === 'open' ? true : undefined));
      await t.env.sleep(3 * DAY);
      expect(await e.reminders()).toEqual([]);
      await t.env.sleep(3 * DAY);
      await eventually(async () => ((await e.handle.query(followUpStateQuery)).reminded === 1 ? true : undefined));
      expect(await e.reminders()).toEqual(['follow-up-due:0']);
      const [n] = await sql<{ subject: string; link: string }>(`select subject, link from notification where key = ?`, [
        `${donorContactWorkflowId(e.id)}:follow-up-due:0`,
      ]);
      expect(n?.subject).toBe('Next step due with Fondation Test: send the MDFM brochure');
      expect(n?.link).toMatch(/^\/app\/donors\//);
      // A week on, still open: no second reminder for the same day.
      await t.env.sleep(7 * DAY);
      expect(await e.reminders()).toEqual(['follow-up-due:0']);
      const done = await e.handle.executeUpdate(completeFollowUpUpdate);
      expect(done.status).toBe('done');
      expect(await e.handle.result()).toMatchObject({ status: 'done', reminded: 1 });
      expect(await e.stored()).toMatchObject({ next_status: 'done', reminded: 1 });
    });
  });

  it('sends no reminder once the step is done before its day', async () => {
    await t.run(async () => {
      const e = await entry(4);
      await t.env.sleep(DAY);
      await e.handle.executeUpdate(completeFollowUpUpdate);
      expect(await e.handle.result()).toMatchObject({ status: 'done', reminded: 0 });
      await t.env.sleep(10 * DAY);
      expect(await e.reminders()).toEqual([]);
      expect(await e.stored()).toMatchObject({ next_status: 'done', reminded: 0 });
    });
  });

  it('moves the reminder to the new day after a reschedule (none on the old day)', async () => {
    await t.run(async () => {
      const e = await entry(3);
      await t.env.sleep(DAY);
      const later = new Date((await t.env.currentTimeMs()) + 9 * DAY).toISOString().slice(0, 10);
      const moved = await e.handle.executeUpdate(rescheduleFollowUpUpdate, {
        args: [{ dueOn: later, step: 'call about the thematic study' }],
      });
      expect(moved).toMatchObject({ dueOn: later, revision: 1, step: 'call about the thematic study' });
      expect(await e.stored()).toMatchObject({ next_due: later, revision: 1, next_status: 'open' });
      // The old day passes: nothing.
      await t.env.sleep(4 * DAY);
      expect(await e.reminders()).toEqual([]);
      await t.env.sleep(6 * DAY);
      await eventually(async () => ((await e.handle.query(followUpStateQuery)).reminded === 1 ? true : undefined));
      expect(await e.reminders()).toEqual(['follow-up-due:1']);
      // Rescheduled after its reminder: a new one on the new day.
      const again = new Date((await t.env.currentTimeMs()) + 3 * DAY).toISOString().slice(0, 10);
      await e.handle.executeUpdate(rescheduleFollowUpUpdate, { args: [{ dueOn: again }] });
      await t.env.sleep(4 * DAY);
      await eventually(async () => ((await e.handle.query(followUpStateQuery)).reminded === 2 ? true : undefined));
      expect(await e.reminders()).toEqual(['follow-up-due:1', 'follow-up-due:2']);
      await e.handle.executeUpdate(completeFollowUpUpdate);
      expect(await e.handle.result()).toMatchObject({ status: 'done', reminded: 2, revision: 2 });
      await recordHistory(e.handle, 'donor-contact-reschedule');
    });
  });
});
