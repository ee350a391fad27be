// The common schedule: its events and their RFC 5545 (iCalendar) serialisation. Pure.

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
}

/** TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma and newlines. */
export function escapeText(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line at 75 octets (3.1) without splitting a UTF-8 character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = new TextEncoder().encode(ch).length;
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with a space
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const utc = (iso: string): string =>
  new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
const dateValue = (d: string): string => d.slice(0, 10).replace(/-/g, '');
const nextDay = (d: string): string => {
  const t = new Date(`${d.slice(0, 10)}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
};

export function toICalendar(events: readonly CalendarEvent[], opts: { name: string; now: Date }): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//UNESCO GNLC//gnlc-engine//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(opts.name)}`,
  ];
  const stamp = utc(opts.now.toISOString());
  for (const e of events) {
    lines.push('BEGIN:VEVENT', `UID:${escapeText(e.uid)}`, `DTSTAMP:${stamp}`);
    if (e.allDay) {
      lines.push(
        `DTSTART;VALUE=DATE:${dateValue(e.start)}`,
        `DTEND;VALUE=DATE:${dateValue(e.end ?? nextDay(e.start))}`,
      );
    } else {
      lines.push(`DTSTART:${utc(e.start)}`, `DTEND:${utc(e.end ?? e.start)}`);
    }
    lines.push(`SUMMARY:${escapeText(e.title)}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    if (e.url) lines.push(`URL:${e.url}`);
    lines.push(`CATEGORIES:${escapeText(e.kind)}`);
    if (e.cancelled) lines.push('STATUS:CANCELLED');
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
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
] as const;
export type CalendarEventKind = (typeof CALENDAR_EVENT_KINDS)[number];
