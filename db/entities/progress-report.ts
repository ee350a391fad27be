import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { values } from './enum.js';
import { CYCLE_STATUSES, REPORT_STATUSES } from '../../domain/progress-report.js';
import { City } from './registry.js';

// A biennium's progress-report cycle (written by the API when the secretariat opens it, closed by
// its workflow at the due date) and one report row per member city asked (requested → submitted,
// or missed at the due date).
export const ProgressReportCycle = defineEntity({
  name: 'ProgressReportCycle',
  tableName: 'progress_report_cycle',
  properties: (p) => ({
    biennium: p.string().length(9).primary(),
    workflowId: p.string(),
    opensAt: p.datetime(),
    dueAt: p.datetime(),
    reminders: p.array().default([]),
    status: p.enum(values(CYCLE_STATUSES)),
    closedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});
export type IProgressReportCycle = InferEntity<typeof ProgressReportCycle>;

export const ProgressReport = defineEntity({
  name: 'ProgressReport',
  tableName: 'progress_report',
  uniques: [{ properties: ['cycle', 'city'] }],
  indexes: [{ properties: ['city'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    cycle: p.manyToOne(ProgressReportCycle).mapToPk(),
    city: p.manyToOne(City).mapToPk(),
    status: p.enum(values(REPORT_STATUSES)),
    strategies: p.text().nullable(),
    activities: p.text().nullable(),
    learnersReached: p.integer().nullable(),
    partnerships: p.integer().nullable(),
    focusAreas: p.array().default([]),
    submittedAt: p.datetime().nullable(),
    updatedAt: p.datetime().nullable(),
    reminders: p.integer().default(0),
  }),
});
export type IProgressReport = InferEntity<typeof ProgressReport>;
