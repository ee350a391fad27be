import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createNotificationActivities } from '../../activities/notification.js';
import { City, Membership } from '../../db/entities/index.js';
import type { Orm } from '../../db/orm.js';
import { createLogger } from '../../platform/logger.js';
import { startOutboxDelivery } from '../../platform/outbox.js';
import { freshDatabase } from '../support/fresh-database.js';
import { freePort } from '../support/global-setup.js';
import { startSmtpSink as startSmtpServer } from '../support/mail.js';

const FROM = 'GNLC secretariat <learningcities@example.org>';
const logger = createLogger('silent');

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

let orm: Orm;
let db: Awaited<ReturnType<typeof freshDatabase>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let notify: ReturnType<typeof createNotificationActivities>['notify'];
const stops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  // Delivery takes every pending message of its database: a database of its own keeps the rest
  // of the suite's notifications out of this file's mailbox.
  db = await freshDatabase();
  orm = db.orm;
  smtp = await startSmtpServer();
  ({ notify } = createNotificationActivities({ orm, logger }));
});
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});
afterAll(async () => {
  await smtp?.close();
  await db?.drop();
});

function deliver(smtpUrl = smtp.url): void {
  stops.push(startOutboxDelivery({ orm, logger, smtpUrl, from: FROM, intervalMs: 100 }));
}

/** A city whose ESD representative has a fresh address, and a message to it. */
async function messageToCity(subject = `Outbox ${randomUUID()}`) {
  const em = orm.em.fork();
  const city = em.create(City, {
    id: randomUUID(),
    name: `Outbox ${randomUUID().slice(0, 8)}`,
    country: 'KE',
    status: 'member',
    yearJoined: null,
  });
  const email = `rep-${city.id.slice(0, 8)}@example.org`;
  em.create(Membership, {
    city: city.id,
    cluster: 'ESD',
    since: '2023-01-01',
    until: null,
    representativeName: 'Rep',
    representativeEmail: email,
    representativeExpertise: [],
  });
  await em.flush();
  const key = `outbox-test:${randomUUID()}`;
  await notify([
    {
      key,
      recipientKind: 'city',
      cityId: city.id,
      cluster: 'ESD',
      kind: 'test',
      subject,
      body: 'Dear representative, ...',
    },
  ]);
  return { key, email, subject };
}

const row = async (key: string) =>
  (
    await orm.em
      .getConnection()
      .execute<{ delivered_at: Date | null; attempts: number; last_error: string | null }[]>(
        'select delivered_at, attempts, last_error from notification where key = ?',
        [key],
      )
  )[0]!;
const receivedWith = (subject: string) => smtp.received.filter((m) => m.subject === subject);

describe('outbox delivery by SMTP', () => {
  it('delivers a message to the recipient and marks it delivered', async () => {
    const msg = await messageToCity();
    deliver();
    const [mail] = await until(
      'the message to arrive',
      async () => receivedWith(msg.subject).length > 0 && receivedWith(msg.subject),
    );
    expect(mail!.to).toEqual([msg.email]);
    const delivered = await until('delivered_at to be set', async () => {
      const r = await row(msg.key);
      return r.delivered_at ? r : undefined;
    });
    expect(delivered.attempts).toBe(1);
  });

  it('never sends a message twice', async () => {
    const first = await messageToCity();
    deliver();
    await until('the first message to be delivered', async () => (await row(first.key)).delivered_at);
    // Ticks run in order: once a later message is through, the first had its chances to go again.
    const second = await messageToCity();
    await until('the second message to be delivered', async () => (await row(second.key)).delivered_at);
    expect(receivedWith(first.subject)).toHaveLength(1);
    expect(receivedWith(second.subject)).toHaveLength(1);
  });

  it('sends each message once when two workers deliver the same outbox', async () => {
    const messages = await Promise.all(Array.from({ length: 12 }, () => messageToCity()));
    deliver();
    deliver();
    for (const m of messages) await until(`${m.subject} to be delivered`, async () => (await row(m.key)).delivered_at);
    for (const m of messages) expect(receivedWith(m.subject).map((r) => r.to)).toEqual([[m.email]]);
  });

  it('records a failed attempt and delivers on a later try', async () => {
    const msg = await messageToCity();
    const closedPort = await freePort();
    deliver(`smtp://127.0.0.1:${closedPort}`);
    const failed = await until('a failed attempt to be recorded', async () => {
      const r = await row(msg.key);
      return r.attempts > 0 ? r : undefined;
    });
    expect(failed.delivered_at).toBeNull();
    expect(failed.last_error).toMatch(/ECONNREFUSED/);
    for (const stop of stops.splice(0)) await stop();

    deliver();
    await until('the retried message to be delivered', async () => (await row(msg.key)).delivered_at);
    expect(receivedWith(msg.subject)).toHaveLength(1);
  });
});
