import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity } from '@mikro-orm/core';
import {
  FUNDING_OPTIONS,
  INSTALMENT_STATUSES,
  PLEDGE_KINDS,
  PLEDGE_STATUSES,
  SUB_OPTIONS,
  VALUATION_STATUSES,
  type ReminderSettings,
  type Valuation,
} from '../../domain/pledge.js';
import { Campaign } from './campaign.js';
import { values } from './enum.js';
import { Donor } from './registry.js';

// A pledge, its status history, instalments and receipts. Amounts are bigint minor units read as JS
// numbers (the API refuses anything beyond 2^53), rates are numeric read as strings.

export const Pledge = defineEntity({
  name: 'Pledge',
  tableName: 'pledge',
  indexes: [{ properties: ['donor'] }, { properties: ['biennium', 'status'] }, { properties: ['createdAt'] }],
  // A campaign opens one prospect pledge per donor.
  uniques: [{ properties: ['campaign', 'donor'] }],
  properties: (p) => ({
    id: p.uuid().primary(),
    workflowId: p.string(),
    donor: p.manyToOne(Donor).mapToPk(),
    kind: p.enum(values(PLEDGE_KINDS)),
    fundingOption: p.enum(values(FUNDING_OPTIONS)),
    subOption: p.enum(values(SUB_OPTIONS)).nullable(),
    focus: p.array().default([]),
    biennium: p.string().length(9),
    status: p.enum(values(PLEDGE_STATUSES)),
    statusSince: p.datetime(),
    currency: p.string().length(3).nullable(),
    amountMinor: p.bigint('number').nullable(),
    inKind: p.json<Record<string, unknown>>().nullable(),
    valuation: p.json<Valuation>().nullable(),
    valuationStatus: p.enum(values(VALUATION_STATUSES)).default('none'),
    reminders: p.json<ReminderSettings>(),
    campaign: p.manyToOne(Campaign).mapToPk().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  }),
});
export type IPledge = InferEntity<typeof Pledge>;

/** The status history: who moved the pledge, when, and why; `seq` is the workflow's counter (retry-safe). */
export const PledgeStatusChange = defineEntity({
  name: 'PledgeStatusChange',
  tableName: 'pledge_status_change',
  uniques: [{ properties: ['pledge', 'seq'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    pledge: p.manyToOne(Pledge).mapToPk(),
    seq: p.integer(),
    fromStatus: p.enum(values(PLEDGE_STATUSES)).nullable(),
    toStatus: p.enum(values(PLEDGE_STATUSES)),
    by: p.string(),
    note: p.text().nullable(),
    at: p.datetime(),
  }),
});
export type IPledgeStatusChange = InferEntity<typeof PledgeStatusChange>;

export const Instalment = defineEntity({
  name: 'Instalment',
  tableName: 'instalment',
  // Due dates by range, in the common schedule's order (db/queries/calendar.ts instalmentEvents).
  indexes: [{ properties: ['due', 'pledge'] }],
  uniques: [{ properties: ['pledge', 'seq'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    pledge: p.manyToOne(Pledge).mapToPk(),
    seq: p.integer(),
    due: p.date(),
    amountMinor: p.bigint('number'),
    paidMinor: p.bigint('number').default(0),
    status: p.enum(values(INSTALMENT_STATUSES)),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  }),
});
export type IInstalment = InferEntity<typeof Instalment>;

/** One row per receipt business key (receipt number, else Idempotency-Key): recording it twice is a no-op. */
export const Receipt = defineEntity({
  name: 'Receipt',
  tableName: 'receipt',
  uniques: [{ properties: ['pledge', 'key'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    pledge: p.manyToOne(Pledge).mapToPk(),
    key: p.string(),
    receiptNumber: p.string().nullable(),
    currency: p.string().length(3),
    amountMinor: p.bigint('number'),
    receivedOn: p.date(),
    fxRateToUsd: p.decimal('string').precision(24).scale(12),
    usdMinor: p.bigint('number'),
    pledgeMinor: p.bigint('number'),
    allocations: p.json<{ seq: number; minor: number }[]>(),
    overpaymentMinor: p.bigint('number').default(0),
    recordedBy: p.string(),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});
export type IReceipt = InferEntity<typeof Receipt>;

/**
 * A read model kept by database triggers on instalment and receipt (migration PledgeBalance), so
 * every writer — activities, API, a hand-written fixture — keeps it true: what the pledge still
 * owes and from/until which due dates, and what was received. The funding summary and the pledge
 * list read it instead of summing every instalment and receipt on each request.
 */
export const PledgeBalance = defineEntity({
  name: 'PledgeBalance',
  tableName: 'pledge_balance',
  properties: (p) => ({
    pledge: p.manyToOne(Pledge).primary().mapToPk().deleteRule('cascade'),
    /** outstandingOf summed over the schedule (domain/pledge.ts): nothing once settled, never below zero. */
    outstandingMinor: p.bigint('number').default(0),
    /** Earliest and latest due date of an instalment that still owes something; null when none does. */
    owedFrom: p.date().nullable(),
    owedUntil: p.date().nullable(),
    receivedUsdMinor: p.bigint('number').default(0),
    receivedPledgeMinor: p.bigint('number').default(0),
  }),
});
export type IPledgeBalance = InferEntity<typeof PledgeBalance>;
