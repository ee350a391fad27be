import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { values } from './enum.js';
import { LANGUAGES } from '../../domain/auth.js';
import {
  APPLICATION_STATUSES,
  CALL_STATUSES,
  CRITERIA,
  type CallReport,
  type Challenge,
} from '../../domain/membership-call.js';
import { City, Country } from './registry.js';

// A membership call (written by the API when it opens, closed by its workflow with its report),
// its applications (one workflow each), the National Commissions' single-purpose links (hashed),
// the jury named per call and its scores, and the public form's attempts (the rate limit).

export const MembershipCall = defineEntity({
  name: 'MembershipCall',
  tableName: 'membership_call',
  properties: (p) => ({
    id: p.uuid().primary(),
    workflowId: p.string(),
    title: p.string().length(200),
    opensAt: p.datetime(),
    closesAt: p.datetime(),
    perCountryLimit: p.integer(),
    natcomWindow: p.string().length(32),
    status: p.enum(values(CALL_STATUSES)),
    report: p.json<CallReport>().nullable(),
    closedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});
export type IMembershipCall = InferEntity<typeof MembershipCall>;

export interface CityData {
  population: number;
  areaKm2: number;
  gdpPerCapitaCity: { currency: 'USD'; minor: number };
  gdpPerCapitaCountry: { currency: 'USD'; minor: number };
  schoolingYears: { female: number; male: number };
}

export const MembershipApplication = defineEntity({
  name: 'MembershipApplication',
  tableName: 'membership_application',
  indexes: [{ properties: ['call', 'status'] }],
  properties: (p) => ({
    id: p.uuid().primary(),
    call: p.manyToOne(MembershipCall).mapToPk(),
    workflowId: p.string(),
    status: p.enum(values(APPLICATION_STATUSES)),
    cityName: p.string().length(200),
    country: p.manyToOne(Country).mapToPk(),
    contactName: p.string().length(200),
    contactEmail: p.string().length(254),
    language: p.enum(values(LANGUAGES)),
    cityData: p.json<CityData>(),
    motivation: p.text(),
    implementation: p.text(),
    challenges: p.json<Record<Challenge, number>>(),
    mayorName: p.string().length(200),
    mayorConfirmed: p.boolean(),
    /** SHA-256 of the e-mail confirmation link's token (written by the workflow's first activity). */
    emailTokenHash: p.string().length(64).nullable().unique(),
    emailConfirmedAt: p.datetime().nullable(),
    natcomDeadline: p.datetime().nullable(),
    natcomDecision: p.string().length(16).nullable(),
    natcomNote: p.text().nullable(),
    natcomDecidedAt: p.datetime().nullable(),
    decisionNote: p.text().nullable(),
    decidedAt: p.datetime().nullable(),
    /** The member city created at admission. */
    city: p.manyToOne(City).mapToPk().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  }),
});
export type IMembershipApplication = InferEntity<typeof MembershipApplication>;

/** A National Commission's link: it acts on its one application only; each reminder adds one. */
export const MembershipNatcomLink = defineEntity({
  name: 'MembershipNatcomLink',
  tableName: 'membership_natcom_link',
  properties: (p) => ({
    tokenHash: p.string().length(64).primary(),
    application: p.manyToOne(MembershipApplication).mapToPk(),
    /** Which mailing made it: 0 the first, n the n-th reminder (one link per mailing, keyed); for a resend, the n-th resend. */
    round: p.integer(),
    /** Sent again by the secretariat (not one of the workflow's mailings). */
    resend: p.boolean().default(false),
    /** When a resent link replaced it: from then on it opens nothing. */
    replacedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});

export const MembershipJuror = defineEntity({
  name: 'MembershipJuror',
  tableName: 'membership_juror',
  uniques: [{ properties: ['call', 'email'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    call: p.manyToOne(MembershipCall).mapToPk(),
    name: p.string().length(200),
    email: p.string().length(254),
    /** The language of its messages, until the person chooses their own (person.language) by signing in. */
    language: p.enum(values(LANGUAGES)).default('en'),
  }),
});
export type IMembershipJuror = InferEntity<typeof MembershipJuror>;

/** A juror's link (one per juror, so per call): it scores that call's applications under jury review only. */
export const MembershipJurorLink = defineEntity({
  name: 'MembershipJurorLink',
  tableName: 'membership_juror_link',
  properties: (p) => ({
    tokenHash: p.string().length(64).primary(),
    juror: p.manyToOne(MembershipJuror).mapToPk().unique(),
    createdAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime(),
  }),
});

export const MembershipScore = defineEntity({
  name: 'MembershipScore',
  tableName: 'membership_score',
  uniques: [{ properties: ['application', 'juror', 'criterion'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    application: p.manyToOne(MembershipApplication).mapToPk(),
    juror: p.manyToOne(MembershipJuror).mapToPk(),
    criterion: p.enum(values(CRITERIA)),
    score: p.integer(),
    updatedAt: p.datetime().onCreate(() => new Date()),
  }),
});

/** Every submission of the public form, by client address and call: the rate limit counts these. */
export const MembershipApplyAttempt = defineEntity({
  name: 'MembershipApplyAttempt',
  tableName: 'membership_apply_attempt',
  indexes: [{ properties: ['client', 'createdAt'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    client: p.string().length(100),
    callId: p.uuid(),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});
