import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { FullTextType } from '@mikro-orm/postgresql';
import { values } from './enum.js';
import {
  MEETING_STATUSES,
  PEER_KINDS,
  PEER_SOURCES,
  RSVP_RESPONSES,
  WORKSHOP_KINDS,
  WORKSHOP_STATUSES,
  type ExpertRef,
  type OutputProgress,
  type PlanOutput,
} from '../../domain/cluster-work.js';
import type { Attendance, ExpectedReport, WorkshopOutcomes, WorkshopSettings } from '../../domain/cluster-work-process.js';
import { City, Cluster } from './registry.js';

// Cluster work. Workshop and meeting rows are projections written by their workflows' activities;
// phases, work plans, experts and peer-learning entries are plain records written by the API.

export const WorkPhase = defineEntity({
  name: 'WorkPhase',
  tableName: 'work_phase',
  uniques: [{ properties: ['cluster', 'period'] }],
  properties: (p) => ({
    id: p.uuid().primary().onCreate(() => randomUUID()),
    cluster: p.manyToOne(Cluster).mapToPk(),
    period: p.string().length(16),
    inceptionWorkshopId: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});
export type IWorkPhase = InferEntity<typeof WorkPhase>;

export const Workshop = defineEntity({
  name: 'Workshop',
  tableName: 'workshop',
  indexes: [{ properties: ['cluster', 'startsAt'] }],
  properties: (p) => ({
    id: p.uuid().primary(),
    workflowId: p.string(),
    cluster: p.manyToOne(Cluster).mapToPk(),
    phase: p.manyToOne(WorkPhase).mapToPk().nullable(),
    kind: p.enum(values(WORKSHOP_KINDS)),
    status: p.enum(values(WORKSHOP_STATUSES)),
    title: p.string().length(300),
    startsAt: p.datetime().nullable(),
    endsAt: p.datetime().nullable(),
    timezone: p.string().length(64).nullable(),
    venue: p.string().length(300).nullable(),
    onlineUrl: p.text().nullable(),
    rsvpBy: p.datetime().nullable(),
    outcomesDueAt: p.datetime().nullable(),
    experts: p.json<ExpertRef[]>(),
    invited: p.array().default([]),
    settings: p.json<WorkshopSettings>(),
    outcomes: p.json<WorkshopOutcomes>().nullable(),
    attendance: p.json<Attendance[]>().nullable(),
    cancelReason: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  }),
});
export type IWorkshop = InferEntity<typeof Workshop>;

export const WorkshopRsvp = defineEntity({
  name: 'WorkshopRsvp',
  tableName: 'workshop_rsvp',
  uniques: [{ properties: ['workshop', 'city'] }],
  properties: (p) => ({
    id: p.uuid().primary().onCreate(() => randomUUID()),
    workshop: p.manyToOne(Workshop).mapToPk(),
    city: p.manyToOne(City).mapToPk(),
    response: p.enum(values(RSVP_RESPONSES)),
    attendees: p.array().default([]),
    respondedAt: p.datetime(),
  }),
});
export type IWorkshopRsvp = InferEntity<typeof WorkshopRsvp>;

/** Every PUT adds a version; the highest is the plan in force. */
export const WorkplanVersion = defineEntity({
  name: 'WorkplanVersion',
  tableName: 'workplan_version',
  uniques: [{ properties: ['phase', 'version'] }],
  properties: (p) => ({
    id: p.uuid().primary().onCreate(() => randomUUID()),
    phase: p.manyToOne(WorkPhase).mapToPk(),
    version: p.integer(),
    outputs: p.json<PlanOutput[]>(),
    /** The coordinator city that set it, or null for the secretariat. */
    setBy: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});
export type IWorkplanVersion = InferEntity<typeof WorkplanVersion>;

export const CoordinatorMeeting = defineEntity({
  name: 'CoordinatorMeeting',
  tableName: 'coordinator_meeting',
  properties: (p) => ({
    id: p.uuid().primary(),
    workflowId: p.string(),
    title: p.string().length(300),
    at: p.datetime(),
    reportDueAt: p.datetime(),
    reportLead: p.string().length(32),
    status: p.enum(values(MEETING_STATUSES)),
    expected: p.json<ExpectedReport[]>(),
    escalated: p.boolean().default(false),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  }),
});
export type ICoordinatorMeeting = InferEntity<typeof CoordinatorMeeting>;

/** One report per meeting, cluster and coordinator city; a resubmission replaces it. */
export const MeetingReport = defineEntity({
  name: 'MeetingReport',
  tableName: 'meeting_report',
  uniques: [{ properties: ['meeting', 'cluster', 'city'] }],
  properties: (p) => ({
    id: p.uuid().primary().onCreate(() => randomUUID()),
    meeting: p.manyToOne(CoordinatorMeeting).mapToPk(),
    cluster: p.manyToOne(Cluster).mapToPk(),
    city: p.manyToOne(City).mapToPk(),
    progress: p.json<OutputProgress[]>(),
    submittedAt: p.datetime(),
  }),
});
export type IMeetingReport = InferEntity<typeof MeetingReport>;

export const Expert = defineEntity({
  name: 'Expert',
  tableName: 'expert',
  uniques: [{ properties: ['cluster', 'email'] }],
  properties: (p) => ({
    id: p.uuid().primary().onCreate(() => randomUUID()),
    cluster: p.manyToOne(Cluster).mapToPk(),
    name: p.string().length(200),
    email: p.string().length(320),
    organisation: p.string().length(200).nullable(),
    expertiseAreas: p.array().default([]),
    support: p.array().default([]),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});
export type IExpert = InferEntity<typeof Expert>;

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
    id: p.uuid().primary().onCreate(() => randomUUID()),
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
