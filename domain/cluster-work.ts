// Rules of a cluster's work phase: workshops, work plans, coordinator reporting, expert groups and
// the peer-learning database. Pure and deterministic: imported by Temporal workflow code.
import { z } from 'zod';
import { addDuration, durationMs, isValidDuration, isoDuration } from './duration.js';
import { CalendarDate, Instant, Text, isCalendarDate } from './schemas.js';

export const WORKSHOP_KINDS = ['inception', 'thematic', 'advisory_session'] as const;
export type WorkshopKind = (typeof WORKSHOP_KINDS)[number];

export const WORKSHOP_STATUSES = ['planning', 'invitations_open', 'rsvp_closed', 'awaiting_outcomes', 'completed', 'cancelled'] as const;
export type WorkshopStatus = (typeof WORKSHOP_STATUSES)[number];

export const RSVP_RESPONSES = ['yes', 'no', 'maybe'] as const;
export type RsvpResponse = (typeof RSVP_RESPONSES)[number];

export const OUTPUT_STATUSES = ['on_track', 'at_risk', 'off_track'] as const;
export type OutputStatus = (typeof OUTPUT_STATUSES)[number];

export const MEETING_STATUSES = ['collecting', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const SUPPORT_KINDS = ['mentoring', 'training_of_specialists', 'materials_and_lectures', 'masterplan'] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];

export const PEER_KINDS = ['success', 'challenge', 'practice', 'material'] as const;
export type PeerKind = (typeof PEER_KINDS)[number];

export const PEER_SOURCES = ['workshop', 'city', 'secretariat'] as const;
export type PeerSource = (typeof PEER_SOURCES)[number];

export const CLUSTER_WORK_DEFAULTS = Object.freeze({
  rsvpReminders: Object.freeze(['P14D', 'P3D']) as readonly string[],
  outcomesDue: 'P14D',
  /** Before the outcomes deadline: the coordinator city is reminded; at the deadline the secretariat is told. */
  outcomesReminderLead: 'P3D',
  reportLead: 'P7D',
  /** Before the report due date: coordinators that have not reported are reminded. */
  reportReminders: Object.freeze(['P3D', 'P1D']) as readonly string[],
} as const);

// ---------------------------------------------------------------- periods and terms

/** A work phase period such as `2021-2023`: two years, the second later than the first. */
export function isPeriod(s: string): boolean {
  const m = /^(\d{4})-(\d{4})$/.exec(s);
  return !!m && Number(m[2]) > Number(m[1]) && Number(m[2]) - Number(m[1]) <= 10;
}

export interface TermSpan {
  cityId: string;
  termStart: string;
  termEnd: string;
}

/** A city coordinates on `day` when termStart <= day < termEnd (dates as YYYY-MM-DD). */
export function currentCoordinators(terms: readonly TermSpan[], day: string): string[] {
  return [...new Set(terms.filter((t) => t.termStart <= day && day < t.termEnd).map((t) => t.cityId))].sort();
}

// ---------------------------------------------------------------- reminders

/**
 * Instants (epoch ms) `leads` before `deadline` that are still ahead of `now`, ascending and
 * distinct: a reminder whose moment has passed (e.g. a late reschedule) is skipped, not sent late.
 */
export function leadTimes(deadline: number, leads: readonly string[], now: number): number[] {
  const times = leads.map((lead) => deadline - (addDuration(new Date(0), lead).getTime()));
  return [...new Set(times)].filter((t) => t > now && t < deadline).sort((a, b) => a - b);
}

/** Invited cities that have not answered: the only ones reminded. */
export function nonResponders(invited: readonly string[], answered: ReadonlySet<string> | readonly string[]): string[] {
  const done = answered instanceof Set ? answered : new Set(answered as readonly string[]);
  return invited.filter((c) => !done.has(c));
}

// ---------------------------------------------------------------- work plans

export interface PlanOutput {
  key: string;
  title: string;
  description: string;
  target: { value: number; unit: string };
  due: string;
  ownerCityId?: string;
}

export interface OutputProgress {
  key: string;
  value: number;
  status: OutputStatus;
  note?: string;
}

export interface ClusterReport {
  cityId: string;
  progress: OutputProgress[];
  submittedAt: string;
}

export interface AggregatedOutput {
  key: string;
  title: string;
  target: { value: number; unit: string };
  /** The highest value any report gave (reports of co-coordinators describe the same plan). */
  value: number | null;
  status: OutputStatus | 'not_reported';
  notes: string[];
}

export interface ClusterStatus {
  cluster: string;
  status: OutputStatus | 'not_reported';
  reported: string[];
  missing: string[];
  outputs: AggregatedOutput[];
}

const SEVERITY: Record<OutputStatus, number> = { on_track: 0, at_risk: 1, off_track: 2 };
const worst = (a: OutputStatus, b: OutputStatus): OutputStatus => (SEVERITY[a] >= SEVERITY[b] ? a : b);

