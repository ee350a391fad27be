// The contract of the campaign workflow: input, carried state, progress and result; the input's schema.
import { z } from 'zod';
import { MAX_DURATION, boundedDuration } from './duration.js';
import { MAX_MINOR } from './money.js';
import { ReminderSettingsSchema } from './pledge.contract.js';
import { EpochMs } from './schemas.js';
import type { FundingOption, ReminderSettings } from './pledge.js';

export interface CampaignInput {
  campaignId: string;
  biennium: string;
  targetUsdMinor: number;
  donorIds: string[];
  fundingOption: FundingOption;
  followUpEvery: string;
  digestEvery: string;
  /** Epoch ms at which the campaign closes (the biennium's end unless overridden). */
  closesAt: number;
  inKindCountsTowardTarget: boolean;
  reminders: ReminderSettings;
  /** Follow-up cycles per run before continuing as new (default 100; tests set it low). */
  followUpsPerRun?: number;
  /** Carried over by continue-as-new; absent on the first run. */
  carry?: CampaignCarry;
}

/** What the workflow checks at its start (a bad input fails it at once instead of every workflow task). */
export const CampaignInputSchema = z.object({
  campaignId: z.string().min(1).max(100),
  biennium: z.string().min(1).max(9),
  targetUsdMinor: z.int().min(0).max(MAX_MINOR),
  donorIds: z.array(z.string().max(100)).max(500),
  followUpEvery: boundedDuration(MAX_DURATION.INTERVAL),
  digestEvery: boundedDuration(MAX_DURATION.INTERVAL),
  closesAt: EpochMs,
  reminders: ReminderSettingsSchema,
  followUpsPerRun: z.int().min(1).max(10_000).optional(),
});

/** The `addProspects` update's argument: donors to add to the running campaign. */
export interface AddProspectsArgs {
  donorIds: string[];
}

export interface CampaignCarry {
  prospects: { donorId: string; pledgeId: string }[];
  digests: number;
  followUps: number;
  nextFollowUp: number;
  nextDigest: number;
}

export interface CampaignProgress {
  targetUsdMinor: number;
  pledgedUsdMinor: number;
  receivedUsdMinor: number;
  prospects: { total: number; byStatus: Record<string, number>; unmoved: string[] };
}

export interface CampaignState {
  campaignId: string;
  biennium: string;
  status: 'open' | 'closed';
  prospects: { donorId: string; pledgeId: string }[];
  digests: number;
  followUps: number;
}

export interface CampaignOutcome {
  campaignId: string;
  report: CampaignProgress & { closedAt: string };
}
