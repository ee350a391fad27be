// The common schedule: its events and their RFC 5545 (iCalendar) serialisation. Pure.
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';

export interface CalendarEvent {
  /** Globally unique and stable across fetches, so a subscribed calendar updates instead of duplicating. */
  uid: string;
  kind: string;
  title: string;
  /** ISO date-time, or YYYY-MM-DD for an all-day event. */
  start: string;
  end?: string;
  allDay?: boolean;
  cluster?: string | null;
  description?: string;
  location?: string;
  url?: string;
  cancelled?: boolean;
  /** IANA time zone the event is held in (a workshop's): the feed writes its times in it. */
  timezone?: string;
  /** Revision for calendar clients (RFC 5545 SEQUENCE): raised by every reschedule and a cancellation. */
  sequence?: number;
  /** When the event last changed (ISO instant): the feed's LAST-MODIFIED. */
  updatedAt?: string;
}

/** The wall-clock time of an instant in a time zone, as YYYY-MM-DDTHH:MM:SS (a floating value for TZID). */
export function wallTime(instant: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

/**
 * The feed (RFC 5545) through ical-generator: an event with a time zone is written in it (TZID, with
 * its VTIMEZONE from @touch4it/ical-timezones); one without an end has no DTEND (it ends as it
 * starts, RFC 5545 3.6.1, rather than a zero-length DTEND); SEQUENCE and LAST-MODIFIED when known.
 */
export function toICalendar(events: readonly CalendarEvent[], opts: { name: string; now: Date }): string {
  const cal = ical({
    name: opts.name,
    prodId: { company: 'UNESCO GNLC', product: 'gnlc-engine', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
  });
  cal.timezone({ name: null, generator: getVtimezoneComponent });
  for (const e of events) {
    const zone = !e.allDay && e.timezone && getVtimezoneComponent(e.timezone) ? e.timezone : undefined;
    const at = (instant: string) => (zone ? wallTime(instant, zone) : new Date(instant));
    cal.createEvent({
      id: e.uid,
      stamp: opts.now,
      ...(e.allDay
        ? { allDay: true, start: e.start.slice(0, 10), ...(e.end ? { end: e.end.slice(0, 10) } : {}) }
        : { start: at(e.start), ...(e.end && e.end !== e.start ? { end: at(e.end) } : {}) }),
      ...(zone ? { timezone: zone } : {}),
      summary: e.title,
      ...(e.description ? { description: e.description } : {}),
      ...(e.location ? { location: e.location } : {}),
      ...(e.url ? { url: e.url } : {}),
      categories: [{ name: e.kind }],
      sequence: e.sequence ?? 0,
      ...(e.updatedAt ? { lastModified: new Date(e.updatedAt) } : {}),
      ...(e.cancelled ? { status: ICalEventStatus.CANCELLED } : {}),
    });
  }
  return cal.toString();
}

/**
 * Every kind of event the common schedule holds (CalendarEvent.kind), for ?kinds= filters. A new
 * source adds its kinds here.
 */
export const CALENDAR_EVENT_KINDS = [
  'workshop.inception',
  'workshop.thematic',
  'workshop.advisory_session',
  'workshop.rsvp_by',
  'workshop.outcomes_due',
  'coordinator_meeting',
  'report_due',
  'election.nominations-close',
  'election.voting-close',
  'instalment_due',
  'partnership.activity',
  'partnership.report_due',
] as const;
export type CalendarEventKind = (typeof CALENDAR_EVENT_KINDS)[number];