/**
 * One cluster's status at a meeting: per output the worst status any coordinator reported, and
 * for the cluster the worst of its outputs; with no report at all it is `not_reported`.
 */
export function aggregateCluster(args: {
  cluster: string;
  outputs: readonly PlanOutput[];
  expected: readonly string[];
  reports: readonly ClusterReport[];
}): ClusterStatus {
  const reported = [...new Set(args.reports.map((r) => r.cityId))].sort();
  const missing = args.expected.filter((c) => !reported.includes(c)).sort();
  const outputs: AggregatedOutput[] = args.outputs.map((o) => {
    const items = args.reports.flatMap((r) => r.progress.filter((p) => p.key === o.key));
    if (items.length === 0) return { key: o.key, title: o.title, target: o.target, value: null, status: 'not_reported', notes: [] };
    return {
      key: o.key,
      title: o.title,
      target: o.target,
      value: Math.max(...items.map((p) => p.value)),
      status: items.map((p) => p.status).reduce(worst),
      notes: items.flatMap((p) => (p.note ? [p.note] : [])),
    };
  });
  const statuses = outputs.map((o) => o.status).filter((s): s is OutputStatus => s !== 'not_reported');
  return {
    cluster: args.cluster,
    status: reported.length === 0 || statuses.length === 0 ? 'not_reported' : statuses.reduce(worst),
    reported,
    missing,
    outputs,
  };
}

/** Progress must name outputs of the plan, each once. */
export function checkProgress(progress: readonly { key: string }[], outputs: readonly { key: string }[]): string | null {
  const keys = new Set(outputs.map((o) => o.key));
  const seen = new Set<string>();
  for (const p of progress) {
    if (seen.has(p.key)) return `output ${p.key} is reported twice`;
    seen.add(p.key);
    if (!keys.has(p.key)) return `output ${p.key} is not in the cluster's work plan`;
  }
  return null;
}

// ---------------------------------------------------------------- ids

export const workshopWorkflowId = (id: string) => `workshop:${id}`;
export const meetingWorkflowId = (id: string) => `coordinator-meeting:${id}`;

// ---------------------------------------------------------------- API schemas

const calendarDate = CalendarDate;
const instant = Instant;
const text = Text;

export const PeriodBody = z.string().refine(isPeriod, { error: 'must be a period YYYY-YYYY, e.g. 2021-2023' });

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
  );

export const ExpertRef = z
  .object({ name: text(200), email: z.email().max(320), organisation: text(200).optional(), expertise: z.array(text(100)).max(20).default([]) })
  .strict();
export type ExpertRef = z.infer<typeof ExpertRef>;

/** When and where; shared by creating, scheduling the inception workshop and rescheduling. */
export const ScheduleFields = z.object({
  startsAt: instant,
  endsAt: instant,
  timezone,
  venue: text(300).optional(),
  onlineUrl: z.url({ protocol: /^https?$/ }).max(2000).optional(),
  rsvpBy: instant,
});
export type ScheduleFields = z.infer<typeof ScheduleFields>;

/** Order of the instants; the "in the future" rule needs a clock, so the caller checks it. */
export function scheduleProblem(s: Pick<ScheduleFields, 'startsAt' | 'endsAt' | 'rsvpBy'>, now: number): { path: string; message: string } | null {
  const [start, end, rsvp] = [Date.parse(s.startsAt), Date.parse(s.endsAt), Date.parse(s.rsvpBy)];
  if (!(end > start)) return { path: 'body.endsAt', message: 'must be after startsAt' };
  if (rsvp > start) return { path: 'body.rsvpBy', message: 'must not be after startsAt' };
  if (!(rsvp > now)) return { path: 'body.rsvpBy', message: 'must be in the future' };
  return null;
}

export const WorkshopSettingsBody = z.object({
  reminders: z.object({ rsvp: z.array(isoDuration).max(5) }).strict().optional(),
  outcomesDue: isoDuration.optional(),
});

export const CreateWorkshopBody = ScheduleFields.extend({
  kind: z.enum(WORKSHOP_KINDS),
  title: text(300),
  experts: z.array(ExpertRef).max(50).default([]),
})
  .extend(WorkshopSettingsBody.shape)
  .strict();
export type CreateWorkshopBody = z.infer<typeof CreateWorkshopBody>;

export const OpenPhaseBody = z
  .object({
    period: PeriodBody,
    inception: ScheduleFields.extend({ title: text(300).optional(), experts: z.array(ExpertRef).max(50).default([]) })
      .extend(WorkshopSettingsBody.shape)
      .strict()
      .optional()
      .describe('schedule of the inception workshop; without it the workshop waits in planning for /reschedule'),
  })
  .strict();
export type OpenPhaseBody = z.infer<typeof OpenPhaseBody>;

export const RsvpBody = z
  .object({ response: z.enum(RSVP_RESPONSES), attendees: z.array(text(200)).max(50).default([]), cityId: z.uuid().optional().describe('secretariat only: the city answered for') })
  .strict();
