// Primitive schemas every process's API and workflow inputs share: calendar dates, instants, text.
import { z } from 'zod';

/** A real calendar date written YYYY-MM-DD (no 2021-02-30). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export const CalendarDate = z.string().refine(isCalendarDate, { error: 'must be a calendar date YYYY-MM-DD' });

export const Instant = z.iso.datetime({ offset: true }).describe('ISO 8601 date-time with offset');

/** Trimmed text with at least one character. */
export const Text = (max: number) => z.string().trim().min(1).max(max);
