// The workshop row, written by the API before it starts the workflow and by the workflow's first
// activity (whichever comes first; the other changes nothing).
import type { EntityManager } from '@mikro-orm/postgresql';
import { workshopWorkflowId } from '../../domain/workshop.js';
import type { WorkshopInput } from '../../domain/workshop.contract.js';
import { pgTextArray } from './text-array.js';

export async function insertWorkshop(em: EntityManager, input: WorkshopInput): Promise<void> {
  const s = input.schedule;
  await em.getConnection().execute(
    `insert into workshop (id, workflow_id, cluster_code, work_phase_id, kind, status, title, starts_at, ends_at, timezone, venue,
       online_url, rsvp_by, revision, experts, invited, settings, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, now(), now()) on conflict (id) do nothing`,
    [
      input.workshopId,
      workshopWorkflowId(input.workshopId),
      input.cluster,
      input.workPhaseId ?? null,
      input.kind,
      s ? 'invitations_open' : 'planning',
      input.title,
      s?.startsAt ?? null,
      s?.endsAt ?? null,
      s?.timezone ?? null,
      s?.venue ?? null,
      s?.onlineUrl ?? null,
      s?.rsvpBy ?? null,
      // The workflow's revision: 1 once scheduled (workflows/workshop.ts).
      s ? 1 : 0,
      JSON.stringify(input.experts),
      pgTextArray(input.invited),
      JSON.stringify(input.settings),
    ],
  );
}

export interface WorkshopListRow {
  id: string;
  cluster_code: string;
  work_phase_id: string | null;
  kind: string;
  status: string;
  title: string;
  starts_at: Date | null;
  ends_at: Date | null;
  timezone: string | null;
  venue: string | null;
  online_url: string | null;
  rsvp_by: Date | null;
  invited: number;
  yes: number;
  no: number;
  maybe: number;
  answered: number;
}

/**
 * Workshops across clusters in calendar order (unscheduled ones last), with their RSVP counts.
 * `from` and `to` are calendar dates (UTC), both included, on the start.
 */
export async function listWorkshops(
  em: EntityManager,
  f: {
    cluster?: string | undefined;
    status?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ rows: WorkshopListRow[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => (where.push(sql), params.push(value));
  if (f.cluster) add('w.cluster_code = ?', f.cluster);
  if (f.status) add('w.status = ?', f.status);
  if (f.from) add(`w.starts_at >= ?::date::timestamp at time zone 'UTC'`, f.from);
  if (f.to) add(`w.starts_at < (?::date + 1)::timestamp at time zone 'UTC'`, f.to);
  const filter = where.length ? `where ${where.join(' and ')}` : '';
  const c = em.getConnection();
  const [rows, [count]] = await Promise.all([
    c.execute<WorkshopListRow[]>(
      `select w.id, w.cluster_code, w.work_phase_id, w.kind, w.status, w.title, w.starts_at, w.ends_at, w.timezone, w.venue,
              w.online_url, w.rsvp_by, cardinality(w.invited) as invited,
              coalesce(r.yes, 0) as yes, coalesce(r.no, 0) as no, coalesce(r.maybe, 0) as maybe, coalesce(r.answered, 0) as answered
         from workshop w
         left join lateral (
           select count(*) filter (where response = 'yes')::int as yes, count(*) filter (where response = 'no')::int as no,
                  count(*) filter (where response = 'maybe')::int as maybe, count(*)::int as answered
             from workshop_rsvp where workshop_id = w.id
         ) r on true
         ${filter} order by w.starts_at asc nulls last, w.created_at, w.id limit ? offset ?`,
      [...params, f.limit, f.offset],
    ),
    c.execute<{ n: number }[]>(`select count(*)::int as n from workshop w ${filter}`, params),
  ]);
  return { rows, total: count!.n };
}