export type RsvpBody = z.infer<typeof RsvpBody>;

export const RescheduleBody = ScheduleFields.strict();
export const WorkshopCancelBody = z.object({ reason: z.string().trim().min(3).max(500) }).strict();

export const OutcomesBody = z
  .object({
    conceptualDefinition: text(20_000),
    summary: text(20_000),
    successes: z.array(text(5_000)).max(50).default([]),
    challenges: z.array(text(5_000)).max(50).default([]),
    documents: z.array(z.object({ title: text(300), url: z.url({ protocol: /^https?$/ }).max(2000) }).strict()).max(50).default([]),
    attendance: z
      .array(z.object({ cityId: z.uuid(), attendees: z.array(text(200)).max(50).default([]) }).strict())
      .max(500)
      .optional()
      .describe('who attended; default: the cities that answered yes, with their attendee names'),
  })
  .strict();
export type OutcomesBody = z.infer<typeof OutcomesBody>;

export const PlanOutputSchema = z
  .object({
    key: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, { error: 'lower-case letters, digits, _ . - (at most 64)' }),
    title: text(300),
    description: z.string().max(5_000).default(''),
    target: z.object({ value: z.number().finite().min(0).max(1e12), unit: text(50) }).strict(),
    due: calendarDate,
    ownerCityId: z.uuid().optional(),
  })
  .strict();

export const WorkplanBody = z
  .object({ outputs: z.array(PlanOutputSchema).min(1).max(100) })
  .strict()
  .superRefine((b, ctx) => {
    const seen = new Set<string>();
    b.outputs.forEach((o, i) => {
      if (seen.has(o.key)) ctx.addIssue({ code: 'custom', path: ['outputs', i, 'key'], message: `key ${o.key} is used twice` });
      seen.add(o.key);
    });
  });
export type WorkplanBody = z.infer<typeof WorkplanBody>;

/** A reminder lead before a due date: a positive, fixed length (a month has none in milliseconds). */
const fixedMs = (d: string): number | null => {
  try {
    return durationMs(d);
  } catch {
    return null;
  }
};
const fixedLead = isoDuration.refine((d) => !isValidDuration(d) || (fixedMs(d) ?? 0) > 0, { error: 'must be a positive fixed length (weeks, days, hours…), not years or months' });

export const MAX_REPORT_REMINDERS = 5;

export const CreateMeetingBody = z
  .object({
    date: z.union([instant, calendarDate]).describe('date-time of the meeting (a bare date means 00:00 UTC)'),
    reportLead: isoDuration.optional(),
    title: text(300).optional(),
    reminders: z
      .object({
        report: z
          .array(fixedLead)
          .max(MAX_REPORT_REMINDERS)
          .refine((leads) => new Set(leads.map(fixedMs)).size === leads.length, { error: 'the same reminder lead is given twice' })
          .describe('durations before the report due date at which coordinators that have not reported are reminded; default P3D and P1D'),
      })
      .strict()
      .optional(),
  })
  .strict();
export type CreateMeetingBody = z.infer<typeof CreateMeetingBody>;

export const ReportBody = z
  .object({
    cluster: z.string().min(1).max(32).transform((s) => s.toUpperCase()),
    cityId: z.uuid().optional().describe('secretariat only: the coordinator city reported for'),
    progress: z
      .array(z.object({ key: z.string().min(1).max(64), value: z.number().finite().min(0).max(1e12), status: z.enum(OUTPUT_STATUSES), note: z.string().max(5_000).optional() }).strict())
      .min(1)
      .max(100),
  })
  .strict();
export type ReportBody = z.infer<typeof ReportBody>;

export const ExpertBody = z
  .object({
    name: text(200),
    email: z.email().max(320),
    organisation: text(200).optional(),
    expertiseAreas: z.array(text(100)).min(1).max(20),
    support: z.array(z.enum(SUPPORT_KINDS)).min(1).max(SUPPORT_KINDS.length),
  })
  .strict();
export type ExpertBody = z.infer<typeof ExpertBody>;

export const PeerEntryBody = z
  .object({
    cluster: z.string().min(1).max(32).transform((s) => s.toUpperCase()),
    cityId: z.uuid().optional().describe('the city the entry is about; a city token may only give its own'),
    kind: z.enum(PEER_KINDS),
    title: text(300),
    body: text(20_000),
    tags: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
  })
  .strict();
export type PeerEntryBody = z.infer<typeof PeerEntryBody>;

/**
 * A report reminder that would fall at or before the request itself (lead not shorter than the
 * time from `now` to the due date) could never be sent: the first such lead, or null.
 */
export function lateReminder(leads: readonly string[], reportDueAt: number, now: number): string | null {
  return leads.find((lead) => !(reportDueAt - durationMs(lead) > now)) ?? null;
}

/** Meeting date as an instant: a bare calendar date is midnight UTC. */
export const meetingInstant = (date: string): string => (isCalendarDate(date) ? `${date}T00:00:00.000Z` : new Date(date).toISOString());
