// Who belongs to a cluster: read by activities (eligibility snapshots, invitations) and routes alike.
import type { EntityManager } from '@mikro-orm/postgresql';

/** Member cities of `cluster` with an open membership, in a stable order. */
export async function membersOf(em: EntityManager, cluster: string): Promise<string[]> {
  const rows = await em.getConnection().execute<{ city_id: string }[]>(
    `select m.city_id from membership m join city c on c.id = m.city_id
      where m.cluster_code = ? and m.until is null and c.status = 'member' order by m.city_id`,
    [cluster],
  );
  return rows.map((r) => r.city_id);
}

export async function isMember(em: EntityManager, cluster: string, cityId: string): Promise<boolean> {
  return (await membersOf(em, cluster)).includes(cityId);
}
