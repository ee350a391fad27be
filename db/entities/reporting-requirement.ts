import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { REQUIREMENT_KINDS, REQUIREMENT_NATURES, REQUIREMENT_STATUSES } from '../../domain/reporting-requirement.js';
import { values } from './enum.js';
import { Pledge } from './pledge.js';

// What the secretariat owes a donor under a pledge's agreement (written by the API; its workflow
// marks it late), and the report that answers it: one per requirement (unique), a document by URL
// or by uploaded file name and SHA-256 checksum. Allocation ids belong to the funds engine: no FK.
export const ReportingRequirement = defineEntity({
  name: 'ReportingRequirement',
  tableName: 'reporting_requirement',
  indexes: [{ properties: ['pledge'] }, { properties: ['dueOn'] }],
  properties: (p) => ({
    id: p.uuid().primary(),
    workflowId: p.string(),
    pledge: p.manyToOne(Pledge).mapToPk(),
    kind: p.enum(values(REQUIREMENT_KINDS)),
    nature: p.enum(values(REQUIREMENT_NATURES)),
    title: p.string().length(200).nullable(),
    dueOn: p.date(),
    allocationIds: p.array().columnType('uuid[]').nullable(),
    beforeDue: p.string().length(40),
    escalateAfter: p.string().length(40),
    status: p.enum(values(REQUIREMENT_STATUSES)),
    lateSince: p.datetime().nullable(),
    escalatedAt: p.datetime().nullable(),
    createdBy: p.string(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  }),
});
export type IReportingRequirement = InferEntity<typeof ReportingRequirement>;

export const DonorReport = defineEntity({
  name: 'DonorReport',
  tableName: 'donor_report',
  uniques: [{ properties: ['requirement'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    requirement: p.manyToOne(ReportingRequirement).mapToPk(),
    title: p.string().length(200),
    url: p.string().length(2000).nullable(),
    fileName: p.string().length(255).nullable(),
    checksum: p.string().length(64).nullable(),
    submittedBy: p.string(),
    submittedAt: p.datetime(),
  }),
});
export type IDonorReport = InferEntity<typeof DonorReport>;
