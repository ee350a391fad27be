// The campaign workflow's effects: its row, the prospect pledges it opens, follow-ups and progress.
import type { EntityManager } from '@mikro-orm/postgresql';
import { openCampaign } from '../db/queries/campaign.js';
import { fundingSummary } from '../db/queries/funding-summary.js';
import { openPledge } from '../db/queries/pledge.js';
import type { CampaignInput, CampaignProgress } from '../domain/campaign.contract.js';
import type { PledgeSpec } from '../domain/pledge.contract.js';
import type { ActivityDeps } from './deps.js';

export function createCampaignActivities({ orm }: ActivityDeps) {
  const conn = () => orm.em.fork().getConnection();
  return {
    async openCampaign(input: CampaignInput): Promise<void> {
      await openCampaign(orm.em.fork() as EntityManager, input);
    },

    /** The donor's prospect pledge of this campaign (created once) and its prospect row. */
    async openProspect(args: { campaignId: string; spec: PledgeSpec }): Promise<string> {
      const em = orm.em.fork() as EntityManager;
      const id = await openPledge(em, args.spec);
      await em.getConnection().execute(
        `insert into campaign_prospect (id, campaign_id, donor_id, pledge_id, follow_ups)
         values (gen_random_uuid(), ?, ?, ?, 0) on conflict do nothing`,
        [args.campaignId, args.spec.donorId, id],
      );
      return id;
    },

    /** Donors whose prospect pledge has not moved since the campaign opened it. */
    async unmovedProspects(args: { campaignId: string }): Promise<string[]> {
      const rows = await conn().execute<{ donor_id: string }[]>(
        `select cp.donor_id from campaign_prospect cp join pledge p on p.id = cp.pledge_id
          where cp.campaign_id = ? and p.status = 'prospect' order by cp.donor_id`,
        [args.campaignId],
      );
      return rows.map((r) => r.donor_id);
    },

    async recordFollowUp(args: { campaignId: string; donorIds: string[]; at: string }) {
      if (args.donorIds.length === 0) return;
      await conn().execute(
        `update campaign_prospect set follow_ups = follow_ups + 1, last_follow_up_at = ?
          where campaign_id = ? and donor_id = any(?::uuid[]) and (last_follow_up_at is null or last_follow_up_at < ?)`,
        [args.at, args.campaignId, `{${args.donorIds.join(',')}}`, args.at],
      );
    },

    async campaignProgress(args: { campaignId: string; biennium: string; asOf: string }): Promise<CampaignProgress> {
      const em = orm.em.fork() as EntityManager;
      const s = await fundingSummary(em, args.biennium, args.asOf);
      const rows = await em.getConnection().execute<{ donor_id: string; status: string }[]>(
        `select cp.donor_id, p.status from campaign_prospect cp join pledge p on p.id = cp.pledge_id
          where cp.campaign_id = ? order by cp.donor_id`,
        [args.campaignId],
      );
      const byStatus: Record<string, number> = {};
      for (const r of rows) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
      return {
        targetUsdMinor: s.targetUsdMinor,
        pledgedUsdMinor: s.totalsMinor.pledged,
        receivedUsdMinor: s.totalsMinor.received,
        prospects: {
          total: rows.length,
          byStatus,
          unmoved: rows.filter((r) => r.status === 'prospect').map((r) => r.donor_id),
        },
      };
    },

    async closeCampaign(args: { campaignId: string; report: Record<string, unknown> }) {
      await conn().execute(`update campaign set status = 'closed', final_report = ?, updated_at = now() where id = ?`, [
        JSON.stringify(args.report),
        args.campaignId,
      ]);
    },
  };
}
