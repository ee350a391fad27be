// Effects of a coordinator term's advisory session (driven by the cluster cycle): the proposal,
// keyed by cluster and term start, and the reminder, keyed the same way — retries change nothing;
// and the read of a term the cycle did not see decided.
import type { EntityManager } from '@mikro-orm/postgresql';
import { AdvisorySessionProposal } from '../db/entities/index.js';
import { advisorySessionHeld } from '../db/queries/advisory-session-proposal.js';
import { advisorySessionProposalKey, type TermAdvisoryFacts } from '../domain/advisory-session-proposal.js';
import { message } from '../domain/messages/index.js';
import { toSecretariat, type Sender } from '../domain/notification.js';
import type { ActivityDeps } from './deps.js';
import { createNotificationActivities } from './notification.js';

interface TermArgs {
  cluster: string;
  termStart: string;
  termEnd: string;
  dueBy: string;
}

const senderOf = (a: TermArgs): Sender => ({
  key: advisorySessionProposalKey(a.cluster, a.termStart),
  noun: 'advisory-session-proposal',
  // The console's workshops page lists the proposals with Schedule and Dismiss.
  resource: '/workshops',
});
const values = (a: TermArgs) => ({
  cluster: a.cluster,
  termStart: { date: a.termStart },
  dueBy: { date: a.dueBy.slice(0, 10) },
});

export function createAdvisorySessionProposalActivities(deps: ActivityDeps) {
  const { orm } = deps;
  const { notify } = createNotificationActivities(deps);
  return {
    /** For a term the cycle did not see decided: whether it has coordinators, and its proposal if recorded. Reads only. */
    async advisoryOfTerm(a: { cluster: string; termStart: string }): Promise<TermAdvisoryFacts> {
      const em = orm.em.fork() as EntityManager;
      const [coordinated] = await em
        .getConnection()
        .execute<{ n: string }[]>(
          `select count(*) as n from coordinator_term where cluster_code = ? and term_start = ?`,
          [a.cluster, a.termStart],
        );
      const proposal = await em.findOne(AdvisorySessionProposal, { cluster: a.cluster, termStart: a.termStart });
      return {
        coordinated: Number(coordinated?.n ?? 0) > 0,
        proposal: proposal
          ? { status: proposal.status, dueBy: proposal.dueBy.toISOString(), reminded: proposal.remindedAt !== null }
          : null,
      };
    },

    /** Records the term's draft advisory session once (unique cluster + term start) and tells the secretariat once. */
    async proposeAdvisorySession(a: TermArgs): Promise<{ created: boolean }> {
      const em = orm.em.fork() as EntityManager;
      const rows = await em.getConnection().execute<{ id: string }[]>(
        `insert into advisory_session_proposal (id, cluster_code, term_start, term_end, due_by, status, created_at, updated_at)
         values (gen_random_uuid(), ?, ?, ?, ?, 'proposed', now(), now())
         on conflict (cluster_code, term_start) do nothing returning id`,
        [a.cluster, a.termStart, a.termEnd, a.dueBy],
      );
      await notify([toSecretariat(senderOf(a), message('advisory-session-proposal.proposed', values(a)))]);
      return { created: rows.length > 0 };
    },

    /**
     * At `dueBy`: reminds the secretariat once unless an advisory session of the cluster is held or
     * scheduled to start by then, or the secretariat dismissed the proposal.
     */
    async remindAdvisorySession(a: TermArgs): Promise<{ reminded: boolean }> {
      const em = orm.em.fork() as EntityManager;
      const proposal = await em.findOne(AdvisorySessionProposal, { cluster: a.cluster, termStart: a.termStart });
      if (proposal?.status === 'dismissed') return { reminded: false };
      if (await advisorySessionHeld(em, a.cluster, a.termStart, a.dueBy)) return { reminded: false };
      await notify([toSecretariat(senderOf(a), message('advisory-session-proposal.overdue', values(a)))]);
      await em.nativeUpdate(
        AdvisorySessionProposal,
        { cluster: a.cluster, termStart: a.termStart, remindedAt: null },
        { remindedAt: new Date(), updatedAt: new Date() },
      );
      return { reminded: true };
    },
  };
}
