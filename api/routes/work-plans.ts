// Work plans of a cluster's work phases; every version is kept.
import { Router } from 'express';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { WorkPhase, WorkPlanVersion, type IWorkPlanVersion } from '../../db/entities/index.js';
import { membersOf } from '../../db/queries/membership.js';
import { ROLES } from '../../domain/auth.js';
import { BienniumString } from '../../domain/biennium.js';
import { PlanOutputSchema, WorkPlanBody } from '../../domain/work-plan.js';
import { planSaved } from '../../client/work-plan-output.js';
import { requireCoordinator } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { unprocessable } from '../errors.js';
import { findOr404 } from '../lookup.js';
import { defineRoute } from '../route.js';
import { startOrUndo } from '../workflow-start.js';
import { CodeParams, findCluster } from './clusters.js';

const WorkPhaseParams = CodeParams.extend({ biennium: BienniumString });

const VersionView = z.object({
  version: z.int(),
  outputs: z.array(PlanOutputSchema),
  setBy: z.uuid().nullable().describe('the coordinator city, or null for the secretariat'),
  createdAt: z.string(),
});
const WorkPlanView = z
  .object({
    cluster: z.string(),
    biennium: z.string(),
    current: VersionView.nullable(),
    versions: z.array(VersionView).describe('newest first'),
  })
  .openapi('WorkPlan');

function findWorkPhase(em: EntityManager, cluster: string, biennium: string) {
  return findOr404(em, WorkPhase, { cluster, biennium }, `phase ${biennium} of ${cluster}`);
}

const versionView = (v: IWorkPlanVersion) => ({
  version: v.version,
  outputs: v.outputs,
  setBy: v.setBy ?? null,
  createdAt: new Date(v.createdAt).toISOString(),
});

async function workPlanView(em: EntityManager, cluster: string, biennium: string, workPhaseId: string) {
  const versions = await em.find(WorkPlanVersion, { workPhase: workPhaseId }, { orderBy: { version: 'desc' } });
  return {
    cluster,
    biennium,
    current: versions[0] ? versionView(versions[0]) : null,
    versions: versions.map(versionView),
  };
}

export function workPlanRoutes(deps: AppDeps): Router {
  const router = Router();

  defineRoute(router, deps, {
    method: 'put',
    path: '/clusters/:code/phases/:biennium/workplan',
    summary: 'Set the work plan (a new version; earlier ones are kept)',
    tags: ['cluster work'],
    roles: ['secretariat', 'city'],
    params: WorkPhaseParams,
    body: WorkPlanBody,
    responses: {
      200: { description: 'the plan with its versions', schema: WorkPlanView },
      403: { description: 'not a current coordinator of the cluster' },
      404: { description: 'no such phase' },
      422: { description: 'an owner city is not a member' },
    },
    handler: async ({ params, body, em, principal }) => {
      await findCluster(em, params.code);
      await requireCoordinator(em, principal, params.code);
      const phase = await findWorkPhase(em, params.code, params.biennium);
      const members = new Set(await membersOf(em, params.code));
      const errors = body.outputs.flatMap((o, i) =>
        o.ownerCityId && !members.has(o.ownerCityId)
          ? [
              {
                path: `body.outputs.${i}.ownerCityId`,
                message: `city ${o.ownerCityId} is not a member of ${params.code}`,
              },
            ]
          : [],
      );
      if (errors.length) throw unprocessable('invalid work plan', errors);
      // Next version number in the insert itself; a concurrent PUT hits the unique key (409), never a gap or a duplicate.
      const [saved] = await em.getConnection().execute<{ version: number }[]>(
        `insert into workplan_version (id, work_phase_id, version, outputs, set_by, created_at)
         select gen_random_uuid(), ?, coalesce(max(version), 0) + 1, ?::jsonb, ?, now() from workplan_version where work_phase_id = ?
         returning version`,
        [phase.id, JSON.stringify(body.outputs), principal.role === 'city' ? principal.cityId : null, phase.id],
      );
      const version = Number(saved!.version);
      // The biennium's output reminders follow the plan in force; when they cannot be told, the version is undone.
      await startOrUndo(
        () =>
          planSaved(deps.temporal, deps.config.TEMPORAL_TASK_QUEUE, params.code, params.biennium, {
            version,
            outputs: body.outputs.map(({ key, title, due }) => ({ key, title, due })),
            ...(body.reminders?.beforeDue ? { beforeDue: body.reminders.beforeDue } : {}),
          }),
        () =>
          em
            .getConnection()
            .execute(`delete from workplan_version where work_phase_id = ? and version = ?`, [phase.id, version]),
      );
      return workPlanView(em.fork(), params.code, params.biennium, phase.id);
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/clusters/:code/phases/:biennium/workplan',
    summary: 'The work plan in force and every earlier version',
    tags: ['cluster work'],
    roles: ROLES,
    params: WorkPhaseParams,
    responses: { 200: { description: 'the plan', schema: WorkPlanView }, 404: { description: 'no such phase' } },
    handler: async ({ params, em }) => {
      await findCluster(em, params.code);
      const phase = await findWorkPhase(em, params.code, params.biennium);
      return workPlanView(em, params.code, params.biennium, phase.id);
    },
  });

  return router;
}
