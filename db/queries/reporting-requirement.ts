// Reporting requirements and their reports: written by the API (a report in one locked transaction
// with its requirement, so a withdrawn one takes none), marked late by the workflow's activity, read
// by the console and the donor portal.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequirementEventKind, RequirementStatus } from '../../domain/reporting-requirement.js';

/** Marks the requirement for its event while the report is owed; answers whether it is. */
export async function markRequirement(em: EntityManager, id: string, kind: RequirementEventKind): Promise<boolean> {
  const late = kind !== 'reminder';
  const rows = await em.execute<{ id: string }[]>(
    `update reporting_requirement
        set status = case when ? and status = 'open' then 'late' else status end,
            late_since = case when ? then coalesce(late_since, now()) else late_since end,
            escalated_at = case when ? then coalesce(escalated_at, now()) else escalated_at end,
            updated_at = now()
      where id = ? and status in ('open', 'late') returning id`,
    [late, late, kind === 'escalation', id],
  );
  return rows.length > 0;
}

export interface RequirementRow {
  id: string;
  pledge_id: string;
  workflow_id: string;
  kind: string;
  nature: string;
  title: string | null;
  due_on: string;
  allocation_ids: string[] | null;
  before_due: string;
  escalate_after: string;
  status: RequirementStatus;
  late_since: Date | null;
  escalated_at: Date | null;
  created_at: Date;
  report_id: string | null;
  report_title: string | null;
  report_url: string | null;
  report_file_name: string | null;
  report_checksum: string | null;
  report_submitted_at: Date | null;
  report_submitted_by: string | null;
}

const SELECT = `select r.id, r.pledge_id, r.workflow_id, r.kind, r.nature, r.title, to_char(r.due_on, 'YYYY-MM-DD') as due_on,
    r.allocation_ids::text[] as allocation_ids, r.before_due, r.escalate_after, r.status, r.late_since, r.escalated_at, r.created_at,
    d.id as report_id, d.title as report_title, d.url as report_url, d.file_name as report_file_name,
    d.checksum as report_checksum, d.submitted_at as report_submitted_at, d.submitted_by as report_submitted_by
  from reporting_requirement r left join donor_report d on d.requirement_id = r.id`;

export async function requirementsOf(em: EntityManager, pledgeId: string): Promise<RequirementRow[]> {
  return em.execute<RequirementRow[]>(`${SELECT} where r.pledge_id = ? order by r.due_on, r.created_at, r.id`, [
    pledgeId,
  ]);
}

export async function requirementById(em: EntityManager, pledgeId: string, id: string): Promise<RequirementRow | null> {
  const [row] = await em.execute<RequirementRow[]>(`${SELECT} where r.pledge_id = ? and r.id = ?`, [pledgeId, id]);
  return row ?? null;
}

export interface NewRequirement {
  id: string;
  pledgeId: string;
  workflowId: string;
  kind: string;
  nature: string;
  title: string | null;
  dueOn: string;
  allocationIds: string[] | null;
  beforeDue: string;
  escalateAfter: string;
  by: string;
}

const uuidArray = (xs: string[] | null) => (xs ? `{${xs.join(',')}}` : null);

/** Inserts a requirement unless the pledge has `max` already (the pledge's row is locked: no race past it). */
export async function insertRequirement(em: EntityManager, r: NewRequirement, max: number): Promise<boolean> {
  return em.transactional(async (tx) => {
    await tx.execute(`select id from pledge where id = ? for update`, [r.pledgeId]);
    const [n] = await tx.execute<{ n: number }[]>(
      `select count(*)::int as n from reporting_requirement where pledge_id = ?`,
      [r.pledgeId],
    );
    if (n!.n >= max) return false;
    await tx.execute(
      `insert into reporting_requirement (id, workflow_id, pledge_id, kind, nature, title, due_on, allocation_ids, before_due,
         escalate_after, status, created_by, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?::uuid[], ?, ?, 'open', ?, now(), now())`,
      [
        r.id,
        r.workflowId,
        r.pledgeId,
        r.kind,
        r.nature,
        r.title,
        r.dueOn,
        uuidArray(r.allocationIds),
        r.beforeDue,
        r.escalateAfter,
        r.by,
      ],
    );
    return true;
  });
}

export async function deleteRequirement(em: EntityManager, id: string): Promise<void> {
  await em.execute(`delete from reporting_requirement where id = ?`, [id]);
}

/** Changes an owed requirement; a late one whose new date is today or later is open again. */
export async function patchRequirement(
  em: EntityManager,
  id: string,
  p: { dueOn?: string | undefined; title?: string | null | undefined; allocationIds?: string[] | undefined },
): Promise<boolean> {
  const rows = await em.execute<{ id: string }[]>(
    `update reporting_requirement
        set due_on = coalesce(?::date, due_on),
            title = case when ? then ? else title end,
            allocation_ids = case when ? then ?::uuid[] else allocation_ids end,
            status = case when status = 'late' and ?::date >= current_date then 'open' else status end,
            late_since = case when status = 'late' and ?::date >= current_date then null else late_since end,
            escalated_at = case when status = 'late' and ?::date >= current_date then null else escalated_at end,
            updated_at = now()
      where id = ? and status in ('open', 'late') returning id`,
    [
      p.dueOn ?? null,
      p.title !== undefined,
      p.title ?? null,
      p.allocationIds !== undefined,
      uuidArray(p.allocationIds ?? null),
      p.dueOn ?? null,
      p.dueOn ?? null,
      p.dueOn ?? null,
      id,
    ],
  );
  return rows.length > 0;
}

/** Withdraws an owed requirement; false when it is submitted or withdrawn already. */
export async function withdrawRequirement(em: EntityManager, id: string): Promise<boolean> {
  const rows = await em.execute<{ id: string }[]>(
    `update reporting_requirement set status = 'withdrawn', updated_at = now()
      where id = ? and status in ('open', 'late') returning id`,
    [id],
  );
  return rows.length > 0;
}

export interface NewReport {
  requirementId: string;
  title: string;
  url: string | null;
  fileName: string | null;
  checksum: string | null;
  by: string;
}

/** Records the report and marks the requirement submitted, in one transaction; null when it is not owed. */
export async function submitReport(em: EntityManager, r: NewReport): Promise<string | null> {
  return em.transactional(async (tx) => {
    const [req] = await tx.execute<{ status: string }[]>(
      `select status from reporting_requirement where id = ? for update`,
      [r.requirementId],
    );
    if (!req || (req.status !== 'open' && req.status !== 'late')) return null;
    const [row] = await tx.execute<{ id: string }[]>(
      `insert into donor_report (id, requirement_id, title, url, file_name, checksum, submitted_by, submitted_at)
       values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, now()) on conflict (requirement_id) do nothing returning id`,
      [r.requirementId, r.title, r.url, r.fileName, r.checksum, r.by],
    );
    if (!row) return null;
    await tx.execute(`update reporting_requirement set status = 'submitted', updated_at = now() where id = ?`, [
      r.requirementId,
    ]);
    return row.id;
  });
}
