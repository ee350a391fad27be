import type { EntityManager } from '@mikro-orm/postgresql';
import type { InstalmentStatus } from '../domain/pledge.js';
import type { CampaignInput, CampaignProgress, PledgeSpec, ReceiptArgs, StageChange } from '../domain/pledge-process.js';
import type { ActivityDeps } from './deps.js';
import { fundingSummary } from './funding-summary.js';

/** Creates a pledge's rows; every insert is keyed, so a retry or a second caller changes nothing. */
export async function openPledge(em: EntityManager, spec: PledgeSpec): Promise<string> {
  // tx.execute runs inside the transaction; tx.getConnection().execute would take another pooled
  // connection outside it (and, with the pool busy, wait for itself).
  return em.transactional(async (tx) => {
    const conn = tx;
    await conn.execute(
      `insert into pledge (id, workflow_id, donor_id, kind, funding_option, sub_option, focus, biennium, stage, stage_entered_at, currency, amount_minor, in_kind, valuation, valuation_status, reminders, campaign_id, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, now(), ?, ?, ?, ?, ?, ?, ?, now(), now()) on conflict do nothing`,
      [
        spec.pledgeId, `pledge:${spec.pledgeId}`, spec.donorId, spec.kind, spec.fundingOption, spec.subOption, `{${spec.focus.join(',')}}`, spec.biennium, spec.stage,
        spec.currency, spec.amountMinor, spec.inKind ? JSON.stringify(spec.inKind) : null,
        spec.inKind?.valuation ? JSON.stringify(spec.inKind.valuation) : null, spec.inKind?.valuation ? 'proposed' : 'none',
        JSON.stringify(spec.reminders), spec.campaignId,
      ],
    );
    // A campaign's second attempt for the same donor finds the first pledge (unique campaign+donor).
    const [row] = spec.campaignId
      ? await conn.execute<{ id: string }[]>(`select id from pledge where campaign_id = ? and donor_id = ?`, [spec.campaignId, spec.donorId])
      : [{ id: spec.pledgeId }];
    const id = row!.id;
    if (id !== spec.pledgeId) return id;
    for (const i of spec.instalments) {
      await conn.execute(
        `insert into instalment (id, pledge_id, seq, due, amount_minor, paid_minor, status, updated_at) values (gen_random_uuid(), ?, ?, ?, ?, 0, 'scheduled', now()) on conflict do nothing`,
        [id, i.seq, i.due, i.amountMinor],
      );
    }
    await conn.execute(
      `insert into pledge_stage_change (id, pledge_id, seq, from_stage, to_stage, by, note, at) values (gen_random_uuid(), ?, 1, null, ?, ?, ?, now()) on conflict do nothing`,
      [id, spec.stage, spec.by, spec.note],
    );
    return id;
  });
}

/**
 * Appends changes to the history and moves the pledge to the newest one. The pledge's row is locked
 * first so that concurrent changes take turns: each then sees every committed seq, and a late write
 * of an older change never overwrites a newer stage.
 */
