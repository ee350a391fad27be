import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { scheduleProposals } from '../../db/queries/advisory-session-proposal.js';
import { insertWorkshop } from '../../db/queries/workshop.js';
import {
  ADVISORY_CURRENT_TERM_PATCH,
  ADVISORY_SESSION_PROPOSAL_PATCH,
} from '../../domain/advisory-session-proposal.js';
import { ensureCycle } from '../../client/cluster-cycle.js';
import { clusterCycleWorkflowId, type CycleInput } from '../../domain/cluster-cycle.js';
import { electionWorkflowId } from '../../domain/election.js';
import { WORKSHOP_DEFAULTS } from '../../domain/workshop.js';
import { clusterCycleWorkflow, requestElectionUpdate } from '../../workflows/cluster-cycle.js';
import { nominateUpdate, type electionWorkflow } from '../../workflows/election.js';
import { recordHistory } from '../support/histories.js';
import { sqlOn } from '../support/sql.js';
import {
  eventually,
  idle,
  resultWithoutSkipping,
  seedCluster,
  terminateIdle,
  useWorkflowEnv,
  workerLosingFirstAnswer,
} from '../support/workflow-env.js';

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const t = useWorkflowEnv();
const sql = sqlOn(() => t.orm);

const proposals = (cluster: string) =>
  sql<{ id: string; term_start: string; due_by: Date; status: string; reminded_at: Date | null }>(
    `select id, term_start::text, due_by, status, reminded_at from advisory_session_proposal where cluster_code = ?`,
    [cluster],
  );
const messages = (cluster: string) =>
  sql<{ key: string; kind: string; subject: string; recipient_kind: string; link: string | null }>(
    `select key, kind, subject, recipient_kind, link from notification where key like ? order by created_at`,
    [`advisory-session-proposal:${cluster}:%`],
  );

/**
 * A cluster's cycle elects one coordinator by acclamation for a term starting in 30 days (nominations
 * close after 21); `cycle` adds to the cycle's input (advisoryWithin).
 */
async function electCoordinator(taskQueue: string, cycleInput: Partial<CycleInput> = {}) {
  const { cluster, cities } = await seedCluster(t.orm, 2);
  const now = await t.env.currentTimeMs();
  const termStart = day(now + 30 * DAY);
  const cycle = await t.env.client.workflow.start(clusterCycleWorkflow, {
    workflowId: clusterCycleWorkflowId(cluster),
    taskQueue,
    args: [{ cluster, ...cycleInput }],
  });
  await cycle.executeUpdate(requestElectionUpdate, { args: [{ termStart, settings: { seats: 1 } }] });
  const election = t.env.client.workflow.getHandle<typeof electionWorkflow>(electionWorkflowId(cluster, termStart));
  await election.executeUpdate(nominateUpdate, { args: [{ cityId: cities[0]!, by: cities[0]! }] });
  const firstRun = (await cycle.describe()).runId;
  await t.env.sleep(21 * DAY + 1000);
  expect(await resultWithoutSkipping(t.env, election)).toMatchObject({ status: 'decided', elected: [cities[0]] });
  // The cycle continues as new with the term (and its advisory session still ahead).
  await eventually(async () => {
    const d = await cycle.describe();
    return d.runId !== firstRun && d.historyLength >= 4 ? true : undefined;
  });
  return { cluster, cities, termStart, cycle, firstRun };
}

