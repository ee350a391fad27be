// A donor's contact log: entries written by the API, their next step's reschedules and completion
// written by the entry's follow-up workflow (keyed by entry and revision, so a retry changes nothing
// twice), and the log's read model.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ContactKind, NextStepStatus } from '../../domain/donor-contact.js';

export interface ContactRow {
  id: string;
  donor_id: string;
  kind: ContactKind;
  date: string;
  by_person_id: string | null;
  by_name: string;
  note: string;
  next_step: string | null;
  next_due: string | null;
  next_status: NextStepStatus | null;
  next_done_at: Date | null;
  reminded: number;
  revision: number;
  created_at: Date;
}

const COLUMNS = `id, donor_id, kind, to_char(date, 'YYYY-MM-DD') as date, by_person_id, by_name, note, next_step,
  to_char(next_due, 'YYYY-MM-DD') as next_due, next_status, next_done_at, reminded, revision, created_at`;

export async function insertContact(
  em: EntityManager,
  c: {
    donorId: string;
    kind: ContactKind;
    date: string;
    byPersonId: string | null;
    byName: string;
    note: string;
    next?: { step: string; dueOn: string };
  },
): Promise<ContactRow> {
  const [row] = await em.execute<ContactRow[]>(
    `insert into donor_contact (id, donor_id, kind, date, by_person_id, by_name, note, next_step, next_due, next_status, created_at)
     values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, ?, now()) returning ${COLUMNS}`,
    [
      c.donorId,
      c.kind,
      c.date,
      c.byPersonId,
      c.byName.slice(0, 200),
      c.note,
      c.next?.step ?? null,
      c.next?.dueOn ?? null,
      c.next ? 'open' : null,
    ],
  );
  return row!;
}

export async function contactOf(em: EntityManager, donorId: string, id: string): Promise<ContactRow | null> {
  const [row] = await em.execute<ContactRow[]>(`select ${COLUMNS} from donor_contact where donor_id = ? and id = ?`, [
    donorId,
    id,
  ]);
  return row ?? null;
}

export async function listContacts(
  em: EntityManager,
  donorId: string,
  q: { limit: number; offset: number },
): Promise<{ rows: ContactRow[]; total: number }> {
  const rows = await em.execute<ContactRow[]>(
    `select ${COLUMNS} from donor_contact where donor_id = ? order by date desc, created_at desc, id limit ? offset ?`,
    [donorId, q.limit, q.offset],
  );
  const [c] = await em.execute<{ n: string }[]>(`select count(*) as n from donor_contact where donor_id = ?`, [
    donorId,
  ]);
  return { rows, total: Number(c?.n ?? 0) };
}

/** The workflow's reschedule: the row takes revision `revision` once (a retried write finds it taken). */
export async function rescheduleStep(
  em: EntityManager,
  a: { entryId: string; dueOn: string; step: string; revision: number },
): Promise<void> {
  await em.execute(
    `update donor_contact set next_due = ?, next_step = ?, revision = ?
      where id = ? and next_status = 'open' and revision < ?`,
    [a.dueOn, a.step, a.revision, a.entryId, a.revision],
  );
}

export async function completeStep(em: EntityManager, entryId: string): Promise<void> {
  await em.execute(
    `update donor_contact set next_status = 'done', next_done_at = coalesce(next_done_at, now()) where id = ?`,
    [entryId],
  );
}

export async function countReminded(em: EntityManager, entryId: string, reminded: number): Promise<void> {
  await em.execute(`update donor_contact set reminded = greatest(reminded, ?) where id = ?`, [reminded, entryId]);
}
