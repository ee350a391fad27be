import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { values } from './enum.js';
import { PARTNERSHIP_KINDS, PARTNERSHIP_OUTCOMES, PARTNERSHIP_STATUSES } from '../../domain/partnership.js';
import { City, Donor } from './registry.js';
import { Pledge } from './pledge.js';

// A partnership for an African city (written by the API, completed by its workflow), its progress
// reports (one per period, numbered), its dated activities (in the common schedule) and the
// capacity-building pledges linked to it.
export const Partnership = defineEntity({
  name: 'Partnership',
  tableName: 'partnership',
  indexes: [{ properties: ['supportingCity'] }, { properties: ['africanCity'] }],
  properties: (p) => ({
    id: p.uuid().primary(),
    workflowId: p.string(),
    title: p.string().length(200),
    kind: p.enum(values(PARTNERSHIP_KINDS)),
    supportingCity: p.manyToOne(City).mapToPk(),
    africanCity: p.manyToOne(City).mapToPk(),
    donor: p.manyToOne(Donor).mapToPk().nullable(),
    goals: p.array().default([]),
    startsOn: p.date(),
    endsOn: p.date().nullable(),
    reportEvery: p.string().length(32),
    /** The first report asked (periods already over when it was recorded are not). */
    firstReport: p.integer().default(1),
    status: p.enum(values(PARTNERSHIP_STATUSES)),
    outcome: p.enum(values(PARTNERSHIP_OUTCOMES)).nullable(),
    outcomeNote: p.text().nullable(),
    completedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  }),
});
export type IPartnership = InferEntity<typeof Partnership>;

export const PartnershipReport = defineEntity({
  name: 'PartnershipReport',
  tableName: 'partnership_report',
  uniques: [{ properties: ['partnership', 'seq'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    partnership: p.manyToOne(Partnership).mapToPk(),
    seq: p.integer(),
    dueAt: p.datetime(),
    summary: p.text(),
    nextSteps: p.text().nullable(),
    /** The person's e-mail or the token's label that filed it. */
    submittedBy: p.string().nullable(),
    submittedAt: p.datetime(),
  }),
});
export type IPartnershipReport = InferEntity<typeof PartnershipReport>;

export const PartnershipActivity = defineEntity({
  name: 'PartnershipActivity',
  tableName: 'partnership_activity',
  indexes: [{ properties: ['startsAt'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    partnership: p.manyToOne(Partnership).mapToPk(),
    title: p.string().length(200),
    description: p.text().nullable(),
    startsAt: p.datetime(),
    endsAt: p.datetime().nullable(),
    timezone: p.string().length(64),
    location: p.string().length(200).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  }),
});
export type IPartnershipActivity = InferEntity<typeof PartnershipActivity>;

export const PartnershipContribution = defineEntity({
  name: 'PartnershipContribution',
  tableName: 'partnership_contribution',
  uniques: [{ properties: ['partnership', 'pledge'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    partnership: p.manyToOne(Partnership).mapToPk(),
    pledge: p.manyToOne(Pledge).mapToPk(),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});
export type IPartnershipContribution = InferEntity<typeof PartnershipContribution>;
