// A campaign's row, written by the API (so its answer shows it at once) and by the workflow's
// activity alike: keyed, so the second writer changes nothing.
import type { EntityManager } from '@mikro-orm/postgresql';
import { campaignWorkflowId } from '../../domain/campaign.js';
import type { CampaignInput } from '../../domain/campaign.contract.js';

export async function openCampaign(em: EntityManager, input: CampaignInput): Promise<void> {
  await em.getConnection().execute(
    `insert into campaign (id, biennium, workflow_id, funding_option, target_usd_minor, in_kind_counts_toward_target,
       follow_up_every, digest_every, closes_on, status, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', now(), now()) on conflict do nothing`,
    [
      input.campaignId,
      input.biennium,
      campaignWorkflowId(input.biennium),
      input.fundingOption,
      input.targetUsdMinor,
      input.inKindCountsTowardTarget,
      input.followUpEvery,
      input.digestEvery,
      new Date(input.closesAt).toISOString().slice(0, 10),
    ],
  );
}

export interface CampaignListRow {
  id: string;
  biennium: string;
  status: 'open' | 'closed';
  funding_option: string;
  target_usd_minor: string;
  closes_on: string;
  prospects: number;
  created_at: Date;
}

/** Campaigns, latest biennium first, with how many donors each one approached. */
export async function listCampaigns(
  em: EntityManager,
  f: { status?: string | undefined; biennium?: string | undefined; limit: number; offset: number },
): Promise<{ rows: CampaignListRow[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.status) {
    where.push('c.status = ?');
    params.push(f.status);
  }
  if (f.biennium) {
    where.push('c.biennium = ?');
    params.push(f.biennium);
  }
  const filter = where.length ? `where ${where.join(' and ')}` : '';
  const c = em.getConnection();
  const [rows, [count]] = await Promise.all([
    c.execute<CampaignListRow[]>(
      `select c.id, c.biennium, c.status, c.funding_option, c.target_usd_minor::text as target_usd_minor,
              c.closes_on::text as closes_on, c.created_at,
              (select count(*)::int from campaign_prospect cp where cp.campaign_id = c.id) as prospects
         from campaign c ${filter} order by c.biennium desc, c.id limit ? offset ?`,
      [...params, f.limit, f.offset],
    ),
    c.execute<{ n: number }[]>(`select count(*)::int as n from campaign c ${filter}`, params),
  ]);
  return { rows, total: count!.n };
}
