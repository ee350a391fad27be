import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { Election } from './election.js';
import { City, Cluster } from './registry.js';

// A city's two years as a coordinator of a cluster: written when an election is decided (or
// coordinators are appointed); a city coordinates while term_start <= today < term_end.
export const CoordinatorTerm = defineEntity({
  name: 'CoordinatorTerm',
  tableName: 'coordinator_term',
  uniques: [{ properties: ['cluster', 'city', 'termStart'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    cluster: p.manyToOne(Cluster).mapToPk(),
    city: p.manyToOne(City).mapToPk(),
    termStart: p.date(),
    termEnd: p.date(),
    election: p.manyToOne(Election).mapToPk().nullable(),
    appointed: p.boolean().default(false),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});
export type ICoordinatorTerm = InferEntity<typeof CoordinatorTerm>;
