// Work plans (every version kept) and expert groups of a cluster.
import { Router } from 'express';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Expert, WorkPhase, WorkplanVersion, type IExpert, type IWorkplanVersion } from '../../db/entities/index.js';
import { ROLES, type Principal } from '../../domain/auth.js';
import { ExpertBody, PeriodBody, PlanOutputSchema, SUPPORT_KINDS, WorkplanBody } from '../../domain/cluster-work.js';
import { membersOf } from '../../db/queries/membership.js';
import { requireCoordinator } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { unprocessable } from '../errors.js';
import { findOr404 } from '../lookup.js';
import { defineRoute, reply } from '../route.js';
import { findCluster } from './clusters.js';
import { CodeParams } from './workshops.js';

const PhaseParams = CodeParams.extend({ period: PeriodBody });

const VersionView = z.object({ version: z.int(), outputs: z.array(PlanOutputSchema), setBy: z.uuid().nullable().describe('the coordinator city, or null for the secretariat'), createdAt: z.string() });
const WorkplanView = z
  .object({ cluster: z.string(), period: z.string(), current: VersionView.nullable(), versions: z.array(VersionView).describe('newest first') })
  .openapi('Workplan');

const ExpertView = z
  .object({ id: z.uuid(), cluster: z.string(), name: z.string(), email: z.string().optional(), organisation: z.string().nullable(), expertiseAreas: z.array(z.string()), support: z.array(z.enum(SUPPORT_KINDS)), createdAt: z.string() })
  .openapi('Expert');

export async function findPhase(em: EntityManager, cluster: string, period: string) {
  return findOr404(em, WorkPhase, { cluster, period }, `phase ${period} of ${cluster}`);
}

/** The plan in force for a cluster: the latest version of its latest phase that has one. */
export async function currentPlan(em: EntityManager, cluster: string): Promise<IWorkplanVersion | null> {
  const rows = await em.getConnection().execute<{ id: string }[]>(
    `select v.id from workplan_version v join work_phase p on p.id = v.phase_id where p.cluster_code = ? order by p.period desc, v.version desc limit 1`,
    [cluster],
  );
  return rows[0] ? em.findOne(WorkplanVersion, rows[0].id) : null;
}

const versionView = (v: IWorkplanVersion) => ({ version: v.version, outputs: v.outputs, setBy: v.setBy ?? null, createdAt: new Date(v.createdAt).toISOString() });

async function workplanView(em: EntityManager, cluster: string, period: string, phaseId: string) {
  const versions = await em.find(WorkplanVersion, { phase: phaseId }, { orderBy: { version: 'desc' } });
  return { cluster, period, current: versions[0] ? versionView(versions[0]) : null, versions: versions.map(versionView) };
}

/** Experts' addresses are personal data: the secretariat and member cities' tokens see them. */
const expertView = (e: IExpert, viewer: Principal) => ({
  id: e.id,
  cluster: e.cluster,
  name: e.name,
  ...(viewer.role === 'secretariat' || viewer.role === 'city' ? { email: e.email } : {}),
  organisation: e.organisation ?? null,
  expertiseAreas: e.expertiseAreas,
  support: e.support as (typeof SUPPORT_KINDS)[number][],
  createdAt: new Date(e.createdAt).toISOString(),
});

export function workplanRoutes(deps: AppDeps): Router {
  const router = Router();

  defineRoute(router, deps, {
    method: 'put', path: '/clusters/:code/phases/:period/workplan', summary: 'Set the work plan (a new version; earlier ones are kept)', tags: ['cluster work'], roles: ['secretariat', 'city'],
    params: PhaseParams,
    body: WorkplanBody,
    responses: { 200: { description: 'the plan with its versions', schema: WorkplanView }, 403: { description: 'not a current coordinator of the cluster' }, 404: { description: 'no such phase' }, 422: { description: 'an owner city is not a member' } },
    handler: async ({ params, body, em, principal }) => {
      await findCluster(em, params.code);
      await requireCoordinator(em, principal, params.code);
      const phase = await findPhase(em, params.code, params.period);
      const members = new Set(await membersOf(em, params.code));
      const errors = body.outputs.flatMap((o, i) => (o.ownerCityId && !members.has(o.ownerCityId) ? [{ path: `body.outputs.${i}.ownerCityId`, message: `city ${o.ownerCityId} is not a member of ${params.code}` }] : []));
      if (errors.length) throw unprocessable('invalid work plan', errors);
      // Next version number in the insert itself; a concurrent PUT hits the unique key (409), never a gap or a duplicate.
      await em.getConnection().execute(
        `insert into workplan_version (id, phase_id, version, outputs, set_by, created_at)
         select gen_random_uuid(), ?, coalesce(max(version), 0) + 1, ?::jsonb, ?, now() from workplan_version where phase_id = ?`,
        [phase.id, JSON.stringify(body.outputs), principal.role === 'city' ? principal.cityId : null, phase.id],
      );
      return workplanView(em.fork(), params.code, params.period, phase.id);
    },
  });

  defineRoute(router, deps, {
    method: 'get', path: '/clusters/:code/phases/:period/workplan', summary: 'The work plan in force and every earlier version', tags: ['cluster work'], roles: ROLES,
    params: PhaseParams,
    responses: { 200: { description: 'the plan', schema: WorkplanView }, 404: { description: 'no such phase' } },
    handler: async ({ params, em }) => {
      await findCluster(em, params.code);
      const phase = await findPhase(em, params.code, params.period);
      return workplanView(em, params.code, params.period, phase.id);
    },
  });

  defineRoute(router, deps, {
    method: 'get', path: '/clusters/:code/experts', summary: "The cluster's expert group", tags: ['cluster work'], roles: ROLES,
    params: CodeParams,
    query: z.object({ support: z.enum(SUPPORT_KINDS).optional() }),
    responses: { 200: { description: 'experts', schema: z.object({ items: z.array(ExpertView) }) } },
    handler: async ({ params, query, em, principal }) => {
      await findCluster(em, params.code);
      const experts = await em.find(Expert, { cluster: params.code }, { orderBy: { name: 'asc', id: 'asc' } });
      return { items: experts.filter((e) => !query.support || e.support.includes(query.support)).map((e) => expertView(e, principal)) };
    },
  });

  defineRoute(router, deps, {
    method: 'post', path: '/clusters/:code/experts', summary: 'Add an expert to the cluster (expertise areas and the support offered)', tags: ['cluster work'], roles: ['secretariat', 'city'],
    params: CodeParams,
    body: ExpertBody,
    responses: { 201: { description: 'added', schema: ExpertView }, 403: { description: 'not a current coordinator of the cluster' }, 409: { description: 'an expert with this e-mail is in the group already' } },
    handler: async ({ params, body, em, principal }) => {
      await findCluster(em, params.code);
      await requireCoordinator(em, principal, params.code);
      const e = em.create(Expert, {
        cluster: params.code,
        name: body.name,
        email: body.email.toLowerCase(),
        organisation: body.organisation ?? null,
        expertiseAreas: body.expertiseAreas,
        support: [...new Set(body.support)],
      });
      await em.flush();
      return reply(201, expertView(e, principal), { Location: `/clusters/${params.code}/experts#${e.id}` });
    },
  });

  return router;
}
