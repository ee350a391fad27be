// Restructuring the clusters as an audited operation: preview what would move, then apply the same
// plan in one transaction; applied restructurings are kept as history.
import { WorkflowNotFoundError } from '@temporalio/client';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Router } from 'express';
import { z } from 'zod';
import { ClusterRestructuring, Membership, type IClusterRestructuring } from '../../db/entities/index.js';
import { restructuringInputs, textArray } from '../../db/queries/cluster-restructuring.js';
import { principalKey } from '../../domain/auth.js';
import { clusterCycleWorkflowId } from '../../domain/cluster-cycle.js';
import { checkMoves, planRestructuring, type Plan } from '../../domain/cluster-restructuring.js';
import { RestructuringBody, type RestructuringInput } from '../../domain/cluster-restructuring.contract.js';
import type { AppDeps } from '../deps.js';
import { conflict, unprocessable } from '../errors.js';
import { findOr404 } from '../lookup.js';
import { PageQuery, page, pageOf } from '../pagination.js';
import { defineRoute, reply } from '../route.js';

const OUTCOMES = ['moves', 'already_member', 'merged', 'ends'] as const;

const PlanView = z
  .object({
    effectiveOn: z.string(),
    moves: z.array(z.object({ from: z.string(), to: z.string().nullable() })),
    memberships: z.array(
      z.object({
        cityId: z.uuid(),
        cityName: z.string(),
        from: z.string(),
        to: z.string().nullable(),
        outcome: z.enum(OUTCOMES),
        representativeName: z.string(),
        representativeEmail: z.string(),
      }),
    ),
    termsEnding: z.array(
      z.object({ cityId: z.uuid(), cluster: z.string(), termStart: z.string(), termEnd: z.string() }),
    ),
    counts: z.object({
      moves: z.int(),
      alreadyMember: z.int(),
      merged: z.int(),
      ends: z.int(),
      termsEnding: z.int(),
    }),
  })
  .openapi('RestructuringPlan');

const RestructuringView = z
  .object({
    id: z.uuid(),
    effectiveOn: z.string(),
    note: z.string().nullable(),
    appliedBy: z.string(),
    appliedAt: z.string(),
    plan: PlanView,
  })
  .openapi('ClusterRestructuring');

const view = (r: IClusterRestructuring) => ({
  id: r.id,
  effectiveOn: String(r.effectiveOn).slice(0, 10),
  note: r.note ?? null,
  appliedBy: r.appliedBy,
  appliedAt: new Date(r.appliedAt).toISOString(),
  plan: r.plan,
});

/** The plan for `body` against the database as it is, or the refusal naming the fields. */
async function planFor(em: EntityManager, body: RestructuringInput, lock: boolean): Promise<Plan> {
  const codes = [...new Set(body.moves.flatMap((m) => (m.to ? [m.from, m.to] : [m.from])))];
  const inputs = await restructuringInputs(em, codes, lock);
  const problems = checkMoves(body.moves, inputs.clusters);
  if (problems.length) throw unprocessable('the moves do not fit the clusters as they are', problems);
  const sources = new Set(body.moves.map((m) => m.from));
  const running = inputs.openElections.filter((e) => sources.has(e.cluster));
  if (running.length)
    throw conflict(
      `an election is open in ${[...new Set(running.map((e) => e.cluster))].join(', ')}: decide or cancel it first`,
      { elections: running.map((e) => e.id) },
    );
  const late = inputs.open.filter((m) => sources.has(m.cluster) && m.since > body.effectiveOn);
  if (late.length)
    throw unprocessable('a membership to end began after the effective date', [
      {
        path: 'body.effectiveOn',
        message: `must be on or after ${late
          .map((m) => m.since)
          .sort()
          .at(-1)}`,
      },
    ]);
  return planRestructuring(body.effectiveOn, body.moves, inputs.open, inputs.terms);
}

