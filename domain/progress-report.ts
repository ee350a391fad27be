// Biennial progress reports of the member cities: every biennium the secretariat opens a cycle that
// asks each member city for a report of its strategies and activities for lifelong learning, due by
// a date; reminders go to the city's representative before it, the secretariat is told of the late
// ones at the due date, and a city that missed two consecutive cycles is flagged. Pure: shared by
// the API, the activities and the workflow.
import { z } from 'zod';
import { BienniumString, isBiennium } from './biennium.js';
import { MAX_DURATION, addDuration, durationMs } from './duration.js';
import { Instant, Prose } from './schemas.js';
import { ReminderLead } from './survey.js';

/** The workflow of one biennium's cycle: `progress-report-cycle:<biennium>`, so a second open is refused. */
export const progressReportCycleWorkflowId = (biennium: string) => `progress-report-cycle:${biennium}`;

export const CYCLE_STATUSES = ['open', 'closed'] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];
/** A city's report in a cycle: asked, handed in (editable until the due date), or missed at the due date. */
export const REPORT_STATUSES = ['requested', 'submitted', 'missed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** The areas a report may name (the strategy's lifelong-learning fields). */
export const FOCUS_AREAS = [
  'literacy',
  'digital',
  'health',
  'sustainability',
  'citizenship',
  'inclusion',
  'employment',
  'culture',
] as const;
export type FocusArea = (typeof FOCUS_AREAS)[number];

export const PROGRESS_REPORT_LIMITS = Object.freeze({
  text: 4000,
  learners: 100_000_000,
  partnerships: 10_000,
  reminders: 3,
});

/** Two misses in a row flag a city for the secretariat. */
export const FLAG_AFTER_MISSES = 2;

export const PROGRESS_REPORT_DEFAULTS = Object.freeze({ reminders: ['P14D', 'P3D'] as string[] });

export const OpenCycleBody = z
  .object({
    biennium: BienniumString,
    opensAt: Instant.optional().describe('when the cities are asked; default: now'),
    dueAt: Instant.describe('the reports are due by then (and editable until then)'),
    reminders: z
      .array(ReminderLead)
      .max(PROGRESS_REPORT_LIMITS.reminders)
      .optional()
      .describe('leads before the due date at which cities that have not reported are reminded (default P14D, P3D)'),
  })
  .strict();
export type OpenCycleBody = z.output<typeof OpenCycleBody>;

/** The window's own rules against `now`; a problem names the field. */
export function cycleWindowProblem(w: { opensAt: number; dueAt: number }, now: number) {
  if (w.dueAt <= now) return { path: 'body.dueAt', message: 'must be in the future' };
  if (w.dueAt <= w.opensAt) return { path: 'body.dueAt', message: 'must be after opensAt' };
  if (w.dueAt > addDuration(new Date(w.opensAt), MAX_DURATION.WINDOW).getTime())
    return { path: 'body.dueAt', message: `a cycle may be open at most ${MAX_DURATION.WINDOW}` };
  return null;
}

export const ReportBody = z
  .object({
    strategies: Prose(PROGRESS_REPORT_LIMITS.text).describe('the city’s strategies for lifelong learning'),
    activities: Prose(PROGRESS_REPORT_LIMITS.text).describe('the activities carried out in the biennium'),
    learnersReached: z.int().min(0).max(PROGRESS_REPORT_LIMITS.learners).nullable().optional(),
    partnerships: z.int().min(0).max(PROGRESS_REPORT_LIMITS.partnerships).nullable().optional(),
    focusAreas: z
      .array(z.enum(FOCUS_AREAS))
      .max(FOCUS_AREAS.length)
      .refine((a) => new Set(a).size === a.length, { error: 'an area is listed twice' })
      .default([]),
  })
  .strict();
export type ReportBody = z.output<typeof ReportBody>;

/** The cycle's input, checked by its workflow at start. */
export interface ProgressReportCycleInput {
  biennium: string;
  /** Epoch ms. */
  opensAt: number;
  dueAt: number;
  reminders: string[];
  /** Cities notified per activity (default PAGE_SIZE). */
  pageSize?: number;
}

/** Cities notified by one activity: a round over 2,300 cities is 5 activities. */
export const PAGE_SIZE = 500;

export const ProgressReportCycleInputSchema = z.object({
  biennium: BienniumString,
  opensAt: z.number().int(),
  dueAt: z.number().int(),
  reminders: z.array(ReminderLead).max(PROGRESS_REPORT_LIMITS.reminders),
  pageSize: z.int().min(1).max(5000).optional(),
});

export interface ProgressReportCycleState {
  biennium: string;
  status: CycleStatus;
  /** Reminder rounds sent so far. */
  reminded: number;
}

export interface CycleTotals {
  requested: number;
  submitted: number;
  missed: number;
  /** Cities flagged after this cycle (missed it and the one before). */
  flagged: number;
}

/** Reminder instants (epoch ms) before `dueAt`, earliest first, only those after `from`. */
export function cycleReminderTimes(dueAt: number, leads: readonly string[], from: number): number[] {
  return [...new Set(leads.map((l) => dueAt - durationMs(l)))].filter((t) => t > from).sort((a, b) => a - b);
}

/** The biennium before `b` ("2023-2025" → "2021-2023"), or null before the first. */
export function previousBiennium(b: string): string | null {
  const y = Number(b.slice(0, 4));
  const p = `${y - 2}-${y}`;
  return isBiennium(p) ? p : null;
}

/**
 * How many cycles in a row a city missed, counted back from its latest closed cycle: a cycle it
 * handed in, or a gap (the previous biennium had no cycle or did not ask it) ends the run.
 * `closed` maps a closed cycle's biennium to the city's status in it.
 */
export function missStreak(closed: ReadonlyMap<string, ReportStatus>): number {
  const latest = [...closed.keys()].sort().at(-1);
  let n = 0;
  for (let b: string | null | undefined = latest; b && closed.get(b) === 'missed'; b = previousBiennium(b)) n++;
  return n;
}

/** A city that missed FLAG_AFTER_MISSES consecutive cycles is flagged for the secretariat. */
export const isFlagged = (closed: ReadonlyMap<string, ReportStatus>): boolean =>
  missStreak(closed) >= FLAG_AFTER_MISSES;

/** Share of asked cities that reported, in whole percent rounded down (0 when none was asked). */
export const responseRatePercent = (submitted: number, requested: number): number =>
  requested > 0 ? Math.floor((submitted * 100) / requested) : 0;

/** Whether a city may still write its report: the cycle open, opened and not yet due. */
export const editable = (c: { status: CycleStatus; opensAt: number; dueAt: number }, now: number): boolean =>
  c.status === 'open' && c.opensAt <= now && now < c.dueAt;
