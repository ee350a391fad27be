// What the secretariat owes a donor under a pledge: reporting requirements (interim or final,
// narrative or financial, a due date, the allocations covered), each run by a workflow that reminds
// the secretariat before the due date and escalates when late, and the report that answers it. The
// secretariat writes; the donor reads its own pledges' requirements and reports (another donor's
// pledge is a 404).
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { IPledge } from '../../db/entities/index.js';
import {
  deleteRequirement,
  insertRequirement,
  patchRequirement,
  requirementById,
  requirementsOf,
  submitReport,
  withdrawRequirement,
  type RequirementRow,
} from '../../db/queries/reporting-requirement.js';
import { principalKey, type Principal } from '../../domain/auth.js';
import {
  CreateRequirementBody,
  PatchRequirementBody,
  REPORTING_PLEDGE_STATUSES,
  REQUIREMENT_DEFAULTS,
  REQUIREMENT_KINDS,
  REQUIREMENT_LIMITS,
  REQUIREMENT_NATURES,
  REQUIREMENT_STATUSES,
  SubmitReportBody,
  reportingRequirementWorkflowId,
} from '../../domain/reporting-requirement.js';
import type { RequirementInput } from '../../domain/reporting-requirement.contract.js';
import { Text } from '../../domain/schemas.js';
import {
  reportSubmittedUpdate,
  reportingRequirementWorkflow,
  rescheduleRequirementUpdate,
  withdrawRequirementUpdate,
} from '../../workflows/reporting-requirement.js';
import type { AppDeps } from '../deps.js';
import { badRequest, conflict, notFound, unprocessable } from '../errors.js';
import { defineRoute, reply } from '../route.js';
import { startOrUndo } from '../workflow-start.js';
import { findPledgeFor } from '../views/pledge.js';

const PledgeParams = z.object({ id: z.uuid() });
const RequirementParams = z.object({ id: z.uuid(), requirementId: z.uuid() });
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const by = (p: Principal) =>
  p.role === 'secretariat' && p.tokenId === null ? 'secretariat' : `${p.role}:${principalKey(p)}`;

const ReportView = z
  .object({
    id: z.uuid(),
    title: z.string(),
    url: z.string().nullable(),
    fileName: z.string().nullable(),
    checksum: z.string().nullable().describe('SHA-256 of the uploaded file'),
    submittedAt: z.string(),
  })
  .openapi('DonorReport');

export const RequirementView = z
  .object({
    id: z.uuid(),
    pledgeId: z.uuid(),
    workflowId: z.string(),
    kind: z.enum(REQUIREMENT_KINDS),
    nature: z.enum(REQUIREMENT_NATURES),
    title: z.string().nullable(),
    dueOn: z.string(),
    allocationIds: z.array(z.uuid()),
    reminders: z.object({ beforeDue: z.string(), escalateAfter: z.string() }),
    status: z.enum(REQUIREMENT_STATUSES),
    lateSince: z.string().nullable(),
    escalatedAt: z.string().nullable(),
    createdAt: z.string(),
    report: ReportView.nullable(),
  })
  .openapi('ReportingRequirement');

export const requirementView = (r: RequirementRow) => ({
  id: r.id,
  pledgeId: r.pledge_id,
  workflowId: r.workflow_id,
  kind: r.kind as (typeof REQUIREMENT_KINDS)[number],
  nature: r.nature as (typeof REQUIREMENT_NATURES)[number],
  title: r.title,
  dueOn: r.due_on,
  allocationIds: r.allocation_ids ?? [],
  reminders: { beforeDue: r.before_due, escalateAfter: r.escalate_after },
  status: r.status,
  lateSince: iso(r.late_since),
  escalatedAt: iso(r.escalated_at),
  createdAt: iso(r.created_at)!,
  report: r.report_id
    ? {
        id: r.report_id,
        title: r.report_title!,
        url: r.report_url,
        fileName: r.report_file_name,
        checksum: r.report_checksum,
        submittedAt: iso(r.report_submitted_at)!,
      }
    : null,
});

