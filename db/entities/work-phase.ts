import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { Cluster } from './registry.js';

// A cluster's work phase: one biennium, written by the API when it opens the phase.
export const WorkPhase = defineEntity({
  name: 'WorkPhase',
  tableName: 'work_phase',
  uniques: [{ properties: ['cluster', 'biennium'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    cluster: p.manyToOne(Cluster).mapToPk(),
    biennium: p.string().length(16),
    inceptionWorkshopId: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});
export type IWorkPhase = InferEntity<typeof WorkPhase>;
