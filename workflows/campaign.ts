// A fundraising campaign for one biennium: opens a prospect pledge (each its own pledgeWorkflow) per
// prospective donor, follows up on those that have not moved, sends the secretariat a progress
// digest at intervals and closes at the end of the biennium with a final report.
// ID: campaignWorkflowId(biennium) = campaign:<biennium>.
import {
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineUpdate,
  setHandler,
  sleep,
  startChild,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import { campaignWorkflowId } from '../domain/campaign.js';
import type {
  AddProspectsArgs,
  CampaignInput,
  CampaignOutcome,
  CampaignProgress,
  CampaignState,
} from '../domain/campaign.contract.js';
import { addDuration } from '../domain/duration.js';
import { toSecretariat as messageToSecretariat, type Sender } from '../domain/notification.js';
import { message, type Params } from '../domain/messages/index.js';
import { pledgeWorkflowId } from '../domain/pledge.js';
import type { PledgeSpec } from '../domain/pledge.contract.js';
import { activities, tellingTheSecretariat, checkInput, refuse } from './kit.js';
import { CampaignInputSchema } from '../domain/campaign.contract.js';
import { pledgeWorkflow } from './pledge.js';
import { showInVisibility } from './visibility.js';
import { workflowSummary } from '../domain/visibility.js';

const acts = activities();

export const campaignStateQuery = defineQuery<CampaignState>('state');
/**
 * Adds donors (prospects of the pipeline or partners) to the running campaign: each gets its
 * prospect pledge and pledge workflow, as the donors it opened with did. Refused once the campaign
 * closes, for a donor that is a prospect of it already, or for more than 100 at once. The handler
 * only runs when the update is sent, so histories without it replay unchanged (no patch needed).
 */
export const addProspectsUpdate = defineUpdate<CampaignState, [AddProspectsArgs]>('addProspects');

/** At most this many donors added by one update (the API's body holds the same bound). */
export const MAX_ADDED_PROSPECTS = 100;

export type { CampaignOutcome };

/** Follow-up cycles in one run before continuing as new: a campaign over a biennium stays short. */
const FOLLOW_UPS_PER_RUN = 100;

const usd = (minor: number) => ({ money: { minor, currency: 'USD' } });

/** The values of a progress digest and of the final report. */
function digestParams(p: CampaignProgress) {
  const pct = p.targetUsdMinor > 0 ? Math.floor((p.pledgedUsdMinor * 100) / p.targetUsdMinor) : 0;
  const statuses = Object.entries(p.prospects.byStatus).map(([k, v]) => `${k}: ${v}`);
  return {
    pledged: usd(p.pledgedUsdMinor),
    target: usd(p.targetUsdMinor),
    pct,
    received: usd(p.receivedUsdMinor),
    total: p.prospects.total,
    statuses: statuses.length ? { parts: statuses } : { term: 'none' },
  } satisfies Params;
}

async function runCampaignWorkflow(input: CampaignInput): Promise<CampaignOutcome> {
  checkInput(CampaignInputSchema, input, 'campaign');
  const { campaignId, biennium } = input;
  const wfId = campaignWorkflowId(biennium);
  const { carry } = input;
  const prospects: CampaignState['prospects'] = [...(carry?.prospects ?? [])];
  let status: CampaignState['status'] = 'open';
  showInVisibility({ biennium, status });
  let digests = carry?.digests ?? 0;
  let followUps = carry?.followUps ?? 0;
  let followUpsThisRun = 0;
  setHandler(campaignStateQuery, () => ({
    campaignId,
    biennium,
    status,
    prospects: [...prospects],
    digests,
    followUps,
  }));

  const iso = (ms: number) => new Date(ms).toISOString();
  const sender: Sender = { key: wfId, noun: 'campaign', resource: `/campaigns/${campaignId}` };
  const toSecretariat = (key: string, m: ReturnType<typeof message>) => messageToSecretariat(sender, m, key);

  const openOne = async (donorId: string) => {
    const spec: PledgeSpec = {
      pledgeId: uuid4(),
      donorId,
      kind: 'financial',
      fundingOption: input.fundingOption,
      subOption: null,
      focus: [],
      biennium,
      status: 'prospect',
      currency: null,
      amountMinor: null,
      instalments: [],
      inKind: null,
      reminders: input.reminders,
      campaignId,
      by: wfId,
      note: `prospect of the ${biennium} campaign`,
    };
    const pledgeId = await acts.openProspect({ campaignId, spec });
    prospects.push({ donorId, pledgeId });
    // A retried start after a crash finds the child already running: that is the one we want.
    await startChild(pledgeWorkflow, {
      workflowId: pledgeWorkflowId(pledgeId),
      args: [{ spec: { ...spec, pledgeId } }],
      staticSummary: workflowSummary('pledgeWorkflow', { spec: { ...spec, pledgeId } }),
      parentClosePolicy: ParentClosePolicy.ABANDON,
    }).catch((err: unknown) => {
      if ((err as { name?: string })?.name !== 'WorkflowExecutionAlreadyStartedError') throw err;
    });
  };
  // Donors being added by an update (not yet in `prospects`): a second update naming one is refused.
  const adding = new Set<string>();
  let closing = false;
  setHandler(
    addProspectsUpdate,
    async ({ donorIds }) => {
      for (const d of donorIds) adding.add(d);
      for (const d of donorIds) {
        await openOne(d);
        adding.delete(d);
      }
      return { campaignId, biennium, status, prospects: [...prospects], digests, followUps };
    },
    {
      validator: ({ donorIds }: AddProspectsArgs) => {
        if (closing || status !== 'open') throw refuse('Conflict', 'the campaign is closing or closed');
        if (!Array.isArray(donorIds) || donorIds.length === 0 || donorIds.length > MAX_ADDED_PROSPECTS)
          throw refuse('BadRequest', `give 1 to ${MAX_ADDED_PROSPECTS} donors`);
        if (new Set(donorIds).size !== donorIds.length) throw refuse('BadRequest', 'a donor is listed twice');
        const already = donorIds.filter((d) => adding.has(d) || prospects.some((p) => p.donorId === d));
        if (already.length) throw refuse('Conflict', 'donors already in the campaign', { donorIds: already });
      },
    },
  );

  // A continued run finds the campaign and its prospects open already.
  if (!carry) await acts.openCampaign(input);
  for (const donorId of carry ? [] : input.donorIds) await openOne(donorId);

  let nextFollowUp = carry?.nextFollowUp ?? addDuration(new Date(Date.now()), input.followUpEvery).getTime();
  let nextDigest = carry?.nextDigest ?? addDuration(new Date(Date.now()), input.digestEvery).getTime();
  for (;;) {
    if (followUpsThisRun >= (input.followUpsPerRun ?? FOLLOW_UPS_PER_RUN) || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof campaignWorkflow>({
        ...input,
        carry: { prospects, digests, followUps, nextFollowUp, nextDigest },
      });
    }
    const at = Math.min(nextFollowUp, nextDigest, input.closesAt);
    const wait = at - Date.now();
    if (wait > 0) await sleep(wait);
    if (at === input.closesAt) {
      closing = true;
      break;
    }
    if (at === nextFollowUp) {
      followUps++;
      followUpsThisRun++;
      const unmoved = await acts.unmovedProspects({ campaignId });
      await acts.notify(
        unmoved.map((donorId) => ({
          key: `${wfId}:follow-up${followUps}:${donorId}`,
          recipientKind: 'donor' as const,
          donorId,
          kind: 'campaign.follow-up',
          message: message('campaign.follow-up', { biennium }),
          resource: `/campaigns/${campaignId}`,
        })),
      );
      await acts.recordFollowUp({ campaignId, donorIds: unmoved, at: iso(at) });
      nextFollowUp = addDuration(new Date(at), input.followUpEvery).getTime();
    } else {
      digests++;
      const progress = await acts.campaignProgress({ campaignId, biennium, asOf: iso(at).slice(0, 10) });
      await acts.notify([
        toSecretariat(
          `digest${digests}`,
          message('campaign.digest', { biennium, n: digests, ...digestParams(progress) }),
        ),
      ]);
      nextDigest = addDuration(new Date(at), input.digestEvery).getTime();
    }
  }

  // Donors being added when the campaign closes are in its final report.
  await condition(allHandlersFinished);
  const progress = await acts.campaignProgress({ campaignId, biennium, asOf: iso(input.closesAt).slice(0, 10) });
  const report = { ...progress, closedAt: iso(Date.now()) };
  await acts.closeCampaign({ campaignId, report });
  status = 'closed';
  showInVisibility({ status });
  await acts.notify([
    toSecretariat('final-report', message('campaign.final-report', { biennium, ...digestParams(progress) })),
  ]);
  return { campaignId, report };
}

export async function campaignWorkflow(input: CampaignInput): Promise<CampaignOutcome> {
  return tellingTheSecretariat(
    { key: campaignWorkflowId(input.biennium), noun: 'campaign', resource: `/campaigns/${input.campaignId}` },
    (reason) => message('campaign.failed', { biennium: input.biennium, reason }),
    () => runCampaignWorkflow(input),
  );
}
