import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { values } from './enum.js';
import { CONTACT_KINDS, NEXT_STEP_STATUSES } from '../../domain/donor-contact.js';
import { Person } from './person.js';
import { Donor } from './registry.js';

// One entry of a donor's contact log, by a secretariat person (or token: `byName` is its label),
// with an optional next step whose reminder is its follow-up workflow's timer
// (donorContactWorkflowId). `revision` counts the reschedules, written by the workflow.
export const DonorContact = defineEntity({
  name: 'DonorContact',
  tableName: 'donor_contact',
  indexes: [{ properties: ['donor', 'date'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    donor: p.manyToOne(Donor).mapToPk(),
    kind: p.enum(values(CONTACT_KINDS)),
    date: p.date(),
    byPerson: p.manyToOne(Person).mapToPk().nullable(),
    byName: p.string().length(200),
    note: p.text(),
    nextStep: p.string().length(300).nullable(),
    nextDue: p.date().nullable(),
    nextStatus: p.enum(values(NEXT_STEP_STATUSES)).nullable(),
    nextDoneAt: p.datetime().nullable(),
    reminded: p.integer().default(0),
    revision: p.integer().default(0),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});
export type IDonorContact = InferEntity<typeof DonorContact>;
