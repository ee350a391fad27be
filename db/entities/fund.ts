import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { ACTIVITY_KINDS, ALLOCATION_ACTIONS, ALLOCATION_STATUSES, FUND_KEYS } from '../../domain/fund.js';
import { FUNDING_OPTIONS, SUB_OPTIONS } from '../../domain/pledge.js';
import { values } from './enum.js';
import { Pledge, Receipt } from './pledge.js';
import { City } from './registry.js';

// Funds (domain/fund.ts), a pledge's split across them, what each receipt credits each fund, the
// secretariat's allocations to activities and the disbursements to beneficiary cities. Amounts are
// bigint minor units read as JS numbers (the API refuses anything beyond 2^53), rates numeric strings.
// The figures of `fund` are kept by triggers (migration Funds), never written by the application.

/**
 * One row per fund key. Its CHECKs are the rules no writer can break: allocated ≤ received,
 * disbursed ≤ allocated, nothing below zero; writers of one fund queue on its row.
 */
export const Fund = defineEntity({
  name: 'Fund',
  tableName: 'fund',
  checks: [
    { name: 'fund_available_check', expression: 'allocated_usd_minor <= received_usd_minor' },
    { name: 'fund_disbursed_check', expression: 'disbursed_usd_minor <= allocated_usd_minor' },
    {
      name: 'fund_nonnegative_check',
      expression: 'received_usd_minor >= 0 and allocated_usd_minor >= 0 and disbursed_usd_minor >= 0',
    },
  ],
  properties: (p) => ({
    key: p.enum(values(FUND_KEYS)).primary(),
    fundingOption: p.enum(values(FUNDING_OPTIONS)),
    subOption: p.enum(values(SUB_OPTIONS)).nullable(),
    /** Sum of receipt_credit.usd_minor: receipts at their recorded rate, split by the pledge's parts. */
    receivedUsdMinor: p.bigint('number').default(0),
    /** Sum of fund_allocation.usd_minor. */
    allocatedUsdMinor: p.bigint('number').default(0),
    /** Sum of fund_allocation.disbursed_usd_minor. */
    disbursedUsdMinor: p.bigint('number').default(0),
  }),
});
export type IFund = InferEntity<typeof Fund>;

/** A pledge's parts: resolved amounts in the pledge's currency summing to it; none = its own funding option. */
export const PledgeSplit = defineEntity({
  name: 'PledgeSplit',
  tableName: 'pledge_split',
  uniques: [{ properties: ['pledge', 'seq'] }],
  checks: [
    { name: 'pledge_split_basis_points_check', expression: 'basis_points >= 0 and basis_points <= 10000' },
    { name: 'pledge_split_amount_minor_check', expression: 'amount_minor >= 0' },
  ],
  properties: (p) => ({
    pledge: p.manyToOne(Pledge).primary().mapToPk().deleteRule('cascade'),
    fund: p.manyToOne(Fund).primary().mapToPk(),
    /** The part's place (0, 1, …): ties of the largest remainder go to the earlier part. */
    seq: p.integer(),
    basisPoints: p.integer().nullable(),
    amountMinor: p.bigint('number'),
    setBy: p.string(),
    setAt: p.datetime(),
  }),
});
export type IPledgeSplit = InferEntity<typeof PledgeSplit>;

/** What one receipt credits one fund (trigger receipt_fund_credit, splitByWeights in SQL). */
export const ReceiptCredit = defineEntity({
  name: 'ReceiptCredit',
  tableName: 'receipt_credit',
  indexes: [{ properties: ['fund'] }],
  checks: [
    { name: 'receipt_credit_amount_minor_check', expression: 'amount_minor >= 0' },
    { name: 'receipt_credit_usd_minor_check', expression: 'usd_minor >= 0' },
  ],
  properties: (p) => ({
    receipt: p.manyToOne(Receipt).primary().mapToPk().deleteRule('cascade'),
    fund: p.manyToOne(Fund).primary().mapToPk(),
    pledgeId: p.uuid(),
    currency: p.string().length(3),
    amountMinor: p.bigint('number'),
    usdMinor: p.bigint('number'),
  }),
});
export type IReceiptCredit = InferEntity<typeof ReceiptCredit>;