async function writeStageChanges(tx: EntityManager, changes: StageChange[]): Promise<void> {
  const pledgeId = changes[0]!.pledgeId;
  await tx.execute(`select id from pledge where id = ? for update`, [pledgeId]);
  for (const ch of changes) {
    await tx.execute(
      `insert into pledge_stage_change (id, pledge_id, seq, from_stage, to_stage, by, note, at) values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
      [pledgeId, ch.seq, ch.from, ch.to, ch.by, ch.note, ch.at],
    );
  }
  const last = changes[changes.length - 1]!;
  await tx.execute(
    `update pledge set stage = ?, stage_entered_at = ?, updated_at = now() where id = ? and not exists (select 1 from pledge_stage_change where pledge_id = ? and seq > ?)`,
    [last.to, last.at, pledgeId, pledgeId, last.seq],
  );
  if (changes.some((ch) => ch.writeOff)) {
    await tx.execute(`update instalment set status = 'written_off', updated_at = now() where pledge_id = ? and status not in ('paid', 'waived', 'written_off')`, [pledgeId]);
  }
}

export function createFundingActivities({ orm }: ActivityDeps) {
  const conn = () => orm.em.fork().getConnection();
  return {
    async openPledge(spec: PledgeSpec): Promise<string> {
      return openPledge(orm.em.fork() as EntityManager, spec);
    },

    /** Appends to the history; the pledge's stage follows the newest change only (retries may land late). */
    async recordStageChange(args: StageChange) {
      await orm.em.fork().transactional((tx) => writeStageChanges(tx, [args]));
    },

    /** Moves an instalment forward (scheduled → due → overdue); never away from paid, waived or written off. */
    async setInstalmentStatus(args: { pledgeId: string; seq: number; status: InstalmentStatus }) {
      const rank = `case status when 'scheduled' then 0 when 'due' then 1 when 'overdue' then 2 else 9 end`;
      const target = { scheduled: 0, due: 1, overdue: 2 }[args.status as 'scheduled'] ?? 9;
      await conn().execute(`update instalment set status = ?, updated_at = now() where pledge_id = ? and seq = ? and ${rank} < ?`, [args.status, args.pledgeId, args.seq, target]);
    },

    /**
     * Waives an instalment that is still unsettled (a retry finds it waived and changes nothing),
     * with the stage change the waiver causes, in one transaction.
     */
    async waiveInstalment(args: { pledgeId: string; seq: number; stageChanges: StageChange[] }) {
      await orm.em.fork().transactional(async (tx) => {
        if (args.stageChanges.length) await writeStageChanges(tx, args.stageChanges);
        await tx.execute(`update instalment set status = 'waived', updated_at = now() where pledge_id = ? and seq = ? and status not in ('paid', 'waived', 'written_off')`, [args.pledgeId, args.seq]);
      });
    },

    /**
     * Inserts the receipt once per business key and, only when it was new, adds its allocations to
     * the instalments (increments commute, so concurrent receipts cannot overwrite each other).
     */
    async recordReceipt(args: ReceiptArgs & { pledgeId: string; allocations: { seq: number; minor: number }[]; overpaymentMinor: number; stageChanges?: StageChange[] }): Promise<{ created: boolean }> {
      return orm.em.fork().transactional(async (tx) => {
        const c = tx;
        if (args.stageChanges?.length) await writeStageChanges(tx, args.stageChanges);
        const inserted = await c.execute<{ id: string }[]>(
          `insert into receipt (id, pledge_id, key, receipt_number, currency, amount_minor, received_on, fx_rate_to_usd, usd_minor, pledge_minor, allocations, overpayment_minor, recorded_by, created_at)
           values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now()) on conflict (pledge_id, key) do nothing returning id`,
          [args.pledgeId, args.key, args.receiptNumber, args.currency, args.amountMinor, args.receivedOn, args.fxRateToUsd, args.usdMinor, args.pledgeMinor, JSON.stringify(args.allocations), args.overpaymentMinor, args.by],
        );
        if (inserted.length === 0) return { created: false };
        for (const a of args.allocations) {
          await c.execute(
            `update instalment set paid_minor = paid_minor + ?, status = case when paid_minor + ? >= amount_minor then 'paid' else status end, updated_at = now() where pledge_id = ? and seq = ?`,
            [a.minor, a.minor, args.pledgeId, a.seq],
          );
        }
        return { created: true };
      });
    },

    async openCampaign(input: CampaignInput): Promise<void> {
      await conn().execute(
        `insert into campaign (id, biennium, workflow_id, funding_option, target_usd_minor, in_kind_counts_toward_target, follow_up_every, digest_every, closes_on, status, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', now(), now()) on conflict do nothing`,
        [input.campaignId, input.biennium, `campaign:${input.biennium}`, input.fundingOption, input.targetUsdMinor, input.inKindCountsTowardTarget, input.followUpEvery, input.digestEvery, new Date(input.closesAt).toISOString().slice(0, 10)],
      );
    },

    /** The donor's prospect pledge of this campaign (created once) and its prospect row. */
    async openProspect(args: { campaignId: string; spec: PledgeSpec }): Promise<string> {
      const em = orm.em.fork() as EntityManager;
      const id = await openPledge(em, args.spec);
      await em.getConnection().execute(
        `insert into campaign_prospect (id, campaign_id, donor_id, pledge_id, follow_ups) values (gen_random_uuid(), ?, ?, ?, 0) on conflict do nothing`,
        [args.campaignId, args.spec.donorId, id],
      );
      return id;
    },

    /** Donors whose prospect pledge has not moved since the campaign opened it. */
    async unmovedProspects(args: { campaignId: string }): Promise<string[]> {
      const rows = await conn().execute<{ donor_id: string }[]>(
        `select cp.donor_id from campaign_prospect cp join pledge p on p.id = cp.pledge_id where cp.campaign_id = ? and p.stage = 'prospect' order by cp.donor_id`,
        [args.campaignId],
      );
      return rows.map((r) => r.donor_id);
    },

    async recordFollowUp(args: { campaignId: string; donorIds: string[]; at: string }) {
      if (args.donorIds.length === 0) return;
      await conn().execute(
        `update campaign_prospect set follow_ups = follow_ups + 1, last_follow_up_at = ? where campaign_id = ? and donor_id = any(?::uuid[]) and (last_follow_up_at is null or last_follow_up_at < ?)`,
        [args.at, args.campaignId, `{${args.donorIds.join(',')}}`, args.at],
      );
    },

    async campaignProgress(args: { campaignId: string; biennium: string; asOf: string }): Promise<CampaignProgress> {
      const em = orm.em.fork() as EntityManager;
      const s = await fundingSummary(em, args.biennium, args.asOf);
      const rows = await em.getConnection().execute<{ donor_id: string; stage: string }[]>(
        `select cp.donor_id, p.stage from campaign_prospect cp join pledge p on p.id = cp.pledge_id where cp.campaign_id = ? order by cp.donor_id`,
        [args.campaignId],
      );
      const byStage: Record<string, number> = {};
      for (const r of rows) byStage[r.stage] = (byStage[r.stage] ?? 0) + 1;
      return {
        targetUsdMinor: s.targetUsdMinor,
        pledgedUsdMinor: s.totalsMinor.pledged,
        receivedUsdMinor: s.totalsMinor.received,
        prospects: { total: rows.length, byStage, unmoved: rows.filter((r) => r.stage === 'prospect').map((r) => r.donor_id) },
      };
    },

    async closeCampaign(args: { campaignId: string; report: Record<string, unknown> }) {
      await conn().execute(`update campaign set status = 'closed', final_report = ?, updated_at = now() where id = ?`, [JSON.stringify(args.report), args.campaignId]);
    },
  };
}
