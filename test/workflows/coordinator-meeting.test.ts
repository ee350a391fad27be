import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { coordinatorMeetingWorkflowId } from '../../domain/coordinator-meeting.js';
import type { MeetingInput } from '../../domain/coordinator-meeting.contract.js';
import {
  cancelMeetingUpdate,
  coordinatorMeetingWorkflow,
  meetingStateQuery,
  submitReportUpdate,
} from '../../workflows/coordinator-meeting.js';
import { sqlOn } from '../support/sql.js';
import { recordHistory } from '../support/histories.js';
import { notificationCounts, notificationCountsReach } from '../support/notification-counts.js';
import { failureType, eventually, seedCluster, useWorkflowEnv } from '../support/workflow-env.js';

const DAY = 86_400_000;
const t = useWorkflowEnv();

const sql = sqlOn(() => t.orm);
const iso = (ms: number) => new Date(ms).toISOString();

const counts = (meetingId: string, kind: string) => notificationCounts(sql, `/coordinator-meetings/${meetingId}`, kind);
const countsReach = (meetingId: string, kind: string, total: number) =>
  notificationCountsReach(sql, `/coordinator-meetings/${meetingId}`, kind, total);

/** Two test clusters: X coordinated by a and b, Y by c. The meeting is in 14 days, reports due in 7. */
async function schedule(reminders = ['P3D', 'P1D']) {
  const x = await seedCluster(t.orm, 2);
  const y = await seedCluster(t.orm, 1);
  const [a, b] = x.cities as [string, string];
  const [c] = y.cities as [string];
  const now = await t.env.currentTimeMs();
  const meetingId = randomUUID();
  const input: MeetingInput = {
    meetingId,
    title: 'Cluster coordinators meeting',
    at: iso(now + 14 * DAY),
    reportLead: 'P7D',
    reportDueAt: iso(now + 7 * DAY),
    expected: [
      { cluster: x.cluster, cityId: a },
      { cluster: x.cluster, cityId: b },
      { cluster: y.cluster, cityId: c },
    ],
    reminders,
  };
  const handle = await t.env.client.workflow.start(coordinatorMeetingWorkflow, {
    workflowId: coordinatorMeetingWorkflowId(meetingId),
    taskQueue: t.taskQueue,
    args: [input],
  });
  return { handle, meetingId, a, b, c, X: x.cluster, Y: y.cluster };
}

const progress = [{ key: 'centres', value: 4, status: 'at_risk' as const, note: 'two districts late' }];

