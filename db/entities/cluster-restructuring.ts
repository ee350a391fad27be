import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity } from '@mikro-orm/core';
import type { Move, Plan } from '../../domain/cluster-restructuring.js';

// One applied restructuring of the clusters: the moves asked for and the whole plan carried out,
// kept as history (the memberships it ended and began carry its effective date).
export const ClusterRestructuring = defineEntity({
  name: 'ClusterRestructuring',
  tableName: 'cluster_restructuring',
  indexes: [{ properties: ['appliedAt'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    effectiveOn: p.date(),
    moves: p.json<Move[]>(),
    plan: p.json<Plan>(),
    note: p.text().nullable(),
    appliedBy: p.string(),
    appliedAt: p.datetime().onCreate(() => new Date()),
  }),
});
export type IClusterRestructuring = InferEntity<typeof ClusterRestructuring>;
