import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { Cluster } from './registry.js';

/** A member of a cluster's expert group, written by the API. */
export const Expert = defineEntity({
  name: 'Expert',
  tableName: 'expert',
  uniques: [{ properties: ['cluster', 'email'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    cluster: p.manyToOne(Cluster).mapToPk(),
    name: p.string().length(200),
    email: p.string().length(320),
    organisation: p.string().length(200).nullable(),
    expertiseAreas: p.array().default([]),
    support: p.array().default([]),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});
export type IExpert = InferEntity<typeof Expert>;
