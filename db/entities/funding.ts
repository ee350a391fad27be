import { randomUUID } from 'node:crypto';
import { values } from './enum.js';
import { defineEntity, type InferEntity } from '@mikro-orm/core';
import {
  FUNDING_OPTIONS,
  INSTALMENT_STATUSES,
  PLEDGE_KINDS,
  STAGES,
  SUB_OPTIONS,
  VALUATION_STATUSES,
  type ReminderSettings,
  type Valuation,
} from '../../domain/pledge.js';
import { Donor } from './registry.js';

// Pledges, their instalments and receipts, exchange rates and campaigns. Amounts are bigint minor
// units read as JS numbers (the API refuses anything beyond 2^53), rates are numeric read as strings.

export const Campaign = defineEntity({
  name: 'Campaign',
  tableName: 'campaign',
  properties: (p) => ({
    id: p.uuid().primary(),
    biennium: p.string().length(9).unique(),
    workflowId: p.string(),
    fundingOption: p.enum(values(FUNDING_OPTIONS)),
    targetUsdMinor: p.bigint('number'),
    inKindCountsTowardTarget: p.boolean().default(false),
    followUpEvery: p.string().length(32),
    digestEvery: p.string().length(32),
    closesOn: p.date(),
    status: p.enum(['open', 'closed']),
    finalReport: p.json<Record<string, unknown>>().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  }),
});
export type ICampaign = InferEntity<typeof Campaign>;

export const Pledge = defineEntity({
  name: 'Pledge',
  tableName: 'pledge',
  indexes: [{ properties: ['donor'] }, { properties: ['biennium', 'stage'] }],
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
    stage: p.enum(values(STAGES)),
    stageEnteredAt: p.datetime(),
    currency: p.string().length(3).nullable(),
    amountMinor: p.bigint('number').nullable(),
    inKind: p.json<Record<string, unknown>>().nullable(),
    valuation: p.json<Valuation>().nullable(),
    valuationStatus: p.enum(values(VALUATION_STATUSES)).default('none'),
    reminders: p.json<ReminderSettings>(),
    campaign: p.manyToOne(Campaign).mapToPk().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  }),
});
export type IPledge = InferEntity<typeof Pledge>;

/** The stage history: who moved the pledge, when, and why; `seq` is the workflow's counter (retry-safe). */
export const PledgeStageChange = defineEntity({
  name: 'PledgeStageChange',
  tableName: 'pledge_stage_change',
  uniques: [{ properties: ['pledge', 'seq'] }],
  properties: (p) => ({
    id: p.uuid().primary().onCreate(() => randomUUID()),
    pledge: p.manyToOne(Pledge).mapToPk(),
    seq: p.integer(),
    fromStage: p.enum(values(STAGES)).nullable(),
    toStage: p.enum(values(STAGES)),
    by: p.string(),
    note: p.text().nullable(),
    at: p.datetime(),
  }),
});
export type IPledgeStageChange = InferEntity<typeof PledgeStageChange>;

export const Instalment = defineEntity({
  name: 'Instalment',
  tableName: 'instalment',
  uniques: [{ properties: ['pledge', 'seq'] }],
  properties: (p) => ({
    id: p.uuid().primary().onCreate(() => randomUUID()),
    pledge: p.manyToOne(Pledge).mapToPk(),
    seq: p.integer(),
    due: p.date(),
    amountMinor: p.bigint('number'),
    paidMinor: p.bigint('number').default(0),
    status: p.enum(values(INSTALMENT_STATUSES)),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  }),
});
export type IInstalment = InferEntity<typeof Instalment>;

/** One row per receipt business key (receipt number, else Idempotency-Key): recording it twice is a no-op. */
export const Receipt = defineEntity({
  name: 'Receipt',
  tableName: 'receipt',
  uniques: [{ properties: ['pledge', 'key'] }],
  properties: (p) => ({
    id: p.uuid().primary().onCreate(() => randomUUID()),
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

/** USD per one unit of the currency on a date, kept by the secretariat. */
export const FxRate = defineEntity({
  name: 'FxRate',
  tableName: 'fx_rate',
  uniques: [{ properties: ['currency', 'date'] }],
  properties: (p) => ({
    id: p.uuid().primary().onCreate(() => randomUUID()),
    currency: p.string().length(3),
    date: p.date(),
    rateToUsd: p.decimal('string').precision(24).scale(12),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});
export type IFxRate = InferEntity<typeof FxRate>;

export const CampaignProspect = defineEntity({
  name: 'CampaignProspect',
  tableName: 'campaign_prospect',
  uniques: [{ properties: ['campaign', 'donor'] }],
  properties: (p) => ({
    id: p.uuid().primary().onCreate(() => randomUUID()),
    campaign: p.manyToOne(Campaign).mapToPk(),
    donor: p.manyToOne(Donor).mapToPk(),
    pledge: p.manyToOne(Pledge).mapToPk(),
    followUps: p.integer().default(0),
    lastFollowUpAt: p.datetime().nullable(),
  }),
});
export type ICampaignProspect = InferEntity<typeof CampaignProspect>;
