// The contract of a contact-log entry's follow-up workflow: input, updates, state.
import { z } from 'zod';
import { CalendarDate } from './schemas.js';
import type { NextStepStatus } from './donor-contact.js';

export interface FollowUpInput {
  entryId: string;
  donorId: string;
  donorName: string;
  step: string;
  dueOn: string;
}

export const FollowUpInputSchema = z.object({
  entryId: z.string().min(1).max(100),
  donorId: z.string().min(1).max(100),
  donorName: z.string().min(1).max(200),
  step: z.string().min(1).max(300),
  dueOn: CalendarDate,
});

export interface RescheduleArgs {
  dueOn: string;
  step?: string;
}

export interface FollowUpState {
  entryId: string;
  status: NextStepStatus;
  step: string;
  dueOn: string;
  /** Reminders sent so far (one per due date reached). */
  reminded: number;
  revision: number;
}
