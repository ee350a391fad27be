// The progress-report cycle's rows: the cycle and one report per member city written when the
// secretariat opens it, the report a city stores (locked against the close), the pages of cities
// the workflow's activities remind, the close, and the read models (totals, missing, flagged).
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  isFlagged,
  missStreak,
  progressReportCycleWorkflowId,
  type CycleTotals,
  type ReportBody,
  type ReportStatus,
} from '../../domain/progress-report.js';
import { pgTextArray } from './text-array.js';

export interface NewCycle {
  biennium: string;
  opensAt: number;
  dueAt: number;
  reminders: string[];
}

/**
 * The cycle's row and a `requested` report for every member city, in one transaction. Null when
 * the biennium already has a cycle (nothing is changed); else the number of cities asked.
 */
export async function insertCycle(em: EntityManager, c: NewCycle): Promise<number | null> {
  return em.transactional(async (tx) => {
    const made = await tx.execute<{ biennium: string }[]>(
      `insert into progress_report_cycle (biennium, workflow_id, opens_at, due_at, reminders, status, created_at)
       values (?, ?, ?, ?, ?::text[], 'open', now()) on conflict do nothing returning biennium`,
      [
        c.biennium,
        progressReportCycleWorkflowId(c.biennium),
        new Date(c.opensAt).toISOString(),
        new Date(c.dueAt).toISOString(),
        pgTextArray(c.reminders),
      ],
    );
    if (!made.length) return null;
    const rows = await tx.execute<{ n: string }[]>(
      `with asked as (insert into progress_report (id, cycle_biennium, city_id, status, focus_areas, reminders)
         select gen_random_uuid(), ?, id, 'requested', '{}', 0 from city where status = 'member'
         on conflict do nothing returning 1)
       select count(*) as n from asked`,
      [c.biennium],
    );
    return Number(rows[0]?.n ?? 0);
  });
}

/** Undoes an open whose workflow could not be started. */
export async function deleteCycle(em: EntityManager, biennium: string): Promise<void> {
  await em.execute(
    `with r as (delete from progress_report where cycle_biennium = ?) delete from progress_report_cycle where biennium = ?`,
    [biennium, biennium],
  );
}

/**
 * One page of the cycle's cities in city order after `after` (null: from the start), only those
 * that have not reported when `pendingOnly`: what the activities notify, a page at a time.
 */
export async function citiesPage(
  em: EntityManager,
  biennium: string,
  after: string | null,
  limit: number,
  pendingOnly: boolean,
): Promise<string[]> {
  const rows = await em.execute<{ city_id: string }[]>(
    `select city_id from progress_report where cycle_biennium = ? and city_id > ?::uuid
       ${pendingOnly ? `and status = 'requested'` : ''} order by city_id limit ?`,
    [biennium, after ?? '00000000-0000-0000-0000-000000000000', limit],
  );
  return rows.map((r) => r.city_id);
}

/** Records reminder round `round` for these cities; a retried write leaves the count as it is. */
export async function countReminder(em: EntityManager, biennium: string, cityIds: string[], round: number) {
  if (!cityIds.length) return;
  await em.execute(
    `update progress_report set reminders = greatest(reminders, ?) where cycle_biennium = ? and city_id = any(?::uuid[])`,
    [round, biennium, pgTextArray(cityIds)],
  );
}

export interface CycleRow {
  biennium: string;
  status: 'open' | 'closed';
  opens_at: Date;
  due_at: Date;
}

export type StoreOutcome =
  { ok: true; created: boolean } | { ok: false; why: 'missing' | 'not_asked' | 'closed' | 'not_yet_open' };

/**
 * Stores the city's report (replacing an earlier one) while the cycle is open and not due. The
 * cycle row is locked for share, so the close (which updates it) waits for a report being written
 * and a report after it is refused.
 */
export async function storeReport(
  em: EntityManager,
  biennium: string,
  cityId: string,
  r: ReportBody,
): Promise<StoreOutcome> {
  return em.transactional(async (tx) => {
    const [c] = await tx.execute<CycleRow[]>(
      `select biennium, status, opens_at, due_at from progress_report_cycle where biennium = ? for share`,
      [biennium],
    );
    if (!c) return { ok: false, why: 'missing' };
    const now = Date.now();
    if (c.status !== 'open' || new Date(c.due_at).getTime() <= now) return { ok: false, why: 'closed' };
    if (new Date(c.opens_at).getTime() > now) return { ok: false, why: 'not_yet_open' };
    const rows = await tx.execute<{ was: ReportStatus }[]>(
      `update progress_report p set status = 'submitted', strategies = ?, activities = ?, learners_reached = ?,
         partnerships = ?, focus_areas = ?::text[], submitted_at = coalesce(p.submitted_at, now()), updated_at = now()
        from progress_report old where old.id = p.id and p.cycle_biennium = ? and p.city_id = ?
        returning old.status as was`,
      [
        r.strategies,
        r.activities,
        r.learnersReached ?? null,
        r.partnerships ?? null,
        pgTextArray(r.focusAreas),
        biennium,
        cityId,
      ],
    );
    if (!rows.length) return { ok: false, why: 'not_asked' };
    return { ok: true, created: rows[0]!.was === 'requested' };
  });
}

