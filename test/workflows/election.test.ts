import { randomUUID } from 'node:crypto';
import { type WorkflowUpdateFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { createElectionActivities } from '../../activities/election.js';
import { drawLot, electionWorkflowId } from '../../domain/election.js';
import { electionSettings, type ElectionInput, type ElectionSettingsInput } from '../../domain/election.contract.js';
import { createLogger } from '../../platform/logger.js';
import {
  appointUpdate,
  breakTieUpdate,
  cancelElectionUpdate,
  castBallotUpdate,
  electionStateQuery,
  electionWorkflow,
  nominateUpdate,
  acceptNominationUpdate,
} from '../../workflows/election.js';
import { sqlOn } from '../support/sql.js';
import { recordHistory } from '../support/histories.js';
import { failureType, eventually, seedCluster, useWorkflowEnv } from '../support/workflow-env.js';

const DAY = 86_400_000;
const t = useWorkflowEnv();

/** Opens an election the way the cycle does (the activity writes the row and the eligibility snapshot). */
async function open(members: number, settings: ElectionSettingsInput = {}) {
  const { cluster, cities } = await seedCluster(t.orm, members);
  const electionId = randomUUID();
  const termStart = '2027-07-01';
  const workflowId = electionWorkflowId(cluster, termStart);
  const s = electionSettings(settings);
  const acts = createElectionActivities({ orm: t.orm, logger: createLogger('silent') });
  const opened = await acts.openElection({ electionId, workflowId, cluster, termStart, settings: s });
  const input: ElectionInput = {
    electionId,
    cluster,
    termStart,
    termEnd: opened.termEnd,
    settings: s,
    eligible: opened.eligible,
    priorTerms: opened.priorTerms,
  };
  const handle = await t.env.client.workflow.start(electionWorkflow, {
    workflowId,
    taskQueue: t.taskQueue,
    args: [input],
  });
  return { handle, cluster, cities, electionId };
}

const sql = sqlOn(() => t.orm);
const notified = async (electionId: string, kind: string) =>
  (
    await sql<{ recipient_city_id: string }>(
      `select recipient_city_id from notification where resource = ? and kind = ? order by recipient_city_id`,
      [`/elections/${electionId}`, kind],
    )
  ).map((r) => r.recipient_city_id);

/** Two nominees, one approval each: the vote closes tied for the single seat. */
async function tiedElection() {
  const { handle, cities } = await open(4);
  const [a, b, c, d] = cities as [string, string, string, string];
  await handle.executeUpdate(nominateUpdate, { args: [{ cityId: a, by: a }] });
  await handle.executeUpdate(nominateUpdate, { args: [{ cityId: b, by: b }] });
  await t.env.sleep(21 * DAY + 1000);
  await handle.executeUpdate(castBallotUpdate, { args: [{ cityId: c, approve: [a] }] });
  await handle.executeUpdate(castBallotUpdate, { args: [{ cityId: d, approve: [b] }] });
  await t.env.sleep(14 * DAY + 1000);
  return { handle, a, b, c };
}

describe('electionWorkflow on the time-skipping server', () => {
  it('runs nominations, voting with reminders only to non-voters, and decides with tallies', async () => {
    await t.run(async () => {
      const { handle, cities, electionId } = await open(4);
      const [a, b, c, d] = cities as [string, string, string, string];
      await handle.executeUpdate(nominateUpdate, { args: [{ cityId: a, by: a }] });
      await handle.executeUpdate(nominateUpdate, { args: [{ cityId: b, by: c }] });
      expect((await handle.query(electionStateQuery)).nominees.find((n) => n.cityId === b)?.status).toBe(
        'pending_acceptance',
      );
      await handle.executeUpdate(acceptNominationUpdate, { args: [{ cityId: b, by: b }] });

      await t.env.sleep(21 * DAY + 1000);
      expect((await handle.query(electionStateQuery)).status).toBe('voting');
      await handle.executeUpdate(castBallotUpdate, { args: [{ cityId: a, approve: [a] }] });
      // 50% of the 14-day window: the three cities that have not voted are reminded.
      await t.env.sleep(7 * DAY + 1000);
      expect(
        await eventually(async () =>
          (await notified(electionId, 'election.vote-reminder')).length >= 3
            ? notified(electionId, 'election.vote-reminder')
            : undefined,
        ),
      ).toEqual([b, c, d].sort());
      await handle.executeUpdate(castBallotUpdate, { args: [{ cityId: b, approve: [b] }] });
      await handle.executeUpdate(castBallotUpdate, { args: [{ cityId: c, approve: [b] }] });
      // Re-casting replaces the ballot: a changes its mind.
      await handle.executeUpdate(castBallotUpdate, { args: [{ cityId: a, approve: [b] }] });

      const outcome = await handle.result();
      expect(outcome).toMatchObject({ status: 'decided', elected: [b] });
      await recordHistory(handle, 'election-vote');
      const reminders = await sql<{ recipient_city_id: string; n: string }>(
        `select recipient_city_id, count(*) as n from notification where resource = ? and kind = 'election.vote-reminder' group by recipient_city_id`,
        [`/elections/${electionId}`],
      );
      // d never voted: reminded at 50% and 90%; b and c once; a (voted first) never.
      expect(Object.fromEntries(reminders.map((r) => [r.recipient_city_id, Number(r.n)]))).toEqual({
        [b]: 1,
        [c]: 1,
        [d]: 2,
      });
      const [row] = await sql<{ status: string; results: { tallies: unknown; quorumMet: boolean } }>(
        `select status, results from election where id = ?`,
        [electionId],
      );
      expect(row!.status).toBe('decided');
      expect(row!.results.tallies).toEqual(
        [
          { cityId: b, approvals: 3 },
          { cityId: a, approvals: 0 },
        ].sort((x, y) => y.approvals - x.approvals),
      );
      expect(row!.results.quorumMet).toBe(true);
      const terms = await sql<{ city_id: string; term_start: string; term_end: string }>(
        `select city_id, term_start::text, term_end::text from coordinator_term where election_id = ?`,
        [electionId],
      );
      expect(terms).toEqual([{ city_id: b, term_start: '2027-07-01', term_end: '2029-07-01' }]);
      expect((await notified(electionId, 'election.result')).filter(Boolean).sort()).toEqual([...cities].sort());
    });
  });

  it('elects by acclamation when accepted nominees do not exceed the seats', async () => {
    await t.run(async () => {
      const { handle, cities } = await open(3, { seats: 2 });
      await handle.executeUpdate(nominateUpdate, { args: [{ cityId: cities[0]!, by: cities[0]! }] });
      await handle.executeUpdate(nominateUpdate, { args: [{ cityId: cities[1]!, by: cities[1]! }] });
      const outcome = await handle.result();
      expect(outcome.elected.sort()).toEqual([cities[0], cities[1]].sort());
      const state = await handle.query(electionStateQuery);
      expect(state.results?.flags).toEqual(['acclamation']);
      expect(state.deadlines.votingOpens).toBeUndefined();
    });
  });

  it('extends nominations once, then waits for the secretariat to appoint', async () => {
    await t.run(async () => {
      const { handle, cities } = await open(2);
      await t.env.sleep(21 * DAY + 1000);
      let state = await handle.query(electionStateQuery);
      expect(state.deadlines.nominationsExtended).toBe(true);
      expect(state.status).toBe('nominating');
      await t.env.sleep(14 * DAY + 1000);
      state = await handle.query(electionStateQuery);
      expect(state.status).toBe('no_candidates');
      await handle.executeUpdate(appointUpdate, { args: [{ cityIds: [cities[1]!] }] });
      const outcome = await handle.result();
      expect(outcome.elected).toEqual([cities[1]]);
      expect((await handle.query(electionStateQuery)).results?.flags).toEqual(['appointed']);
      await recordHistory(handle, 'election-appointed');
    });
  });

  it('extends voting once when quorum is missed and then decides flagged quorum_not_met', async () => {
    await t.run(async () => {
      const { handle, cities } = await open(5);
      const [a, b, c] = cities as [string, string, string];
      await handle.executeUpdate(nominateUpdate, { args: [{ cityId: a, by: a }] });
      await handle.executeUpdate(nominateUpdate, { args: [{ cityId: b, by: b }] });
      await t.env.sleep(21 * DAY + 1000);
      await handle.executeUpdate(castBallotUpdate, { args: [{ cityId: c, approve: [a] }] });
      await t.env.sleep(14 * DAY + 1000);
      const state = await handle.query(electionStateQuery);
      expect(state.status).toBe('voting');
      expect(state.deadlines.votingExtended).toBe(true);
      const outcome = await handle.result();
      expect(outcome.elected).toEqual([a]);
      const final = await handle.query(electionStateQuery);
      expect(final.results).toMatchObject({
        quorumMet: false,
        flags: ['quorum_not_met'],
        turnout: { cast: 1, eligible: 5 },
      });
    });
  });

  it('draws a re-checkable lot when the secretariat does not break a tie in time', async () => {
    await t.run(async () => {
      const { handle, a, b } = await tiedElection();
      expect((await handle.query(electionStateQuery)).status).toBe('awaiting_tie_break');
      const outcome = await handle.result();
      const results = (await handle.query(electionStateQuery)).results!;
      expect(results.flags).toEqual(['lot']);
      expect(results.lot!.candidates.sort()).toEqual([a, b].sort());
      expect(outcome.elected).toEqual(drawLot(results.lot!.candidates, 1, results.lot!.seed));
    });
  });

  it('lets the secretariat break a tie, refusing a choice outside the tied nominees', async () => {
    await t.run(async () => {
      const { handle, b, c } = await tiedElection();
      await expect(handle.executeUpdate(breakTieUpdate, { args: [{ elected: [c] }] })).rejects.toSatisfy(
        (e) => failureType(e) === 'Invalid',
      );
      await handle.executeUpdate(breakTieUpdate, { args: [{ elected: [b] }] });
      expect((await handle.result()).elected).toEqual([b]);
      expect((await handle.query(electionStateQuery)).results?.flags).toEqual(['tie_broken_by_secretariat']);
      await recordHistory(handle, 'election-tie-break');
    });
  });

  it('refuses bad messages without recording anything, and can be cancelled', async () => {
    await t.run(async () => {
      const { handle, cities, electionId } = await open(3);
      const [a, b] = cities as [string, string];
      const outsider = randomUUID();
      await expect(handle.executeUpdate(castBallotUpdate, { args: [{ cityId: a, approve: [a] }] })).rejects.toSatisfy(
        (e) => failureType(e) === 'Conflict',
      );
      await expect(handle.executeUpdate(nominateUpdate, { args: [{ cityId: outsider, by: a }] })).rejects.toSatisfy(
        (e) => failureType(e) === 'Invalid',
      );
      await expect(handle.executeUpdate(nominateUpdate, { args: [{ cityId: a, by: outsider }] })).rejects.toSatisfy(
        (e) => failureType(e) === 'Forbidden',
      );
      await handle.executeUpdate(nominateUpdate, { args: [{ cityId: a, by: a }] });
      await expect(handle.executeUpdate(nominateUpdate, { args: [{ cityId: a, by: b }] })).rejects.toSatisfy(
        (e) => failureType(e) === 'Conflict',
      );
      const rows = await sql<{ city_id: string }>(`select city_id from nomination where election_id = ?`, [electionId]);
      expect(rows.map((r) => r.city_id)).toEqual([a]);
      await handle.executeUpdate(cancelElectionUpdate, { args: [{ reason: 'coordinator city left the network' }] });
      expect(await handle.result()).toMatchObject({ status: 'cancelled', elected: [] });
      const [row] = await sql<{ status: string; cancel_reason: string }>(
        `select status, cancel_reason from election where id = ?`,
        [electionId],
      );
      expect(row).toEqual({ status: 'cancelled', cancel_reason: 'coordinator city left the network' });
    });
  });

  it('refuses a nominee at the term limit', async () => {
    await t.run(async () => {
      const { cluster, cities } = await seedCluster(t.orm, 2);
      const [a] = cities as [string];
      for (const [s, e] of [
        ['2023-07-01', '2025-07-01'],
        ['2025-07-01', '2027-07-01'],
      ]) {
        await sql(
          `insert into coordinator_term (id, cluster_code, city_id, term_start, term_end, created_at) values (?, ?, ?, ?, ?, now())`,
          [randomUUID(), cluster, a, s, e],
        );
      }
      const acts = createElectionActivities({ orm: t.orm, logger: createLogger('silent') });
      const electionId = randomUUID();
      const s = electionSettings();
      const opened = await acts.openElection({
        electionId,
        workflowId: electionWorkflowId(cluster, '2027-07-01'),
        cluster,
        termStart: '2027-07-01',
        settings: s,
      });
      const handle = await t.env.client.workflow.start(electionWorkflow, {
        workflowId: electionWorkflowId(cluster, '2027-07-01'),
        taskQueue: t.taskQueue,
        args: [
          {
            electionId,
            cluster,
            termStart: '2027-07-01',
            termEnd: opened.termEnd,
            settings: s,
            eligible: opened.eligible,
            priorTerms: opened.priorTerms,
          },
        ],
      });
      await expect(handle.executeUpdate(nominateUpdate, { args: [{ cityId: a, by: a }] })).rejects.toSatisfy(
        (e) =>
          failureType(e) === 'Invalid' &&
          /limit of 2 consecutive terms/.test(String((e as WorkflowUpdateFailedError).cause?.message)),
      );
      await handle.executeUpdate(cancelElectionUpdate, { args: [{ reason: 'test over' }] });
      await handle.result();
    });
  });
});
