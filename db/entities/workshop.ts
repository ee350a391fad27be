import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { values } from './enum.js';
import { RSVP_RESPONSES, WORKSHOP_KINDS, WORKSHOP_STATUSES, type ExpertRef } from '../../domain/workshop.js';
import type { Attendance, WorkshopOutcomes, WorkshopSettings } from '../../domain/workshop.contract.js';
import { City, Cluster } from './registry.js';
import { WorkPhase } from './work-phase.js';

// Workshop rows are projections written by the workshop workflow's activities (and by the API
// just before it starts the workflow).
export const Workshop = defineEntity({
  name: 'Workshop',
  tableName: 'workshop',
  // The calendar's earliest events by each of a workshop's dates (Migration20261223300000_CalendarIndexes).
  indexes: [
    { properties: ['cluster', 'startsAt'] },
    { properties: ['startsAt', 'id'] },
    { properties: ['rsvpBy', 'id'] },
    {
      name: 'workshop_outcomes_due_id_index',
      expression: `create index "workshop_outcomes_due_id_index" on "workshop" (workshop_outcomes_due("outcomes_due_at", "ends_at", "settings"->>'outcomesDue'), "id")`,
    },
  ],
  properties: (p) => ({
    id: p.uuid().primary(),
    workflowId: p.string(),
    cluster: p.manyToOne(Cluster).mapToPk(),
    workPhase: p.manyToOne(WorkPhase).mapToPk().nullable(),
    kind: p.enum(values(WORKSHOP_KINDS)),
    status: p.enum(values(WORKSHOP_STATUSES)),
    title: p.string().length(300),
    startsAt: p.datetime().nullable(),
    endsAt: p.datetime().nullable(),
    timezone: p.string().length(64).nullable(),
    venue: p.string().length(300).nullable(),
    onlineUrl: p.text().nullable(),
    rsvpBy: p.datetime().nullable(),
    /** The workflow's schedule revision (1 when first scheduled, +1 per reschedule): the feed's SEQUENCE. */
    revision: p.integer().default(0),
    outcomesDueAt: p.datetime().nullable(),
    experts: p.json<ExpertRef[]>(),
    invited: p.array().default([]),
    settings: p.json<WorkshopSettings>(),
    outcomes: p.json<WorkshopOutcomes>().nullable(),
    attendance: p.json<Attendance[]>().nullable(),
    cancelReason: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  }),
});
export type IWorkshop = InferEntity<typeof Workshop>;

export const WorkshopRsvp = defineEntity({
  name: 'WorkshopRsvp',
  tableName: 'workshop_rsvp',
  uniques: [{ properties: ['workshop', 'city'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    workshop: p.manyToOne(Workshop).mapToPk(),
    city: p.manyToOne(City).mapToPk(),
    response: p.enum(values(RSVP_RESPONSES)),
    attendees: p.array().default([]),
    respondedAt: p.datetime(),
  }),
});
export type IWorkshopRsvp = InferEntity<typeof WorkshopRsvp>;
