// The contracts of the membership call and membership application workflows: inputs, updates,
// states and results, with the inputs' schemas. Shared by the workflows, their activities and the API.
import { z } from 'zod';
import { EpochMs, Text } from './schemas.js';
import { CALL_LIMITS, NatcomWindow, type ApplicationStatus, type CallStatus } from './membership-call.js';

export interface MembershipCallInput {
  callId: string;
  title: string;
  /** Epoch ms: applications are taken from opensAt until closesAt. */
  opensAt: number;
  closesAt: number;
}

export const MembershipCallInputSchema = z.object({
  callId: z.uuid(),
  title: Text(CALL_LIMITS.title),
  opensAt: EpochMs,
  closesAt: EpochMs,
});

export interface MembershipCallState {
  callId: string;
  status: CallStatus;
  /** Applications whose process has ended, as told by their workflows. */
  settled: number;
}

export interface MembershipCallOutcome {
  callId: string;
  applications: number;
  admitted: number;
}

export interface MembershipApplicationInput {
  applicationId: string;
  callId: string;
  title: string;
  cityName: string;
  country: string;
  /** The call's close: an address not confirmed by then, and the application does not count. */
  closesAt: number;
  natcomWindow: string;
  /** Leads before the National Commission's deadline at which it is reminded. */
  natcomReminders: string[];
}

export const MembershipApplicationInputSchema = z.object({
  applicationId: z.uuid(),
  callId: z.uuid(),
  title: Text(CALL_LIMITS.title),
  cityName: Text(200),
  country: z.string().regex(/^[A-Z]{2}$/),
  closesAt: EpochMs,
  natcomWindow: NatcomWindow,
  natcomReminders: z.array(NatcomWindow).max(3),
});

export interface MembershipApplicationState {
  applicationId: string;
  status: ApplicationStatus;
  /** Epoch ms of the National Commission's deadline, once its review has begun. */
  natcomDeadline: number | null;
  natcomReminded: number;
}

export interface MembershipApplicationOutcome {
  applicationId: string;
  status: ApplicationStatus;
  cityId: string | null;
}

export interface NatcomDecisionArgs {
  decision: 'endorse' | 'decline';
  note?: string;
}
export interface JuryDecisionArgs {
  decision: 'admitted' | 'not_admitted';
  cluster?: string;
  note?: string;
}
