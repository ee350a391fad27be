// The common schedule is the union of small event sources. Each answers the events the caller may
// see under the filters; another process (e.g. funding instalment due dates) adds one to
// CALENDAR_SOURCES and the JSON and iCalendar feeds pick it up.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../domain/auth.js';
import type { CalendarEvent } from '../domain/icalendar.js';

export type { CalendarEvent };

export interface CalendarFilters {
  /** Events starting in this year (UTC), when given. */
  year?: number;
  cluster?: string;
  /** Events that concern this city; for a city token always its own city. */
  city?: string;
}

export type CalendarSource = (em: EntityManager, principal: Principal, filters: CalendarFilters) => Promise<CalendarEvent[]>;

const iso = (d: Date | string) => new Date(d).toISOString();
/** [from, to) of the year filter as ISO instants, or an unbounded range. */
const yearRange = (f: CalendarFilters): [string, string] =>
  f.year ? [`${f.year}-01-01T00:00:00Z`, `${f.year + 1}-01-01T00:00:00Z`] : ['0001-01-01T00:00:00Z', '9999-01-01T00:00:00Z'];

/** Every scheduled workshop; a city sees those it is invited to. */
export const workshopEvents: CalendarSource = async (em, _p, f) => {
  const [from, to] = yearRange(f);
  const rows = await em.getConnection().execute<{ id: string; cluster_code: string; kind: string; title: string; starts_at: Date; ends_at: Date; venue: string | null; online_url: string | null; timezone: string; status: string }[]>(
    `select id, cluster_code, kind, title, starts_at, ends_at, venue, online_url, timezone, status from workshop
      where starts_at is not null and starts_at >= ? and starts_at < ?
        ${f.cluster ? 'and cluster_code = ?' : ''} ${f.city ? 'and ? = any(invited)' : ''}`,
    [from, to, ...(f.cluster ? [f.cluster] : []), ...(f.city ? [f.city] : [])],
  );
  return rows.map((w) => ({
    uid: `workshop-${w.id}@gnlc`,
    kind: `workshop.${w.kind}`,
    title: `${w.cluster_code}: ${w.title}`,
    start: iso(w.starts_at),
    end: iso(w.ends_at),
    cluster: w.cluster_code,
    description: `${w.kind.replace('_', ' ')} workshop (${w.timezone})${w.online_url ? `\n${w.online_url}` : ''}`,
    ...(w.venue ? { location: w.venue } : {}),
    url: `/workshops/${w.id}`,
    cancelled: w.status === 'cancelled',
  }));
};

interface MeetingRow {
  id: string;
  title: string;
  at: Date;
  report_due_at: Date;
  status: string;
  expected: { cluster: string; cityId: string }[];
}

async function meetings(em: EntityManager, f: CalendarFilters, column: 'at' | 'report_due_at'): Promise<MeetingRow[]> {
  const [from, to] = yearRange(f);
  const rows = await em.getConnection().execute<MeetingRow[]>(
    `select id, title, at, report_due_at, status, expected from coordinator_meeting where ${column} >= ? and ${column} < ?`,
    [from, to],
  );
  return rows.filter(
    (m) => (!f.cluster || m.expected.some((e) => e.cluster === f.cluster)) && (!f.city || m.expected.some((e) => e.cityId === f.city)),
  );
}

/** Coordinators' meetings: everyone may know when they take place. */
export const meetingEvents: CalendarSource = async (em, _p, f) =>
  (await meetings(em, f, 'at')).map((m) => ({
    uid: `coordinator-meeting-${m.id}@gnlc`,
    kind: 'coordinator_meeting',
    title: m.title,
    start: iso(m.at),
    url: `/coordinator-meetings/${m.id}`,
    cancelled: m.status === 'cancelled',
  }));

/** When status reports are due: for the secretariat, viewers and the coordinators asked. */
export const reportDueEvents: CalendarSource = async (em, p, f) => {
  if (p.role === 'donor') return [];
  return (await meetings(em, f, 'report_due_at')).map((m) => ({
    uid: `coordinator-meeting-${m.id}-reports-due@gnlc`,
    kind: 'report_due',
    title: `Status reports due: ${m.title}`,
    start: iso(m.report_due_at),
    description: f.city ? 'Your cluster status report is due.' : `${m.expected.length} coordinator report(s) expected.`,
    url: `/coordinator-meetings/${m.id}`,
    cancelled: m.status === 'cancelled',
  }));
};

/** Election windows: when nominations and voting close (from the election's deadlines). */
export const electionEvents: CalendarSource = async (em, _p, f) => {
  const rows = await em.getConnection().execute<{ id: string; cluster_code: string; term_start: string; phase: string; deadlines: Record<string, string | boolean | undefined>; eligible: string[] }[]>(
    `select id, cluster_code, term_start::text, phase, deadlines, eligible from election
      where true ${f.cluster ? 'and cluster_code = ?' : ''} ${f.city ? 'and ? = any(eligible)' : ''}`,
    [...(f.cluster ? [f.cluster] : []), ...(f.city ? [f.city] : [])],
  );
  const [from, to] = yearRange(f);
  const events: CalendarEvent[] = [];
  for (const e of rows) {
    const windows: [string, string, string | undefined][] = [
      ['nominations-close', 'nominations close', e.deadlines.nominationsClose as string | undefined],
      ['voting-close', 'voting closes', e.deadlines.votingCloses as string | undefined],
    ];
    for (const [slug, what, at] of windows) {
      if (!at || iso(at) < from || iso(at) >= to) continue;
      events.push({
        uid: `election-${e.id}-${slug}@gnlc`,
        kind: `election.${slug}`,
        title: `${e.cluster_code} coordinator election (${e.term_start}): ${what}`,
        start: iso(at),
        cluster: e.cluster_code,
        url: `/elections/${e.id}`,
        cancelled: e.phase === 'cancelled',
      });
    }
  }
  return events;
};

/** Every source of the common schedule. Funding adds its instalment due dates here. */
export const CALENDAR_SOURCES: CalendarSource[] = [workshopEvents, meetingEvents, reportDueEvents, electionEvents];
