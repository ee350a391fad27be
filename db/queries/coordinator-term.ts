// Who coordinates a cluster on a given day: a city whose term has term_start <= day < term_end.
import type { EntityManager } from '@mikro-orm/postgresql';

export const today = (): string => new Date().toISOString().slice(0, 10);

/** Current coordinators of `cluster`. */
export async function coordinatorsOf(em: EntityManager, cluster: string, day = today()): Promise<string[]> {
  const rows = await em
    .getConnection()
    .execute<{ city_id: string }[]>(
      `select distinct city_id from coordinator_term where cluster_code = ? and term_start <= ? and ? < term_end order by city_id`,
      [cluster, day, day],
    );
  return rows.map((r) => r.city_id);
}

/** Current coordinators of every active cluster. */
export async function allCoordinators(
  em: EntityManager,
  day = today(),
): Promise<{ cluster: string; cityId: string }[]> {
  const rows = await em.getConnection().execute<{ cluster_code: string; city_id: string }[]>(
    `select distinct t.cluster_code, t.city_id from coordinator_term t join cluster c on c.code = t.cluster_code
      where c.status = 'active' and t.term_start <= ? and ? < t.term_end order by t.cluster_code, t.city_id`,
    [day, day],
  );
  return rows.map((r) => ({ cluster: r.cluster_code, cityId: r.city_id }));
}
