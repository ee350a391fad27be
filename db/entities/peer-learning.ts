import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { FullTextType } from '@mikro-orm/postgresql';
import { values } from './enum.js';
import { PEER_KINDS, PEER_SOURCES } from '../../domain/peer-learning.js';
import { City, Cluster } from './registry.js';
import { Workshop } from './workshop.js';

// Peer-learning entries: written by the API (cities, the secretariat) and by the workshop
// workflow's activities when outcomes are published.
export const PeerLearningEntry = defineEntity({
  name: 'PeerLearningEntry',
  tableName: 'peer_learning_entry',
  // Listings are newest first (per cluster, or across the network) and counted per cluster and kind
  // by an index-only scan; searches go through the GIN index.
  indexes: [
    { properties: ['cluster', 'kind'] },
    { properties: ['cluster', 'createdAt'] },
    { properties: ['createdAt'] },
    { properties: ['city'] },
    { properties: ['search'], type: 'fulltext' },
  ],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    /** Business key ("workshop:<id>:success:0", "city:<uuid>") so a retried publish inserts nothing twice. */
    sourceKey: p.string().unique(),
    cluster: p.manyToOne(Cluster).mapToPk(),
    city: p.manyToOne(City).mapToPk().nullable(),
    kind: p.enum(values(PEER_KINDS)),
    title: p.string().length(300),
    body: p.text(),
    tags: p.array().default([]),
    source: p.enum(values(PEER_SOURCES)),
    workshop: p.manyToOne(Workshop).mapToPk().nullable(),
    // Title weighs more than tags, tags more than the body; PostgreSQL keeps it current itself.
    // array_to_string is only STABLE, so the migration defines an IMMUTABLE wrapper for the tags.
    search: p
      .type(new FullTextType('english'))
      // Spelled as PostgreSQL normalises it, so the schema diff sees no change.
      .generated(
        `((setweight(to_tsvector('english'::regconfig, (title)::text), 'A'::"char") || setweight(to_tsvector('english'::regconfig, peer_learning_tags_text(tags)), 'B'::"char")) || setweight(to_tsvector('english'::regconfig, body), 'C'::"char")) stored`,
      )
      .nullable()
      .ignoreSchemaChanges('type', 'extra')
      .lazy()
      .hidden(),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});
export type IPeerLearningEntry = InferEntity<typeof PeerLearningEntry>;
