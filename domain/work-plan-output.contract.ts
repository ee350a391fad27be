// The contract of the work-plan-outputs workflow (one per cluster work plan and biennium): input,
// the plan-saved update, state; the input's schema. Shared by the workflow, the API and the tests.
import { z } from 'zod';
import { BienniumString } from './biennium.js';
import { MAX_DURATION, boundedDuration } from './duration.js';
import { CalendarDate } from './schemas.js';

/** What the workflow needs of an output: its key, title and due date. */
export interface TrackedOutput {
  key: string;
  title: string;
  due: string;
}

export interface OutputsInput {
  cluster: string;
  biennium: string;
  /** Lead before each due date at which the coordinators are reminded (ISO 8601, default P14D). */
  beforeDue: string;
  /** Carried over by continue-as-new: the plan in force, its version and the notices already sent. */
  outputs?: TrackedOutput[];
  version?: number;
  sent?: string[];
}

const lead = boundedDuration(MAX_DURATION.WINDOW);
const Output = z.object({ key: z.string().min(1).max(64), title: z.string().min(1).max(300), due: CalendarDate });

export const OutputsInputSchema = z.object({
  cluster: z.string().min(1).max(20),
  biennium: BienniumString,
  beforeDue: lead,
  outputs: z.array(Output).max(100).optional(),
  version: z.int().min(0).optional(),
  sent: z.array(z.string().max(200)).max(1000).optional(),
});

/** A work plan version was saved: its outputs (the plan in force once `version` is the highest seen). */
export interface PlanSavedArgs {
  version: number;
  outputs: TrackedOutput[];
  /** A new lead time; absent: the one in force. */
  beforeDue?: string;
}
export const PlanSavedArgsSchema = z.object({
  version: z.int().min(1),
  outputs: z.array(Output).max(100),
  beforeDue: lead.optional(),
});

export interface OutputsState {
  cluster: string;
  biennium: string;
  version: number;
  beforeDue: string;
  outputs: TrackedOutput[];
  /** Ids (`<key>:<kind>:<due>`) of the reminders and late notices handled so far. */
  sent: string[];
  next: { id: string; at: string } | null;
}
