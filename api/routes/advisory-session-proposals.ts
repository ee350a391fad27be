// Advisory session proposals: the draft advisory session the cluster cycle records when a
// coordinator term starts (activities/advisory-session-proposal.ts). The secretariat schedules one
// through the workshop creation path (POST /clusters/:code/workshops with kind advisory_session,
// which turns the cluster's open proposal into that workshop) or dismisses it here.
import { Router } from 'express';
import { z } from 'zod';
import { AdvisorySessionProposal, type IAdvisorySessionProposal } from '../../db/entities/index.js';
import { ADVISORY_SESSION_PROPOSAL_STATUSES, DismissProposalBody } from '../../domain/advisory-session-proposal.js';
import type { AppDeps } from '../deps.js';
import { conflict } from '../errors.js';
import { findOr404 } from '../lookup.js';
import { PageQuery, page, pageOf } from '../pagination.js';
import { defineRoute } from '../route.js';

const IdParams = z.object({ id: z.uuid() });

const ProposalView = z
  .object({
    id: z.uuid(),
    cluster: z.string(),
    termStart: z.string().describe('the first day of the coordinator term (YYYY-MM-DD)'),
    termEnd: z.string(),
    dueBy: z.string().describe('the secretariat is reminded then unless a session is held or scheduled by then'),
    status: z.enum(ADVISORY_SESSION_PROPOSAL_STATUSES),
    workshopId: z.uuid().nullable().describe('the advisory session that scheduled it'),
    dismissReason: z.string().nullable(),
    remindedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('AdvisorySessionProposal');

const ListQuery = PageQuery.extend({
  cluster: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, { error: 'must be a cluster code such as ESD' })
    .transform((s) => s.toUpperCase())
    .optional(),
  status: z.enum(ADVISORY_SESSION_PROPOSAL_STATUSES).optional(),
});

const day = (d: Date | string) => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));
const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

const view = (p: IAdvisorySessionProposal): z.infer<typeof ProposalView> => ({
  id: p.id,
  cluster: p.cluster,
  termStart: day(p.termStart),
  termEnd: day(p.termEnd),
  dueBy: iso(p.dueBy)!,
  status: p.status,
  workshopId: p.workshop ?? null,
  dismissReason: p.dismissReason ?? null,
  remindedAt: iso(p.remindedAt),
  createdAt: iso(p.createdAt)!,
});

export function advisorySessionProposalRoutes(deps: AppDeps): Router {
  const router = Router();

  defineRoute(router, deps, {
    method: 'get',
    path: '/advisory-session-proposals',
    summary:
      'Advisory sessions proposed for new coordinator terms, the earliest due first (schedule one as a workshop of kind advisory_session)',
    tags: ['cluster work'],
    roles: ['secretariat'],
    query: ListQuery,
    responses: { 200: { description: 'proposals', schema: pageOf(ProposalView) } },
    handler: async ({ query, em }) => {
      const where = {
        ...(query.cluster ? { cluster: query.cluster } : {}),
        ...(query.status ? { status: query.status } : {}),
      };
      const [rows, total] = await em.findAndCount(AdvisorySessionProposal, where, {
        orderBy: { dueBy: 'asc', cluster: 'asc' },
        limit: query.limit,
        offset: query.offset,
      });
      return page(rows.map(view), total, query);
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/advisory-session-proposals/:id/dismiss',
    summary: 'Dismiss a proposed advisory session: no reminder for its term',
    tags: ['cluster work'],
    roles: ['secretariat'],
    params: IdParams,
    body: DismissProposalBody,
    responses: {
      200: { description: 'dismissed', schema: ProposalView },
      404: { description: 'no such proposal' },
      409: { description: 'already scheduled or dismissed' },
    },
    handler: async ({ params, body, em }) => {
      const found = await findOr404(em, AdvisorySessionProposal, params.id, 'advisory session proposal');
      // Conditional, so a concurrent schedule or dismissal wins once.
      const changed = await em
        .fork()
        .nativeUpdate(
          AdvisorySessionProposal,
          { id: params.id, status: 'proposed' },
          { status: 'dismissed', dismissReason: body.reason ?? null, updatedAt: new Date() },
        );
      if (changed === 0)
        throw conflict(`the proposal is already ${found.status === 'proposed' ? 'changed' : found.status}`);
      return view(await em.fork().findOneOrFail(AdvisorySessionProposal, params.id));
    },
  });

  return router;
}
