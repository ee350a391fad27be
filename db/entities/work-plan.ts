import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity } from '@mikro-orm/core';
import type { PlanOutput } from '../../domain/work-plan.js';
import { WorkPhase } from './work-phase.js';

/** Every PUT adds a version; the highest is the plan in force. Written by the API. */
export const WorkPlanVersion = defineEntity({
  name: 'WorkPlanVersion',
  tableName: 'workplan_version',
  uniques: [{ properties: ['workPhase', 'version'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    workPhase: p.manyToOne(WorkPhase).mapToPk(),
    version: p.integer(),
    outputs: p.json<PlanOutput[]>(),
    /** The coordinator city that set it, or null for the secretariat. */
    setBy: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});
export type IWorkPlanVersion = InferEntity<typeof WorkPlanVersion>;
