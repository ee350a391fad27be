// The common schedule is the union of small event sources. Each answers the events the caller may
// see under the filters; another process (e.g. funding instalment due dates) adds one to
// CALENDAR_SOURCES and the JSON and iCalendar feeds pick it up.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../domain/auth.js';
import type { CalendarEvent, CalendarEventKind } from '../../domain/calendar.js';
import { formatAmount } from '../../domain/money.js';
import { partnershipEvents } from './partnership.js';

export type { CalendarEvent };

export interface CalendarFilters {
  /** Events starting in this year (UTC), when given. */
  year?: number;
  cluster?: string;
  /** Events that concern this city; for a city token always its own city. */
  city?: string;
  /** Events starting on or after this day (YYYY-MM-DD, from its start in UTC), when given. */
  from?: string;
  /** Events starting on or before this day (YYYY-MM-DD, to its end in UTC), when given. */
  to?: string;
  /** Only events of these kinds, when given. */
  kinds?: readonly CalendarEventKind[];
  /**
   * Only the earliest `limit` events (by start, then uid), when given. A source may stop at its own
   * earliest `limit` in the same order: the union's earliest `limit` are among them.
   */
  limit?: number;
}

export type CalendarSource = (
  em: EntityManager,
  principal: Principal,
  filters: CalendarFilters,
) => Promise<CalendarEvent[]>;

const iso = (d: Date | string) => new Date(d).toISOString();
const dayAfter = (date: string): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/** [from, to) of the year, from and to filters together as ISO instants (unbounded without them). */
const yearRange = (f: CalendarFilters): [string, string] => {
  let [from, to] = f.year
    ? [`${f.year}-01-01T00:00:00Z`, `${f.year + 1}-01-01T00:00:00Z`]
    : ['0001-01-01T00:00:00Z', '9999-01-01T00:00:00Z'];
  // Same-shaped UTC instants compare as strings.
  if (f.from && `${f.from}T00:00:00Z` > from) from = `${f.from}T00:00:00Z`;
  if (f.to && `${dayAfter(f.to)}T00:00:00Z` < to) to = `${dayAfter(f.to)}T00:00:00Z`;
  return [from, to];
};

/** Whether events of this kind are asked for. */
export const wants = (f: CalendarFilters, kind: string): boolean =>
  !f.kinds || (f.kinds as readonly string[]).includes(kind);

/**
 * When a workshop's outcomes are due: the workflow's date, else planned from the end and its
 * outcomesDue, in UTC wall time as the workflow's addDuration (Migration20261223300000 defines it and
 * indexes it).
 */
const OUTCOMES_DUE = `workshop_outcomes_due(outcomes_due_at, ends_at, settings->>'outcomesDue')`;

/**
 * Every scheduled workshop, with its RSVP deadline and its outcomes due date (planned from the end
 * and the workshop's outcomesDue until the workflow fixes it); a city sees those it is invited to.
 * Each event is kept by its own date, so a December workshop's January outcomes land in January.
 */
