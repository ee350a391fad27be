// The expert group of a cluster.
import { Router } from 'express';
import { z } from 'zod';
import { Expert, type IExpert } from '../../db/entities/index.js';
import { ROLES, type Principal } from '../../domain/auth.js';
import { ExpertBody, SUPPORT_KINDS, type SupportKind } from '../../domain/expert-group.js';
import { requireCoordinator } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { defineRoute, reply } from '../route.js';
import { CodeParams, findCluster } from './clusters.js';

const ExpertView = z
  .object({
    id: z.uuid(),
    cluster: z.string(),
    name: z.string(),
    email: z.string().optional(),
    organisation: z.string().nullable(),
    expertiseAreas: z.array(z.string()),
    support: z.array(z.enum(SUPPORT_KINDS)),
    createdAt: z.string(),
  })
  .openapi('Expert');

/** Experts' addresses are personal data: the secretariat and member cities' tokens see them. */
const expertView = (e: IExpert, viewer: Principal) => ({
  id: e.id,
  cluster: e.cluster,
  name: e.name,
  ...(viewer.role === 'secretariat' || viewer.role === 'city' ? { email: e.email } : {}),
  organisation: e.organisation ?? null,
  expertiseAreas: e.expertiseAreas,
  support: e.support as SupportKind[],
  createdAt: new Date(e.createdAt).toISOString(),
});

export function expertGroupRoutes(deps: AppDeps): Router {
  const router = Router();

  defineRoute(router, deps, {
    method: 'get',
    path: '/clusters/:code/experts',
    summary: "The cluster's expert group",
    tags: ['cluster work'],
    roles: ROLES,
    params: CodeParams,
    query: z.object({ support: z.enum(SUPPORT_KINDS).optional() }),
    responses: { 200: { description: 'experts', schema: z.object({ items: z.array(ExpertView) }) } },
    handler: async ({ params, query, em, principal }) => {
      await findCluster(em, params.code);
      const experts = await em.find(Expert, { cluster: params.code }, { orderBy: { name: 'asc', id: 'asc' } });
      return {
        items: experts
          .filter((e) => !query.support || e.support.includes(query.support))
          .map((e) => expertView(e, principal)),
      };
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/clusters/:code/experts',
    summary: 'Add an expert to the cluster (expertise areas and the support offered)',
    tags: ['cluster work'],
    roles: ['secretariat', 'city'],
    params: CodeParams,
    body: ExpertBody,
    responses: {
      201: { description: 'added', schema: ExpertView },
      403: { description: 'not a current coordinator of the cluster' },
      409: { description: 'an expert with this e-mail is in the group already' },
    },
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
