import { Router } from 'express';
import { z } from 'zod';
import { AuditEvent, Notification } from '../../db/entities/index.js';
import { outboxCounts } from '../../db/queries/notification.js';
import { ROLES, type Principal } from '../../domain/auth.js';
import { RECIPIENT_KINDS } from '../../domain/notification.js';
import type { AppDeps } from '../deps.js';
import { PageQuery, page, pageOf } from '../pagination.js';
import { defineRoute } from '../route.js';

const NotificationView = z
  .object({
    id: z.uuid(),
    recipientKind: z.enum(RECIPIENT_KINDS),
    cityId: z.uuid().nullable(),
    donorId: z.uuid().nullable(),
    kind: z.string(),
    subject: z.string(),
    body: z.string(),
    resource: z.string().nullable(),
    link: z.string().nullable().describe('the web app page where the reader acts on it (e.g. /app/city/elections/…)'),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
  })
  .openapi('Notification');

const OutboxView = z
  .object({
    pending: z.int().describe('messages with an address not yet delivered (waiting for their next attempt included)'),
    failed: z.int().describe('messages delivery gave up on after a day of attempts'),
    oldestPendingAt: z.string().nullable().describe('when the oldest pending message was written'),
  })
  .openapi('Outbox');

const AuditView = z
  .object({
    id: z.uuid(),
    actorTokenId: z.uuid().nullable(),
    actorRole: z.string(),
    method: z.string(),
    path: z.string(),
    status: z.int(),
    at: z.string(),
  })
  .openapi('AuditEvent');

/** The caller's own messages: a city's, a donor's, or the secretariat's. */
function ownedBy(p: Principal): Record<string, unknown> {
  if (p.role === 'city') return { recipientKind: 'city', recipientCity: p.cityId };
  if (p.role === 'donor') return { recipientKind: 'donor', recipientDonor: p.donorId };
  // Messages to plain e-mail addresses (external experts) have no other reader: the secretariat sees them.
  // The partial index notification_secretariat_created_at_index serves exactly these two kinds.
  if (p.role === 'secretariat') return { recipientKind: { $in: ['secretariat', 'email'] } };
  return { id: null };
}

export function notificationRoutes(deps: AppDeps): Router {
  const router = Router();
  defineRoute(router, deps, {
    method: 'get',
    path: '/notifications',
    summary: "The caller's own notifications, newest first",
    tags: ['notifications'],
    roles: ROLES,
    query: PageQuery.extend({ kind: z.string().max(64).optional(), resource: z.string().max(200).optional() }),
    responses: { 200: { description: 'notifications', schema: pageOf(NotificationView) } },
    handler: async ({ query, em, principal }) => {
      const where = {
        ...ownedBy(principal),
        ...(query.kind ? { kind: query.kind } : {}),
        ...(query.resource ? { resource: query.resource } : {}),
      };
      const [rows, total] = await em.findAndCount(Notification, where, {
        orderBy: { createdAt: 'desc', id: 'asc' },
        limit: query.limit,
        offset: query.offset,
      });
      return page(
        rows.map((n) => ({
          id: n.id,
          recipientKind: n.recipientKind,
          cityId: n.recipientCity ?? null,
          donorId: n.recipientDonor ?? null,
          kind: n.kind,
          subject: n.subject,
          body: n.body,
          resource: n.resource ?? null,
          link: n.link ?? null,
          createdAt: n.createdAt.toISOString(),
          deliveredAt: n.deliveredAt?.toISOString() ?? null,
        })),
        total,
        query,
      );
    },
  });
  defineRoute(router, deps, {
    method: 'get',
    path: '/notifications/outbox',
    summary: 'E-mail delivery: messages pending and failed',
    tags: ['notifications'],
    roles: ['secretariat'],
    responses: { 200: { description: 'the outbox state', schema: OutboxView } },
    handler: async ({ em }) => outboxCounts(em),
  });
  defineRoute(router, deps, {
    method: 'get',
    path: '/audit-events',
    summary: 'Who changed what, when',
    tags: ['access'],
    roles: ['secretariat'],
    query: PageQuery.extend({ path: z.string().max(500).optional() }),
    responses: { 200: { description: 'audit trail, newest first', schema: pageOf(AuditView) } },
    handler: async ({ query, em }) => {
      const where = query.path ? { path: { $like: `${query.path.replace(/[%_\\]/g, '\\$&')}%` } } : {};
      const [rows, total] = await em.findAndCount(AuditEvent, where, {
        orderBy: { at: 'desc', id: 'asc' },
        limit: query.limit,
        offset: query.offset,
      });
      return page(
        rows.map((a) => ({
          id: a.id,
          actorTokenId: a.actorTokenId ?? null,
          actorRole: a.actorRole,
          method: a.method,
          path: a.path,
          status: a.status,
          at: a.at.toISOString(),
        })),
        total,
        query,
      );
    },
  });
  return router;
}
