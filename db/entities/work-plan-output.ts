import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { WorkPhase } from './work-phase.js';

/**
 * A direct progress update of one work plan output (by a coordinator or the secretariat): the value
 * reached toward its target, a note, a date. Meeting reports' progress is read from meeting_report.
 */
export const OutputProgressEntry = defineEntity({
  name: 'OutputProgressEntry',
  tableName: 'workplan_output_progress',
  indexes: [{ properties: ['workPhase', 'outputKey'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    workPhase: p.manyToOne(WorkPhase).mapToPk(),
    outputKey: p.string().length(64),
    value: p.double(),
    note: p.text().nullable(),
    date: p.date(),
    /** The coordinator city that wrote it, or null for the secretariat. */
    recordedBy: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});
export type IOutputProgressEntry = InferEntity<typeof OutputProgressEntry>;
