// Who may act in a cluster's work: its current coordinators (from coordinator_term) and the
// secretariat, which can always do what a coordinator does.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../domain/auth.js';
import { forbidden } from './errors.js';

export const today = (): string => new Date().toISOString().slice(0, 10);

/** Current coordinators of `cluster` (term_start <= today < term_end). */
export async function coordinatorsOf(em: EntityManager, cluster: string, day = today()): Promise<string[]> {
  const rows = await em.getConnection().execute<{ city_id: string }[]>(
    `select distinct city_id from coordinator_term where cluster_code = ? and term_start <= ? and ? < term_end order by city_id`,
    [cluster, day, day],
  );
  return rows.map((r) => r.city_id);
}

/** Current coordinators of every active cluster. */
export async function allCoordinators(em: EntityManager, day = today()): Promise<{ cluster: string; cityId: string }[]> {
  const rows = await em.getConnection().execute<{ cluster_code: string; city_id: string }[]>(
    `select distinct t.cluster_code, t.city_id from coordinator_term t join cluster c on c.code = t.cluster_code
      where c.status = 'active' and t.term_start <= ? and ? < t.term_end order by t.cluster_code, t.city_id`,
    [day, day],
  );
  return rows.map((r) => ({ cluster: r.cluster_code, cityId: r.city_id }));
}

/** Member cities of `cluster` with an open membership. */
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

/** The secretariat, or a city token of a current coordinator of `cluster`; anyone else gets 403. */
export async function requireCoordinator(em: EntityManager, principal: Principal, cluster: string): Promise<void> {
  if (principal.role === 'secretariat') return;
  if (principal.role === 'city' && principal.cityId && (await coordinatorsOf(em, cluster)).includes(principal.cityId)) return;
  throw forbidden(`only a current coordinator of ${cluster} or the secretariat may do this`);
}

/** The city a request acts for: a city token's own, or the one the secretariat names. */
export function actingCityOf(principal: Principal, given: string | undefined): string | undefined {
  if (principal.role === 'city') {
    if (given !== undefined && given !== principal.cityId) throw forbidden('this token does not act for that city');
    return principal.cityId ?? undefined;
  }
  return given;
}
