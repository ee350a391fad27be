// reportingRequirementWorkflow on the time-skipping server: the secretariat (which owes the report)
// is reminded before the due date, told when it is late and escalated later; a new due date
// re-plans the notices; a report submitted ends it and tells the donor; a withdrawn one ends quietly.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { describe, expect, it } from 'vitest';
import { insertRequirement, submitReport } from '../../db/queries/reporting-requirement.js';
import { openPledge } from '../../db/queries/pledge.js';
import { reminderSettings } from '../../domain/pledge.js';
import { reportingRequirementWorkflowId } from '../../domain/reporting-requirement.js';
import type { RequirementInput } from '../../domain/reporting-requirement.contract.js';
import {
  reportSubmittedUpdate,
  reportingRequirementWorkflow,
  requirementStateQuery,
  rescheduleRequirementUpdate,
  withdrawRequirementUpdate,
} from '../../workflows/reporting-requirement.js';
import { seedDonor } from '../support/funding.js';
import { recordHistory } from '../support/histories.js';
import { sqlOn } from '../support/sql.js';
import { eventually, useWorkflowEnv, sleepUntil as sleepUntilOn } from '../support/workflow-env.js';

const t = useWorkflowEnv();
const sql = sqlOn(() => t.orm);
const DAY = 86_400_000;
const HOUR = 3_600_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const em = () => t.orm.em.fork() as EntityManager;

const sleepUntil = (at: number) => sleepUntilOn(t, at);

async function openRequirement(dueInDays: number) {
  const donorId = await seedDonor(sql);
  const pledgeId = randomUUID();
  await openPledge(em(), {
    pledgeId,
    donorId,
    kind: 'in_kind',
    fundingOption: 'thematic_study',
    subOption: null,
    focus: [],
    biennium: '2025-2027',
    status: 'agreement_signed',
    currency: null,
    amountMinor: null,
    instalments: [],
    inKind: { description: 'a study' },
    reminders: reminderSettings(),
    campaignId: null,
    by: 'secretariat',
    note: null,
  });
  const requirementId = randomUUID();
  const now = await t.env.currentTimeMs();
  const input: RequirementInput = {
    requirementId,
    pledgeId,
    donorId,
    fundingOption: 'thematic_study',
    kind: 'interim',
    nature: 'financial',
    dueOn: day(now + dueInDays * DAY),
    beforeDue: 'P30D',
    escalateAfter: 'P14D',
  };
  const workflowId = reportingRequirementWorkflowId(requirementId);
  await insertRequirement(
    em(),
    {
      id: requirementId,
      pledgeId,
      workflowId,
      kind: input.kind,
      nature: input.nature,
      title: null,
      dueOn: input.dueOn,
      allocationIds: [randomUUID()],
      beforeDue: input.beforeDue,
      escalateAfter: input.escalateAfter,
      by: 'secretariat',
    },
    40,
  );
  const handle = await t.env.client.workflow.start(reportingRequirementWorkflow, {
    workflowId,
    taskQueue: t.taskQueue,
    args: [input],
  });
  return { input, handle, requirementId, pledgeId, donorId, start: now };
}

const notes = async (requirementId: string) => {
  const prefix = `${reportingRequirementWorkflowId(requirementId)}:`;
  return sql<{ key: string; recipient_kind: string; subject: string }>(
    `select substr(key, ?) as key, recipient_kind, subject from notification where key like ? order by created_at, key`,
    [prefix.length + 1, `${prefix}%`],
  );
};
const hasNote = (requirementId: string, key: string) =>
  eventually(async () => ((await notes(requirementId)).some((n) => n.key === key) ? true : undefined), 20_000, key);
const statusOf = async (id: string) =>
  (
    await sql<{ status: string; late_since: Date | null; escalated_at: Date | null }>(
      `select status, late_since, escalated_at from reporting_requirement where id = ?`,
      [id],
    )
  )[0]!;

