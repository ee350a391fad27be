// Work plans as the coordinator meetings and the work phase listing read them.
import type { EntityManager } from '@mikro-orm/postgresql';
import { WorkPlanVersion, type IWorkPlanVersion } from '../entities/index.js';

/** The plan in force for a cluster: the latest version of its latest phase that has one. */
export async function currentPlan(em: EntityManager, cluster: string): Promise<IWorkPlanVersion | null> {
  const rows = await em.getConnection().execute<{ id: string }[]>(
    `select v.id from workplan_version v join work_phase p on p.id = v.work_phase_id
      where p.cluster_code = ? order by p.biennium desc, v.version desc limit 1`,
    [cluster],
  );
  return rows[0] ? em.findOne(WorkPlanVersion, rows[0].id) : null;
}

/** The latest plan version number of each of these work phases (phases without a plan are absent). */
export async function latestPlanVersions(
  em: EntityManager,
  workPhaseIds: readonly string[],
): Promise<Map<string, number>> {
  const rows = await em
    .getConnection()
    .execute<{ work_phase_id: string; v: number }[]>(
      `select work_phase_id, max(version) as v from workplan_version where work_phase_id = any(?::uuid[]) group by work_phase_id`,
      [`{${workPhaseIds.join(',')}}`],
    );
  return new Map(rows.map((r) => [r.work_phase_id, Number(r.v)]));
}
