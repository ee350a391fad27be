import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { values } from './enum.js';
import { DONOR_TYPES } from '../../domain/registry.js';
import { PIPELINE_STATUSES } from '../../domain/partner-inquiry.js';
import { Country, Donor } from './registry.js';

// A public inquiry of a prospective funding partner and its place in the pipeline. Written by the
// public route unconfirmed; the e-mailed link confirms it, and only then is its prospect donor
// created and the secretariat told. `client` is the address it came from (the rate limit).
export const PartnerInquiry = defineEntity({
  name: 'PartnerInquiry',
  tableName: 'partner_inquiry',
  indexes: [{ properties: ['client', 'createdAt'] }, { properties: ['emailHash', 'createdAt'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organisation: p.string().length(200),
    donorType: p.enum(values(DONOR_TYPES)),
    country: p.manyToOne(Country).mapToPk(),
    contactName: p.string().length(200),
    contactEmail: p.string().length(254),
    emailHash: p.string().length(64),
    interest: p.array().default([]),
    message: p.text().nullable(),
    language: p.string().length(2).default('en'),
    status: p.enum(values(PIPELINE_STATUSES)).default('in_discussion'),
    tokenHash: p.string().length(64).unique(),
    expiresAt: p.datetime(),
    confirmedAt: p.datetime().nullable(),
    donor: p.manyToOne(Donor).mapToPk().nullable(),
    client: p.string().length(64),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});
export type IPartnerInquiry = InferEntity<typeof PartnerInquiry>;
