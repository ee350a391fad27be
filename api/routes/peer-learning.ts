// The peer-learning database: what workshops produced and what member cities share, searchable
// with PostgreSQL full-text search (the generated `search` column and its GIN index).
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ROLES } from '../../domain/auth.js';
import { PEER_KINDS, PEER_SOURCES, PeerEntryBody, searchText } from '../../domain/peer-learning.js';
import { isMember } from '../../db/queries/membership.js';
import { insertPeerLearningEntry } from '../../db/queries/peer-learning.js';
import { actingCityOf } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { forbidden, notFound, unprocessable } from '../errors.js';
import { PageQuery, page, pageOf } from '../pagination.js';
import { defineRoute, reply } from '../route.js';
import { findCluster } from './clusters.js';

const EntryView = z
  .object({
    id: z.uuid(),
    cluster: z.string(),
    cityId: z.uuid().nullable(),
    kind: z.enum(PEER_KINDS),
    title: z.string(),
    body: z.string(),
    tags: z.array(z.string()),
    source: z.enum(PEER_SOURCES),
    workshopId: z.uuid().nullable(),
    createdAt: z.string(),
    rank: z.number().optional().describe('relevance to q (ts_rank), highest first'),
  })
  .openapi('PeerLearningEntry');

const SearchQuery = PageQuery.extend({
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    // Sanitised, not refused: what PostgreSQL cannot parse is punctuation a person did not mean as syntax.
    .transform(searchText)
    .optional()
    .describe('words to look for (web search syntax: "phrase", or, -not); other punctuation is ignored'),
  cluster: z
    .string()
    .min(1)
    .max(32)
    .transform((s) => s.toUpperCase())
    .optional(),
  kind: z.enum(PEER_KINDS).optional(),
  city: z.uuid().optional(),
});

interface Row {
  id: string;
  cluster_code: string;
  city_id: string | null;
  kind: (typeof PEER_KINDS)[number];
  title: string;
  body: string;
  tags: string[];
  source: (typeof PEER_SOURCES)[number];
  workshop_id: string | null;
  created_at: Date | string;
  rank?: number;
}

const entryView = (r: Row) => ({
  id: r.id,
  cluster: r.cluster_code,
  cityId: r.city_id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  tags: r.tags,
  source: r.source,
  workshopId: r.workshop_id,
  createdAt: new Date(r.created_at).toISOString(),
  ...(r.rank !== undefined && r.rank !== null ? { rank: Number(r.rank) } : {}),
});

const COLUMNS = 'id, cluster_code, city_id, kind, title, body, tags, source, workshop_id, created_at';

async function search(em: EntityManager, q: z.output<typeof SearchQuery>) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.q !== undefined) {
    where.push(`search @@ websearch_to_tsquery('english', ?)`);
    params.push(q.q);
  }
  for (const [column, value] of [
    ['cluster_code', q.cluster],
    ['kind', q.kind],
    ['city_id', q.city],
  ] as const) {
    if (value === undefined) continue;
    where.push(`${column} = ?`);
    params.push(value);
  }
  const filter = where.length ? `where ${where.join(' and ')}` : '';
  // Without a query, newest first straight off the (cluster_code, created_at) / created_at indexes.
  const sql =
    q.q !== undefined
      ? `select ${COLUMNS}, ts_rank(search, websearch_to_tsquery('english', ?)) as rank from peer_learning_entry ${filter}
        order by rank desc, created_at desc, id limit ? offset ?`
      : `select ${COLUMNS} from peer_learning_entry ${filter} order by created_at desc, id limit ? offset ?`;
  const conn = em.getConnection();
  const [rows, [counted]] = await Promise.all([
    conn.execute<Row[]>(sql, [...(q.q !== undefined ? [q.q] : []), ...params, q.limit, q.offset]),
    conn.execute<{ n: string }[]>(`select count(*) as n from peer_learning_entry ${filter}`, params),
  ]);
  return page(rows.map(entryView), Number(counted?.n ?? 0), q);
}

export function peerLearningRoutes(deps: AppDeps): Router {
  const router = Router();

  defineRoute(router, deps, {
    method: 'get',
    path: '/peer-learning',
    summary: 'Search the peer-learning database (ranked full-text search, filters)',
    tags: ['cluster work'],
    roles: ROLES,
    query: SearchQuery,
    responses: {
      200: {
        description: 'entries, most relevant first when q is given, else newest first',
        schema: pageOf(EntryView),
      },
    },
    handler: async ({ query, em }) => search(em, query),
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/peer-learning/:id',
    summary: 'One peer-learning entry',
    tags: ['cluster work'],
    roles: ROLES,
    params: z.object({ id: z.uuid() }),
    responses: { 200: { description: 'the entry', schema: EntryView }, 404: { description: 'unknown' } },
    handler: async ({ params, em }) => {
      const [row] = await em
        .getConnection()
        .execute<Row[]>(`select ${COLUMNS} from peer_learning_entry where id = ?`, [params.id]);
      if (!row) throw notFound('peer-learning entry');
      return entryView(row);
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/peer-learning',
    summary: 'Share a success, challenge, practice or material (member cities of the cluster, the secretariat)',
    tags: ['cluster work'],
    roles: ['city', 'secretariat'],
    body: PeerEntryBody,
    responses: {
      201: { description: 'added', schema: EntryView },
      403: { description: 'the city is not a member of the cluster' },
      422: { description: 'retired cluster, or a city that is not a member' },
    },
    handler: async ({ body, em, principal }) => {
      const cluster = await findCluster(em, body.cluster);
      const cityId = actingCityOf(principal, body.cityId);
      if (cityId && !(await isMember(em, cluster.code, cityId))) {
        if (principal.role === 'city') throw forbidden(`city ${cityId} is not a member of ${cluster.code}`);
        throw unprocessable('invalid entry', [
          { path: 'body.cityId', message: `city ${cityId} is not a member of ${cluster.code}` },
        ]);
      }
      const id = randomUUID();
      const tags = [...new Set(body.tags.map((t) => t.toLowerCase()))];
      await insertPeerLearningEntry(em, {
        id,
        sourceKey: `${principal.role}:${id}`,
        cluster: cluster.code,
        cityId: cityId ?? null,
        kind: body.kind,
        title: body.title,
        body: body.body,
        tags,
        source: principal.role === 'city' ? 'city' : 'secretariat',
        workshopId: null,
      });
      const [row] = await em
        .getConnection()
        .execute<Row[]>(`select ${COLUMNS} from peer_learning_entry where id = ?`, [id]);
      return reply(201, entryView(row!), { Location: `/peer-learning/${id}` });
    },
  });

  return router;
}
