import { Router } from 'express';
import { z } from 'zod';
import { City, Cluster, Membership, type ICluster, type IMembership } from '../../db/entities/index.js';
import { LANGUAGES, ROLES, type Language, type Principal } from '../../domain/auth.js';
import { CLUSTER_STATUSES, MembershipCreate, expertiseMatches } from '../../domain/registry.js';
import { requireCity } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { conflict, unprocessable } from '../errors.js';
import { findOr404 } from '../lookup.js';
import { PageQuery, page, pageOf } from '../pagination.js';
import { defineRoute, reply } from '../route.js';
import type { EntityManager } from '@mikro-orm/postgresql';

const ClusterView = z
  .object({
    code: z.string(),
    name: z.string(),
    period: z.string(),
    status: z.enum(CLUSTER_STATUSES),
    themes: z.array(z.string()),
    focus: z.array(z.string()),
    successor: z.string().nullable(),
    predecessors: z.array(z.string()),
    memberCount2019: z.int().nullable(),
    members: z.int(),
  })
  .openapi('Cluster');

const MemberView = z
  .object({
    cityId: z.uuid(),
    cityName: z.string(),
    cluster: z.string(),
    since: z.string(),
    until: z.string().nullable(),
    representative: z.object({
      name: z.string(),
      email: z.string().optional(),
      expertise: z.array(z.string()),
      language: z.enum(LANGUAGES).describe("the language of the engine's messages to the representative"),
    }),
  })
  .openapi('Membership');

export const CodeParams = z.object({
  code: z
    .string()
    .min(1)
    .max(32)
    .transform((s) => s.toUpperCase()),
});
const today = (): string => new Date().toISOString().slice(0, 10);

async function clusterViews(em: EntityManager, clusters: ICluster[]) {
  const all = await em.find(Cluster, {});
  const counts = await em
    .getConnection()
    .execute<{ cluster_code: string; n: string }[]>(
      'select cluster_code, count(*) as n from membership where until is null group by cluster_code',
    );
  const members = new Map(counts.map((r) => [r.cluster_code, Number(r.n)]));
  return clusters.map((c) => ({
    code: c.code,
    name: c.name,
    period: c.period,
    status: c.status,
    themes: c.themes,
    focus: c.focusKeywords,
    successor: c.successor ?? null,
    predecessors: all.filter((p) => p.successor === c.code).map((p) => p.code),
    memberCount2019: c.memberCount2019 ?? null,
    members: members.get(c.code) ?? 0,
  }));
}

interface MemberRow {
  city_id: string;
  city_name: string;
  cluster_code: string;
  since: string;
  until: string | null;
  representative_name: string;
  representative_email: string;
  representative_expertise: string[];
  language: Language;
}

type MemberFields = Pick<
  IMembership,
  | 'city'
  | 'cluster'
  | 'since'
  | 'until'
  | 'representativeName'
  | 'representativeEmail'
  | 'representativeExpertise'
  | 'language'
>;

/** Representatives' e-mails are personal data: only the secretariat and the city itself see them. */
function memberView(m: MemberFields, cityName: string, viewer: Principal) {
  const showEmail = viewer.role === 'secretariat' || (viewer.role === 'city' && viewer.cityId === m.city);
  return {
    cityId: m.city,
    cityName,
    cluster: m.cluster,
    since: String(m.since),
    until: m.until ? String(m.until) : null,
    representative: {
      name: m.representativeName,
      ...(showEmail ? { email: m.representativeEmail } : {}),
      expertise: m.representativeExpertise,
      language: m.language,
    },
  };
}

export async function findCluster(em: EntityManager, code: string): Promise<ICluster> {
  return findOr404(em, Cluster, code, `cluster ${code}`);
}

