import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { values } from './enum.js';
import { ADVISORY_SESSION_PROPOSAL_STATUSES } from '../../domain/advisory-session-proposal.js';
import { Cluster } from './registry.js';
import { Workshop } from './workshop.js';

// A draft advisory session for a cluster's new coordinator term, written by the cluster cycle when
// the term starts (one per cluster and term start: the business key); the secretariat schedules it
// (a workshop of kind advisory_session for the cluster, `workshop`) or dismisses it. `remindedAt`:
// when the secretariat was reminded that none was held or scheduled by `dueBy`.
export const AdvisorySessionProposal = defineEntity({
  name: 'AdvisorySessionProposal',
  tableName: 'advisory_session_proposal',
  uniques: [{ properties: ['cluster', 'termStart'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    cluster: p.manyToOne(Cluster).mapToPk(),
    termStart: p.date(),
    termEnd: p.date(),
    dueBy: p.datetime(),
    status: p.enum(values(ADVISORY_SESSION_PROPOSAL_STATUSES)).default('proposed'),
    workshop: p.manyToOne(Workshop).mapToPk().nullable(),
    dismissReason: p.text().nullable(),
    remindedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  }),
});
export type IAdvisorySessionProposal = InferEntity<typeof AdvisorySessionProposal>;
