// The contract of the pledge and campaign workflows: inputs, messages, results and state, shared by
// the workflows, their activities and the API. Amounts are safe integers of minor units, rates are
// decimal strings: nothing here is a float or a BigInt (payloads are JSON).
import type { FocusFlag, FundingOption, Instalment, PledgeKind, ReminderSettings, Stage, SubOption } from './pledge.js';

/** Everything needed to create a pledge's rows; the same spec opens it from the API or a campaign. */
export interface PledgeSpec {
  pledgeId: string;
  donorId: string;
  kind: PledgeKind;
  fundingOption: FundingOption;
  subOption: SubOption | null;
  focus: FocusFlag[];
  biennium: string;
  stage: Stage;
  currency: string | null;
  amountMinor: number | null;
  instalments: Instalment[];
  inKind: Record<string, unknown> | null;
  reminders: ReminderSettings;
  campaignId: string | null;
  /** Who opened it: a token id, `secretariat`, or `campaign:<biennium>`. */
  by: string;
  note: string | null;
}

export interface PledgeInput {
  spec: PledgeSpec;
  /** Carried over by continue-as-new; absent on the first run. */
  carry?: PledgeCarry;
  /** Reminders sent per run before continuing as new (default 200; tests set it low). */
  eventsPerRun?: number;
}

export interface PledgeCarry {
  stage: Stage;
  stageEnteredAt: number;
  instalments: Instalment[];
  changeSeq: number;
  receiptKeys: string[];
  sent: string[];
}

export interface TransitionArgs {
  to: Stage;
  note?: string;
  by: string;
}

export interface WaiveArgs {
  seq: number;
  note: string;
  by: string;
}

export interface ReceiptArgs {
  /** The business key: receipt number, else the Idempotency-Key, else a fresh id. */
  key: string;
  currency: string;
  amountMinor: number;
  receivedOn: string;
  fxRateToUsd: string;
  usdMinor: number;
  /** The receipt in the pledge's currency (equal to amountMinor when the currencies match). */
  pledgeMinor: number;
  receiptNumber: string | null;
  by: string;
}

/** One row of a pledge's stage history; `seq` orders them and makes a retried write a no-op. */
export interface StageChange {
  pledgeId: string;
  seq: number;
  from: Stage;
  to: Stage;
  by: string;
  note: string | null;
  at: string;
  /** Cancelling or writing off: unsettled instalments become written_off. */
  writeOff: boolean;
}

export interface ReceiptResult {
  key: string;
  duplicate: boolean;
  allocations: { seq: number; minor: number }[];
  overpaymentMinor: number;
  stage: Stage;
}

export interface PledgeState {
  pledgeId: string;
  stage: Stage;
  stageEnteredAt: string;
  instalments: Instalment[];
  receipts: number;
  nextReminderAt: string | null;
}

export interface PledgeOutcome {
  pledgeId: string;
  stage: Stage;
}

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
  prospects: { total: number; byStage: Record<string, number>; unmoved: string[] };
}

export interface CampaignState {
  campaignId: string;
  biennium: string;
  status: 'open' | 'closed';
  prospects: { donorId: string; pledgeId: string }[];
  digests: number;
  followUps: number;
}
