import type { EntityManager } from '@mikro-orm/postgresql';
import { Donor, Membership } from '../db/entities/index.js';
import type { NotificationRequest } from '../domain/notification.js';
import type { ActivityDeps } from './deps.js';

/** The address a message goes to: the city's representative (of the cluster when given), the donor's contact. */
async function emailFor(em: EntityManager, req: NotificationRequest): Promise<string | null> {
  if (req.recipientKind === 'city' && req.cityId) {
    const m = await em.findOne(
      Membership,
      { city: req.cityId, until: null, ...(req.cluster ? { cluster: req.cluster } : {}) },
      { orderBy: { since: 'desc' } },
    );
    return m?.representativeEmail ?? null;
  }
  if (req.recipientKind === 'donor' && req.donorId) return (await em.findOne(Donor, req.donorId))?.contactEmail ?? null;
  if (req.recipientKind === 'email') return req.email ?? null;
  return null;
}

export function createNotificationActivities({ orm }: ActivityDeps) {
  return {
    /** Writes messages to the outbox; each key is written once, so a retried activity sends nothing twice. */
    async notify(requests: NotificationRequest[]): Promise<{ created: number }> {
      if (requests.length === 0) return { created: 0 };
      const em = orm.em.fork();
      const rows = await Promise.all(
        requests.map(async (r) => ({
          id: crypto.randomUUID(),
          key: r.key,
          recipient_kind: r.recipientKind,
          recipient_city_id: r.cityId ?? null,
          recipient_donor_id: r.donorId ?? null,
          email: await emailFor(em, r),
          kind: r.kind,
          subject: r.subject,
          body: r.body,
          resource: r.resource ?? null,
          created_at: new Date(),
        })),
      );
      const inserted = await em.getKnex().insert(rows).into('notification').onConflict('key').ignore().returning('id');
      return { created: inserted.length };
    },
  };
}
