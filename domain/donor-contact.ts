// A donor's contact log: meetings, calls, e-mails and notes by the secretariat, each with an
// optional next step due on a date, whose reminder is a timer in the entry's follow-up workflow.
// Pure: bodies, bounds, the workflow ID and the reminder's instant.
import { z } from 'zod';
import { CalendarDate, Prose, Text } from './schemas.js';

export const CONTACT_KINDS = ['meeting', 'call', 'email', 'note'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];
export const NEXT_STEP_STATUSES = ['open', 'done'] as const;
export type NextStepStatus = (typeof NEXT_STEP_STATUSES)[number];

/** The follow-up of one contact-log entry: `donor-contact:<entryId>`. */
export const donorContactWorkflowId = (entryId: string) => `donor-contact:${entryId}`;

/** A next step falls due at the start of its day (UTC): the reminder's instant. */
export const dueAt = (dueOn: string): number => Date.parse(`${dueOn}T00:00:00Z`);

const NextStep = z.object({ step: Text(300), dueOn: CalendarDate }).strict();

export const ContactBody = z
  .object({
    kind: z.enum(CONTACT_KINDS),
    date: CalendarDate.describe('when the contact took place'),
    note: Prose(4000),
    next: NextStep.optional(),
  })
  .strict();
export type ContactBody = z.infer<typeof ContactBody>;

export const NextStepPatch = z
  .object({
    status: z.literal('done').optional().describe('the step is done: its reminder is cancelled'),
    dueOn: CalendarDate.optional().describe('reschedule: the reminder moves to this day'),
    step: Text(300).optional(),
  })
  .strict()
  .refine((b) => b.status !== undefined || b.dueOn !== undefined || b.step !== undefined, {
    error: 'give status, dueOn or step',
  })
  .refine((b) => !(b.status === 'done' && b.dueOn !== undefined), {
    error: 'a step marked done is not rescheduled',
    path: ['dueOn'],
  });
export type NextStepPatch = z.infer<typeof NextStepPatch>;
