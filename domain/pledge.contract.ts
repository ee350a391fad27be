// The contract of the pledge workflow: input, messages, results and state, shared by the workflow,
// its activities, the campaign that opens prospects and the API. Amounts are safe integers of minor units, rates are
// decimal strings: nothing here is a float or a BigInt (payloads are JSON).
import { z } from 'zod';
import { MAX_DURATION, boundedDuration } from './duration.js';
import { MAX_MINOR, isCurrency } from './money.js';
import { INSTALMENT_STATUSES, PLEDGE_STATUSES } from './pledge.js';
import { CalendarDate, EpochMs } from './schemas.js';
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

const pledgeDuration = boundedDuration(MAX_DURATION.PLEDGE);
const minor = z.int().min(0).max(MAX_MINOR);
const InstalmentSchema = z.object({
  seq: z.int().min(1).max(1000),
  due: CalendarDate,
  amountMinor: minor,
  paidMinor: minor,
  status: z.enum(INSTALMENT_STATUSES),
});
export const ReminderSettingsSchema = z.object({
  beforeDue: pledgeDuration,
  overdueAfter: z.array(pledgeDuration).max(5),
  escalateAfter: pledgeDuration,
  stuckAfter: pledgeDuration,
  reportDue: pledgeDuration,
});

/** What the workflow checks at its start (a bad input fails it at once instead of every workflow task). */
export const PledgeInputSchema = z.object({
  spec: z.object({
    pledgeId: z.string().min(1).max(100),
    status: z.enum(PLEDGE_STATUSES),
    currency: z.string().refine(isCurrency, { error: 'must be a supported currency' }).nullable(),
    amountMinor: minor.nullable(),
    instalments: z.array(InstalmentSchema).max(60),
    reminders: ReminderSettingsSchema,
  }),
  carry: z
    .object({ status: z.enum(PLEDGE_STATUSES), statusSince: EpochMs, instalments: z.array(InstalmentSchema).max(60) })
    .optional(),
  eventsPerRun: z.int().min(1).max(10_000).optional(),
});

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
