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
