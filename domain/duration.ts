// ISO 8601 durations. Pure and deterministic: imported by Temporal workflow code.
import { z } from 'zod';

export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const PATTERN = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

const MS = { second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

export function parseDuration(iso: string): Duration {
  const m = typeof iso === 'string' ? PATTERN.exec(iso) : null;
  const parts = m?.slice(1) ?? [];
  // The regex alone also accepts "P", "PT" and "P1DT" (a T designator with no time part).
  if (!m || !parts.some((p) => p !== undefined) || iso.endsWith('T')) {
    throw new Error(`invalid ISO 8601 duration: ${JSON.stringify(iso)}`);
  }
  const n = (i: number): number => {
    const v = Number(parts[i] ?? 0);
    if (!Number.isFinite(v) || (i < 6 && !Number.isSafeInteger(v))) {
      throw new Error(`ISO 8601 duration out of range: ${JSON.stringify(iso)}`);
    }
    return v;
  };
  return { years: n(0), months: n(1), weeks: n(2), days: n(3), hours: n(4), minutes: n(5), seconds: n(6) };
}

export function isValidDuration(iso: unknown): iso is string {
  if (typeof iso !== 'string') return false;
  try {
    parseDuration(iso);
    return true;
  } catch {
    return false;
  }
}

/** Fixed-length durations only: years and months have no fixed length in milliseconds. */
export function durationMs(iso: string): number {
  const d = parseDuration(iso);
  if (d.years !== 0 || d.months !== 0) {
    throw new Error(
      `duration ${JSON.stringify(iso)} uses years or months, which have no fixed length; use addDuration instead`,
    );
  }
  return (
    (d.weeks * 7 + d.days) * MS.day + d.hours * MS.hour + d.minutes * MS.minute + Math.round(d.seconds * MS.second)
  );
}

function daysInMonth(year: number, month0: number): number {
  return new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
}

/**
 * Calendar arithmetic in UTC. Years and months are applied together and the day is clamped
 * once (Jan 31 + P1M = end of February), as Temporal.PlainDate.add does; the rest is exact time.
 */
export function addDuration(date: Date, iso: string): Date {
  const d = parseDuration(iso);
  const totalMonths = date.getUTCMonth() + d.years * 12 + d.months;
  const year = date.getUTCFullYear() + Math.floor(totalMonths / 12);
  const month0 = ((totalMonths % 12) + 12) % 12;
  const day = Math.min(date.getUTCDate(), daysInMonth(year, month0));
  const timeOfDay = date.getTime() - Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const base = Date.UTC(year, month0, day) + timeOfDay;
  const rest =
    (d.weeks * 7 + d.days) * MS.day + d.hours * MS.hour + d.minutes * MS.minute + Math.round(d.seconds * MS.second);
  return new Date(base + rest);
}

/** The duration grammar for the OpenAPI document (PATTERN, and at least one part after P and after T). */
export const DURATION_PATTERN =
  '^P(?=\\d|T\\d)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$';

export const isoDuration = z
  .string()
  .refine(isValidDuration, { error: 'must be an ISO 8601 duration such as P14D or PT5S' })
  .meta({ description: 'ISO 8601 duration such as P14D or PT5S', format: 'duration', pattern: DURATION_PATTERN });

/**
 * Longest durations the API accepts, per use. Each keeps every date computed from an accepted date
 * (at most 2100-12-31) plus the duration within the years JavaScript, PostgreSQL and Temporal's
 * timers hold, and is long enough for what the process does:
 * - WINDOW (P1Y): election windows and extensions, RSVP leads, workshop outcomes, meeting report
 *   leads — all happen within one two-year coordinator term;
 * - INTERVAL (P2Y): campaign follow-ups and digests — a campaign lasts one biennium;
 * - PLEDGE (P5Y): instalment intervals and pledge reminders — agreements run a few years;
 * - TERM (P5Y): a coordinator term (two years by the strategy), set by the cycle, not the API.
 */
export const MAX_DURATION = Object.freeze({ WINDOW: 'P1Y', INTERVAL: 'P2Y', PLEDGE: 'P5Y', TERM: 'P5Y' } as const);

/** Fixed reference for comparing durations with years and months (their length varies by date). */
const REFERENCE = new Date(Date.UTC(2100, 0, 1));

/** True when `iso` is a valid duration no longer than `max` (both measured from one reference date). */
export function isDurationAtMost(iso: unknown, max: string): iso is string {
  if (!isValidDuration(iso)) return false;
  const end = addDuration(REFERENCE, iso).getTime();
  // NaN (a duration too large for a Date) compares false: refused.
  return end <= addDuration(REFERENCE, max).getTime();
}

/** An ISO 8601 duration of at most `max` (see MAX_DURATION). */
export const boundedDuration = (max: string) =>
  isoDuration
    .refine((d) => !isValidDuration(d) || isDurationAtMost(d, max), {
      error: `must be at most ${max}`,
    })
    .meta({ description: `ISO 8601 duration such as P14D or PT5S, at most ${max}` });
