import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { SECONDMENT_HOSTS } from '../../domain/secondment.js';
import { values } from './enum.js';
import { Pledge } from './pledge.js';
import { City } from './registry.js';

// A person a donor seconds to the network under an in-kind pledge, valued per month, and the
// months the secretariat approved (one row per month: approving twice is a no-op). Each approved
// month keeps its USD value at the rate of its approval, so totals never move with later rates.
export const Secondment = defineEntity({
  name: 'Secondment',
  tableName: 'secondment',
  indexes: [{ properties: ['pledge'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    pledge: p.manyToOne(Pledge).mapToPk(),
    personName: p.string().length(200),
    host: p.enum(values(SECONDMENT_HOSTS)),
    hostCity: p.manyToOne(City).mapToPk().nullable(),
    startOn: p.date(),
    endOn: p.date(),
    currency: p.string().length(3),
    monthlyMinor: p.bigint('number'),
    createdBy: p.string(),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});
export type ISecondment = InferEntity<typeof Secondment>;

export const SecondmentMonth = defineEntity({
  name: 'SecondmentMonth',
  tableName: 'secondment_month',
  uniques: [{ properties: ['secondment', 'month'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    secondment: p.manyToOne(Secondment).mapToPk().deleteRule('cascade'),
    /** YYYY-MM */
    month: p.string().length(7),
    valueMinor: p.bigint('number'),
    fxRateToUsd: p.decimal('string').precision(24).scale(12),
    usdMinor: p.bigint('number'),
    approvedBy: p.string(),
    approvedAt: p.datetime(),
    note: p.text().nullable(),
  }),
});
export type ISecondmentMonth = InferEntity<typeof SecondmentMonth>;
