import { CoordinatorTerm, Election } from '../db/entities/index.js';
import {
  termEnd as computeTermEnd,
  type ElectionStatus,
  type NominationStatus,
  type PriorTerm,
} from '../domain/election.js';
import type { ElectionDeadlines, ElectionResults, ElectionSettings } from '../domain/election.contract.js';
import { membersOf } from '../db/queries/membership.js';
import type { ActivityDeps } from './deps.js';
import { createNotificationActivities } from './notification.js';
import { message } from '../domain/messages/index.js';

const FINAL: ElectionStatus[] = ['decided', 'cancelled'];

/** Every write is keyed (election id, or election and city), so at-least-once retries change nothing. */
export function createElectionActivities(deps: ActivityDeps) {
  const { orm } = deps;
  const { notify } = createNotificationActivities(deps);
  return {
    /** Creates the election row and snapshots who may nominate and vote (the members at opening). */
    async openElection(args: {
      electionId: string;
      workflowId: string;
      cluster: string;
      termStart: string;
      settings: ElectionSettings;
    }) {
      const em = orm.em.fork();
      const termEnd = computeTermEnd(args.termStart, args.settings.termLength);
      const existing = await em.findOne(Election, args.electionId);
      const eligible = existing ? existing.eligible : await membersOf(em, args.cluster);
      if (!existing) {
        em.create(Election, {
          id: args.electionId,
          workflowId: args.workflowId,
          cluster: args.cluster,
          termStart: args.termStart,
          termEnd,
          seats: args.settings.seats,
          status: 'nominating',
          settings: args.settings,
          deadlines: {},
          eligible,
          results: null,
          cancelReason: null,
        });
        await em.flush();
      }
      const terms = await em.find(CoordinatorTerm, { cluster: args.cluster });
      const priorTerms: PriorTerm[] = terms.map((t) => ({
        cityId: t.city,
        termStart: String(t.termStart),
        termEnd: String(t.termEnd),
      }));
      return { eligible, priorTerms, termEnd };
    },

    async saveElectionStatus(args: {
      electionId: string;
      status: ElectionStatus;
      deadlines: ElectionDeadlines;
      cancelReason: string | null;
    }) {
      // A late write of an earlier status must never overwrite a final one.
      await orm.em
        .fork()
        .nativeUpdate(
          Election,
          FINAL.includes(args.status) ? { id: args.electionId } : { id: args.electionId, status: { $nin: FINAL } },
          { status: args.status, deadlines: args.deadlines, cancelReason: args.cancelReason, updatedAt: new Date() },
        );
    },

    async saveNomination(args: {
      electionId: string;
      cityId: string;
      status: NominationStatus;
      nominatedBy: string | null;
      statement: string | null;
    }) {
      await orm.em
        .fork()
        .getConnection()
        .execute(
          `insert into nomination (id, election_id, city_id, nominated_by, status, statement, created_at, updated_at)
         values (gen_random_uuid(), ?, ?, ?, ?, ?, now(), now())
         on conflict (election_id, city_id) do update set status = excluded.status, nominated_by = excluded.nominated_by,
           statement = excluded.statement, updated_at = now()`,
          [args.electionId, args.cityId, args.nominatedBy, args.status, args.statement],
        );
    },

    async saveBallot(args: { electionId: string; cityId: string; approve: string[] }) {
      await orm.em
        .fork()
        .getConnection()
        .execute(
          `insert into ballot (id, election_id, city_id, approve, cast_at, updated_at)
         values (gen_random_uuid(), ?, ?, ?, now(), now())
         on conflict (election_id, city_id) do update set approve = excluded.approve, updated_at = now()`,
          [args.electionId, args.cityId, `{${args.approve.join(',')}}`],
        );
    },

    /** Publishes the result, starts the new term (cutting short a term it replaces early) and tells every member. */
    async recordElectionResult(args: {
      electionId: string;
      cluster: string;
      termStart: string;
      termEnd: string;
      results: ElectionResults;
      appointed: boolean;
    }) {
      const em = orm.em.fork();
      await em.transactional(async (tx) => {
        await tx.nativeUpdate(
          Election,
          { id: args.electionId },
          { status: 'decided', results: args.results, updatedAt: new Date() },
        );
        // tx.execute runs inside the transaction (tx.getConnection().execute would not).
        const conn = tx;
        await conn.execute(
          `update coordinator_term set term_end = ? where cluster_code = ? and term_start < ? and term_end > ?`,
          [args.termStart, args.cluster, args.termStart, args.termStart],
        );
        for (const cityId of args.results.elected) {
          await conn.execute(
            `insert into coordinator_term (id, cluster_code, city_id, term_start, term_end, election_id, appointed, created_at)
             values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, now()) on conflict (cluster_code, city_id, term_start) do nothing`,
            [args.cluster, cityId, args.termStart, args.termEnd, args.electionId, args.appointed],
          );
        }
      });
      const members = await membersOf(em, args.cluster);
      const { elected, flags } = args.results;
      const said = message('election.result', {
        cluster: args.cluster,
        termStart: { date: args.termStart },
        termEnd: { date: args.termEnd },
        elected: elected.length ? { cities: elected } : { term: 'nobody' },
        how: { terms: (flags.length ? flags : ['vote']).map((f) => `election.${f}`) },
      });
      await notify([
        ...members.map((cityId) => ({
          key: `${args.electionId}:result:${cityId}`,
          recipientKind: 'city' as const,
          cityId,
          cluster: args.cluster,
          kind: 'election.result',
          message: said,
          resource: `/elections/${args.electionId}`,
        })),
        {
          key: `${args.electionId}:result:secretariat`,
          recipientKind: 'secretariat' as const,
          kind: 'election.result',
          message: said,
          resource: `/elections/${args.electionId}`,
        },
      ]);
    },
  };
}