describe('advisory session proposals on the time-skipping server', () => {
  it('proposes once when the term starts (even when the activity is retried) and reminds once when none is held', async () => {
    const { worker, taskQueue, attempts } = await workerLosingFirstAnswer(t, 'proposeAdvisorySession', 'advisory');
    await worker.runUntil(async () => {
      const { cluster, termStart, cycle, firstRun } = await electCoordinator(taskQueue);
      // Decided, but the term has not started yet: nothing proposed.
      expect(await proposals(cluster)).toEqual([]);

      await t.env.sleep(9 * DAY);
      const [proposal] = await eventually(async () => {
        const rows = await proposals(cluster);
        return rows.length ? rows : undefined;
      });
      expect(attempts()).toBe(2);
      expect(await proposals(cluster)).toHaveLength(1);
      expect(proposal).toMatchObject({ term_start: termStart, status: 'proposed', reminded_at: null });
      // Three months after the term's first day (the default advisoryWithin).
      const due = new Date(`${termStart}T00:00:00Z`);
      due.setUTCMonth(due.getUTCMonth() + 3);
      expect(new Date(proposal!.due_by).toISOString()).toBe(due.toISOString());
      expect((await messages(cluster)).map((m) => [m.kind, m.recipient_kind])).toEqual([
        ['advisory-session-proposal.proposed', 'secretariat'],
      ]);

      // No session within P3M: one reminder at the due date, none before.
      await t.env.sleep(due.getTime() - (await t.env.currentTimeMs()) - DAY);
      expect(await messages(cluster)).toHaveLength(1);
      await t.env.sleep(2 * DAY);
      const sent = await eventually(async () => {
        const m = await messages(cluster);
        return m.length === 2 ? m : undefined;
      });
      expect(sent[1]).toMatchObject({
        kind: 'advisory-session-proposal.overdue',
        recipient_kind: 'secretariat',
        subject: `No advisory session yet for ${cluster}`,
        link: '/app/workshops',
      });
      expect((await proposals(cluster))[0]!.reminded_at).not.toBeNull();
      await t.env.sleep(60 * DAY);
      expect(await messages(cluster)).toHaveLength(2);

      // The replay test's history of the patched path (RECORD_HISTORIES=1 rewrites it): the first run,
      // with the patch marker, and the run it continued as, with the proposal and the reminder.
      await recordHistory(
        t.env.client.workflow.getHandle(clusterCycleWorkflowId(cluster), firstRun),
        'cluster-cycle-advisory-patch',
      );
      await recordHistory(cycle, 'cluster-cycle-advisory-reminder');
      await terminateIdle(cycle, 'end of test');
    });
    expect(ADVISORY_SESSION_PROPOSAL_PATCH).toBe('advisory-session-proposal');
  });

  it('does not remind when an advisory session is scheduled within advisoryWithin (here P1M)', async () => {
    await t.run(async () => {
      const { cluster, cities, termStart, cycle } = await electCoordinator(t.taskQueue, { advisoryWithin: 'P1M' });
      await t.env.sleep(9 * DAY);
      const [proposal] = await eventually(async () => {
        const rows = await proposals(cluster);
        return rows.length ? rows : undefined;
      });
      const due = new Date(`${termStart}T00:00:00Z`);
      due.setUTCMonth(due.getUTCMonth() + 1);
      expect(new Date(proposal!.due_by).toISOString()).toBe(due.toISOString());

      // The secretariat schedules it: a workshop of kind advisory_session two weeks into the term.
      const workshopId = randomUUID();
      const starts = Date.parse(`${termStart}T09:00:00Z`) + 14 * DAY;
      await insertWorkshop(t.orm.em.fork(), {
        workshopId,
        cluster,
        workPhaseId: null,
        kind: 'advisory_session',
        title: 'Advisory session',
        schedule: {
          startsAt: new Date(starts).toISOString(),
          endsAt: new Date(starts + 3_600_000).toISOString(),
          rsvpBy: new Date(starts - DAY).toISOString(),
          timezone: 'UTC',
        },
        experts: [],
        invited: [cities[0]!],
        coordinators: [cities[0]!],
        settings: {
          rsvpReminders: [...WORKSHOP_DEFAULTS.rsvpReminders],
          outcomesDue: WORKSHOP_DEFAULTS.outcomesDue,
          outcomesReminderLead: WORKSHOP_DEFAULTS.outcomesReminderLead,
        },
      });
      await scheduleProposals(t.orm.em.fork(), cluster, workshopId);
      expect((await proposals(cluster))[0]!.status).toBe('scheduled');

      await t.env.sleep(due.getTime() - (await t.env.currentTimeMs()) + 2 * DAY);
      // The reminder's check ran (the cycle's history has the activity), and nothing was sent.
      await eventually(async () => {
        const events = (await cycle.fetchHistory()).events ?? [];
        const done = events.filter((e) => e.activityTaskCompletedEventAttributes).length;
        return done >= 2 ? true : undefined;
      });
      expect((await messages(cluster)).map((m) => m.kind)).toEqual(['advisory-session-proposal.proposed']);
      expect((await proposals(cluster))[0]!.reminded_at).toBeNull();
      await terminateIdle(cycle, 'end of test');
    });
  });

  it('follows a term it did not see decided: proposed once when a cycle starts, reminded once, never again on a fresh start', async () => {
    await t.run(async () => {
      // A term begun ten days ago without this cycle (decided before the patch, or before the cycle ran afresh).
      const { cluster, cities } = await seedCluster(t.orm, 2);
      const now = await t.env.currentTimeMs();
      const termStart = day(now - 10 * DAY);
      const termEnd = `${Number(termStart.slice(0, 4)) + 2}${termStart.slice(4)}`;
      await sql(
        `insert into coordinator_term (id, cluster_code, city_id, term_start, term_end, created_at) values (?, ?, ?, ?, ?, now())`,
        [randomUUID(), cluster, cities[0]!, termStart, termEnd],
      );
      const startCycle = () =>
        t.env.client.workflow.start(clusterCycleWorkflow, {
          workflowId: clusterCycleWorkflowId(cluster),
          taskQueue: t.taskQueue,
          args: [{ cluster }],
        });

      // Proposed at once (the term has started), with the default P3M.
      const first = await startCycle();
      const [proposal] = await eventually(async () => {
        const rows = await proposals(cluster);
        return rows.length ? rows : undefined;
      });
      const due = new Date(`${termStart}T00:00:00Z`);
      due.setUTCMonth(due.getUTCMonth() + 3);
      expect(proposal).toMatchObject({ term_start: termStart, status: 'proposed', reminded_at: null });
      expect(new Date(proposal!.due_by).toISOString()).toBe(due.toISOString());
      await idle(first, 3); // loadCurrentTerm, advisoryOfTerm, proposeAdvisorySession
      expect((await messages(cluster)).map((m) => m.kind)).toEqual(['advisory-session-proposal.proposed']);

      // The cycle started afresh (terminated, started again): nothing proposed again; one reminder at the due date.
      await first.terminate('restarted');
      const second = await startCycle();
      await idle(second, 2);
      expect(await proposals(cluster)).toHaveLength(1);
      expect(await messages(cluster)).toHaveLength(1);
      await t.env.sleep(due.getTime() - (await t.env.currentTimeMs()) + DAY);
      const sent = await eventually(async () => {
        const m = await messages(cluster);
        return m.length === 2 ? m : undefined;
      });
      expect(sent.map((m) => m.kind)).toEqual([
        'advisory-session-proposal.proposed',
        'advisory-session-proposal.overdue',
      ]);
      expect((await proposals(cluster))[0]!.reminded_at).not.toBeNull();
      // The replay test's history of this path: the patch marker, the term's read, the reminder.
      await recordHistory(second, 'cluster-cycle-advisory-current-term');

      // Reminded: a third start follows nothing more.
      await terminateIdle(second, 'restarted', 3);
      const third = await startCycle();
      await idle(third, 2);
      await t.env.sleep(30 * DAY);
      expect(await messages(cluster)).toHaveLength(2);
      expect(await proposals(cluster)).toHaveLength(1);
      await terminateIdle(third, 'end of test');
    });
    expect(ADVISORY_CURRENT_TERM_PATCH).toBe('advisory-session-current-term');
  });

  it("follows the term a running cycle carries when the worker starts (ensureCycle's signal), once", async () => {
    await t.run(async () => {
      // A run that knows its term but never checked it: here the term had no coordinator rows when the run
      // started (its start finds nothing to follow), standing in for a run continued before the patch.
      const { cluster, cities } = await seedCluster(t.orm, 2);
      const now = await t.env.currentTimeMs();
      const termStart = day(now - 5 * DAY);
      const termEnd = `${Number(termStart.slice(0, 4)) + 2}${termStart.slice(4)}`;
      const cycle = await t.env.client.workflow.start(clusterCycleWorkflow, {
        workflowId: clusterCycleWorkflowId(cluster),
        taskQueue: t.taskQueue,
        args: [{ cluster, term: { termStart, termEnd }, initialized: true }],
      });
      await idle(cycle, 1); // advisoryOfTerm: no coordinators yet
      await sql(
        `insert into coordinator_term (id, cluster_code, city_id, term_start, term_end, created_at) values (?, ?, ?, ?, ?, now())`,
        [randomUUID(), cluster, cities[0]!, termStart, termEnd],
      );
      expect(await proposals(cluster)).toEqual([]);

      // The worker starts: the running cycle is signalled (not started again) and proposes once.
      const run = (await cycle.describe()).runId;
      await ensureCycle(t.env.client, t.taskQueue, cluster);
      await eventually(async () => ((await messages(cluster)).length === 1 ? true : undefined));
      expect((await cycle.describe()).runId).toBe(run);
      // Another start while the run follows it: the signal is taken (a workflow task after it) and does nothing.
      await ensureCycle(t.env.client, t.taskQueue, cluster);
      await eventually(async () => {
        const events = (await cycle.fetchHistory()).events ?? [];
        const signals = events.flatMap((e, i) => (e.workflowExecutionSignaledEventAttributes ? [i] : []));
        const taken = events.slice((signals[1] ?? Infinity) + 1).some((e) => e.workflowTaskCompletedEventAttributes);
        return signals.length === 2 && taken ? true : undefined;
      });
      expect(await proposals(cluster)).toHaveLength(1);
      expect((await messages(cluster)).map((m) => m.kind)).toEqual(['advisory-session-proposal.proposed']);
      // The replay test's history of the signal's path (a check at the start, two signals, the proposal).
      await recordHistory(cycle, 'cluster-cycle-advisory-signal');
      await terminateIdle(cycle, 'end of test');
    });
  });
});
