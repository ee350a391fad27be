import { Router } from 'express';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Ballot, CoordinatorTerm, Election, Nomination, type IElection } from '../../db/entities/index.js';
import { ROLES, type Principal } from '../../domain/auth.js';
import {
  AppointBody,
  BallotBody,
  CancelBody,
  CreateElectionBody,
  ELECTION_STATUSES,
  NOMINATION_STATUSES,
  NominationBody,
  TieBreakBody,
} from '../../domain/election.js';
import {
  acceptNominationUpdate,
  appointUpdate,
  breakTieUpdate,
  cancelElectionUpdate,
  castBallotUpdate,
  nominateUpdate,
  withdrawNominationUpdate,
} from '../../workflows/election.js';
import type { AppDeps } from '../deps.js';
import { forbidden, unprocessable } from '../errors.js';
import { findOr404, unlessFinished } from '../lookup.js';
import { PageQuery, page, pageOf } from '../pagination.js';
import { CalendarDate } from '../../domain/schemas.js';
import { defineRoute, reply } from '../route.js';
import { requestElection } from '../../client/cluster-cycle.js';
import { findCluster } from './clusters.js';

const ElectionView = z
  .object({
    id: z.uuid(),
    workflowId: z.string(),
    cluster: z.string(),
    status: z.enum(ELECTION_STATUSES),
    seats: z.int(),
    termStart: z.string(),
    termEnd: z.string(),
    settings: z.record(z.string(), z.unknown()),
    deadlines: z.record(z.string(), z.unknown()),
    nominees: z.array(
      z.object({ cityId: z.uuid(), status: z.enum(NOMINATION_STATUSES), statement: z.string().nullable() }),
    ),
    turnout: z
      .object({ cast: z.int(), eligible: z.int() })
      .optional()
      .describe('members of the cluster and the secretariat only'),
    ownBallot: z
      .object({ castAt: z.string() })
      .nullable()
      .optional()
      .describe(
        "a city caller: whether (and when last) its own ballot was cast; never its choices, never another city's",
      ),
    results: z
      .object({
        elected: z.array(z.uuid()),
        tallies: z.array(z.object({ cityId: z.uuid(), approvals: z.int() })),
        quorumMet: z.boolean(),
        flags: z.array(z.string()),
        lot: z
          .object({
            seed: z.string(),
            method: z.string(),
            candidates: z.array(z.string()),
            seatsLeft: z.int(),
            tickets: z.array(z.object({ cityId: z.string(), hash: z.string() })),
          })
          .optional(),
        decidedAt: z.string(),
      })
      .optional()
      .describe('only once decided: tallies are never shown while voting'),
    cancelReason: z.string().nullable(),
  })
  .openapi('Election');

const TermView = z
  .object({
    cityId: z.uuid(),
    termStart: z.string(),
    termEnd: z.string(),
    electionId: z.uuid().nullable(),
    appointed: z.boolean(),
    current: z.boolean(),
  })
  .openapi('CoordinatorTerm');

const IdParams = z.object({ id: z.uuid() });
const NomineeParams = IdParams.extend({ cityId: z.uuid() });
const CodeParams = z.object({
  code: z
    .string()
    .min(1)
    .max(32)
    .transform((s) => s.toUpperCase()),
});

async function view(em: EntityManager, e: IElection, viewer: Principal) {
  const nominations = await em.find(Nomination, { election: e.id }, { orderBy: { createdAt: 'asc' } });
  const seesTurnout =
    viewer.role === 'secretariat' ||
    (viewer.role === 'city' && viewer.cityId !== null && e.eligible.includes(viewer.cityId));
  const cast = seesTurnout ? await em.count(Ballot, { election: e.id }) : 0;
  const own =
    viewer.role === 'city' && viewer.cityId
      ? await em.findOne(Ballot, { election: e.id, city: viewer.cityId }, { fields: ['castAt', 'updatedAt'] })
      : undefined;
  return {
    id: e.id,
    workflowId: e.workflowId,
    cluster: e.cluster,
    status: e.status,
    seats: e.seats,
    termStart: String(e.termStart),
    termEnd: String(e.termEnd),
    settings: e.settings as unknown as Record<string, unknown>,
    deadlines: e.deadlines as unknown as Record<string, unknown>,
    nominees: nominations.map((n) => ({ cityId: n.city, status: n.status, statement: n.statement ?? null })),
    ...(seesTurnout ? { turnout: { cast, eligible: e.eligible.length } } : {}),
    ...(own !== undefined
      ? { ownBallot: own ? { castAt: new Date(own.updatedAt ?? own.castAt).toISOString() } : null }
      : {}),
    ...(e.status === 'decided' && e.results ? { results: e.results } : {}),
    cancelReason: e.cancelReason ?? null,
  };
}

