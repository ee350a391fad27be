import { randomUUID } from 'node:crypto';
import { values } from './enum.js';
import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { ELECTION_STATUSES, NOMINATION_STATUSES } from '../../domain/election.js';
import type { ElectionDeadlines, ElectionResults, ElectionSettings } from '../../domain/election.contract.js';
import { City, Cluster } from './registry.js';

// Projections of the election workflows, written by their activities: the workflow is the source
// of truth for the process, these rows are what the API reads and what outlives the workflow.

export const Election = defineEntity({
  name: 'Election',
  tableName: 'election',
  indexes: [{ properties: ['cluster', 'status'] }],
  properties: (p) => ({
    id: p.uuid().primary(),
    workflowId: p.string(),
    cluster: p.manyToOne(Cluster).mapToPk(),
    termStart: p.date(),
    termEnd: p.date(),
    seats: p.integer(),
    status: p.enum(values(ELECTION_STATUSES)),
    settings: p.json<ElectionSettings>(),
    deadlines: p.json<ElectionDeadlines>(),
    eligible: p.array().default([]),
    results: p.json<ElectionResults>().nullable(),
    cancelReason: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  }),
});
export type IElection = InferEntity<typeof Election>;

export const Nomination = defineEntity({
  name: 'Nomination',
  tableName: 'nomination',
  uniques: [{ properties: ['election', 'city'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    election: p.manyToOne(Election).mapToPk(),
    city: p.manyToOne(City).mapToPk(),
    nominatedBy: p.uuid().nullable(),
    status: p.enum(values(NOMINATION_STATUSES)),
    statement: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  }),
});
export type INomination = InferEntity<typeof Nomination>;

/** One ballot per election and city; re-casting replaces it until the vote closes. */
export const Ballot = defineEntity({
  name: 'Ballot',
  tableName: 'ballot',
  uniques: [{ properties: ['election', 'city'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    election: p.manyToOne(Election).mapToPk(),
    city: p.manyToOne(City).mapToPk(),
    approve: p.array(),
    castAt: p.datetime(),
    updatedAt: p.datetime(),
  }),
});
export type IBallot = InferEntity<typeof Ballot>;
