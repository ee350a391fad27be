import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WORKSHOP_DEFAULTS, workshopWorkflowId } from '../../domain/workshop.js';
import type { WorkshopInput, WorkshopSchedule } from '../../domain/workshop.contract.js';
import {
  cancelWorkshopUpdate,
  rescheduleUpdate,
  rsvpUpdate,
  submitOutcomesUpdate,
  workshopStateQuery,
  workshopWorkflow,
} from '../../workflows/workshop.js';
import { sqlOn } from '../support/sql.js';
import { recordHistory } from '../support/histories.js';
import { notificationCounts, notificationCountsReach } from '../support/notification-counts.js';
import { failureType, eventually, seedCluster, useWorkflowEnv } from '../support/workflow-env.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const t = useWorkflowEnv();

const sql = sqlOn(() => t.orm);
const iso = (ms: number) => new Date(ms).toISOString();

/** Schedule relative to the test server's clock: rsvpBy after `rsvpDays`, the event a day later for 3 hours. */
async function scheduleIn(rsvpDays: number): Promise<WorkshopSchedule> {
  const now = await t.env.currentTimeMs();
  const start = now + (rsvpDays + 1) * DAY;
  return {
    startsAt: iso(start),
    endsAt: iso(start + 3 * HOUR),
    timezone: 'Europe/Paris',
    venue: 'Town hall',
    rsvpBy: iso(now + rsvpDays * DAY),
  };
}

async function open(members: number, schedule: WorkshopSchedule | undefined, extra: Partial<WorkshopInput> = {}) {
  const { cluster, cities } = await seedCluster(t.orm, members);
  const workshopId = randomUUID();
  const input: WorkshopInput = {
    workshopId,
    cluster,
    kind: 'thematic',
    title: 'Cities for lifelong learning',
    ...(schedule ? { schedule } : {}),
    experts: [
      { name: 'Dr Expert', email: `expert-${workshopId.slice(0, 6)}@uni.example.org`, expertise: ['adult learning'] },
    ],
    invited: cities,
    coordinators: [],
    settings: { rsvpReminders: [...WORKSHOP_DEFAULTS.rsvpReminders], outcomesDue: 'P14D', outcomesReminderLead: 'P3D' },
    ...extra,
  };
  const handle = await t.env.client.workflow.start(workshopWorkflow, {
    workflowId: workshopWorkflowId(workshopId),
    taskQueue: t.taskQueue,
    args: [input],
  });
  return { handle, cluster, cities, workshopId, input };
}

/** Per recipient (city id or e-mail), how many messages of `kind` the workshop sent. */
const counts = (workshopId: string, kind: string) => notificationCounts(sql, `/workshops/${workshopId}`, kind);
const countsReach = (workshopId: string, kind: string, total: number) =>
  notificationCountsReach(sql, `/workshops/${workshopId}`, kind, total);
const statusIs = (handle: { query: (q: typeof workshopStateQuery) => Promise<{ status: string }> }, status: string) =>
  eventually(
    async () => ((await handle.query(workshopStateQuery)).status === status ? true : undefined),
    20_000,
    `status ${status}`,
  );

const OUTCOMES = {
  conceptualDefinition:
    'A learning city mobilises its resources to promote inclusive learning from basic to higher education.',
  summary: 'Twelve cities agreed on a shared definition and a work plan.',
  successes: ['Community learning centres opened in every district'],
  challenges: ['Funding for adult literacy remains scarce'],
  documents: [{ title: 'Workshop report', url: 'https://example.org/report.pdf' }],
};

