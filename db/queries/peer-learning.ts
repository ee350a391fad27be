// Adding to the peer-learning database: from the API (a city or the secretariat shares) and from the
// workshop activities (published outcomes). Keyed by source, so a retried publish adds nothing.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { PeerKind, PeerSource } from '../../domain/peer-learning.js';
import { pgTextArray } from './text-array.js';

export interface NewPeerEntry {
  id: string;
  sourceKey: string;
  cluster: string;
  cityId: string | null;
  kind: PeerKind;
  title: string;
  body: string;
  tags: readonly string[];
  source: PeerSource;
  workshopId: string | null;
}

/** `em.execute` runs inside the caller's transaction when `em` is one (`getConnection().execute` would not). */
export async function insertPeerLearningEntry(em: EntityManager, e: NewPeerEntry): Promise<void> {
  await em.execute(
    `insert into peer_learning_entry (id, source_key, cluster_code, city_id, kind, title, body, tags, source, workshop_id, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now()) on conflict (source_key) do nothing`,
    [e.id, e.sourceKey, e.cluster, e.cityId, e.kind, e.title, e.body, pgTextArray(e.tags), e.source, e.workshopId],
  );
}
