// Primitive schemas every process's API and workflow inputs share: calendar dates, instants, text.
// The bounds are the engine's: every date a process computes from an input (a term end, a due date,
// a reminder) must stay where PostgreSQL, JavaScript dates and the workflows' timers all work, so
// the edge refuses what a later step could not hold instead of a workflow failing on it for ever.
import { z } from 'zod';

/** The first day the engine knows (the GNLC was founded in 2012) and the last one it accepts. */
export const EARLIEST_DATE = '2012-01-01';
export const LATEST_DATE = '2100-12-31';
/** Epoch ms of the earliest and (exclusive) latest instant accepted: the same span as the dates, in UTC. */
export const EARLIEST_MS = Date.UTC(2012, 0, 1);
export const END_MS = Date.UTC(2101, 0, 1);

/** A real calendar date written YYYY-MM-DD (no 2021-02-30); any year. */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A calendar date within EARLIEST_DATE..LATEST_DATE. */
export const inDateRange = (s: string): boolean => s >= EARLIEST_DATE && s <= LATEST_DATE;
/** An epoch-ms instant within the accepted span. */
export const inInstantRange = (ms: number): boolean => Number.isFinite(ms) && ms >= EARLIEST_MS && ms < END_MS;

const RANGE = `between ${EARLIEST_DATE} and ${LATEST_DATE}`;

export const CalendarDate = z
  .string()
  .refine(isCalendarDate, { error: 'must be a calendar date YYYY-MM-DD' })
  .refine((s) => !isCalendarDate(s) || inDateRange(s), { error: `must be ${RANGE}` })
  // The document says what the checks above refuse (the typed client and the fuzzer read it).
  .meta({ description: `YYYY-MM-DD, ${RANGE}`, format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export const Instant = z.iso
  .datetime({ offset: true })
  .refine((s) => inInstantRange(Date.parse(s)), { error: `must be ${RANGE} (UTC)` })
  .describe(`ISO 8601 date-time with offset, ${RANGE} (UTC)`);

/** Epoch ms within the accepted span (workflow inputs carry some instants as numbers). */
export const EpochMs = z
  .number()
  .int()
  .refine(inInstantRange, { error: `must be ${RANGE} (UTC)` });

// ---------------------------------------------------------------- text

/**
 * A character that shows: not white space, not a control or format character (zero-width space,
 * joiners, BOM, bidi marks), not a lone combining mark or a default-ignorable filler (U+3164…).
 */
const VISIBLE = /[^\p{White_Space}\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{M}\p{Default_Ignorable_Code_Point}]/u;
/** Control characters (C0, DEL, C1): a name or title is one line, and goes into e-mail subjects and iCalendar. */
const CONTROL = /\p{Cc}/u;
/** In prose, line breaks and tabs are text; the other control characters are not. */
const CONTROL_BUT_LINES = /[^\P{Cc}\t\n\r]/u;

export const hasVisible = (s: string): boolean => VISIBLE.test(s);
/** No lone surrogate (they cannot be stored as UTF-8; PostgreSQL would get U+FFFD). */
export const wellFormed = (s: string): boolean => !/\p{Cs}/u.test(s);

const textChecks = (s: z.ZodString, control: RegExp, what: string) =>
  s
    .refine(wellFormed, { error: 'must be well-formed Unicode (no lone surrogates)' })
    .refine((v) => !control.test(v), { error: `must not contain control characters${what}` });

/** A name, title, label or tag: trimmed, one line, at least one visible character (an empty one is min(1)'s to report). */
export const Text = (max: number) =>
  textChecks(z.string().trim().min(1).max(max), CONTROL, '').refine((v) => v === '' || hasVisible(v), {
    error: 'must contain a visible character',
  });

/** Prose (a description, a summary, a note): like Text, but line breaks and tabs are allowed. */
export const Prose = (max: number) =>
  textChecks(z.string().trim().min(1).max(max), CONTROL_BUT_LINES, ' (other than line breaks and tabs)').refine(
    (v) => v === '' || hasVisible(v),
    { error: 'must contain a visible character' },
  );

/** An optional note that may be empty: well-formed, no control characters but line breaks and tabs. */
export const Note = (max: number) =>
  textChecks(z.string().trim().max(max), CONTROL_BUT_LINES, ' (other than line breaks and tabs)');
