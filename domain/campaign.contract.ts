// The contract of the campaign workflow: input, carried state, progress and result. Types only.
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