export const workshopEvents: CalendarSource = async (em, _p, f) => {
  if (f.kinds && !f.kinds.some((k) => k.startsWith('workshop.'))) return [];
  const [from, to] = yearRange(f);
  const filters = `${f.cluster ? 'and cluster_code = ?' : ''} ${f.city ? 'and ? = any(invited)' : ''}`;
  const filterParams = [...(f.cluster ? [f.cluster] : []), ...(f.city ? [f.city] : [])];
  let where: string;
  let params: unknown[];
  if (!f.limit) {
    where = `starts_at is not null
       and ((starts_at >= ? and starts_at < ?) or (rsvp_by >= ? and rsvp_by < ?) or (${OUTCOMES_DUE} >= ? and ${OUTCOMES_DUE} < ?))
       ${filters}`;
    params = [from, to, from, to, from, to, ...filterParams];
  } else {
    // The earliest `limit` events are among the earliest `limit` of each of the three dates (in
    // (date, uid) order: a date's uids are one prefix, the id, one suffix, so they order as the ids,
    // and uuids order as their lowercase hex). Each date has its (date, id) index, so this reads
    // 3 × limit index entries instead of every workshop of the year (Migration20261223300000).
    // Times come from JS Dates (milliseconds), so the database orders them as the route does.
    const branches: string[] = [];
    params = [];
    // A start's kind is the workshop's (workshop.thematic, ...); the other two are kinds of their own.
    const startKinds = (f.kinds ?? [])
      .filter((k) => k.startsWith('workshop.') && k !== 'workshop.rsvp_by' && k !== 'workshop.outcomes_due')
      .map((k) => k.slice('workshop.'.length));
    const byDate = (date: string, extra = '', extraParams: unknown[] = []) => {
      branches.push(`(select id from workshop where starts_at is not null and ${date} >= ? and ${date} < ? ${extra} ${filters}
                      order by ${date}, id limit ?)`);
      params.push(from, to, ...extraParams, ...filterParams, f.limit);
    };
    if (!f.kinds) byDate('starts_at');
    else if (startKinds.length) byDate('starts_at', 'and kind = any(?::text[])', [`{${startKinds.join(',')}}`]);
    if (wants(f, 'workshop.rsvp_by')) byDate('rsvp_by');
    if (wants(f, 'workshop.outcomes_due')) byDate(OUTCOMES_DUE);
    if (!branches.length) return [];
    where = `id in (${branches.join(' union ')})`;
  }
  const rows = await em.getConnection().execute<
    {
      id: string;
      cluster_code: string;
      kind: string;
      title: string;
      starts_at: Date;
      ends_at: Date;
      rsvp_by: Date | null;
      outcomes_due_at: Date | null;
      venue: string | null;
      online_url: string | null;
      timezone: string;
      status: string;
      revision: number;
      updated_at: Date;
    }[]
  >(
    `select id, cluster_code, kind, title, starts_at, ends_at, rsvp_by, venue, online_url, timezone, status, invited, revision, updated_at,
            ${OUTCOMES_DUE} as outcomes_due_at
       from workshop where ${where}`,
    params as never[],
  );
  const inRange = (d: Date | null): d is Date => !!d && iso(d) >= iso(from) && iso(d) < iso(to);
  return rows.flatMap((w) => {
    const cancelled = w.status === 'cancelled';
    // Every reschedule raises the revision; the cancellation is one revision more.
    const common = {
      cluster: w.cluster_code,
      url: `/workshops/${w.id}`,
      cancelled,
      timezone: w.timezone ?? undefined,
      sequence: w.revision + (cancelled ? 1 : 0),
      updatedAt: iso(w.updated_at),
    };
    const events: CalendarEvent[] = [];
    if (inRange(w.starts_at)) {
      events.push({
        uid: `workshop-${w.id}@gnlc`,
        kind: `workshop.${w.kind}`,
        title: `${w.cluster_code}: ${w.title}`,
        start: iso(w.starts_at),
        end: iso(w.ends_at),
        description: `${w.kind.replace('_', ' ')} workshop (${w.timezone})${w.online_url ? `\n${w.online_url}` : ''}`,
        ...(w.venue ? { location: w.venue } : {}),
        ...common,
      });
    }
    if (inRange(w.rsvp_by)) {
      events.push({
        uid: `workshop-${w.id}-rsvp-by@gnlc`,
        kind: 'workshop.rsvp_by',
        title: `RSVP deadline: ${w.cluster_code}: ${w.title}`,
        start: iso(w.rsvp_by),
        description: 'Invited cities answer yes, no or maybe by now.',
        ...common,
      });
    }
    if (inRange(w.outcomes_due_at)) {
      events.push({
        uid: `workshop-${w.id}-outcomes-due@gnlc`,
        kind: 'workshop.outcomes_due',
        title: `Outcomes due: ${w.cluster_code}: ${w.title}`,
        start: iso(w.outcomes_due_at),
        description: 'The coordinators submit the outcomes for the peer-learning database.',
        ...common,
      });
    }
    return events.filter((e) => wants(f, e.kind));
  });
};

interface MeetingRow {
  id: string;
  title: string;
  at: Date;
  report_due_at: Date;
  status: string;
  expected: { cluster: string; cityId: string }[];
  updated_at: Date;
}

async function meetings(em: EntityManager, f: CalendarFilters, column: 'at' | 'report_due_at'): Promise<MeetingRow[]> {
  const [from, to] = yearRange(f);
  const rows = await em
    .getConnection()
    .execute<MeetingRow[]>(
      `select id, title, at, report_due_at, status, expected, updated_at from coordinator_meeting where ${column} >= ? and ${column} < ?`,
      [from, to],
    );
  return rows.filter(
    (m) =>
      (!f.cluster || m.expected.some((e) => e.cluster === f.cluster)) &&
      (!f.city || m.expected.some((e) => e.cityId === f.city)),
  );
}

/** Coordinators' meetings: everyone may know when they take place. */
export const meetingEvents: CalendarSource = async (em, _p, f) =>
  !wants(f, 'coordinator_meeting')
    ? []
    : (await meetings(em, f, 'at')).map((m) => ({
        uid: `coordinator-meeting-${m.id}@gnlc`,
        kind: 'coordinator_meeting',
        title: m.title,
        start: iso(m.at),
        url: `/coordinator-meetings/${m.id}`,
        cancelled: m.status === 'cancelled',
        sequence: m.status === 'cancelled' ? 1 : 0,
        updatedAt: iso(m.updated_at),
      }));

/** When status reports are due: for the secretariat, viewers and the coordinators asked. */
export const reportDueEvents: CalendarSource = async (em, p, f) => {
  if (p.role === 'donor' || !wants(f, 'report_due')) return [];
  return (await meetings(em, f, 'report_due_at')).map((m) => ({
    uid: `coordinator-meeting-${m.id}-reports-due@gnlc`,
    kind: 'report_due',
    title: `Status reports due: ${m.title}`,
    start: iso(m.report_due_at),
    description: f.city ? 'Your cluster status report is due.' : `${m.expected.length} coordinator report(s) expected.`,
    url: `/coordinator-meetings/${m.id}`,
    cancelled: m.status === 'cancelled',
    sequence: m.status === 'cancelled' ? 1 : 0,
    updatedAt: iso(m.updated_at),
  }));
};

