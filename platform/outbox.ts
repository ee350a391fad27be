import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Orm } from '../db/orm.js';
import { nextAttempt } from '../domain/notification.js';
import type { Logger } from './logger.js';

interface Claimed {
  id: string;
  key: string;
  email: string;
  subject: string;
  body: string;
  attempts: number;
  link: string | null;
  recipient_kind: string;
  created_at: Date | string;
}

/**
 * Every message links to the page where its reader acts (`link`, chosen per reader when the message
 * was written: a city's portal, a donor's, the console), under the engine's public URL. Going there
 * signed out leads through sign-in back to that page (the sign-in link carries it as `next`).
 */
export const withLink = (body: string, link: string | null, appUrl: string | undefined): string =>
  link && appUrl ? `${body}\n\n${appUrl}${link}` : body;

/**
 * The Message-ID of a notification, derived from its business key: every attempt to send one message
 * carries the same ID, so a resend after a crash is recognisable as a duplicate by mail servers and clients.
 */
export function messageIdOf(key: string, from: string): string {
  const domain = /@([^\s>]+)>?\s*$/.exec(from)?.[1] ?? 'gnlc.local';
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@${domain}>`;
}

/**
 * How long a claimed message is kept from other deliverers. Longer than any one send can take (the
 * transport's timeouts below bound it), so a slow send is never taken over; after a crash, the message
 * in flight goes again once its lease ends. Messages are claimed one at a time, so no claim waits
 * behind other sends.
 */
const LEASE_MS = 5 * 60_000;

/**
 * Delivers the notification outbox by SMTP when SMTP_URL is set; without SMTP, messages stay readable
 * in the API (GET /notifications) and are not marked delivered.
 *
 * Each message is claimed by a statement of its own (SKIP LOCKED, so several workers never take the same
 * one; the claim is a lease in next_attempt_at), sent outside any transaction, and marked delivered right
 * after its send: a worker killed mid-batch resends at most the one message in flight, with the same
 * Message-ID. A failure waits by exponential backoff (30 s doubling to 6 h) and delivery gives up a day
 * after the message was written, marking it failed (GET /notifications/outbox and /metrics count them).
 *
 * Why not a Temporal activity per message: the outbox row is written by the notify activity inside the
 * process that decided to send, keyed by its business key, so it is already durable and deduplicated;
 * a workflow or activity per message would add one Temporal execution per e-mail (thousands per
 * campaign) for the same at-least-once send, and the secretariat's counts would have to be read from
 * Temporal's visibility instead of one SQL query. A lease plus backoff in the row gives the same
 * guarantees with the database we already have.
 */
export function startOutboxDelivery(opts: {
  orm: Orm;
  logger: Logger;
  smtpUrl?: string;
  from: string;
  /** Base URL of the engine (PUBLIC_URL): messages link to its web app. */
  appUrl?: string;
  intervalMs?: number;
  leaseMs?: number;
}): () => Promise<void> {
  if (!opts.smtpUrl) return async () => {};
  const transport = nodemailer.createTransport(opts.smtpUrl, {
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
  const conn = opts.orm.em.getConnection();
  let stopped = false;
  let busy: Promise<void> = Promise.resolve();

  const leaseMs = opts.leaseMs ?? LEASE_MS;
  const claim = () =>
    conn.execute<Claimed[]>(
      `update notification set next_attempt_at = now() + ? * interval '1 millisecond', attempts = attempts + 1
        where id in (select id from notification
                      where delivered_at is null and failed_at is null and email is not null and next_attempt_at <= now()
                      order by next_attempt_at, created_at limit 1 for update skip locked)
        returning id, key, email, subject, body, attempts, link, recipient_kind, created_at`,
      [leaseMs],
    );

  const deliver = async (n: Claimed) => {
    // A message for one person's eyes (a sign-in link, a National Commission's or a juror's link) is
    // not kept once it is delivered or given up: neither its body nor its link, whose URL carries the
    // live token (stored only hashed elsewhere), so the e-mail is the one place the token is left.
    const redacted = (what: string) => (n.recipient_kind === 'person' ? `(${what}; redacted)` : n.body);
    const link = n.recipient_kind === 'person' ? null : n.link;
    try {
      await transport.sendMail({
        from: opts.from,
        to: n.email,
        subject: n.subject,
        text: withLink(n.body, n.link, opts.appUrl),
        messageId: messageIdOf(n.key, opts.from),
      });
    } catch (err) {
      const next = nextAttempt(n.attempts, new Date(n.created_at), new Date());
      opts.logger.warn({ err, id: n.id, attempts: n.attempts, next }, 'notification delivery failed');
      await conn.execute(
        next
          ? 'update notification set next_attempt_at = ?, last_error = ? where id = ?'
          : 'update notification set failed_at = now(), last_error = ?, body = ?, link = ? where id = ?',
        next ? [next, String(err), n.id] : [String(err), redacted('not delivered'), link, n.id],
      );
      return;
    }
    await conn.execute(
      'update notification set delivered_at = now(), last_error = null, body = ?, link = ? where id = ?',
      [redacted('delivered'), link, n.id],
    );
  };

  const tick = async () => {
    while (!stopped) {
      const [n] = await claim();
      if (!n) return;
      await deliver(n);
    }
  };
  let running = false;
  const timer = setInterval(() => {
    // One tick at a time: a long tick (a backlog) is not followed by a queue of ticks behind it.
    if (running) return;
    running = true;
    busy = tick()
      .catch((err) => opts.logger.error({ err }, 'outbox tick failed'))
      .finally(() => (running = false));
  }, opts.intervalMs ?? 2_000);
  return async () => {
    clearInterval(timer);
    stopped = true;
    await busy;
    transport.close();
  };
}
