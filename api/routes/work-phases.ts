// Work phases of a cluster: one per biennium, opened with its inception workshop.
import { Router } from 'express';
import { z } from 'zod';
import { WorkPhase, type IWorkPhase } from '../../db/entities/index.js';
import { latestPlanVersions } from '../../db/queries/work-plan.js';
import { ROLES } from '../../domain/auth.js';
import { OpenWorkPhaseBody } from '../../domain/work-phase.js';
import type { AppDeps } from '../deps.js';
import { conflict, unprocessable } from '../errors.js';
import { defineRoute, reply } from '../route.js';
import { startOrUndo } from '../workflow-start.js';
import { CodeParams, findCluster } from './clusters.js';
import { checkSchedule, isoOrNull, scheduleOf, settingsOf, startWorkshop } from './workshops.js';

const WorkPhaseView = z
  .object({
    id: z.uuid(),
    cluster: z.string(),
    biennium: z.string(),
    inceptionWorkshopId: z.uuid().nullable(),
    workplanVersion: z.int().nullable(),
    createdAt: z.string(),
  })
  .openapi('WorkPhase');

const phaseView = (p: IWorkPhase, workplanVersion: number | null) => ({
  id: p.id,
  cluster: p.cluster,
  biennium: p.biennium,
  inceptionWorkshopId: p.inceptionWorkshopId ?? null,
  workplanVersion,
  createdAt: isoOrNull(p.createdAt)!,
});

export function workPhaseRoutes(deps: AppDeps): Router {
  const router = Router();

  defineRoute(router, deps, {
    method: 'post',
    path: '/clusters/:code/phases',
    summary: 'Open a work phase; starts its inception workshop',
    tags: ['cluster work'],
    roles: ['secretariat'],
    params: CodeParams,
    body: OpenWorkPhaseBody,
    responses: {
      202: { description: 'opened; Location is the inception workshop', schema: WorkPhaseView },
      409: { description: 'the phase is open already' },
      422: { description: 'retired cluster or a bad schedule' },
    },
    handler: async ({ params, body, em }) => {
      const cluster = await findCluster(em, params.code);
      if (cluster.status !== 'active') throw unprocessable(`cluster ${cluster.code} is retired`);
      if (body.inception) checkSchedule(body.inception, 'body.inception');
      if (await em.findOne(WorkPhase, { cluster: cluster.code, biennium: body.biennium }))
        throw conflict(`phase ${body.biennium} of ${cluster.code} is open already`);
      const phase = em.create(WorkPhase, { cluster: cluster.code, biennium: body.biennium, inceptionWorkshopId: null });
      await em.flush();
      const i = body.inception;
      const workshopId = await startOrUndo(
        () =>
          startWorkshop(deps, em, {
            cluster: cluster.code,
            workPhaseId: phase.id,
            kind: 'inception',
            title: i?.title ?? `Inception workshop ${body.biennium}: conceptual definition of ${cluster.name}`,
            ...(i ? { schedule: scheduleOf(i) } : {}),
            experts: i?.experts ?? [],
            settings: settingsOf(i ?? {}),
          }),
        () => em.fork().nativeDelete(WorkPhase, { id: phase.id }),
      );
      phase.inceptionWorkshopId = workshopId;
      await em.flush();
      return reply(202, phaseView(phase, null), { Location: `/workshops/${workshopId}` });
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/clusters/:code/phases',
    summary: 'Work phases of a cluster, newest first',
    tags: ['cluster work'],
    roles: ROLES,
    params: CodeParams,
    responses: { 200: { description: 'phases', schema: z.object({ items: z.array(WorkPhaseView) }) } },
    handler: async ({ params, em }) => {
      await findCluster(em, params.code);
      const phases = await em.find(WorkPhase, { cluster: params.code }, { orderBy: { biennium: 'desc' } });
      const latest = await latestPlanVersions(
        em,
        phases.map((p) => p.id),
      );
      return { items: phases.map((p) => phaseView(p, latest.get(p.id) ?? null)) };
    },
  });

  return router;
}