export function clusterRoutes(deps: AppDeps): Router {
  const router = Router();
  defineRoute(router, deps, {
    method: 'get',
    path: '/clusters',
    summary: 'Thematic clusters, active and retired, with lineage',
    tags: ['registry'],
    roles: ROLES,
    query: PageQuery.extend({ status: z.enum(CLUSTER_STATUSES).optional() }),
    responses: { 200: { description: 'clusters', schema: pageOf(ClusterView) } },
    handler: async ({ query, em }) => {
      const [rows, total] = await em.findAndCount(Cluster, query.status ? { status: query.status } : {}, {
        orderBy: { status: 'asc', code: 'asc' },
        limit: query.limit,
        offset: query.offset,
      });
      return page(await clusterViews(em, rows), total, query);
    },
  });
  defineRoute(router, deps, {
    method: 'get',
    path: '/clusters/:code',
    summary: 'One cluster',
    tags: ['registry'],
    roles: ROLES,
    params: CodeParams,
    responses: { 200: { description: 'the cluster', schema: ClusterView } },
    handler: async ({ params, em }) => (await clusterViews(em, [await findCluster(em, params.code)]))[0],
  });
  defineRoute(router, deps, {
    method: 'get',
    path: '/clusters/:code/members',
    summary: 'Member cities of a cluster (history with includeEnded)',
    tags: ['registry'],
    roles: ROLES,
    params: CodeParams,
    query: PageQuery.extend({
      // The default is the query's own spelling ('false'), so the document's default is a valid value.
      includeEnded: z
        .enum(['true', 'false'])
        .default('false')
        .transform((v) => v === 'true'),
    }),
    responses: { 200: { description: 'memberships', schema: pageOf(MemberView) } },
    handler: async ({ params, query, em, principal }) => {
      await findCluster(em, params.code);
      // One join for the page and one count, as plain rows: hydrating 200 memberships and their 200
      // cities through the unit of work cost several times the queries (bench/overview.ts).
      const c = em.getConnection();
      const where = `m.cluster_code = ?${query.includeEnded ? '' : ' and m.until is null'}`;
      const [rows, [count]] = await Promise.all([
        c.execute<MemberRow[]>(
          `select m.city_id, c.name as city_name, m.cluster_code, m.since::text as since, m.until::text as until,
                  m.representative_name, m.representative_email, m.representative_expertise, m.language
             from membership m join city c on c.id = m.city_id
            where ${where} order by m.since asc, m.id asc limit ? offset ?`,
          [params.code, query.limit, query.offset],
        ),
        c.execute<{ n: string }[]>(`select count(*) as n from membership m where ${where}`, [params.code]),
      ]);
      return page(
        rows.map((r) =>
          memberView(
            {
              city: r.city_id,
              cluster: r.cluster_code,
              since: r.since,
              until: r.until,
              representativeName: r.representative_name,
              representativeEmail: r.representative_email,
              representativeExpertise: r.representative_expertise,
              language: r.language,
            },
            r.city_name,
            principal,
          ),
        ),
        Number(count!.n),
        query,
      );
    },
  });
  defineRoute(router, deps, {
    method: 'post',
    path: '/clusters/:code/members',
    summary: 'A city joins a cluster with its representative',
    tags: ['registry'],
    roles: ['secretariat', 'city'],
    params: CodeParams,
    body: MembershipCreate,
    responses: {
      201: {
        description: 'joined; `warnings` flags a representative whose expertise does not match the cluster',
        schema: MemberView.extend({ warnings: z.array(z.string()) }),
      },
      409: { description: 'already a member' },
      422: { description: 'retired cluster or a city that is not a member of the network' },
    },
    handler: async ({ params, body, em, principal }) => {
      requireCity(principal, body.cityId);
      const cluster = await findCluster(em, params.code);
      if (cluster.status !== 'active') throw unprocessable(`cluster ${cluster.code} is retired`);
      const city = await em.findOne(City, body.cityId);
      if (!city) throw unprocessable('unknown city', [{ path: 'body.cityId', message: 'no such city' }]);
      if (city.status !== 'member')
        throw unprocessable(`city status is ${city.status}; only member cities join clusters`);
      if (await em.findOne(Membership, { city: city.id, cluster: cluster.code, until: null }))
        throw conflict(`${city.name} is already a member of ${cluster.code}`);
      const m = em.create(Membership, {
        city: city.id,
        cluster: cluster.code,
        since: body.since ?? today(),
        until: null,
        representativeName: body.representative.name,
        representativeEmail: body.representative.email,
        representativeExpertise: body.representative.expertise,
        language: body.representative.language,
      });
      await em.flush();
      const warnings = expertiseMatches(body.representative.expertise, [
        cluster.name,
        ...cluster.focusKeywords,
        ...cluster.themes,
      ])
        ? []
        : [
            `the representative's expertise does not match the thematic focus of ${cluster.code} (${cluster.focusKeywords.join(', ')})`,
          ];
      return reply(
        201,
        { ...memberView(m, city.name, principal), warnings },
        { Location: `/clusters/${cluster.code}/members/${city.id}` },
      );
    },
  });
  defineRoute(router, deps, {
    method: 'delete',
    path: '/clusters/:code/members/:cityId',
    summary: 'End a membership (history is kept)',
    tags: ['registry'],
    roles: ['secretariat', 'city'],
    params: CodeParams.extend({ cityId: z.uuid() }),
    responses: { 204: { description: 'ended' }, 404: { description: 'not a current member' } },
    handler: async ({ params, em, principal }) => {
      requireCity(principal, params.cityId);
      const m = await findOr404(
        em,
        Membership,
        { city: params.cityId, cluster: params.code, until: null },
        'current membership',
      );
      m.until = today();
      await em.flush();
      return reply(204);
    },
  });
  return router;
}
