import type { EntityManager } from '@mikro-orm/postgresql';
import { Cluster, Country } from '../entities/index.js';
import { CLUSTERS } from './clusters.js';
import { COUNTRIES } from './countries.js';
import { NOT_UNESCO_MEMBER_STATES } from './unesco-members.js';

/** Upserts reference data; running it again changes nothing that is already right. */
export async function seedReferenceData(em: EntityManager): Promise<{ countries: number; clusters: number }> {
  await em.upsertMany(
    Country,
    COUNTRIES.map((c) => ({ ...c, unescoMember: !NOT_UNESCO_MEMBER_STATES.has(c.code) })),
  );
  // Successors first, so the self-referencing foreign key is always satisfied.
  const ordered = [...CLUSTERS].sort((a, b) => Number(a.successor !== null) - Number(b.successor !== null));
  await em.upsertMany(
    Cluster,
    ordered.map((c) => ({ ...c })),
  );
  return { countries: COUNTRIES.length, clusters: CLUSTERS.length };
}
