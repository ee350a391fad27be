import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { electionWorkflowId } from '../../domain/election.js';
import { clusterCycleWorkflowId } from '../../domain/cluster-cycle.js';
import { describe, expect, it } from 'vitest';
import { clusterCycleWorkflow, cycleStateQuery, requestElectionUpdate } from '../../workflows/cluster-cycle.js';
import {
  castBallotUpdate,
  cancelElectionUpdate,
  type electionWorkflow,
  nominateUpdate,
} from '../../workflows/election.js';
import { sqlOn } from '../support/sql.js';
import { recordHistory } from '../support/histories.js';
import { eventually, seedCluster, terminateIdle, useWorkflowEnv } from '../support/workflow-env.js';

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const plusYears = (d: string, n: number) => `${Number(d.slice(0, 4)) + n}${d.slice(4)}`;
const t = useWorkflowEnv();

const sql = sqlOn(() => t.orm);
const electionRow = (cluster: string, termStart: string) =>
  eventually(
    async () =>
      (
        await sql<{ id: string; status: string }>(
          `select id, status from election where cluster_code = ? and term_start = ?`,
          [cluster, termStart],
        )
      )[0],
    20_000,
    `election ${cluster} ${termStart}`,
  );

describe('clusterCycleWorkflow on the time-skipping server', () => {
  it('runs a whole cycle: election 60 days before the term ends, a two-year term, continue-as-new, the next election', async () => {
    await t.run(async () => {
      const { cluster, cities } = await seedCluster(t.orm, 3);
      const [a, b, c] = cities as [string, string, string];
      const now = await t.env.currentTimeMs();
      const termEnd = day(now + 70 * DAY);
      await sql(
        `insert into coordinator_term (id, cluster_code, city_id, term_start, term_end, created_at) values (?, ?, ?, ?, ?, now())`,
        [randomUUID(), cluster, a, plusYears(termEnd, -2), termEnd],
      );

      const cycle = await t.env.client.workflow.start(clusterCycleWorkflow, {
        workflowId: clusterCycleWorkflowId(cluster),
        taskQueue: t.taskQueue,
        args: [{ cluster }],
      });
      await eventually(async () => ((await cycle.describe()).historyLength >= 4 ? true : undefined));
      const s0 = await eventually(async () =>
        (await cycle.query(cycleStateQuery)).term ? cycle.query(cycleStateQuery) : undefined,
      );
      expect(s0.term).toEqual({ termStart: plusYears(termEnd, -2), termEnd });
      expect(s0.nextElectionAt).toBe(new Date(Date.parse(`${termEnd}T00:00:00Z`) - 60 * DAY).toISOString());
      const firstRun = (await cycle.describe()).runId;

      // Nothing happens before the lead time; then the election opens by itself.
      await t.env.sleep(5 * DAY);
      expect((await cycle.query(cycleStateQuery)).activeElection).toBeNull();
      await t.env.sleep(6 * DAY);
      await electionRow(cluster, termEnd);
      const election = t.env.client.workflow.getHandle<typeof electionWorkflow>(electionWorkflowId(cluster, termEnd));
      await election.executeUpdate(nominateUpdate, { args: [{ cityId: b, by: b }] });
      await election.executeUpdate(nominateUpdate, { args: [{ cityId: c, by: c }] });
      await t.env.sleep(21 * DAY + 1000);
      for (const [voter, choice] of [
        [a, b],
        [b, b],
        [c, c],
      ] as const) {
        await election.executeUpdate(castBallotUpdate, { args: [{ cityId: voter, approve: [choice] }] });
      }
      expect(await election.result()).toMatchObject({ status: 'decided', elected: [b] });

      // The new term starts on the result and the cycle continues as new, carrying it.
      const newEnd = plusYears(termEnd, 2);
      // Query the new run only once its first workflow task is done: a query racing the
      // continue-as-new can wait on the time-skipping server for as long as the test allows.
      await eventually(async () => {
        const d = await cycle.describe();
        return d.runId !== firstRun && d.historyLength >= 4 ? true : undefined;
      });
      const s1 = await cycle.query(cycleStateQuery);
      expect(s1.term).toEqual({ termStart: termEnd, termEnd: newEnd });
      expect(s1.nextElectionAt).toBe(new Date(Date.parse(`${newEnd}T00:00:00Z`) - 60 * DAY).toISOString());
      await recordHistory(
        t.env.client.workflow.getHandle(clusterCycleWorkflowId(cluster), firstRun),
        'cluster-cycle-term',
      );
      const terms = await sql<{ city_id: string; term_end: string }>(
        `select city_id, term_end::text from coordinator_term where cluster_code = ? and term_start = ?`,
        [cluster, termEnd],
      );
      expect(terms).toEqual([{ city_id: b, term_end: newEnd }]);

      // Two years on, 60 days before the new term ends, the next election opens.
      const untilNext = Date.parse(s1.nextElectionAt!) - (await t.env.currentTimeMs());
      await t.env.sleep(untilNext - DAY);
      expect((await cycle.query(cycleStateQuery)).activeElection).toBeNull();
      await t.env.sleep(2 * DAY);
      const next = await electionRow(cluster, newEnd);
      expect(next.status).toBe('nominating');
      expect((await cycle.query(cycleStateQuery)).activeElection?.electionId).toBe(next.id);

      await t.env.client.workflow
        .getHandle(electionWorkflowId(cluster, newEnd))
        .executeUpdate(cancelElectionUpdate, { args: [{ reason: 'end of test' }] });
      await terminateIdle(cycle, 'end of test');
    });
  });

  it('takes an early election request, refusing a second one while it runs and a term start in the past', async () => {
    await t.run(async () => {
      const { cluster } = await seedCluster(t.orm, 2);
      const cycle = await t.env.client.workflow.start(clusterCycleWorkflow, {
        workflowId: clusterCycleWorkflowId(cluster),
        taskQueue: t.taskQueue,
        args: [{ cluster }],
      });
      const started = await cycle.executeUpdate(requestElectionUpdate, {
        args: [{ termStart: '2027-01-15', settings: { seats: 1 } }],
      });
      expect(started.workflowId).toBe(electionWorkflowId(cluster, '2027-01-15'));
      expect((await electionRow(cluster, '2027-01-15')).id).toBe(started.electionId);
      const second = cycle.executeUpdate(requestElectionUpdate, { args: [{ termStart: '2027-02-01', settings: {} }] });
      await expect(second).rejects.toSatisfy(
        (e) => e instanceof WorkflowUpdateFailedError && (e.cause as { type?: string }).type === 'Conflict',
      );
      await t.env.client.workflow
        .getHandle(started.workflowId)
        .executeUpdate(cancelElectionUpdate, { args: [{ reason: 'called by mistake' }] });
      await eventually(async () => ((await cycle.query(cycleStateQuery)).activeElection === null ? true : undefined));
      // After a cancelled election the cycle takes a new request.
      const again = await cycle.executeUpdate(requestElectionUpdate, {
        args: [{ termStart: '2027-02-01', settings: {} }],
      });
      expect(again.electionId).not.toBe(started.electionId);
      await t.env.client.workflow
        .getHandle(again.workflowId)
        .executeUpdate(cancelElectionUpdate, { args: [{ reason: 'end of test' }] });
      await terminateIdle(cycle, 'end of test');
    });
  });
});