/** Counts of the cycle's reports by status. */
export async function cycleCounts(em: EntityManager, biennium: string): Promise<Omit<CycleTotals, 'flagged'>> {
  const [r] = await em.execute<{ requested: string; submitted: string; missed: string }[]>(
    `select count(*) as requested, count(*) filter (where status = 'submitted') as submitted,
            count(*) filter (where status = 'missed') as missed
       from progress_report where cycle_biennium = ?`,
    [biennium],
  );
  return { requested: Number(r?.requested ?? 0), submitted: Number(r?.submitted ?? 0), missed: Number(r?.missed ?? 0) };
}

export interface FlaggedCity {
  cityId: string;
  name: string;
  /** Consecutive cycles missed, counted back from the city's latest closed cycle. */
  missedInARow: number;
  lastMissed: string;
}

/**
 * Cities that missed two consecutive cycles (domain/progress-report.ts isFlagged), by name; only
 * cities that missed `biennium` when it is given. Reads only cities with a missed report.
 */
export async function flaggedCities(em: EntityManager, biennium?: string): Promise<FlaggedCity[]> {
  const rows = await em.execute<{ city_id: string; name: string; biennium: string; status: ReportStatus }[]>(
    `select r.city_id, c.name, r.cycle_biennium as biennium, r.status
       from progress_report r join progress_report_cycle y on y.biennium = r.cycle_biennium and y.status = 'closed'
       join city c on c.id = r.city_id
      where r.city_id in (select city_id from progress_report where status = 'missed' ${biennium ? 'and cycle_biennium = ?' : ''})
      order by c.name, r.city_id, r.cycle_biennium`,
    biennium ? [biennium] : [],
  );
  const byCity = new Map<string, { name: string; closed: Map<string, ReportStatus> }>();
  for (const r of rows) {
    const c = byCity.get(r.city_id) ?? { name: r.name, closed: new Map() };
    c.closed.set(r.biennium, r.status);
    byCity.set(r.city_id, c);
  }
  return [...byCity]
    .filter(([, c]) => isFlagged(c.closed))
    .map(([cityId, c]) => ({
      cityId,
      name: c.name,
      missedInARow: missStreak(c.closed),
      lastMissed: [...c.closed.keys()].sort().at(-1)!,
    }));
}

/**
 * Closes the cycle once: every report not handed in is missed. Then the totals, with the cities
 * this cycle flagged. A second call changes nothing and answers the same totals.
 */
export async function closeCycle(em: EntityManager, biennium: string): Promise<CycleTotals> {
  await em.transactional(async (tx) => {
    const closed = await tx.execute<{ biennium: string }[]>(
      `update progress_report_cycle set status = 'closed', closed_at = now() where biennium = ? and status = 'open'
        returning biennium`,
      [biennium],
    );
    if (closed.length)
      await tx.execute(
        `update progress_report set status = 'missed' where cycle_biennium = ? and status = 'requested'`,
        [biennium],
      );
  });
  const counts = await cycleCounts(em, biennium);
  return { ...counts, flagged: (await flaggedCities(em, biennium)).length };
}

export interface ReportRow {
  city_id: string;
  city_name: string;
  status: ReportStatus;
  strategies: string | null;
  activities: string | null;
  learners_reached: number | null;
  partnerships: number | null;
  focus_areas: string[];
  submitted_at: Date | null;
  updated_at: Date | null;
  reminders: number;
}

/** The cycle's reports with their cities' names, by name; filtered by status; paged. */
export async function listReports(
  em: EntityManager,
  biennium: string,
  f: { status?: ReportStatus; cityId?: string; limit: number; offset: number },
): Promise<ReportRow[]> {
  const where: string[] = ['r.cycle_biennium = ?'];
  const args: unknown[] = [biennium];
  if (f.status) {
    where.push('r.status = ?');
    args.push(f.status);
  }
  if (f.cityId) {
    where.push('r.city_id = ?');
    args.push(f.cityId);
  }
  return em.execute<ReportRow[]>(
    `select r.city_id, c.name as city_name, r.status, r.strategies, r.activities, r.learners_reached, r.partnerships,
            r.focus_areas, r.submitted_at, r.updated_at, r.reminders
       from progress_report r join city c on c.id = r.city_id
      where ${where.join(' and ')} order by c.name, r.city_id limit ? offset ?`,
    [...args, f.limit, f.offset],
  );
}
