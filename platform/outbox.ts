import nodemailer from 'nodemailer';
import type { Orm } from '../db/orm.js';
import type { Logger } from './logger.js';

interface Pending {
  id: string;
  email: string;
  subject: string;
  body: string;
  attempts: number;
  resource: string | null;
  recipient_kind: string;
}

/** Every message links to the page where its reader acts: the web app's page of its resource. */
export const withLink = (body: string, resource: string | null, appUrl: string | undefined): string =>
  resource && appUrl ? `${body}\n\n${appUrl}/app${resource}` : body;

/**
 * Delivers the notification outbox by SMTP when SMTP_URL is set. Rows are claimed with
 * SKIP LOCKED so several workers never send the same message; without SMTP, messages stay
 * readable in the API (GET /notifications) and are not marked delivered.
 */
export function startOutboxDelivery(opts: {
  orm: Orm;
  logger: Logger;
  smtpUrl?: string;
  from: string;
  /** Base URL of the engine (PUBLIC_URL): messages link to its web app. */
  appUrl?: string;
  intervalMs?: number;
}): () => Promise<void> {
  if (!opts.smtpUrl) return async () => {};
  const transport = nodemailer.createTransport(opts.smtpUrl);
  let busy: Promise<void> = Promise.resolve();
  const tick = async () => {
    const conn = opts.orm.em.fork().getConnection();
    await conn.transactional(async (trx) => {
      const rows = await conn.execute<Pending[]>(
        `select id, email, subject, body, attempts, resource, recipient_kind from notification
          where delivered_at is null and email is not null and attempts < 5
          order by created_at limit 50 for update skip locked`,
        [],
        'all',
        trx,
      );
      for (const n of rows) {
        try {
          await transport.sendMail({
            from: opts.from,
            to: n.email,
            subject: n.subject,
            text: withLink(n.body, n.resource, opts.appUrl),
          });
          // A message for one person's eyes (a sign-in link) is not kept once it is delivered.
          const body = n.recipient_kind === 'person' ? '(delivered; redacted)' : n.body;
          await conn.execute(
            'update notification set delivered_at = now(), attempts = attempts + 1, body = ? where id = ?',
            [body, n.id],
            'run',
            trx,
          );
        } catch (err) {
          opts.logger.warn({ err, id: n.id }, 'notification delivery failed');
          await conn.execute(
            'update notification set attempts = attempts + 1, last_error = ? where id = ?',
            [String(err), n.id],
            'run',
            trx,
          );
        }
      }
    });
  };
  const timer = setInterval(() => {
    busy = busy.then(tick).catch((err) => opts.logger.error({ err }, 'outbox tick failed'));
  }, opts.intervalMs ?? 2_000);
  return async () => {
    clearInterval(timer);
    await busy;
    transport.close();
  };
}
