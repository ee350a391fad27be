// What a person may do, derived from the registry at every request: their staff role, the cities
// whose open membership names them as representative, the active donors naming them as contact (a
// prospect donor, from a public inquiry, gives its contact no access).
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Access, Language, StaffRole } from '../../domain/auth.js';

export async function accessOf(em: EntityManager, email: string, staffRole: StaffRole | null): Promise<Access[]> {
  const rows = await em.getConnection().execute<{ kind: 'city' | 'donor'; id: string; cluster: string | null }[]>(
    `select 'city' as kind, m.city_id as id, m.cluster_code as cluster from membership m join city c on c.id = m.city_id
      where lower(m.representative_email) = ? and m.until is null and c.status = 'member'
     union all
     select 'donor', d.id, null from donor d where lower(d.contact_email) = ? and d.status = 'active'
     order by 1, 3, 2`,
    [email, email],
  );
  const access: Access[] = staffRole ? [{ role: staffRole, cityId: null, donorId: null, cluster: null }] : [];
  for (const r of rows) {
    access.push(
      r.kind === 'city'
        ? { role: 'city', cityId: r.id, donorId: null, cluster: r.cluster }
        : { role: 'donor', cityId: null, donorId: r.id, cluster: null },
    );
  }
  return access;
}

/** The name a person is greeted by on first sign-in: the registry's, else the address's local part. */
export async function registryNameOf(em: EntityManager, email: string): Promise<string> {
  const [row] = await em.getConnection().execute<{ name: string }[]>(
    `select representative_name as name from membership where lower(representative_email) = ? and until is null
     union all select contact_name from donor where lower(contact_email) = ? and contact_name is not null limit 1`,
    [email, email],
  );
  return row?.name ?? email.split('@')[0] ?? email;
}

/**
 * The language of someone who has not chosen one by signing in: the one the secretariat set on
 * their (newest) open membership as a city's representative, else English.
 */
export async function registryLanguageOf(em: EntityManager, email: string): Promise<Language> {
  const [row] = await em
    .getConnection()
    .execute<{ language: Language }[]>(
      `select language from membership where lower(representative_email) = ? and until is null order by since desc limit 1`,
      [email],
    );
  return row?.language ?? 'en';
}
