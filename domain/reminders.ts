// When reminders fall and whom they go to; shared by the workshop and coordinator-meeting processes.
// Pure and deterministic: imported by Temporal workflow code.
import { addDuration } from './duration.js';

/**
 * Instants (epoch ms) `leads` before `deadline` that are still ahead of `now`, ascending and
 * distinct: a reminder whose moment has passed (e.g. a late reschedule) is skipped, not sent late.
 */
export function leadTimes(deadline: number, leads: readonly string[], now: number): number[] {
  const times = leads.map((lead) => deadline - addDuration(new Date(0), lead).getTime());
  return [...new Set(times)].filter((t) => t > now && t < deadline).sort((a, b) => a - b);
}

/** Invited cities that have not answered: the only ones reminded. */
export function nonResponders(invited: readonly string[], answered: ReadonlySet<string> | readonly string[]): string[] {
  const done = answered instanceof Set ? answered : new Set(answered as readonly string[]);
  return invited.filter((c) => !done.has(c));
}

/**
 * Whether a reminder due at `at` for `deadline` is too late to send at `now`: the workflow ran behind
 * (a worker was down, a backlog) by more than half the reminder's lead, or the deadline has passed. It
 * is dropped rather than sent saying "closes at" a time that has gone or nearly gone by.
 */
export const reminderTooLate = (at: number, deadline: number, now: number): boolean =>
  now >= deadline || now - at > (deadline - at) / 2;
