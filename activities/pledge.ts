// The pledge workflow's effects: its rows, written by business key so that retries change nothing.
import type { EntityManager } from '@mikro-orm/postgresql';
import { openPledge } from '../db/queries/pledge.js';
import { SETTLED, type InstalmentStatus } from '../domain/pledge.js';
import type { PledgeSpec, ReceiptArgs, StatusChange } from '../domain/pledge.contract.js';
import type { ActivityDeps } from './deps.js';
import { acknowledgementOf } from '../db/queries/acknowledgement.js';
import { createNotificationActivities } from './notification.js';

/** SQL: the instalment still owes something (the SQL twin of SETTLED in domain/pledge.ts). */
const UNSETTLED = `status not in (${SETTLED.map((s) => `'${s}'`).join(', ')})`;

/**
 * Appends changes to the history and moves the pledge to the newest one. The pledge's row is locked
 * first so that concurrent changes take turns: each then sees every committed seq, and a late write
 * of an older change never overwrites a newer status.
 */
async function writeStatusChanges(tx: EntityManager, changes: StatusChange[]): Promise<void> {
  if (changes.length === 0) return;
  const pledgeId = changes[0]!.pledgeId;
  await tx.execute(`select id from pledge where id = ? for update`, [pledgeId]);
  for (const ch of changes) {
    await tx.execute(
      `insert into pledge_status_change (id, pledge_id, seq, from_status, to_status, by, note, at)
       values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
      [pledgeId, ch.seq, ch.from, ch.to, ch.by, ch.note, ch.at],
    );
  }
  const last = changes[changes.length - 1]!;
  await tx.execute(
    `update pledge set status = ?, status_since = ?, updated_at = now()
      where id = ? and not exists (select 1 from pledge_status_change where pledge_id = ? and seq > ?)`,
    [last.to, last.at, pledgeId, pledgeId, last.seq],
  );
  if (changes.some((ch) => ch.writeOff)) {
    await tx.execute(
      `update instalment set status = 'written_off', updated_at = now() where pledge_id = ? and ${UNSETTLED}`,
      [pledgeId],
    );
  }
}

export function createPledgeActivities(deps: ActivityDeps) {
  const { orm } = deps;
  const conn = () => orm.em.fork().getConnection();
  const { notify } = createNotificationActivities(deps);
  return {
    async openPledge(spec: PledgeSpec): Promise<string> {
      return openPledge(orm.em.fork() as EntityManager, spec);
    },

    /** Appends to the history; the pledge's status follows the newest change only (retries may land late). */
    async recordStatusChange(args: StatusChange) {
      await orm.em.fork().transactional((tx) => writeStatusChanges(tx, [args]));
    },

    /** Moves an instalment forward (scheduled → due → overdue); never away from paid, waived or written off. */
    async setInstalmentStatus(args: { pledgeId: string; seq: number; status: InstalmentStatus }) {
      const rank = `case status when 'scheduled' then 0 when 'due' then 1 when 'overdue' then 2 else 9 end`;
      const target = { scheduled: 0, due: 1, overdue: 2 }[args.status as 'scheduled'] ?? 9;
      await conn().execute(
        `update instalment set status = ?, updated_at = now() where pledge_id = ? and seq = ? and ${rank} < ?`,
        [args.status, args.pledgeId, args.seq, target],
      );
    },

    /**
     * Waives an instalment that is still unsettled (a retry finds it waived and changes nothing),
     * with the status change the waiver causes, in one transaction.
     */
    async waiveInstalment(args: { pledgeId: string; seq: number; statusChanges: StatusChange[] }) {
      await orm.em.fork().transactional(async (tx) => {
        await writeStatusChanges(tx, args.statusChanges);
        await tx.execute(
          `update instalment set status = 'waived', updated_at = now() where pledge_id = ? and seq = ? and ${UNSETTLED}`,
          [args.pledgeId, args.seq],
        );
      });
    },

    /**
     * Inserts the receipt once per business key and, only when it was new, adds its allocations to
     * the instalments (increments commute, so concurrent receipts cannot overwrite each other).
     */
    async recordReceipt(
      args: ReceiptArgs & {
        pledgeId: string;
        allocations: { seq: number; minor: number }[];
        overpaymentMinor: number;
        statusChanges?: StatusChange[];
      },
    ): Promise<{ created: boolean }> {
      const out = await orm.em.fork().transactional(async (tx) => {
        await writeStatusChanges(tx, args.statusChanges ?? []);
        const inserted = await tx.execute<{ id: string }[]>(
          `insert into receipt (id, pledge_id, key, receipt_number, currency, amount_minor, received_on, fx_rate_to_usd, usd_minor,
             pledge_minor, allocations, overpayment_minor, recorded_by, created_at)
           values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now()) on conflict (pledge_id, key) do nothing returning id`,
          [
            args.pledgeId,
            args.key,
            args.receiptNumber,
            args.currency,
            args.amountMinor,
            args.receivedOn,
            args.fxRateToUsd,
            args.usdMinor,
            args.pledgeMinor,
            JSON.stringify(args.allocations),
            args.overpaymentMinor,
            args.by,
          ],
        );
        if (inserted.length === 0) return { created: false };
        for (const a of args.allocations) {
          await tx.execute(
            `update instalment set paid_minor = paid_minor + ?, status = case when paid_minor + ? >= amount_minor then 'paid' else status end,
               updated_at = now() where pledge_id = ? and seq = ?`,
            [a.minor, a.minor, args.pledgeId, a.seq],
          );
        }
        return { created: true };
      });
      // The donor's acknowledgement, once per receipt: its key is the receipt's (notification.key is
      // unique), so a retry after a crash between the two writes still sends exactly one.
      const ack = await acknowledgementOf(orm.em.fork() as EntityManager, args);
      if (ack) await notify([ack]);
      return out;
    },
  };
}