describe('coordinatorMeetingWorkflow on the time-skipping server', () => {
  it('asks every coordinator, reminds those who have not reported, escalates the missing ones, then holds the meeting', async () => {
    await t.run(async () => {
      const { handle, meetingId, a, b, c, X, Y } = await schedule();
      expect(await countsReach(meetingId, 'meeting.report-request', 3)).toEqual({ [a]: 1, [b]: 1, [c]: 1 });
      await handle.executeUpdate(submitReportUpdate, { args: [{ cluster: X, cityId: a, progress }] });
      // c coordinates Y, not X.
      await expect(
        handle.executeUpdate(submitReportUpdate, { args: [{ cluster: X, cityId: c, progress }] }),
      ).rejects.toSatisfy((e) => failureType(e) === 'Forbidden');

      // Day 4 (P3D before the due date): b and c are reminded.
      await t.env.sleep(4 * DAY + 1000);
      expect(await countsReach(meetingId, 'meeting.report-reminder', 2)).toEqual({ [b]: 1, [c]: 1 });
      await handle.executeUpdate(submitReportUpdate, {
        args: [{ cluster: Y, cityId: c, progress: [{ key: 'guide', value: 1, status: 'on_track' }] }],
      });
      // Day 6 (P1D before): only b.
      await t.env.sleep(2 * DAY);
      expect(await countsReach(meetingId, 'meeting.report-reminder', 3)).toEqual({ [b]: 2, [c]: 1 });
      expect(await counts(meetingId, 'meeting.reports-missing')).toEqual({});
      // Day 7: the due date passes with b missing; the secretariat is told.
      await t.env.sleep(1 * DAY);
      expect(await countsReach(meetingId, 'meeting.reports-missing', 1)).toEqual({ secretariat: 1 });
      const state = await handle.query(meetingStateQuery);
      expect(state).toMatchObject({ status: 'collecting', escalated: true, missing: [{ cluster: X, cityId: b }] });
      const [body] = await sql<{ body: string }>(
        `select body from notification where resource = ? and kind = 'meeting.reports-missing'`,
        [`/coordinator-meetings/${meetingId}`],
      );
      // The missing city by name (seedCluster's City <cluster>-<i>), b being X's second.
      expect(body!.body).toContain(`${X} – City ${X}-1`);

      // A late report is still taken until the meeting; a resubmission replaces the earlier one.
      await handle.executeUpdate(submitReportUpdate, { args: [{ cluster: X, cityId: b, progress }] });
      await handle.executeUpdate(submitReportUpdate, {
        args: [{ cluster: X, cityId: a, progress: [{ key: 'centres', value: 5, status: 'on_track' }] }],
      });
      const result = await handle.result();
      expect(result).toEqual({ meetingId, status: 'held', missing: [] });
      await recordHistory(handle, 'coordinator-meeting-escalation');
      const [row] = await sql<{ status: string; escalated: boolean }>(
        `select status, escalated from coordinator_meeting where id = ?`,
        [meetingId],
      );
      expect(row).toEqual({ status: 'held', escalated: true });
      const reports = await sql<{ city_id: string; progress: { value: number }[] }>(
        `select city_id, progress from meeting_report where meeting_id = ? and cluster_code = ? order by city_id`,
        [meetingId, X],
      );
      expect(Object.fromEntries(reports.map((r) => [r.city_id, r.progress[0]!.value]))).toEqual({ [a]: 5, [b]: 4 });
      await expect(
        handle.executeUpdate(submitReportUpdate, { args: [{ cluster: X, cityId: a, progress }] }),
      ).rejects.toThrow();
    });
  });

  it('reminds at the leads it was given (P5D and PT12H before the due date), not at the default ones', async () => {
    await t.run(async () => {
      const { handle, meetingId, a, b, c, X, Y } = await schedule(['PT12H', 'P5D']);
      expect(await countsReach(meetingId, 'meeting.report-request', 3)).toEqual({ [a]: 1, [b]: 1, [c]: 1 });
      // Day 2 (P5D before the due date): nobody has reported, all three are reminded.
      await t.env.sleep(2 * DAY + 1000);
      expect(await countsReach(meetingId, 'meeting.report-reminder', 3)).toEqual({ [a]: 1, [b]: 1, [c]: 1 });
      await handle.executeUpdate(submitReportUpdate, { args: [{ cluster: X, cityId: a, progress }] });
      await handle.executeUpdate(submitReportUpdate, { args: [{ cluster: Y, cityId: c, progress }] });
      // Days 4 and 6 (the default P3D and P1D) pass without a reminder.
      await t.env.sleep(4 * DAY);
      expect(await counts(meetingId, 'meeting.report-reminder')).toEqual({ [a]: 1, [b]: 1, [c]: 1 });
      // Day 6.5 (PT12H before): only b, which still has not reported.
      await t.env.sleep(DAY / 2);
      expect(await countsReach(meetingId, 'meeting.report-reminder', 4)).toEqual({ [a]: 1, [b]: 2, [c]: 1 });
      await t.env.sleep(DAY / 2);
      expect(await countsReach(meetingId, 'meeting.reports-missing', 1)).toEqual({ secretariat: 1 });
      expect(await handle.result()).toEqual({ meetingId, status: 'held', missing: [{ cluster: X, cityId: b }] });
      expect(await counts(meetingId, 'meeting.report-reminder')).toEqual({ [a]: 1, [b]: 2, [c]: 1 });
    });
  });

  it('sends no reminder or escalation when everyone reported, and can be cancelled', async () => {
    await t.run(async () => {
      const { handle, meetingId, a, b, c, X, Y } = await schedule();
      for (const [cluster, cityId] of [
        [X, a],
        [X, b],
        [Y, c],
      ] as const) {
        await handle.executeUpdate(submitReportUpdate, { args: [{ cluster, cityId, progress }] });
      }
      await t.env.sleep(7 * DAY + 1000);
      await eventually(async () => ((await handle.query(meetingStateQuery)).missing.length === 0 ? true : undefined));
      expect(await counts(meetingId, 'meeting.report-reminder')).toEqual({});
      expect(await counts(meetingId, 'meeting.reports-missing')).toEqual({});
      await handle.executeUpdate(cancelMeetingUpdate, { args: [{ reason: 'postponed to the assembly' }] });
      expect(await handle.result()).toEqual({ meetingId, status: 'cancelled', missing: [] });
      const [row] = await sql<{ status: string }>(`select status from coordinator_meeting where id = ?`, [meetingId]);
      expect(row!.status).toBe('cancelled');
    });
  });
});