const DAY = 86_400_000;
/** A due date from a year back (a requirement recorded late) to ten years on. */
function dueProblem(dueOn: string, now = Date.now()) {
  const t = Date.parse(`${dueOn}T00:00:00Z`);
  if (t < now - 366 * DAY) return { path: 'body.dueOn', message: 'must be at most a year ago' };
  if (t > now + 3653 * DAY) return { path: 'body.dueOn', message: 'must be at most ten years ahead' };
  return null;
}

export function reportingRequirementRoutes(deps: AppDeps): Router {
  const router = Router();
  const handle = (r: RequirementRow) => deps.temporal.workflow.getHandle(r.workflow_id);

  async function find(em: EntityManager, principal: Principal, pledgeId: string, id: string) {
    const pledge = await findPledgeFor(em, principal, pledgeId);
    const r = await requirementById(em, pledge.id, id);
    if (!r) throw notFound('reporting requirement');
    return { pledge, r };
  }
  const owed = (r: RequirementRow) => {
    if (r.status !== 'open' && r.status !== 'late') throw conflict(`the requirement is ${r.status}`);
  };
  const fresh = async (em: EntityManager, pledgeId: string, id: string) =>
    requirementView((await requirementById(em.fork() as EntityManager, pledgeId, id))!);

  defineRoute(router, deps, {
    method: 'post',
    path: '/pledges/:id/reporting-requirements',
    summary: 'Record a report the secretariat owes the donor under the pledge; its workflow reminds the secretariat',
    tags: ['funding'],
    roles: ['secretariat'],
    params: PledgeParams,
    body: CreateRequirementBody,
    responses: {
      201: { description: 'recorded; its workflow runs the reminders', schema: RequirementView },
      404: { description: 'unknown pledge' },
      409: { description: 'the pledge is not made (or is over), or has as many requirements as allowed' },
    },
    handler: async ({ params, body, em, principal }) => {
      const pledge: IPledge = await findPledgeFor(em, principal, params.id);
      if (!(REPORTING_PLEDGE_STATUSES as readonly string[]).includes(pledge.status))
        throw conflict(`a pledge that is ${pledge.status} owes no reports; record them once it is pledged`);
      const p = dueProblem(body.dueOn);
      if (p) throw badRequest('invalid body', [p]);
      const id = randomUUID();
      const input: RequirementInput = {
        requirementId: id,
        pledgeId: pledge.id,
        donorId: pledge.donor,
        fundingOption: pledge.fundingOption,
        kind: body.kind,
        nature: body.nature,
        dueOn: body.dueOn,
        beforeDue: body.reminders?.beforeDue ?? REQUIREMENT_DEFAULTS.beforeDue,
        escalateAfter: body.reminders?.escalateAfter ?? REQUIREMENT_DEFAULTS.escalateAfter,
      };
      const workflowId = reportingRequirementWorkflowId(id);
      const inserted = await insertRequirement(
        em.fork() as EntityManager,
        {
          id,
          pledgeId: pledge.id,
          workflowId,
          kind: body.kind,
          nature: body.nature,
          title: body.title ?? null,
          dueOn: body.dueOn,
          allocationIds: body.allocationIds ?? null,
          beforeDue: input.beforeDue,
          escalateAfter: input.escalateAfter,
          by: by(principal),
        },
        REQUIREMENT_LIMITS.perPledge,
      );
      if (!inserted) throw conflict(`a pledge has at most ${REQUIREMENT_LIMITS.perPledge} reporting requirements`);
      await startOrUndo(
        () =>
          deps.temporal.workflow.start(reportingRequirementWorkflow, {
            workflowId,
            taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
            args: [input],
          }),
        () => deleteRequirement(em.fork() as EntityManager, id),
      );
      return reply(201, await fresh(em, pledge.id, id), {
        Location: `/pledges/${pledge.id}/reporting-requirements/${id}`,
      });
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/pledges/:id/reporting-requirements',
    summary: "The reports owed to the pledge's donor, by due date, with the reports submitted (a donor: its own)",
    tags: ['funding'],
    roles: ['secretariat', 'viewer', 'donor'],
    params: PledgeParams,
    responses: {
      200: { description: 'the requirements', schema: z.object({ items: z.array(RequirementView) }) },
      404: { description: 'unknown, or not yours' },
    },
    handler: async ({ params, em, principal }) => {
      const pledge = await findPledgeFor(em, principal, params.id);
      return { items: (await requirementsOf(em, pledge.id)).map(requirementView) };
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/pledges/:id/reporting-requirements/:requirementId',
    summary: 'One reporting requirement and its report',
    tags: ['funding'],
    roles: ['secretariat', 'viewer', 'donor'],
    params: RequirementParams,
    responses: {
      200: { description: 'the requirement', schema: RequirementView },
      404: { description: 'unknown, or not yours' },
    },
    handler: async ({ params, em, principal }) =>
      requirementView((await find(em, principal, params.id, params.requirementId)).r),
  });

  defineRoute(router, deps, {
    method: 'patch',
    path: '/pledges/:id/reporting-requirements/:requirementId',
    summary: 'Change what a report still owed covers, or its due date (the reminders follow the new date)',
    tags: ['funding'],
    roles: ['secretariat'],
    params: RequirementParams,
    body: PatchRequirementBody,
    responses: {
      200: { description: 'changed', schema: RequirementView },
      404: { description: 'unknown' },
      409: { description: 'the report is submitted or the requirement withdrawn' },
    },
    handler: async ({ params, body, em, principal }) => {
      const { pledge, r } = await find(em, principal, params.id, params.requirementId);
      owed(r);
      if (body.dueOn) {
        const p = dueProblem(body.dueOn);
        if (p) throw badRequest('invalid body', [p]);
      }
      if (!(await patchRequirement(em.fork() as EntityManager, r.id, body)))
        throw conflict('the requirement is no longer owed');
      if (body.dueOn && body.dueOn !== r.due_on)
        await handle(r).executeUpdate(rescheduleRequirementUpdate, { args: [{ dueOn: body.dueOn }] });
      return fresh(em, pledge.id, r.id);
    },
  });

  defineRoute(router, deps, {
    method: 'delete',
    path: '/pledges/:id/reporting-requirements/:requirementId',
    summary: 'Withdraw a report no longer owed (kept, as withdrawn, with the reason in the audit trail)',
    tags: ['funding'],
    roles: ['secretariat'],
    params: RequirementParams,
    query: z.object({ reason: Text(500).optional() }),
    responses: {
      200: { description: 'withdrawn', schema: RequirementView },
      404: { description: 'unknown' },
      409: { description: 'the report is submitted or the requirement withdrawn already' },
    },
    handler: async ({ params, query, em, principal }) => {
      const { pledge, r } = await find(em, principal, params.id, params.requirementId);
      owed(r);
      if (!(await withdrawRequirement(em.fork() as EntityManager, r.id)))
        throw conflict('the requirement is no longer owed');
      await handle(r).executeUpdate(withdrawRequirementUpdate, { args: [{ reason: query.reason ?? 'withdrawn' }] });
      return fresh(em, pledge.id, r.id);
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/pledges/:id/reporting-requirements/:requirementId/report',
    summary: 'Record the report sent to the donor (a URL, or an uploaded file name and its SHA-256); the donor is told',
    tags: ['funding'],
    roles: ['secretariat'],
    params: RequirementParams,
    body: SubmitReportBody,
    responses: {
      201: { description: 'recorded', schema: RequirementView },
      404: { description: 'unknown' },
      409: { description: 'a report is recorded already, or the requirement is withdrawn' },
      422: { description: 'the body names neither a URL nor a file' },
    },
    handler: async ({ params, body, em, principal }) => {
      const { pledge, r } = await find(em, principal, params.id, params.requirementId);
      owed(r);
      if (!body.url && !body.fileName) throw unprocessable('a report is a URL or a file');
      const reportId = await submitReport(em.fork() as EntityManager, {
        requirementId: r.id,
        title: body.title,
        url: body.url ?? null,
        fileName: body.fileName ?? null,
        checksum: body.checksum ?? null,
        by: by(principal),
      });
      if (!reportId) throw conflict('the requirement is no longer owed');
      await handle(r).executeUpdate(reportSubmittedUpdate, { args: [{ reportId, title: body.title }] });
      return reply(201, await fresh(em, pledge.id, r.id), {
        Location: `/pledges/${pledge.id}/reporting-requirements/${r.id}`,
      });
    },
  });
  return router;
}
