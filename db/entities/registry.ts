import { randomUUID } from 'node:crypto';
import { values } from './enum.js';
import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { CITY_STATUSES, CLUSTER_STATUSES, DONOR_STATUSES, DONOR_TYPES } from '../../domain/registry.js';
import { LANGUAGES } from '../../domain/auth.js';

// Registry of the network: countries, member cities, thematic clusters, memberships and donors.

export const Country = defineEntity({
  name: 'Country',
  tableName: 'country',
  properties: (p) => ({
    code: p.string().length(2).primary(),
    name: p.string(),
    region: p.string().length(32),
    incomeGroup: p.string().length(16),
    ldc: p.boolean(),
    /** A UNESCO Member State (db/seed/unesco-members.ts): only its cities may apply for membership. */
    unescoMember: p.boolean().default(false),
    /** The e-mail of the country's National Commission for UNESCO, set by the secretariat: it endorses applications. */
    natcomEmail: p.string().length(254).nullable(),
  }),
});
export type ICountry = InferEntity<typeof Country>;

export const City = defineEntity({
  name: 'City',
  tableName: 'city',
  uniques: [{ properties: ['country', 'name'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    name: p.string(),
    country: p.manyToOne(Country).mapToPk(),
    status: p.enum(values(CITY_STATUSES)),
    yearJoined: p.integer().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  }),
});
export type ICity = InferEntity<typeof City>;

export const Cluster = defineEntity({
  name: 'Cluster',
  tableName: 'cluster',
  properties: (p) => ({
    code: p.string().length(32).primary(),
    name: p.string(),
    period: p.string().length(16),
    status: p.enum(values(CLUSTER_STATUSES)),
    themes: p.array().default([]),
    focusKeywords: p.array().default([]),
    // Self-reference by name: the builder cannot see the schema it is part of.
    successor: p
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the entity cannot name its own type here
      .manyToOne<any>('Cluster' as any)
      .mapToPk()
      .nullable()
      .$type<string | null>(),
    memberCount2019: p.integer().nullable(),
  }),
});
export type ICluster = InferEntity<typeof Cluster>;

export const Membership = defineEntity({
  name: 'Membership',
  tableName: 'membership',
  indexes: [{ properties: ['cluster', 'until'] }],
  // One open membership per city and cluster; ended ones stay as history.
  uniques: [
    {
      name: 'membership_open_unique',
      expression:
        'create unique index "membership_open_unique" on "membership" ("city_id", "cluster_code") where "until" is null',
    },
  ],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    city: p.manyToOne(City).mapToPk(),
    cluster: p.manyToOne(Cluster).mapToPk(),
    since: p.date(),
    until: p.date().nullable(),
    representativeName: p.string(),
    representativeEmail: p.string(),
    representativeExpertise: p.array().default([]),
    /** The representative's language until they choose their own (person.language) by signing in. */
    language: p.enum(values(LANGUAGES)).default('en'),
  }),
});
export type IMembership = InferEntity<typeof Membership>;

export const Donor = defineEntity({
  name: 'Donor',
  tableName: 'donor',
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    name: p.string(),
    type: p.enum(values(DONOR_TYPES)),
    country: p.manyToOne(Country).mapToPk().nullable(),
    contactName: p.string().nullable(),
    contactEmail: p.string().nullable(),
    /** The contact's language until they choose their own (person.language) by signing in. */
    contactLanguage: p.enum(values(LANGUAGES)).default('en'),
    city: p.manyToOne(City).mapToPk().nullable(),
    /** A prospect (from a public inquiry) gives its contact no access until the secretariat makes it active. */
    status: p.enum(values(DONOR_STATUSES)).default('active'),
    /** Its IATI organisation identifier, when it has one (migration DonorIatiRef). */
    iatiOrgRef: p.string().length(100).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  }),
});
export type IDonor = InferEntity<typeof Donor>;
