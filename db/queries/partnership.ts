// A partnership's rows: written by the API (the partnership, a new candidate city, reports,
// activities, linked pledges), completed by its workflow; the Africa support read model and the
// partnership events of the common schedule.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../domain/auth.js';
import type { CalendarEvent } from '../../domain/calendar.js';
import {
  AFRICAN_ARAB_STATES,
  REPORT_REMINDER_LEAD_MS,
  partnershipWorkflowId,
  reportDueMs,
  reportInSpan,
  type PartnershipOutcome,
  type SupportRow,
} from '../../domain/partnership.js';
import type { CalendarFilters, CalendarSource } from './calendar.js';
import { pgTextArray } from './text-array.js';

export interface NewPartnership {
  partnershipId: string;
  title: string;
  kind: string;
  supportingCityId: string;
  africanCityId: string;
  donorId: string | null;
  goals: string[];
  startsOn: string;
  endsOn: string | null;
  reportEvery: string;
  firstReport: number;
}

/** The partnership's row; a new candidate city first, in the same transaction, when it is not in the registry yet. */
export async function insertPartnership(
  em: EntityManager,
  p: NewPartnership,
  newCity?: { id: string; name: string; country: string },
): Promise<void> {
  await em.transactional(async (tx) => {
    if (newCity)
      await tx.execute(
        `insert into city (id, name, country_code, status, created_at, updated_at) values (?, ?, ?, 'candidate', now(), now())`,
        [newCity.id, newCity.name, newCity.country],
      );
    await tx.execute(
      `insert into partnership (id, workflow_id, title, kind, supporting_city_id, african_city_id, donor_id, goals,
         starts_on, ends_on, report_every, first_report, status, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?, 'active', now(), now()) on conflict do nothing`,
      [
        p.partnershipId,
        partnershipWorkflowId(p.partnershipId),
        p.title,
        p.kind,
        p.supportingCityId,
        p.africanCityId,
        p.donorId,
        pgTextArray(p.goals),
        p.startsOn,
        p.endsOn,
        p.reportEvery,
        p.firstReport,
      ],
    );
  });
}

/** Takes back a partnership whose workflow never started (and the candidate city recorded with it). */
export async function deletePartnership(em: EntityManager, partnershipId: string, newCityId?: string): Promise<void> {
  await em.transactional(async (tx) => {
    await tx.execute(`delete from partnership where id = ?`, [partnershipId]);
    if (newCityId) await tx.execute(`delete from city where id = ? and status = 'candidate'`, [newCityId]);
  });
}

/** The highest report number filed, or null. */
export async function lastReportFiled(em: EntityManager, partnershipId: string): Promise<number | null> {
  const [r] = await em.execute<{ seq: number | null }[]>(
    `select max(seq) as seq from partnership_report where partnership_id = ?`,
    [partnershipId],
  );
  return r?.seq ?? null;
}

export interface PartnershipRow {
  id: string;
  title: string;
  status: 'active' | 'completed';
  supporting_city_id: string;
  african_city_id: string;
  starts_on: string;
  ends_on: string | null;
  report_every: string;
  first_report: number;
}

/**
 * Files report `seq(last filed)` for an active partnership: the partnership row is locked so two
 * submissions get consecutive numbers and a completion waits for a report being written. `pick`
 * answers the number to file from the last one filed (null: none may be filed now).
 */
export async function fileReport(
  em: EntityManager,
  partnershipId: string,
  pick: (p: PartnershipRow, lastFiled: number | null) => number | null,
  r: { summary: string; nextSteps: string | null; submittedBy: string | null },
): Promise<
  { ok: true; seq: number; dueAt: number } | { ok: false; why: 'missing' | 'completed' | 'not_yet'; nextDue?: number }
> {
  return em.transactional(async (tx) => {
    const [p] = await tx.execute<PartnershipRow[]>(
      `select id, title, status, supporting_city_id, african_city_id, starts_on::text, ends_on::text, report_every, first_report
         from partnership where id = ? for update`,
      [partnershipId],
    );
    if (!p) return { ok: false, why: 'missing' };
    if (p.status !== 'active') return { ok: false, why: 'completed' };
    const [last] = await tx.execute<{ seq: number | null }[]>(
      `select max(seq) as seq from partnership_report where partnership_id = ?`,
      [partnershipId],
    );
    const seq = pick(p, last?.seq ?? null);
    if (seq === null) return { ok: false, why: 'not_yet' };
    const dueAt = reportDueMs(p.starts_on, p.report_every, seq);
    await tx.execute(
      `insert into partnership_report (id, partnership_id, seq, due_at, summary, next_steps, submitted_by, submitted_at)
       values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, now())`,
      [partnershipId, seq, new Date(dueAt).toISOString(), r.summary, r.nextSteps, r.submittedBy],
    );
    await tx.execute(`update partnership set updated_at = now() where id = ?`, [partnershipId]);
    return { ok: true, seq, dueAt };
  });
}

/** Completes the partnership once with its outcome. True when this call completed it. */
export async function completePartnership(
  em: EntityManager,
  partnershipId: string,
  outcome: PartnershipOutcome,
  note: string | null,
): Promise<boolean> {
  const rows = await em.execute<{ id: string }[]>(
    `update partnership set status = 'completed', outcome = ?, outcome_note = ?, completed_at = now(), updated_at = now()
      where id = ? and status = 'active' returning id`,
    [outcome, note, partnershipId],
  );
  return rows.length > 0;
}

