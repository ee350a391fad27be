import nodemailer from 'nodemailer';
import type { Orm } from '../db/orm.js';
import type { Logger } from './logger.js';

interface Pending {
  id: string;
  email: string;
  subject: string;
  body: string;
  attempts: number;
}

/**
 * Delivers the notification outbox by SMTP when SMTP_URL is set. Rows are claimed with
 * SKIP LOCKED so several workers never send the same message; without SMTP, messages stay
 * readable in the API (GET /notifications) and are not marked delivered.
 */
export function startOutboxDelivery(opts: { orm: Orm; logger: Logger; smtpUrl?: string; from: string; intervalMs?: number }): () => Promise<void> {
  if (!opts.smtpUrl) return async () => {};
  const transport = nodemailer.createTransport(opts.smtpUrl);
  let busy: Promise<void> = Promise.resolve();
  const tick = async () => {
    const conn = opts.orm.em.fork().getConnection();
    await conn.transactional(async (trx) => {
      const rows = await conn.execute<Pending[]>(
        `select id, email, subject, body, attempts from notification
          where delivered_at is null and email is not null and attempts < 5
          order by created_at limit 50 for update skip locked`,
        [],
        'all',
        trx,
      );
      for (const n of rows) {
        try {
          await transport.sendMail({ from: opts.from, to: n.email, subject: n.subject, text: n.body });
          await conn.execute('update notification set delivered_at = now(), attempts = attempts + 1 where id = ?', [n.id], 'run', trx);
        } catch (err) {
          opts.logger.warn({ err, id: n.id }, 'notification delivery failed');
          await conn.execute('update notification set attempts = attempts + 1, last_error = ? where id = ?', [String(err), n.id], 'run', trx);
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
