// SQL of advisory session proposals that the cluster cycle's activities and the API both run.
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Whether an advisory session of `cluster` is held or scheduled to start from the term's first day
 * up to `dueBy`: a workshop of kind advisory_session, not cancelled, starting in that span.
 */
export async function advisorySessionHeld(
  em: EntityManager,
  cluster: string,
  termStart: string,
  dueBy: string,
): Promise<boolean> {
  const rows = await em.getConnection().execute<{ id: string }[]>(
    `select id from workshop where cluster_code = ? and kind = 'advisory_session' and status <> 'cancelled'
       and starts_at >= ?::date and starts_at <= ? limit 1`,
    [cluster, termStart, dueBy],
  );
  return rows.length > 0;
}

/** A new advisory session of `cluster` schedules the cluster's open proposals (the draft becomes it). */
export async function scheduleProposals(em: EntityManager, cluster: string, workshopId: string): Promise<void> {
  await em.getConnection().execute(
    `update advisory_session_proposal set status = 'scheduled', workshop_id = ?, updated_at = now()
        where cluster_code = ? and status = 'proposed'`,
    [workshopId, cluster],
  );
}
