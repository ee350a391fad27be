// The contract of the reporting-requirement workflow: input, updates, state and result; the input's
// schema. Shared by the workflow, its activities and the API.
import { z } from 'zod';
import { MAX_DURATION, boundedDuration } from './duration.js';
import {
  REQUIREMENT_KINDS,
  REQUIREMENT_NATURES,
  type RequirementKind,
  type RequirementNature,
  type RequirementStatus,
} from './reporting-requirement.js';
import { CalendarDate } from './schemas.js';
import { FUNDING_OPTIONS, type FundingOption } from './pledge.js';

export interface RequirementInput {
  requirementId: string;
  pledgeId: string;
  donorId: string;
  /** The pledge's funding option: the messages name it. */
  fundingOption: FundingOption;
  kind: RequirementKind;
  nature: RequirementNature;
  dueOn: string;
  /** Lead before the due date at which the secretariat is reminded, and the wait after it is late before escalating. */
  beforeDue: string;
  escalateAfter: string;
}

const lead = boundedDuration(MAX_DURATION.WINDOW);
/** What the workflow checks at its start (a bad input fails it at once instead of every workflow task). */
export const RequirementInputSchema = z.object({
  requirementId: z.string().min(1).max(100),
  pledgeId: z.string().min(1).max(100),
  donorId: z.string().min(1).max(100),
  fundingOption: z.enum(FUNDING_OPTIONS),
  kind: z.enum(REQUIREMENT_KINDS),
  nature: z.enum(REQUIREMENT_NATURES),
  dueOn: CalendarDate,
  beforeDue: lead,
  escalateAfter: lead,
});

export interface RescheduleArgs {
  dueOn: string;
}

export interface SubmittedArgs {
  reportId: string;
  title: string;
}

export interface RequirementState {
  requirementId: string;
  status: RequirementStatus;
  dueOn: string;
  /** Keys of the reminders, late notices and escalations sent so far. */
  sent: string[];
  nextEventAt: string | null;
}

export interface RequirementOutcome {
  requirementId: string;
  status: 'submitted' | 'withdrawn';
}
