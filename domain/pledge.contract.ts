// The contract of the pledge workflow: input, messages, results and state, shared by the workflow,
// its activities, the campaign that opens prospects and the API. Amounts are safe integers of minor units, rates are
// decimal strings: nothing here is a float or a BigInt (payloads are JSON).
import type {
  FocusFlag,
  FundingOption,
  Instalment,
  PledgeKind,
  PledgeStatus,
  ReminderSettings,
  SubOption,
} from './pledge.js';

/** Everything needed to create a pledge's rows; the same spec opens it from the API or a campaign. */
export interface PledgeSpec {
  pledgeId: string;
  donorId: string;
  kind: PledgeKind;
  fundingOption: FundingOption;
  subOption: SubOption | null;
  focus: FocusFlag[];
  biennium: string;
  status: PledgeStatus;
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
  status: PledgeStatus;
  statusSince: number;
  instalments: Instalment[];
  changeSeq: number;
  receiptKeys: string[];
  sent: string[];
}

export interface TransitionArgs {
  to: PledgeStatus;
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

/** One row of a pledge's status history; `seq` orders them and makes a retried write a no-op. */
export interface StatusChange {
  pledgeId: string;
  seq: number;
  from: PledgeStatus;
  to: PledgeStatus;
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
  status: PledgeStatus;
}

export interface PledgeState {
  pledgeId: string;
  status: PledgeStatus;
  statusSince: string;
  instalments: Instalment[];
  receipts: number;
  nextReminderAt: string | null;
}

export interface PledgeOutcome {
  pledgeId: string;
  status: PledgeStatus;
}
