// Rules of the cluster coordinators' meetings: status reports on the work plans, their reminders and
// the per-cluster aggregation. Pure and deterministic: imported by Temporal workflow code.
import { z } from 'zod';
import { MAX_DURATION, boundedDuration, durationMs, isValidDuration } from './duration.js';
import { CalendarDate, Instant, Note, Text, isCalendarDate } from './schemas.js';
import type { PlanOutput } from './work-plan.js';

export const MEETING_STATUSES = ['collecting', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const FINAL_MEETING_STATUSES: readonly MeetingStatus[] = ['held', 'cancelled'];

export const OUTPUT_STATUSES = ['on_track', 'at_risk', 'off_track'] as const;
export type OutputStatus = (typeof OUTPUT_STATUSES)[number];

export const COORDINATOR_MEETING_DEFAULTS = Object.freeze({
  reportLead: 'P7D',
  /** Before the report due date: coordinators that have not reported are reminded. */
  reportReminders: Object.freeze(['P3D', 'P1D']) as readonly string[],
} as const);

export const coordinatorMeetingWorkflowId = (id: string) => `coordinator-meeting:${id}`;

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
    if (items.length === 0)
      return { key: o.key, title: o.title, target: o.target, value: null, status: 'not_reported', notes: [] };
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
export function checkProgress(
  progress: readonly { key: string }[],
  outputs: readonly { key: string }[],
): string | null {
  const keys = new Set(outputs.map((o) => o.key));
  const seen = new Set<string>();
  for (const p of progress) {
    if (seen.has(p.key)) return `output ${p.key} is reported twice`;
    seen.add(p.key);
    if (!keys.has(p.key)) return `output ${p.key} is not in the cluster's work plan`;
  }
  return null;
}

/** A reminder lead before a due date: a positive, fixed length (a month has none in milliseconds). */
const fixedMs = (d: string): number | null => {
  try {
    return durationMs(d);
  } catch {
    return null;
  }
};
/** Report leads: a meeting's reporting happens within a term (MAX_DURATION). */
const window = boundedDuration(MAX_DURATION.WINDOW);
const fixedLead = window.refine((d) => !isValidDuration(d) || (fixedMs(d) ?? 0) > 0, {
  error: 'must be a positive fixed length (weeks, days, hours…), not years or months',
});

export const MAX_REPORT_REMINDERS = 5;

export const CreateMeetingBody = z
  .object({
    date: z.union([Instant, CalendarDate]).describe('date-time of the meeting (a bare date means 00:00 UTC)'),
    reportLead: window.optional(),
    title: Text(300).optional(),
    reminders: z
      .object({
        report: z
          .array(fixedLead)
          .max(MAX_REPORT_REMINDERS)
          .refine((leads) => new Set(leads.map(fixedMs)).size === leads.length, {
            error: 'the same reminder lead is given twice',
          })
          .describe(
            'durations before the report due date at which coordinators that have not reported are reminded; default P3D and P1D',
          ),
      })
      .strict()
      .optional(),
  })
  .strict();
export type CreateMeetingBody = z.infer<typeof CreateMeetingBody>;

export const ReportBody = z
  .object({
    cluster: z
      .string()
      .min(1)
      .max(32)
      .transform((s) => s.toUpperCase()),
    cityId: z.uuid().optional().describe('secretariat only: the coordinator city reported for'),
    progress: z
      .array(
        z
          .object({
            key: z.string().min(1).max(64),
            value: z.number().finite().min(0).max(1e12),
            status: z.enum(OUTPUT_STATUSES),
            note: Note(5_000).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(100),
  })
  .strict();
export type ReportBody = z.infer<typeof ReportBody>;

/**
 * A report reminder that would fall at or before the request itself (lead not shorter than the
 * time from `now` to the due date) could never be sent: the first such lead, or null.
 */
export function lateReminder(leads: readonly string[], reportDueAt: number, now: number): string | null {
  return leads.find((lead) => !(reportDueAt - durationMs(lead) > now)) ?? null;
}

/** Meeting date as an instant: a bare calendar date is midnight UTC. */
export const meetingInstant = (date: string): string =>
  isCalendarDate(date) ? `${date}T00:00:00.000Z` : new Date(date).toISOString();