/** Money the secretariat set aside from a fund for an activity. */
export const FundAllocation = defineEntity({
  name: 'FundAllocation',
  tableName: 'fund_allocation',
  indexes: [{ properties: ['fund', 'createdAt'] }, { properties: ['referenceId'] }],
  checks: [
    {
      name: 'fund_allocation_disbursed_check',
      expression:
        'disbursed_minor >= 0 and disbursed_minor <= amount_minor and disbursed_usd_minor >= 0 and disbursed_usd_minor <= usd_minor',
    },
    { name: 'fund_allocation_amount_check', expression: 'amount_minor >= 0 and usd_minor >= 0' },
  ],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    fund: p.manyToOne(Fund).mapToPk(),
    activityKind: p.enum(values(ACTIVITY_KINDS)),
    referenceId: p.uuid().nullable(),
    title: p.string(),
    currency: p.string().length(3),
    amountMinor: p.bigint('number'),
    fxRateToUsd: p.decimal('string').precision(24).scale(12),
    usdMinor: p.bigint('number'),
    disbursedMinor: p.bigint('number').default(0),
    disbursedUsdMinor: p.bigint('number').default(0),
    status: p.enum(values(ALLOCATION_STATUSES)),
    allocatedOn: p.date(),
    note: p.text().nullable(),
    createdBy: p.string(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  }),
});
export type IFundAllocation = InferEntity<typeof FundAllocation>;

/** The audit of an allocation: allocated, reduced, cancelled — who, when, from and to, why. */
export const FundAllocationChange = defineEntity({
  name: 'FundAllocationChange',
  tableName: 'fund_allocation_change',
  uniques: [{ properties: ['allocation', 'seq'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    allocation: p.manyToOne(FundAllocation).mapToPk(),
    seq: p.integer(),
    action: p.enum(values(ALLOCATION_ACTIONS)),
    fromMinor: p.bigint('number').nullable(),
    toMinor: p.bigint('number'),
    note: p.text().nullable(),
    by: p.string(),
    at: p.datetime(),
  }),
});
export type IFundAllocationChange = InferEntity<typeof FundAllocationChange>;

/** Money paid out against an allocation, in the allocation's currency. */
export const FundDisbursement = defineEntity({
  name: 'FundDisbursement',
  tableName: 'fund_disbursement',
  uniques: [{ properties: ['allocation', 'seq'] }],
  checks: [
    { name: 'fund_disbursement_amount_minor_check', expression: 'amount_minor > 0' },
    { name: 'fund_disbursement_usd_minor_check', expression: 'usd_minor >= 0' },
  ],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    allocation: p.manyToOne(FundAllocation).mapToPk(),
    seq: p.integer(),
    amountMinor: p.bigint('number'),
    /** disbursementUsd (domain/fund.ts): the allocation's disbursements telescope to toUsd(disbursed). */
    usdMinor: p.bigint('number'),
    disbursedOn: p.date(),
    reference: p.string().nullable(),
    note: p.text().nullable(),
    by: p.string(),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});
export type IFundDisbursement = InferEntity<typeof FundDisbursement>;

/** A disbursement's beneficiary cities. */
export const FundDisbursementCity = defineEntity({
  name: 'FundDisbursementCity',
  tableName: 'fund_disbursement_city',
  indexes: [{ properties: ['city'] }],
  properties: (p) => ({
    disbursement: p.manyToOne(FundDisbursement).primary().mapToPk().deleteRule('cascade'),
    city: p.manyToOne(City).primary().mapToPk(),
  }),
});
export type IFundDisbursementCity = InferEntity<typeof FundDisbursementCity>;
