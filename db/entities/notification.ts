import { randomUUID } from 'node:crypto';
import { values } from './enum.js';
import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { RECIPIENT_KINDS } from '../../domain/notification.js';
import { City, Donor } from './registry.js';

/** The outbox: every message the engine sends, delivered by SMTP when configured. */
export const Notification = defineEntity({
  name: 'Notification',
  tableName: 'notification',
  // Each reader's newest-first listing (GET /notifications): a city's, a donor's, and the secretariat's
  // (partial: the kinds it reads, api/routes/notifications.ts ownedBy, in one date order).
  indexes: [
    {
      name: 'notification_secretariat_created_at_index',
      expression: `create index "notification_secretariat_created_at_index" on "notification" ("created_at") where "recipient_kind" in ('secretariat', 'email')`,
    },
    { properties: ['recipientCity', 'createdAt'] },
    { properties: ['recipientDonor', 'createdAt'] },
    { properties: ['deliveredAt'] },
    { properties: ['nextAttemptAt'] },
  ],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    key: p.string().unique(),
    recipientKind: p.enum(values(RECIPIENT_KINDS)),
    recipientCity: p.manyToOne(City).mapToPk().nullable(),
    recipientDonor: p.manyToOne(Donor).mapToPk().nullable(),
    email: p.string().nullable(),
    kind: p.string().length(64),
    subject: p.string(),
    body: p.text(),
    resource: p.string().nullable(),
    /** The web app page where this message's reader acts (/app/city/elections/…), linked from the e-mail. */
    link: p.string().length(500).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    deliveredAt: p.datetime().nullable(),
    attempts: p.integer().default(0),
    lastError: p.text().nullable(),
    /** When delivery may next try: a claim pushes it past the send (a lease), a failure by the backoff. */
    nextAttemptAt: p.datetime().defaultRaw('now()'),
    /** Set when delivery gave up (a day of failed attempts): counted as failed for the secretariat. */
    failedAt: p.datetime().nullable(),
  }),
});
export type INotification = InferEntity<typeof Notification>;
