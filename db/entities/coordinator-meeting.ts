import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { values } from './enum.js';
import { MEETING_STATUSES, type OutputProgress } from '../../domain/coordinator-meeting.js';
import type { ExpectedReport } from '../../domain/coordinator-meeting.contract.js';
import { City, Cluster } from './registry.js';

// Meeting and report rows are projections written by the coordinator-meeting workflow's activities.
export const CoordinatorMeeting = defineEntity({
  name: 'CoordinatorMeeting',
  tableName: 'coordinator_meeting',
  // The common schedule reads meetings and report due dates by range.
  indexes: [{ properties: ['at'] }, { properties: ['reportDueAt'] }],
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
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  }),
});
export type ICoordinatorMeeting = InferEntity<typeof CoordinatorMeeting>;

/** One report per meeting, cluster and coordinator city; a resubmission replaces it. */
export const MeetingReport = defineEntity({
  name: 'MeetingReport',
  tableName: 'meeting_report',
  uniques: [{ properties: ['meeting', 'cluster', 'city'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    meeting: p.manyToOne(CoordinatorMeeting).mapToPk(),
    cluster: p.manyToOne(Cluster).mapToPk(),
    city: p.manyToOne(City).mapToPk(),
    progress: p.json<OutputProgress[]>(),
    submittedAt: p.datetime(),
  }),
});
export type IMeetingReport = InferEntity<typeof MeetingReport>;
