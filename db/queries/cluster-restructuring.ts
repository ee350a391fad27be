// What a restructuring plans from: the clusters, the open memberships of the retiring clusters and of
// their successors, the coordinator terms of the retiring ones, and any election still open in them.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ClusterFacts, OpenMembership, OpenTerm } from '../../domain/cluster-restructuring.js';

export interface RestructuringInputs {
  clusters: Map<string, ClusterFacts>;
  open: OpenMembership[];
  terms: OpenTerm[];
  openElections: { id: string; cluster: string }[];
}

/** A text[] literal: knex would spread a JS array into a list. Codes are letters, digits and hyphens. */
export const textArray = (xs: readonly string[]): string => `{${xs.join(',')}}`;

/** `lock`: inside the applying transaction, the clusters involved are locked so two restructurings queue. */
export async function restructuringInputs(
  em: EntityManager,
  codes: string[],
  lock = false,
): Promise<RestructuringInputs> {
  const clusters = await em.execute<{ code: string; status: 'active' | 'retired' }[]>(
    `select code, status from cluster where code = any(?::text[]) order by code${lock ? ' for update' : ''}`,
    [textArray(codes)],
  );
  const open = await em.execute<
    {
      city_id: string;
      city_name: string;
      cluster_code: string;
      since: string;
      representative_name: string;
      representative_email: string;
      representative_expertise: string[];
    }[]
  >(
    `select m.city_id, c.name as city_name, m.cluster_code, m.since::text as since, m.representative_name,
            m.representative_email, m.representative_expertise
       from membership m join city c on c.id = m.city_id
      where m.cluster_code = any(?::text[]) and m.until is null`,
    [textArray(codes)],
  );
  const terms = await em.execute<{ city_id: string; cluster_code: string; term_start: string; term_end: string }[]>(
    `select city_id, cluster_code, term_start::text as term_start, term_end::text as term_end
       from coordinator_term where cluster_code = any(?::text[])`,
    [textArray(codes)],
  );
  const openElections = await em.execute<{ id: string; cluster_code: string }[]>(
    `select id, cluster_code from election
      where cluster_code = any(?::text[]) and status in ('nominating', 'voting', 'awaiting_tie_break')`,
    [textArray(codes)],
  );
  return {
    clusters: new Map(clusters.map((c) => [c.code, { code: c.code, status: c.status }])),
    open: open.map((m) => ({
      cityId: m.city_id,
      cityName: m.city_name,
      cluster: m.cluster_code,
      since: m.since,
      representativeName: m.representative_name,
      representativeEmail: m.representative_email,
      representativeExpertise: m.representative_expertise,
    })),
    terms: terms.map((t) => ({
      cityId: t.city_id,
      cluster: t.cluster_code,
      termStart: t.term_start,
      termEnd: t.term_end,
    })),
    openElections: openElections.map((e) => ({ id: e.id, cluster: e.cluster_code })),
  };
}
