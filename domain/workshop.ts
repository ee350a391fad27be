// Rules of a cluster's workshops (inception, thematic, advisory sessions): schedules, invitations,
// RSVPs and outcomes. Pure and deterministic: imported by Temporal workflow code.
import { z } from 'zod';
import { MAX_DURATION, boundedDuration } from './duration.js';
import { Instant, Prose, Text } from './schemas.js';

export const WORKSHOP_KINDS = ['inception', 'thematic', 'advisory_session'] as const;
export type WorkshopKind = (typeof WORKSHOP_KINDS)[number];

export const WORKSHOP_STATUSES = [
  'planning',
  'invitations_open',
  'rsvp_closed',
  'awaiting_outcomes',
  'completed',
  'cancelled',
] as const;
export type WorkshopStatus = (typeof WORKSHOP_STATUSES)[number];
export const FINAL_WORKSHOP_STATUSES: readonly WorkshopStatus[] = ['completed', 'cancelled'];

export const RSVP_RESPONSES = ['yes', 'no', 'maybe'] as const;
export type RsvpResponse = (typeof RSVP_RESPONSES)[number];

export const WORKSHOP_DEFAULTS = Object.freeze({
  rsvpReminders: Object.freeze(['P14D', 'P3D']) as readonly string[],
  outcomesDue: 'P14D',
  /** Before the outcomes deadline: the coordinator city is reminded; at the deadline the secretariat is told. */
  outcomesReminderLead: 'P3D',
} as const);

export const workshopWorkflowId = (id: string) => `workshop:${id}`;

const timezone = z
  .string()
  .max(64)
  .refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { error: 'must be an IANA time zone such as Europe/Paris' },
  )
  .meta({ description: 'an IANA time zone such as Europe/Paris' });

export const ExpertRef = z
  .object({
    name: Text(200),
    email: z.email().max(320),
    organisation: Text(200).optional(),
    expertise: z.array(Text(100)).max(20).default([]),
  })
  .strict();
export type ExpertRef = z.infer<typeof ExpertRef>;

/** When and where; shared by creating, scheduling the inception workshop and rescheduling. */
export const ScheduleFields = z.object({
  startsAt: Instant,
  endsAt: Instant,
  timezone,
  venue: Text(300).optional(),
  onlineUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
  rsvpBy: Instant,
});
export type ScheduleFields = z.infer<typeof ScheduleFields>;

/** Order of the instants; the "in the future" rule needs a clock, so the caller checks it. */
export function scheduleProblem(
  s: Pick<ScheduleFields, 'startsAt' | 'endsAt' | 'rsvpBy'>,
  now: number,
): { path: string; message: string } | null {
  const [start, end, rsvp] = [Date.parse(s.startsAt), Date.parse(s.endsAt), Date.parse(s.rsvpBy)];
  if (!(end > start)) return { path: 'body.endsAt', message: 'must be after startsAt' };
  if (rsvp > start) return { path: 'body.rsvpBy', message: 'must not be after startsAt' };
  if (!(rsvp > now)) return { path: 'body.rsvpBy', message: 'must be in the future' };
  return null;
}

/** RSVP leads and the outcomes' due time: a workshop's follow-up happens within its term (MAX_DURATION). */
const window = boundedDuration(MAX_DURATION.WINDOW);

export const WorkshopSettingsBody = z.object({
  reminders: z
    .object({ rsvp: z.array(window).max(5) })
    .strict()
    .optional(),
  outcomesDue: window.optional(),
});

export const CreateWorkshopBody = ScheduleFields.extend({
  kind: z.enum(WORKSHOP_KINDS),
  title: Text(300),
  experts: z.array(ExpertRef).max(50).default([]),
})
  .extend(WorkshopSettingsBody.shape)
  .strict();
export type CreateWorkshopBody = z.infer<typeof CreateWorkshopBody>;

/** The inception workshop's part of opening a work phase: its schedule is optional there. */
export const InceptionBody = ScheduleFields.extend({
  title: Text(300).optional(),
  experts: z.array(ExpertRef).max(50).default([]),
})
  .extend(WorkshopSettingsBody.shape)
  .strict();

export const RsvpBody = z
  .object({
    response: z.enum(RSVP_RESPONSES),
    attendees: z.array(Text(200)).max(50).default([]),
    cityId: z.uuid().optional().describe('secretariat only: the city answered for'),
  })
  .strict();
export type RsvpBody = z.infer<typeof RsvpBody>;

export const RescheduleBody = ScheduleFields.strict();
export const WorkshopCancelBody = z.object({ reason: Prose(500).pipe(z.string().min(3)) }).strict();

export const OutcomesBody = z
  .object({
    conceptualDefinition: Prose(20_000),
    summary: Prose(20_000),
    successes: z.array(Prose(5_000)).max(50).default([]),
    challenges: z.array(Prose(5_000)).max(50).default([]),
    documents: z
      .array(z.object({ title: Text(300), url: z.url({ protocol: /^https?$/ }).max(2000) }).strict())
      .max(50)
      .default([]),
    attendance: z
      .array(z.object({ cityId: z.uuid(), attendees: z.array(Text(200)).max(50).default([]) }).strict())
      .max(500)
      .optional()
      .describe('who attended; default: the cities that answered yes, with their attendee names'),
  })
  .strict();
export type OutcomesBody = z.infer<typeof OutcomesBody>;