/** Every partnership of an African city, with its city and country: the Africa support view's rows. */
export async function supportRows(em: EntityManager): Promise<SupportRow[]> {
  const rows = await em.execute<
    {
      id: string;
      status: 'active' | 'completed';
      starts_on: string;
      city_id: string;
      city_name: string;
      city_status: string;
      year_joined: number | null;
      country: string;
      country_name: string;
      region: string;
    }[]
  >(
    `select p.id, p.status, p.starts_on::text, c.id as city_id, c.name as city_name, c.status as city_status,
            c.year_joined, k.code as country, k.name as country_name, k.region
       from partnership p join city c on c.id = p.african_city_id join country k on k.code = c.country_code
      where k.region = 'africa' or k.code = any(?::text[])
      order by p.starts_on, p.id`,
    [pgTextArray([...AFRICAN_ARAB_STATES])],
  );
  return rows.map((r) => ({
    partnershipId: r.id,
    status: r.status,
    startsOn: r.starts_on,
    cityId: r.city_id,
    cityName: r.city_name,
    cityStatus: r.city_status,
    yearJoined: r.year_joined,
    country: r.country,
    countryName: r.country_name,
    region: r.region,
  }));
}

// ---------------------------------------------------------------- the common schedule

const iso = (d: Date | string) => new Date(d).toISOString();

/** Who sees a partnership's events: staff all; a city those it supports or is supported by; a donor those it funds. */
function visibility(p: Principal, f: CalendarFilters): { sql: string; params: unknown[] } | null {
  if (f.cluster) return null; // a partnership belongs to no cluster
  if (p.role === 'donor') return p.donorId ? { sql: 'p.donor_id = ?', params: [p.donorId] } : null;
  if (p.role === 'city' && !f.city) return null;
  if (f.city) return { sql: '(p.supporting_city_id = ? or p.african_city_id = ?)', params: [f.city, f.city] };
  return { sql: 'true', params: [] };
}

const bounds = (f: CalendarFilters): [string, string] => {
  let from = f.year ? `${f.year}-01-01T00:00:00.000Z` : '2012-01-01T00:00:00.000Z';
  let to = f.year ? `${f.year + 1}-01-01T00:00:00.000Z` : '2101-01-01T00:00:00.000Z';
  if (f.from && `${f.from}T00:00:00.000Z` > from) from = `${f.from}T00:00:00.000Z`;
  if (f.to) {
    const d = new Date(`${f.to}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1);
    if (d.toISOString() < to) to = d.toISOString();
  }
  return [from, to];
};

const wants = (f: CalendarFilters, kind: string) => !f.kinds || (f.kinds as readonly string[]).includes(kind);

/** Partnership activities (in their own time zone) and the due dates of reports not yet filed. */
export const partnershipEvents: CalendarSource = async (em, principal, f) => {
  const v = visibility(principal, f);
  if (!v) return [];
  const [from, to] = bounds(f);
  const events: CalendarEvent[] = [];
  if (wants(f, 'partnership.activity')) {
    const rows = await em.execute<
      {
        id: string;
        partnership_id: string;
        title: string;
        description: string | null;
        starts_at: Date;
        ends_at: Date | null;
        timezone: string;
        location: string | null;
        updated_at: Date;
        partnership_title: string;
      }[]
    >(
      `select a.id, a.partnership_id, a.title, a.description, a.starts_at, a.ends_at, a.timezone, a.location, a.updated_at,
              p.title as partnership_title
         from partnership_activity a join partnership p on p.id = a.partnership_id
        where a.starts_at >= ? and a.starts_at < ? and ${v.sql}
        order by a.starts_at, a.id ${f.limit ? 'limit ?' : ''}`,
      [from, to, ...v.params, ...(f.limit ? [f.limit] : [])],
    );
    for (const a of rows)
      events.push({
        uid: `partnership-activity-${a.id}@gnlc`,
        kind: 'partnership.activity',
        title: `${a.partnership_title}: ${a.title}`,
        start: iso(a.starts_at),
        ...(a.ends_at ? { end: iso(a.ends_at) } : {}),
        timezone: a.timezone,
        ...(a.description ? { description: a.description } : {}),
        ...(a.location ? { location: a.location } : {}),
        url: `/partnerships/${a.partnership_id}`,
        sequence: 0,
        updatedAt: iso(a.updated_at),
      });
  }
  if (wants(f, 'partnership.report_due') && principal.role !== 'donor') {
    const rows = await em.execute<
      {
        id: string;
        title: string;
        starts_on: string;
        ends_on: string | null;
        report_every: string;
        first_report: number;
        last: number | null;
        updated_at: Date;
      }[]
    >(
      `select p.id, p.title, p.starts_on::text, p.ends_on::text, p.report_every, p.first_report, p.updated_at,
              (select max(seq) from partnership_report r where r.partnership_id = p.id) as last
         from partnership p where p.status = 'active' and ${v.sql}`,
      v.params,
    );
    const [fromMs, toMs] = [Date.parse(from), Date.parse(to)];
    for (const p of rows) {
      // The reports not filed yet, within the range: at most 100 a partnership (25 years of P3M).
      for (let seq = Math.max(p.last ?? 0, p.first_report - 1) + 1, n = 0; n < 100; seq++, n++) {
        if (!reportInSpan(p.starts_on, p.ends_on, p.report_every, seq)) break;
        const due = reportDueMs(p.starts_on, p.report_every, seq);
        if (due >= toMs) break;
        if (due < fromMs) continue;
        events.push({
          uid: `partnership-${p.id}-report-${seq}@gnlc`,
          kind: 'partnership.report_due',
          title: `Progress report ${seq} due: ${p.title}`,
          start: iso(new Date(due)),
          description: `The supporting city is reminded ${REPORT_REMINDER_LEAD_MS / 86_400_000} days before.`,
          url: `/partnerships/${p.id}`,
          sequence: 0,
          updatedAt: iso(p.updated_at),
        });
      }
    }
  }
  return events;
};
