// A donor's contact log (secretariat; viewers read): meetings, calls, e-mails and notes, each by
// the signed-in person, with an optional next step whose reminder is the entry's follow-up workflow
// (donor-contact:<entry>). PATCH the next step to mark it done (the reminder is cancelled) or to
// reschedule it (the reminder moves); both are the workflow's updates, which write the row.
import { Router } from 'express';
import { z } from 'zod';
import { ApiToken, Donor, Person } from '../../db/entities/index.js';
import { contactOf, insertContact, listContacts, type ContactRow } from '../../db/queries/donor-contact.js';
import type { Principal } from '../../domain/auth.js';
import {
  CONTACT_KINDS,
  ContactBody,
  NEXT_STEP_STATUSES,
  NextStepPatch,
  donorContactWorkflowId,
} from '../../domain/donor-contact.js';
import {
  completeFollowUpUpdate,
  donorContactWorkflow,
  rescheduleFollowUpUpdate,
} from '../../workflows/donor-contact.js';
import type { AppDeps } from '../deps.js';
import { conflict, notFound } from '../errors.js';
import { findOr404 } from '../lookup.js';
import { PageQuery, page, pageOf } from '../pagination.js';
import { defineRoute, reply } from '../route.js';
import { startOrUndo } from '../workflow-start.js';
import type { EntityManager } from '@mikro-orm/postgresql';

const ContactView = z
  .object({
    id: z.uuid(),
    donorId: z.uuid(),
    kind: z.enum(CONTACT_KINDS),
    date: z.string(),
    by: z.object({ personId: z.uuid().nullable(), name: z.string() }),
    note: z.string(),
    next: z
      .object({
        step: z.string(),
        dueOn: z.string(),
        status: z.enum(NEXT_STEP_STATUSES),
        doneAt: z.string().nullable(),
        reminded: z.int(),
        workflowId: z.string(),
      })
      .nullable(),
    createdAt: z.string(),
  })
  .openapi('DonorContact');

const view = (r: ContactRow) => ({
  id: r.id,
  donorId: r.donor_id,
  kind: r.kind,
  date: r.date,
  by: { personId: r.by_person_id, name: r.by_name },
  note: r.note,
  next:
    r.next_step && r.next_due && r.next_status
      ? {
          step: r.next_step,
          dueOn: r.next_due,
          status: r.next_status,
          doneAt: r.next_done_at ? new Date(r.next_done_at).toISOString() : null,
          reminded: r.reminded,
          workflowId: donorContactWorkflowId(r.id),
        }
      : null,
  createdAt: new Date(r.created_at).toISOString(),
});

/** Who writes the entry: the signed-in person, else the token's label. */
async function author(em: EntityManager, p: Principal): Promise<{ personId: string | null; name: string }> {
  if (p.personId) {
    const person = await em.findOne(Person, p.personId);
    if (person) return { personId: person.id, name: person.name };
  }
  if (p.tokenId) {
    const t = await em.findOne(ApiToken, p.tokenId);
    if (t) return { personId: null, name: t.label };
  }
  return { personId: null, name: 'secretariat' };
}

const IdParams = z.object({ id: z.uuid() });
const EntryParams = z.object({ id: z.uuid(), entryId: z.uuid() });

export function donorContactRoutes(deps: AppDeps): Router {
  const router = Router();

  defineRoute(router, deps, {
    method: 'get',
    path: '/donors/:id/contacts',
    summary: "A donor's contact log, latest first, with each next step",
    tags: ['funding'],
    roles: ['secretariat', 'viewer'],
    params: IdParams,
    query: PageQuery,
    responses: { 200: { description: 'the log', schema: pageOf(ContactView) }, 404: { description: 'unknown' } },
    handler: async ({ params, query, em }) => {
      await findOr404(em, Donor, params.id, 'donor');
      const { rows, total } = await listContacts(em, params.id, query);
      return page(rows.map(view), total, query);
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/donors/:id/contacts',
    summary: "Log a contact with a donor; a next step's due date arms a reminder to the secretariat",
    tags: ['funding'],
    roles: ['secretariat'],
    params: IdParams,
    body: ContactBody,
    responses: { 201: { description: 'logged', schema: ContactView }, 404: { description: 'unknown donor' } },
    handler: async ({ params, body, em, principal }) => {
      const donor = await findOr404(em, Donor, params.id, 'donor');
      const by = await author(em, principal);
      const row = await insertContact(em, {
        donorId: donor.id,
        kind: body.kind,
        date: body.date,
        byPersonId: by.personId,
        byName: by.name,
        note: body.note,
        ...(body.next ? { next: body.next } : {}),
      });
      if (body.next)
        await startOrUndo(
          () =>
            deps.temporal.workflow.start(donorContactWorkflow, {
              workflowId: donorContactWorkflowId(row.id),
              taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
              args: [
                {
                  entryId: row.id,
                  donorId: donor.id,
                  donorName: donor.name,
                  step: body.next!.step,
                  dueOn: body.next!.dueOn,
                },
              ],
            }),
          () => em.fork().getConnection().execute(`delete from donor_contact where id = ?`, [row.id]),
        );
      return reply(201, view(row), { Location: `/donors/${donor.id}/contacts/${row.id}` });
    },
  });

  defineRoute(router, deps, {
    method: 'patch',
    path: '/donors/:id/contacts/:entryId/next-step',
    summary: 'Mark a next step done (its reminder is cancelled) or reschedule it (the reminder moves)',
    tags: ['funding'],
    roles: ['secretariat'],
    params: EntryParams,
    body: NextStepPatch,
    responses: {
      200: { description: 'changed', schema: ContactView },
      404: { description: 'unknown donor or entry, or the entry has no next step' },
      409: { description: 'the step is done already' },
    },
    handler: async ({ params, body, em }) => {
      const row = await contactOf(em, params.id, params.entryId);
      if (!row || !row.next_status) throw notFound('next step');
      if (row.next_status === 'done') throw conflict('the next step is done already');
      const handle = deps.temporal.workflow.getHandle(donorContactWorkflowId(row.id));
      if (body.dueOn !== undefined || body.step !== undefined)
        await handle.executeUpdate(rescheduleFollowUpUpdate, {
          args: [{ dueOn: body.dueOn ?? row.next_due!, ...(body.step !== undefined ? { step: body.step } : {}) }],
        });
      if (body.status === 'done') await handle.executeUpdate(completeFollowUpUpdate);
      return view((await contactOf(em.fork() as EntityManager, params.id, params.entryId))!);
    },
  });
  return router;
}
