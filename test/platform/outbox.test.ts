import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createNotificationActivities } from '../../activities/notification.js';
import { City, Membership } from '../../db/entities/index.js';
import type { Orm } from '../../db/orm.js';
import { createLogger } from '../../platform/logger.js';
import { messageIdOf, startOutboxDelivery } from '../../platform/outbox.js';
import { OUTBOX_BACKOFF, nextAttempt, retryDelayMs } from '../../domain/notification.js';
import { outboxCounts } from '../../db/queries/notification.js';
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
    await orm.em.getConnection().execute<
      {
        delivered_at: Date | null;
        attempts: number;
        last_error: string | null;
        next_attempt_at: string;
        failed_at: Date | null;
      }[]
    >('select delivered_at, attempts, last_error, next_attempt_at, failed_at from notification where key = ?', [key])
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

  it('records a failed attempt, waits by the backoff, and delivers on a later try', async () => {
    const msg = await messageToCity();
    const closedPort = await freePort();
    const before = Date.now();
    deliver(`smtp://127.0.0.1:${closedPort}`);
    const failed = await until('a failed attempt to be recorded', async () => {
      const r = await row(msg.key);
      return r.last_error ? r : undefined;
    });
    expect(failed.delivered_at).toBeNull();
    expect(failed.failed_at).toBeNull();
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toMatch(/ECONNREFUSED/);
    // The next attempt is 30 s away, not the next tick.
    expect(new Date(failed.next_attempt_at).getTime()).toBeGreaterThanOrEqual(before + 30_000 - 1_000);
    expect(new Date(failed.next_attempt_at).getTime()).toBeLessThanOrEqual(Date.now() + 30_000 + 1_000);
    for (const stop of stops.splice(0)) await stop();

    // Its time comes (as if 30 s had gone by): a working server gets it once.
    await orm.em.getConnection().execute('update notification set next_attempt_at = now() where key = ?', [msg.key]);
    deliver();
    await until('the retried message to be delivered', async () => (await row(msg.key)).delivered_at);
    expect(receivedWith(msg.subject)).toHaveLength(1);
    expect((await row(msg.key)).attempts).toBe(2);
  });

  it('backs off from 30 s doubling to 6 h and gives up a day after the message was written', () => {
    expect([1, 2, 3, 4, 10, 11, 12, 30].map(retryDelayMs)).toEqual([
      30_000, 60_000, 120_000, 240_000, 15_360_000, 21_600_000, 21_600_000, 21_600_000,
    ]);
    const created = new Date('2030-01-01T00:00:00Z');
    // Tried at each moment the schedule gives: delivery keeps trying for a day, then gives up.
    let at = created;
    let attempts = 0;
    const tries: Date[] = [];
    for (;;) {
      attempts += 1;
      const next = nextAttempt(attempts, created, at);
      if (!next) break;
      tries.push(next);
      at = next;
    }
    expect(attempts).toBe(13);
    expect(at.getTime() - created.getTime()).toBeLessThanOrEqual(OUTBOX_BACKOFF.giveUpAfterMs);
    expect(at.getTime() - created.getTime()).toBeGreaterThan(OUTBOX_BACKOFF.giveUpAfterMs - OUTBOX_BACKOFF.capMs);
  });

  it('marks a message failed when a day of attempts has gone by, and counts it', async () => {
    const msg = await messageToCity();
    const conn = orm.em.getConnection();
    await conn.execute(
      "update notification set created_at = now() - interval '23 hours 59 minutes 50 seconds' where key = ?",
      [msg.key],
    );
    deliver(`smtp://127.0.0.1:${await freePort()}`);
    const failed = await until('the message to be marked failed', async () => {
      const r = await row(msg.key);
      return r.failed_at ? r : undefined;
    });
    expect(failed.delivered_at).toBeNull();
    expect(failed.attempts).toBe(1);
    for (const stop of stops.splice(0)) await stop();
    // Given up for good: a working server later never gets it.
    const later = await messageToCity();
    deliver();
    await until('a later message to be delivered', async () => (await row(later.key)).delivered_at);
    expect(receivedWith(msg.subject)).toHaveLength(0);
    const counts = await outboxCounts(orm.em.fork() as never);
    expect(counts.failed).toBeGreaterThanOrEqual(1);
  });

  it('counts pending messages and the oldest of them', async () => {
    const empty = await outboxCounts(orm.em.fork() as never);
    expect(empty).toMatchObject({ pending: 0, oldestPendingAt: null });
    const first = await messageToCity();
    await messageToCity();
    const counts = await outboxCounts(orm.em.fork() as never);
    expect(counts.pending).toBe(2);
    const [oldest] = await orm.em
      .getConnection()
      .execute<{ created_at: string }[]>('select created_at from notification where key = ?', [first.key]);
    expect(counts.oldestPendingAt).toBe(new Date(oldest!.created_at).toISOString());
    deliver();
    await until('the outbox to be empty', async () => (await outboxCounts(orm.em.fork() as never)).pending === 0);
  });

  it('gives every message a Message-ID derived from its key, the same on every attempt', async () => {
    const msg = await messageToCity();
    deliver();
    const [mail] = await until(
      'the message',
      async () => receivedWith(msg.subject).length > 0 && receivedWith(msg.subject),
    );
    const id = /^Message-ID: *(.*)$/im.exec(mail!.raw)?.[1]?.trim();
    expect(id).toBe(messageIdOf(msg.key, FROM));
    expect(id).toMatch(/^<[0-9a-f]{40}@example\.org>$/);
    expect(messageIdOf(msg.key, FROM)).toBe(id);
    expect(messageIdOf(`${msg.key}x`, FROM)).not.toBe(id);
  });

  it('resends at most the one message in flight when its delivery process is killed mid-batch', async () => {
    const messages = await Promise.all(Array.from({ length: 30 }, () => messageToCity()));
    const start = smtp.received.length;
    const root = join(import.meta.dirname, '..', '..');
    const child = spawn(join(root, 'node_modules/.bin/tsx'), ['test/support/outbox-process.ts'], {
      cwd: root,
      detached: true,
      stdio: 'ignore',
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: db.url,
        SMTP_URL: smtp.url,
        LEASE_MS: '2000',
      },
    });
    const exited = new Promise((r) => child.once('exit', r));
    try {
      await smtp.waitForCount(start + 10, 30_000);
    } finally {
      // The whole group: tsx runs the script in a node child of its own.
      process.kill(-child.pid!, 'SIGKILL');
      await exited;
    }
    const sentBeforeKill = smtp.received.length - start;
    expect(sentBeforeKill).toBeLessThan(30);

    deliver();
    for (const m of messages) await until(`${m.subject} to be delivered`, async () => (await row(m.key)).delivered_at);
    const copies = messages.map((m) => receivedWith(m.subject).length);
    expect(copies.every((n) => n >= 1)).toBe(true);
    expect(copies.filter((n) => n > 1).length).toBeLessThanOrEqual(1);
    // A resend carries the Message-ID of the first copy.
    for (const m of messages) {
      const ids = new Set(receivedWith(m.subject).map((r) => /^Message-ID: *(.*)$/im.exec(r.raw)?.[1]?.trim()));
      expect(ids.size).toBe(1);
    }
  });
});
