// The outbox's state for the secretariat (GET /notifications/outbox) and for /metrics.
import type { EntityManager } from '@mikro-orm/postgresql';

export interface OutboxCounts {
  /** Messages with an address still to be delivered (including those waiting for their next attempt). */
  pending: number;
  /** Messages delivery gave up on. */
  failed: number;
  oldestPendingAt: string | null;
}

export async function outboxCounts(em: EntityManager): Promise<OutboxCounts> {
  const [r] = await em.getConnection().execute<{ pending: string; failed: string; oldest: Date | string | null }[]>(
    `select count(*) filter (where failed_at is null) as pending,
            count(*) filter (where failed_at is not null) as failed,
            min(created_at) filter (where failed_at is null) as oldest
       from notification where delivered_at is null and email is not null`,
  );
  return {
    pending: Number(r!.pending),
    failed: Number(r!.failed),
    oldestPendingAt: r!.oldest ? new Date(r!.oldest).toISOString() : null,
  };
}
