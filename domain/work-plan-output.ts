// Tracking a work plan's outputs over time: progress entries (value toward the output's target,
// a note, a date) from the coordinators' meeting reports and from direct updates by a coordinator
// or the secretariat, and each output's place on the cross-cluster timeline. Pure.
import { z } from 'zod';
import { subtractDuration } from './pledge.js';
import { CalendarDate, Note } from './schemas.js';

export const TRACK_STATUSES = ['on_track', 'at_risk', 'late', 'done'] as const;
export type TrackStatus = (typeof TRACK_STATUSES)[number];

/** An output not done whose due date is this many days away or fewer is at risk. */
export const AT_RISK_DAYS = 30;

export interface ProgressEntry {
  value: number;
  /** YYYY-MM-DD. */
  date: string;
  note: string | null;
  source: 'meeting' | 'direct';
  /** A meeting report's own judgement of the output (at_risk, off_track), when it came from one. */
  reported?: 'on_track' | 'at_risk' | 'off_track';
}

const dayNumber = (d: string) => Math.floor(Date.parse(`${d}T00:00:00Z`) / 86_400_000);

/** The latest entry: by date, then a direct update over a meeting's report of the same day. */
export function latestEntry(entries: readonly ProgressEntry[]): ProgressEntry | null {
  let best: ProgressEntry | null = null;
  for (const e of entries)
    if (!best || e.date > best.date || (e.date === best.date && e.source === 'direct' && best.source !== 'direct'))
      best = e;
  return best;
}

/**
 * An output's status on `today` (YYYY-MM-DD):
 * - `done` once the latest value reaches the target;
 * - else `late` after the due date;
 * - else `at_risk` when the due date is AT_RISK_DAYS days away or fewer, or when the latest entry is
 *   a meeting report that judged the output at risk or off track;
 * - else `on_track`.
 */
export function outputStatus(
  o: { target: { value: number }; due: string },
  entries: readonly ProgressEntry[],
  today: string,
): TrackStatus {
  const latest = latestEntry(entries);
  if (latest && latest.value >= o.target.value) return 'done';
  const left = dayNumber(o.due) - dayNumber(today);
  if (left < 0) return 'late';
  if (left <= AT_RISK_DAYS) return 'at_risk';
  if (latest?.reported === 'at_risk' || latest?.reported === 'off_track') return 'at_risk';
  return 'on_track';
}

export const OutputProgressBody = z
  .object({
    value: z.number().finite().min(0).max(1e12).describe('the value reached toward the output’s target'),
    note: Note(2000).optional(),
    date: CalendarDate.optional().describe('default: today'),
  })
  .strict();
export type OutputProgressBody = z.output<typeof OutputProgressBody>;

/** Lead before an output's due date at which the cluster's coordinators are reminded (a work plan's default). */
export const OUTPUT_REMINDER_DEFAULTS = Object.freeze({ beforeDue: 'P14D' });

/** `work-plan-outputs:<cluster>:<biennium>`: the process that reminds a cluster of its plan's outputs. */
export const workPlanOutputsWorkflowId = (cluster: string, biennium: string): string =>
  `work-plan-outputs:${cluster}:${biennium}`;

export type OutputEventKind = 'reminder' | 'late';

export interface OutputEvent {
  /** `<output key>:<kind>:<due>`: a new due date is a new event (its own business key). */
  id: string;
  key: string;
  kind: OutputEventKind;
  due: string;
  /** Epoch ms. */
  at: number;
}

const DAY_MS = 86_400_000;

/**
 * The reminders and late notices of a plan's outputs, by time: the reminder `beforeDue` ahead of the
 * due date (00:00 UTC), the late notice once the due day has passed (00:00 UTC the day after).
 */
export function outputEvents(outputs: readonly { key: string; due: string }[], beforeDue: string): OutputEvent[] {
  return outputs
    .flatMap((o) => {
      const dueMs = Date.parse(`${o.due}T00:00:00Z`);
      return [
        {
          id: `${o.key}:reminder:${o.due}`,
          key: o.key,
          kind: 'reminder' as const,
          due: o.due,
          at: subtractDuration(new Date(dueMs), beforeDue).getTime(),
        },
        { id: `${o.key}:late:${o.due}`, key: o.key, kind: 'late' as const, due: o.due, at: dueMs + DAY_MS },
      ];
    })
    .sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
}
