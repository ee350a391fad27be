import { CoordinatorTerm } from '../db/entities/index.js';
import type { CycleTerm } from '../domain/cluster-cycle.js';
import type { ActivityDeps } from './deps.js';

/** What a cluster's cycle reads of the database: the term it starts from on its first run. */
export function createClusterCycleActivities({ orm }: ActivityDeps) {
  return {
    async loadCurrentTerm({ cluster }: { cluster: string }): Promise<CycleTerm | null> {
      const row = await orm.em.fork().findOne(CoordinatorTerm, { cluster }, { orderBy: { termStart: 'desc' } });
      return row ? { termStart: String(row.termStart), termEnd: String(row.termEnd) } : null;
    },
  };
}