describe('reportingRequirementWorkflow on the time-skipping server', () => {
  it('reminds the secretariat before the due date, marks it late, escalates, and tells the donor of the report', async () => {
    await t.run(async () => {
      const { input, handle, requirementId } = await openRequirement(40);
      const due = Date.parse(`${input.dueOn}T00:00:00Z`);
      // Thirty days before the due date: the secretariat, not the donor, is reminded.
      await sleepUntil(due - 30 * DAY + HOUR);
      await hasNote(requirementId, `reminder:${input.dueOn}`);
      expect((await statusOf(requirementId)).status).toBe('open');
      // The due day passes without a report: late.
      await sleepUntil(due + DAY + HOUR);
      await hasNote(requirementId, `late:${input.dueOn}`);
      expect((await statusOf(requirementId)).status).toBe('late');
      expect((await handle.query(requirementStateQuery)).status).toBe('late');
      // Fourteen days later: escalated.
      await sleepUntil(due + 15 * DAY + HOUR);
      await hasNote(requirementId, `escalation:${input.dueOn}`);
      expect((await statusOf(requirementId)).escalated_at).not.toBeNull();
      const sent = await notes(requirementId);
      expect(sent.map((n) => [n.key, n.recipient_kind])).toEqual([
        [`reminder:${input.dueOn}`, 'secretariat'],
        [`late:${input.dueOn}`, 'secretariat'],
        [`escalation:${input.dueOn}`, 'secretariat'],
      ]);
      expect(sent[0]!.subject).toMatch(/^The interim report \(financial\) to donor Donor .* is due on /);

      // The report is recorded (by the API's query) and the workflow told: the donor hears of it.
      const reportId = await submitReport(em(), {
        requirementId,
        title: 'Interim financial report 2026',
        url: 'https://reports.example.org/interim.pdf',
        fileName: null,
        checksum: null,
        by: 'secretariat',
      });
      expect(reportId).not.toBeNull();
      const state = await handle.executeUpdate(reportSubmittedUpdate, {
        args: [{ reportId: reportId!, title: 'Interim financial report 2026' }],
      });
      expect(state.status).toBe('submitted');
      expect(await handle.result()).toEqual({ requirementId, status: 'submitted' });
      const last = (await notes(requirementId)).at(-1)!;
      expect([last.key, last.recipient_kind]).toEqual(['submitted', 'donor']);
      expect((await statusOf(requirementId)).status).toBe('submitted');
      // A second submission is refused by the database (one report per requirement).
      expect(
        await submitReport(em(), {
          requirementId,
          title: 'again',
          url: null,
          fileName: 'a.pdf',
          checksum: 'a'.repeat(64),
          by: 's',
        }),
      ).toBeNull();
      await recordHistory(handle, 'reporting-requirement-escalation');
    });
  });

  it('re-plans its notices for a new due date, and a withdrawn requirement ends without more', async () => {
    await t.run(async () => {
      const { input, handle, requirementId } = await openRequirement(35);
      const due = Date.parse(`${input.dueOn}T00:00:00Z`);
      await sleepUntil(due - 30 * DAY + HOUR);
      await hasNote(requirementId, `reminder:${input.dueOn}`);
      const later = day(due + 60 * DAY);
      const moved = await handle.executeUpdate(rescheduleRequirementUpdate, { args: [{ dueOn: later }] });
      expect(moved.dueOn).toBe(later);
      // The old due date passes quietly.
      await sleepUntil(due + 2 * DAY);
      await eventually(async () => ((await handle.query(requirementStateQuery)).status === 'open' ? true : undefined));
      expect((await notes(requirementId)).map((n) => n.key)).toEqual([`reminder:${input.dueOn}`]);
      // The new one's reminder comes thirty days before it.
      await sleepUntil(due + 30 * DAY + HOUR);
      await hasNote(requirementId, `reminder:${later}`);
      await sql(`update reporting_requirement set status = 'withdrawn' where id = ?`, [requirementId]);
      await handle.executeUpdate(withdrawRequirementUpdate, { args: [{ reason: 'agreement amended' }] });
      expect(await handle.result()).toEqual({ requirementId, status: 'withdrawn' });
      const refused = await handle
        .executeUpdate(rescheduleRequirementUpdate, { args: [{ dueOn: later }] })
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(Error);
      expect((await notes(requirementId)).map((n) => n.key)).toEqual([`reminder:${input.dueOn}`, `reminder:${later}`]);
    });
  });

  it('sends nothing for a report submitted before any notice, and refuses a second submission', async () => {
    await t.run(async () => {
      const { handle, requirementId } = await openRequirement(60);
      const reportId = await submitReport(em(), {
        requirementId,
        title: 'Early report',
        url: null,
        fileName: 'early.pdf',
        checksum: 'b'.repeat(64),
        by: 'secretariat',
      });
      await handle.executeUpdate(reportSubmittedUpdate, { args: [{ reportId: reportId!, title: 'Early report' }] });
      expect(await handle.result()).toEqual({ requirementId, status: 'submitted' });
      expect((await notes(requirementId)).map((n) => [n.key, n.recipient_kind])).toEqual([['submitted', 'donor']]);
      const again = await handle
        .executeUpdate(reportSubmittedUpdate, { args: [{ reportId: reportId!, title: 'x' }] })
        .catch((e: unknown) => e);
      expect(again).toBeInstanceOf(Error);
    });
  });
});