describe('workshopWorkflow on the time-skipping server', () => {
  it('invites cities and experts, reminds only those who have not answered, closes RSVPs and publishes outcomes', async () => {
    await t.run(async () => {
      const { handle, cities, workshopId, input } = await open(3, await scheduleIn(20));
      const [a, b, c] = cities as [string, string, string];
      const expert = input.experts[0]!.email;
      expect(await countsReach(workshopId, 'workshop.invitation', 4)).toEqual({ [a]: 1, [b]: 1, [c]: 1, [expert]: 1 });
      const [row] = await sql<{ status: string; invited: string[] }>(
        `select status, invited from workshop where id = ?`,
        [workshopId],
      );
      expect(row).toEqual({ status: 'invitations_open', invited: cities });

      await handle.executeUpdate(rsvpUpdate, {
        args: [{ cityId: a, response: 'yes', attendees: ['Ana Weber', 'Li "Lee" Chen, PhD'] }],
      });
      await expect(
        handle.executeUpdate(rsvpUpdate, { args: [{ cityId: randomUUID(), response: 'yes', attendees: [] }] }),
      ).rejects.toSatisfy((e) => failureType(e) === 'Forbidden');

      // P14D before rsvpBy (day 6): b and c have not answered.
      await t.env.sleep(6 * DAY + 1000);
      expect(await countsReach(workshopId, 'workshop.rsvp-reminder', 2)).toEqual({ [b]: 1, [c]: 1 });
      await handle.executeUpdate(rsvpUpdate, { args: [{ cityId: b, response: 'no', attendees: [] }] });
      // P3D before rsvpBy (day 17): only c.
      await t.env.sleep(11 * DAY + 1000);
      expect(await countsReach(workshopId, 'workshop.rsvp-reminder', 3)).toEqual({ [b]: 1, [c]: 2 });

      await t.env.sleep(3 * DAY + 1000);
      await statusIs(handle, 'rsvp_closed');
      await expect(
        handle.executeUpdate(rsvpUpdate, { args: [{ cityId: c, response: 'yes', attendees: [] }] }),
      ).rejects.toSatisfy((e) => failureType(e) === 'Conflict');
      await expect(handle.executeUpdate(submitOutcomesUpdate, { args: [{ ...OUTCOMES, by: null }] })).rejects.toSatisfy(
        (e) => failureType(e) === 'Conflict',
      );

      await t.env.sleep(1 * DAY + 3 * HOUR + 1000);
      await statusIs(handle, 'awaiting_outcomes');
      await expect(
        handle.executeUpdate(submitOutcomesUpdate, {
          args: [{ ...OUTCOMES, by: null, attendance: [{ cityId: randomUUID(), attendees: [] }] }],
        }),
      ).rejects.toSatisfy((e) => failureType(e) === 'Invalid');
      const done = await handle.executeUpdate(submitOutcomesUpdate, { args: [{ ...OUTCOMES, by: a }] });
      expect(done.attendance).toEqual([{ cityId: a, attendees: ['Ana Weber', 'Li "Lee" Chen, PhD'] }]);
      expect(await handle.result()).toEqual({ workshopId, status: 'completed' });
      await recordHistory(handle, 'workshop-rsvp-outcomes');

      const rsvps = await sql<{ city_id: string; response: string; attendees: string[] }>(
        `select city_id, response, attendees from workshop_rsvp where workshop_id = ? order by response desc`,
        [workshopId],
      );
      expect(rsvps).toEqual([
        { city_id: a, response: 'yes', attendees: ['Ana Weber', 'Li "Lee" Chen, PhD'] },
        { city_id: b, response: 'no', attendees: [] },
      ]);
      const entries = await sql<{ kind: string; source: string; city_id: string }>(
        `select kind, source, city_id from peer_learning_entry where workshop_id = ? order by kind`,
        [workshopId],
      );
      expect(entries.map((e) => e.kind)).toEqual(['challenge', 'material', 'practice', 'success']);
      expect(entries.every((e) => e.source === 'workshop' && e.city_id === a)).toBe(true);
      const [final] = await sql<{ status: string; attendance: unknown; outcomes: { summary: string } }>(
        `select status, attendance, outcomes from workshop where id = ?`,
        [workshopId],
      );
      expect(final!.status).toBe('completed');
      expect(final!.outcomes.summary).toBe(OUTCOMES.summary);
      expect(final!.attendance).toEqual([{ cityId: a, attendees: ['Ana Weber', 'Li "Lee" Chen, PhD'] }]);
      // Nobody was reminded about outcomes: they came before any deadline.
      expect(await counts(workshopId, 'workshop.outcomes-reminder')).toEqual({});
    });
  });

  it('reschedule re-arms every timer: old reminders and deadlines never fire, new ones do, and everyone is told', async () => {
    await t.run(async () => {
      const { handle, cities, workshopId, input } = await open(2, await scheduleIn(20));
      const [a, b] = cities as [string, string];
      await countsReach(workshopId, 'workshop.invitation', 3);
      await t.env.sleep(7 * DAY);
      expect(await countsReach(workshopId, 'workshop.rsvp-reminder', 2)).toEqual({ [a]: 1, [b]: 1 });

      // On day 7: rsvpBy moves from day 20 to day 37 and the event to day 38.
      const next = await scheduleIn(30);
      await expect(
        handle.executeUpdate(rescheduleUpdate, { args: [{ ...next, endsAt: next.startsAt }] }),
      ).rejects.toSatisfy((e) => failureType(e) === 'Invalid');
      const s = await handle.executeUpdate(rescheduleUpdate, {
        args: [{ ...next, venue: 'Online', onlineUrl: 'https://meet.example.org/gnlc' }],
      });
      expect(s).toMatchObject({ status: 'invitations_open', revision: 2, schedule: { rsvpBy: next.rsvpBy } });
      expect(await countsReach(workshopId, 'workshop.rescheduled', 3)).toEqual({
        [a]: 1,
        [b]: 1,
        [input.experts[0]!.email]: 1,
      });

      // Day 21: past the old P3D reminder (day 17) and the old rsvpBy (day 20); nothing of the old schedule fired.
      await t.env.sleep(14 * DAY);
      expect((await handle.query(workshopStateQuery)).status).toBe('invitations_open');
      expect(await counts(workshopId, 'workshop.rsvp-reminder')).toEqual({ [a]: 1, [b]: 1 });
      await handle.executeUpdate(rsvpUpdate, { args: [{ cityId: a, response: 'maybe', attendees: [] }] });
      // Day 23: the new P14D reminder, to b only.
      await t.env.sleep(2 * DAY + 1000);
      expect(await countsReach(workshopId, 'workshop.rsvp-reminder', 3)).toEqual({ [a]: 1, [b]: 2 });
      const [row] = await sql<{ rsvp_by: string; venue: string; online_url: string }>(
        `select rsvp_by, venue, online_url from workshop where id = ?`,
        [workshopId],
      );
      expect({ ...row, rsvp_by: new Date(row!.rsvp_by).toISOString() }).toEqual({
        rsvp_by: next.rsvpBy,
        venue: 'Online',
        online_url: 'https://meet.example.org/gnlc',
      });

      // The new event ends on day 38: outcomes are then due 14 days later.
      await t.env.sleep(16 * DAY);
      await statusIs(handle, 'awaiting_outcomes');
      const state = await handle.query(workshopStateQuery);
      expect(state.outcomesDueAt).toBe(new Date(Date.parse(next.endsAt) + 14 * DAY).toISOString());
      await expect(handle.executeUpdate(rescheduleUpdate, { args: [await scheduleIn(5)] })).rejects.toSatisfy(
        (e) => failureType(e) === 'Conflict',
      );
      await handle.executeUpdate(cancelWorkshopUpdate, { args: [{ reason: 'outcomes will not be collected' }] });
      expect(await handle.result()).toEqual({ workshopId, status: 'cancelled' });
      await recordHistory(handle, 'workshop-reschedule');
    });
  });

  it('reminds the coordinator city about outcomes, then escalates to the secretariat', async () => {
    await t.run(async () => {
      const { cluster, cities } = await seedCluster(t.orm, 2);
      const [coordinator] = cities as [string];
      const { handle, workshopId } = await open(0, await scheduleIn(1), {
        cluster,
        invited: cities,
        coordinators: [coordinator],
      });
      await t.env.sleep(2 * DAY + 3 * HOUR + 1000);
      await statusIs(handle, 'awaiting_outcomes');
      // Outcomes due 14 days after the end; the reminder comes 3 days before that.
      await t.env.sleep(11 * DAY);
      expect(await countsReach(workshopId, 'workshop.outcomes-reminder', 1)).toEqual({ [coordinator]: 1 });
      expect(await counts(workshopId, 'workshop.outcomes-overdue')).toEqual({});
      await t.env.sleep(3 * DAY);
      expect(await countsReach(workshopId, 'workshop.outcomes-overdue', 1)).toEqual({ secretariat: 1 });
      await handle.executeUpdate(submitOutcomesUpdate, {
        args: [{ ...OUTCOMES, successes: [], by: null, attendance: [{ cityId: coordinator, attendees: ['Ana'] }] }],
      });
      expect((await handle.result()).status).toBe('completed');
      const [row] = await sql<{ attendance: unknown }>(`select attendance from workshop where id = ?`, [workshopId]);
      expect(row!.attendance).toEqual([{ cityId: coordinator, attendees: ['Ana'] }]);
      await recordHistory(handle, 'workshop-outcomes-escalation');
    });
  });

  it('waits in planning until scheduled (an inception workshop opened with its phase), and can be cancelled', async () => {
    await t.run(async () => {
      const { handle, cities, workshopId } = await open(2, undefined, { kind: 'inception' });
      await statusIs(handle, 'planning');
      await expect(
        handle.executeUpdate(rsvpUpdate, { args: [{ cityId: cities[0]!, response: 'yes', attendees: [] }] }),
      ).rejects.toSatisfy((e) => failureType(e) === 'Conflict');
      expect(await counts(workshopId, 'workshop.invitation')).toEqual({});
      await handle.executeUpdate(rescheduleUpdate, { args: [await scheduleIn(10)] });
      await countsReach(workshopId, 'workshop.invitation', 3);
      expect(await counts(workshopId, 'workshop.rescheduled')).toEqual({});
      await handle.executeUpdate(cancelWorkshopUpdate, { args: [{ reason: 'merged with the thematic workshop' }] });
      expect(await handle.result()).toEqual({ workshopId, status: 'cancelled' });
      expect(Object.keys(await countsReach(workshopId, 'workshop.cancelled', 3))).toHaveLength(3);
      const [row] = await sql<{ status: string; cancel_reason: string }>(
        `select status, cancel_reason from workshop where id = ?`,
        [workshopId],
      );
      expect(row).toEqual({ status: 'cancelled', cancel_reason: 'merged with the thematic workshop' });
      await expect(handle.executeUpdate(cancelWorkshopUpdate, { args: [{ reason: 'again' }] })).rejects.toThrow();
    });
  });
});