const findElection = (em: EntityManager, id: string): Promise<IElection> => findOr404(em, Election, id, 'election');

async function openElection(em: EntityManager, id: string): Promise<IElection> {
  const e = await findElection(em, id);
  return unlessFinished(e, e.status, ['decided', 'cancelled'], 'election');
}

const actingCity = (p: Principal): string | null => (p.role === 'city' ? p.cityId : null);

export function electionRoutes(deps: AppDeps): Router {
  const router = Router();
  const handle = (e: IElection) => deps.temporal.workflow.getHandle(e.workflowId);

  defineRoute(router, deps, {
    method: 'post',
    path: '/clusters/:code/elections',
    summary: 'Open a coordinator election (nominations first)',
    tags: ['elections'],
    roles: ['secretariat'],
    params: CodeParams,
    body: CreateElectionBody,
    responses: {
      202: { description: 'started; follow Location', schema: ElectionView },
      409: { description: 'an election of this cluster is running' },
      422: { description: 'retired cluster or a term start before the current term' },
    },
    handler: async ({ params, body, em, principal }) => {
      const cluster = await findCluster(em, params.code);
      if (cluster.status !== 'active') throw unprocessable(`cluster ${cluster.code} is retired`);
      const { termStart, ...settings } = body;
      const { electionId } = await requestElection(deps.temporal, deps.config.TEMPORAL_TASK_QUEUE, cluster.code, {
        termStart,
        settings,
      });
      const e = await findElection(em.fork(), electionId);
      return reply(202, await view(em, e, principal), { Location: `/elections/${electionId}` });
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/elections',
    summary: 'Elections, newest first',
    tags: ['elections'],
    roles: ROLES,
    query: PageQuery.extend({
      cluster: z
        .string()
        .max(32)
        .transform((s) => s.toUpperCase())
        .optional(),
      status: z.enum(ELECTION_STATUSES).optional(),
    }),
    responses: { 200: { description: 'elections', schema: pageOf(ElectionView) } },
    handler: async ({ query, em, principal }) => {
      const where = {
        ...(query.cluster ? { cluster: query.cluster } : {}),
        ...(query.status ? { status: query.status } : {}),
      };
      const [rows, total] = await em.findAndCount(Election, where, {
        orderBy: { createdAt: 'desc', id: 'asc' },
        limit: query.limit,
        offset: query.offset,
      });
      return page(await Promise.all(rows.map((e) => view(em, e, principal))), total, query);
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/elections/:id',
    summary: 'One election: status, deadlines, nominees, turnout, results once decided',
    tags: ['elections'],
    roles: ROLES,
    params: IdParams,
    responses: { 200: { description: 'the election', schema: ElectionView }, 404: { description: 'unknown' } },
    handler: async ({ params, em, principal }) => view(em, await findElection(em, params.id), principal),
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/elections/:id/nominations',
    summary: 'Nominate a member city (itself, or another that must accept)',
    tags: ['elections'],
    roles: ['secretariat', 'city'],
    params: IdParams,
    body: NominationBody,
    responses: {
      201: { description: 'nominated', schema: ElectionView },
      403: { description: 'the nominating city is not a member' },
      409: { description: 'not nominating, or already nominated' },
      422: { description: 'nominee not a member, or at its term limit' },
    },
    handler: async ({ params, body, em, principal }) => {
      const e = await openElection(em, params.id);
      await handle(e).executeUpdate(nominateUpdate, {
        args: [
          { cityId: body.cityId, by: actingCity(principal), ...(body.statement ? { statement: body.statement } : {}) },
        ],
      });
      return reply(201, await view(em.fork(), e, principal), {
        Location: `/elections/${e.id}/nominations/${body.cityId}`,
      });
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/elections/:id/nominations/:cityId/accept',
    summary: 'The nominated city accepts',
    tags: ['elections'],
    roles: ['city'],
    params: NomineeParams,
    responses: { 200: { description: 'accepted', schema: ElectionView } },
    handler: async ({ params, em, principal }) => {
      if (principal.cityId !== params.cityId) throw forbidden('only the nominated city may accept');
      const e = await openElection(em, params.id);
      await handle(e).executeUpdate(acceptNominationUpdate, {
        args: [{ cityId: params.cityId, by: principal.cityId }],
      });
      return view(em.fork(), e, principal);
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/elections/:id/nominations/:cityId/withdraw',
    summary: 'Withdraw a nomination (until voting opens)',
    tags: ['elections'],
    roles: ['secretariat', 'city'],
    params: NomineeParams,
    responses: { 200: { description: 'withdrawn', schema: ElectionView } },
    handler: async ({ params, em, principal }) => {
      const e = await openElection(em, params.id);
      await handle(e).executeUpdate(withdrawNominationUpdate, {
        args: [{ cityId: params.cityId, by: actingCity(principal) }],
      });
      return view(em.fork(), e, principal);
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/elections/:id/ballots',
    summary: "Cast or replace the calling city's ballot",
    tags: ['elections'],
    roles: ['city'],
    params: IdParams,
    body: BallotBody,
    responses: {
      201: {
        description: 'ballot recorded; the answer shows turnout only',
        schema: z.object({ turnout: z.object({ cast: z.int(), eligible: z.int() }) }),
      },
      403: { description: 'not eligible' },
      409: { description: 'not voting' },
      422: { description: 'too many choices or a non-nominee' },
    },
    handler: async ({ params, body, em, principal }) => {
      const e = await openElection(em, params.id);
      const turnout = await handle(e).executeUpdate(castBallotUpdate, {
        args: [{ cityId: principal.cityId!, approve: body.approve }],
      });
      return reply(201, { turnout });
    },
  });

  const secretariatAction = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    send: (e: IElection, b: z.output<B>) => Promise<unknown>,
  ) =>
    defineRoute(router, deps, {
      method: 'post',
      path,
      summary,
      tags: ['elections'],
      roles: ['secretariat'],
      params: IdParams,
      body,
      responses: {
        200: { description: 'done', schema: ElectionView },
        409: { description: 'not possible in this status' },
        422: { description: 'invalid choice' },
      },
      handler: async ({ params, body: b, em, principal }) => {
        const e = await openElection(em, params.id);
        await send(e, b);
        return view(em.fork(), await findElection(em.fork(), e.id), principal);
      },
    });
  // The update only hands over the choice; the workflow then records the result and ends, so the
  // answer waits for that end to show the decided election rather than the status before it.
  const decideBy = async (e: IElection, update: Promise<unknown>) => {
    await update;
    await handle(e).result();
  };
  secretariatAction('/elections/:id/tie-break', 'Decide a tie for the last seat(s)', TieBreakBody, (e, b) =>
    decideBy(e, handle(e).executeUpdate(breakTieUpdate, { args: [b] })),
  );
  secretariatAction('/elections/:id/cancel', 'Cancel the election, with a reason', CancelBody, (e, b) =>
    handle(e).executeUpdate(cancelElectionUpdate, { args: [b] }),
  );
  secretariatAction('/elections/:id/appoint', 'Appoint coordinators when nobody stood', AppointBody, (e, b) =>
    decideBy(e, handle(e).executeUpdate(appointUpdate, { args: [b] })),
  );

  defineRoute(router, deps, {
    method: 'get',
    path: '/clusters/:code/coordinators',
    summary: 'Coordinator terms of a cluster, newest first',
    tags: ['elections'],
    roles: ROLES,
    params: CodeParams,
    query: z.object({ on: CalendarDate.optional().describe('the day that decides `current`; default today') }),
    responses: { 200: { description: 'terms', schema: z.object({ items: z.array(TermView) }) } },
    handler: async ({ params, query, em }) => {
      await findCluster(em, params.code);
      const day = query.on ?? new Date().toISOString().slice(0, 10);
      const terms = await em.find(
        CoordinatorTerm,
        { cluster: params.code },
        { orderBy: { termStart: 'desc', city: 'asc' } },
      );
      return {
        items: terms.map((t) => ({
          cityId: t.city,
          termStart: String(t.termStart),
          termEnd: String(t.termEnd),
          electionId: t.election ?? null,
          appointed: t.appointed,
          current: String(t.termStart) <= day && day < String(t.termEnd),
        })),
      };
    },
  });
  return router;
}
