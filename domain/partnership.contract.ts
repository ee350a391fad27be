// The contract of the partnership workflow: input, signal, update, state and result; the input's
// schema. Shared by the workflow, its activities and the API.
import { z } from 'zod';
import { CalendarDate, Text } from './schemas.js';
import {
  PARTNERSHIP_LIMITS,
  PARTNERSHIP_OUTCOMES,
  ReportEvery,
  type PartnershipOutcome,
  type PartnershipStatus,
} from './partnership.js';

export interface PartnershipInput {
  partnershipId: string;
  title: string;
  supportingCityId: string;
  africanCityId: string;
  startsOn: string;
  endsOn: string | null;
  reportEvery: string;
  /** The first report this run waits for (continue-as-new carries it on). */
  next: number;
  /** The highest report number filed so far. */
  filed: number;
}

export const PartnershipInputSchema = z.object({
  partnershipId: z.string().min(1).max(100),
  title: Text(PARTNERSHIP_LIMITS.title),
  supportingCityId: z.uuid(),
  africanCityId: z.uuid(),
  startsOn: CalendarDate,
  endsOn: CalendarDate.nullable(),
  reportEvery: ReportEvery,
  next: z.int().min(1).max(1000),
  filed: z.int().min(0).max(1000),
});

/** Sent by the API once a report row is written. */
export interface ReportFiled {
  seq: number;
}

export interface OutcomeArgs {
  outcome: PartnershipOutcome;
  note?: string;
}
export const OutcomeArgsSchema = z.object({ outcome: z.enum(PARTNERSHIP_OUTCOMES) });

export interface PartnershipState {
  partnershipId: string;
  status: PartnershipStatus;
  outcome: PartnershipOutcome | null;
  filed: number;
  /** The report the workflow is waiting for now. */
  waitingFor: number;
  reminded: number[];
  late: number[];
}

export interface PartnershipResult {
  partnershipId: string;
  status: 'completed';
  outcome: PartnershipOutcome | null;
  filed: number;
}
