// People and access (secretariat): who may sign in and as what, inviting staff, signing someone out
// everywhere. City and donor access is shown as derived from the registry, never stored here.
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Person, type IPerson } from '../../db/entities/index.js';
import { accessOf } from '../../db/queries/person.js';
import { LANGUAGES, PersonCreate, PersonPatch, ROLES, STAFF_ROLES, normalizeEmail } from '../../domain/auth.js';
import { publicBase } from '../../platform/config.js';
import type { AppDeps } from '../deps.js';
import { conflict } from '../errors.js';
import { findOr404 } from '../lookup.js';
import { PageQuery, likePattern, page, pageOf } from '../pagination.js';
import { defineRoute, reply } from '../route.js';

const PersonView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    language: z.enum(LANGUAGES),
    staffRole: z.enum(STAFF_ROLES).nullable(),
    access: z.array(
      z.object({
        role: z.enum(ROLES),
        cityId: z.uuid().nullable(),
        donorId: z.uuid().nullable(),
        cluster: z.string().nullable(),
      }),
    ),
    activeSessions: z.int(),
    lastSeenAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Person');

async function view(em: EntityManager, p: IPerson) {
  const [row] = await em.getConnection().execute<{ active: string; last: Date | null }[]>(
    `select count(*) filter (where revoked_at is null and expires_at > now()) as active, max(last_seen_at) as last
       from session where person_id = ?`,
    [p.id],
  );
  return {
    id: p.id,
    name: p.name,
    email: p.email,
    language: p.language,
    staffRole: p.staffRole ?? null,
    access: await accessOf(em, p.email, p.staffRole ?? null),
    activeSessions: Number(row?.active ?? 0),
    lastSeenAt: row?.last ? new Date(row.last).toISOString() : null,
    createdAt: p.createdAt.toISOString(),
  };
}

const IdParams = z.object({ id: z.uuid() });

export function peopleRoutes(deps: AppDeps): Router {
  const router = Router();

  defineRoute(router, deps, {
    method: 'get',
    path: '/people',
    summary: 'People who have signed in or were invited, with what they may do',
    tags: ['access'],
    roles: ['secretariat'],
    query: PageQuery.extend({ q: z.string().trim().max(200).optional().describe('part of the name or e-mail') }),
    responses: { 200: { description: 'people', schema: pageOf(PersonView) } },
    handler: async ({ query, em }) => {
      const like = query.q ? likePattern(query.q) : undefined;
      const where = like ? { $or: [{ name: { $ilike: like } }, { email: { $ilike: like } }] } : {};
      const [rows, total] = await em.findAndCount(Person, where, {
        orderBy: { name: 'asc', id: 'asc' },
        limit: query.limit,
        offset: query.offset,
      });
      return page(await Promise.all(rows.map((p) => view(em, p))), total, query);
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/people',
    summary: 'Invite a member of staff (an e-mailed sign-in link, valid for 7 days)',
    tags: ['access'],
    roles: ['secretariat'],
    body: PersonCreate,
    responses: {
      201: { description: 'invited', schema: PersonView },
      409: { description: 'a person with this e-mail exists' },
    },
    handler: async ({ body, em }) => {
      const email = normalizeEmail(body.email);
      if (await em.findOne(Person, { email })) throw conflict(`${email} has an account already`);
      const person = em.create(Person, {
        id: randomUUID(),
        email,
        name: body.name,
        language: body.language,
        staffRole: body.staffRole,
      });
      await em.flush();
      await deps.sessions.invitationLink(email, publicBase(deps.config), true, body.language);
      return reply(201, await view(em, person), { Location: `/people/${person.id}` });
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/people/:id',
    summary: 'One person and their access',
    tags: ['access'],
    roles: ['secretariat'],
    params: IdParams,
    responses: { 200: { description: 'the person', schema: PersonView }, 404: { description: 'unknown' } },
    handler: async ({ params, em }) => view(em, await findOr404(em, Person, params.id, 'person')),
  });

  defineRoute(router, deps, {
    method: 'patch',
    path: '/people/:id',
    summary: "Change a person's name, language or staff role (null: no staff access)",
    tags: ['access'],
    roles: ['secretariat'],
    params: IdParams,
    body: PersonPatch,
    responses: { 200: { description: 'updated', schema: PersonView } },
    handler: async ({ params, body, em }) => {
      const person = await findOr404(em, Person, params.id, 'person');
      Object.assign(person, body);
      await em.flush();
      deps.sessions.forgetPerson(person.id);
      return view(em, person);
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/people/:id/sign-out',
    summary: 'Sign a person out everywhere (every session ends at once)',
    tags: ['access'],
    roles: ['secretariat'],
    params: IdParams,
    responses: { 200: { description: 'sessions ended', schema: z.object({ revoked: z.int() }) } },
    handler: async ({ params, em }) => {
      const person = await findOr404(em, Person, params.id, 'person');
      return { revoked: await deps.sessions.revoke({ personId: person.id }) };
    },
  });
  return router;
}