/** Election windows: when nominations and voting close (from the election's deadlines). */
export const electionEvents: CalendarSource = async (em, _p, f) => {
  if (!wants(f, 'election.nominations-close') && !wants(f, 'election.voting-close')) return [];
  const rows = await em.getConnection().execute<
    {
      id: string;
      cluster_code: string;
      term_start: string;
      status: string;
      deadlines: Record<string, string | boolean | undefined>;
      eligible: string[];
      updated_at: Date;
    }[]
  >(
    `select id, cluster_code, term_start::text, status, deadlines, eligible, updated_at from election
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
      if (!at || iso(at) < from || iso(at) >= to || !wants(f, `election.${slug}`)) continue;
      events.push({
        uid: `election-${e.id}-${slug}@gnlc`,
        kind: `election.${slug}`,
        title: `${e.cluster_code} coordinator election (${e.term_start}): ${what}`,
        start: iso(at),
        cluster: e.cluster_code,
        url: `/elections/${e.id}`,
        cancelled: e.status === 'cancelled',
        // An extension moves a close: the deadline's revision is not kept, the election's change time is.
        sequence: e.status === 'cancelled' ? 1 : 0,
        updatedAt: iso(e.updated_at),
      });
    }
  }
  return events;
};

/** Every source of the common schedule. Funding adds its instalment due dates here. */
/**
 * Instalment due dates (all-day). Who sees them follows who may read the pledge: the secretariat and
 * viewers all, a donor token its own. A city sees those of a donor linked to it (a member city that
 * is itself a donor), and ?city= filters the same way; other cities see none, since a donor's
 * schedule is between it and the secretariat. Instalments belong to no cluster: ?cluster= drops them.
 * Waived and written-off instalments stay listed as cancelled so subscribed calendars update.
 */
export const instalmentEvents: CalendarSource = async (em, p, f) => {
  if (f.cluster || !wants(f, 'instalment_due')) return [];
  if (p.role === 'donor' && !p.donorId) return [];
  if (p.role === 'city' && !f.city) return [];
  const [from, to] = yearRange(f);
  const rows = await em.getConnection().execute<
    {
      pledge_id: string;
      seq: number;
      due: string;
      amount_minor: string;
      paid_minor: string;
      status: string;
      currency: string;
      donor_name: string;
      updated_at: Date;
    }[]
  >(
    `select i.pledge_id, i.seq, i.due::text as due, i.amount_minor, i.paid_minor, i.status, p.currency, d.name as donor_name, i.updated_at
       from instalment i join pledge p on p.id = i.pledge_id join donor d on d.id = p.donor_id
      where p.kind = 'financial' and p.currency is not null and i.due >= ?::date and i.due < ?::date
        ${p.role === 'donor' ? 'and p.donor_id = ?' : ''} ${f.city ? 'and d.city_id = ?' : ''}
      ${
        // The earliest by (start, uid) as the route sorts them. The uid is pledge-<uuid>-instalment-<seq>@gnlc
        // compared as JS compares strings: uuids order as their lowercase hex text, then seq as text
        // ('10@' before '1@'). (due, pledge_id) is indexed, so only the first rows are read.
        f.limit ? `order by i.due, i.pledge_id, (i.seq || '@') collate "C" limit ?` : ''
      }`,
    [
      from.slice(0, 10),
      to.slice(0, 10),
      ...(p.role === 'donor' ? [p.donorId] : []),
      ...(f.city ? [f.city] : []),
      ...(f.limit ? [f.limit] : []),
    ],
  );
  return rows.map((r) => {
    const amount = `${formatAmount(Number(r.amount_minor), r.currency)} ${r.currency}`;
    return {
      uid: `pledge-${r.pledge_id}-instalment-${r.seq}@gnlc`,
      kind: 'instalment_due',
      title: `Instalment ${r.seq} due: ${amount} (${r.donor_name})`,
      start: r.due,
      allDay: true,
      description: `Instalment ${r.seq} of a pledge: ${amount}, ${formatAmount(Number(r.paid_minor), r.currency)} paid; ${r.status.replace('_', ' ')}.`,
      url: `/pledges/${r.pledge_id}`,
      cancelled: r.status === 'waived' || r.status === 'written_off',
      sequence: r.status === 'waived' || r.status === 'written_off' ? 1 : 0,
      updatedAt: iso(r.updated_at),
    };
  });
};

export const CALENDAR_SOURCES: CalendarSource[] = [
  workshopEvents,
  meetingEvents,
  reportDueEvents,
  electionEvents,
  instalmentEvents,
  partnershipEvents,
];