export function clusterRestructuringRoutes(deps: AppDeps): Router {
  const router = Router();

  defineRoute(router, deps, {
    method: 'post',
    path: '/cluster-restructurings/preview',
    summary:
      'What a restructuring would do: memberships moved, merged or ended, coordinator terms ended (changes nothing)',
    tags: ['registry'],
    roles: ['secretariat'],
    body: RestructuringBody,
    responses: {
      200: { description: 'the plan', schema: PlanView },
      409: { description: 'an election is open in a retiring cluster' },
      422: { description: 'a move names an unknown or retired cluster, or the effective date is too early' },
    },
    handler: async ({ body, em }) => planFor(em, body, false),
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/cluster-restructurings',
    summary: 'Apply a restructuring in one transaction: retire the clusters, move their memberships, end their terms',
    tags: ['registry'],
    roles: ['secretariat'],
    body: RestructuringBody,
    responses: {
      201: { description: 'applied', schema: RestructuringView },
      409: { description: 'an election is open in a retiring cluster' },
      422: { description: 'a move names an unknown or retired cluster, or the effective date is too early' },
    },
    handler: async ({ body, em, principal }) => {
      const applied = await em.transactional(async (tx) => {
        // The same planner as the preview, on rows locked for the transaction.
        const plan = await planFor(tx, body, true);
        const on = body.effectiveOn;
        for (const m of body.moves)
          await tx.execute(`update cluster set status = 'retired', successor_code = ? where code = ?`, [m.to, m.from]);
        await tx.execute(`update membership set until = ? where cluster_code = any(?::text[]) and until is null`, [
          on,
          textArray(body.moves.map((m) => m.from)),
        ]);
        const source = new Map(
          (
            await tx.find(Membership, {
              cluster: { $in: body.moves.map((m) => m.from) },
              until: on,
            })
          ).map((m) => [`${m.cluster}|${m.city}`, m]),
        );
        for (const p of plan.memberships.filter((x) => x.outcome === 'moves')) {
          const old = source.get(`${p.from}|${p.cityId}`)!;
          tx.create(Membership, {
            city: p.cityId,
            cluster: p.to!,
            since: on,
            until: null,
            representativeName: old.representativeName,
            representativeEmail: old.representativeEmail,
            representativeExpertise: old.representativeExpertise,
          });
        }
        for (const t of plan.termsEnding)
          await tx.execute(
            `update coordinator_term set term_end = ? where cluster_code = ? and city_id = ? and term_start = ?`,
            [on, t.cluster, t.cityId, t.termStart],
          );
        const row = tx.create(ClusterRestructuring, {
          effectiveOn: on,
          moves: plan.moves,
          plan,
          note: body.note?.trim() || null,
          appliedBy: principalKey(principal),
        });
        await tx.flush();
        return row;
      });
      // A retired cluster has no more elections: its cycle ends (after the commit; a cycle that is not
      // running is fine — the worker starts cycles for active clusters only).
      for (const m of body.moves)
        await deps.temporal.workflow
          .getHandle(clusterCycleWorkflowId(m.from))
          .terminate(`cluster retired by restructuring ${applied.id}`)
          .catch((e: unknown) => {
            if (!(e instanceof WorkflowNotFoundError)) throw e;
          });
      return reply(201, view(applied), { Location: `/cluster-restructurings/${applied.id}` });
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/cluster-restructurings',
    summary: 'Applied restructurings, newest first',
    tags: ['registry'],
    roles: ['secretariat', 'viewer'],
    query: PageQuery,
    responses: { 200: { description: 'restructurings', schema: pageOf(RestructuringView) } },
    handler: async ({ query, em }) => {
      const [rows, total] = await em.findAndCount(
        ClusterRestructuring,
        {},
        { orderBy: { appliedAt: 'desc', id: 'desc' }, limit: query.limit, offset: query.offset },
      );
      return page(rows.map(view), total, query);
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/cluster-restructurings/:id',
    summary: 'One applied restructuring and its plan',
    tags: ['registry'],
    roles: ['secretariat', 'viewer'],
    params: z.object({ id: z.uuid() }),
    responses: { 200: { description: 'the restructuring', schema: RestructuringView } },
    handler: async ({ params, em }) =>
      view(await findOr404(em, ClusterRestructuring, { id: params.id }, 'restructuring')),
  });

  return router;
}
