// Secondments of an in-kind pledge and their approved months, for the console and the donor
// portal; the funding summary and the donor statement read the approved months too.
import type { EntityManager } from '@mikro-orm/postgresql';

export interface SecondmentRow {
  id: string;
  pledge_id: string;
  person_name: string;
  host: 'city' | 'secretariat';
  host_city_id: string | null;
  host_city_name: string | null;
  start_on: string;
  end_on: string;
  currency: string;
  monthly_minor: string;
  created_at: Date;
}

export interface MonthRow {
  secondment_id: string;
  month: string;
  value_minor: string;
  fx_rate_to_usd: string;
  usd_minor: string;
  approved_at: Date;
  note: string | null;
}

export async function secondmentsOf(
  em: EntityManager,
  pledgeId: string,
): Promise<{ rows: SecondmentRow[]; months: MonthRow[] }> {
  const rows = await em.execute<SecondmentRow[]>(
    `select s.id, s.pledge_id, s.person_name, s.host, s.host_city_id, c.name as host_city_name,
            to_char(s.start_on, 'YYYY-MM-DD') as start_on, to_char(s.end_on, 'YYYY-MM-DD') as end_on,
            s.currency, s.monthly_minor::text as monthly_minor, s.created_at
       from secondment s left join city c on c.id = s.host_city_id
      where s.pledge_id = ? order by s.start_on, s.created_at, s.id`,
    [pledgeId],
  );
  const months = await em.execute<MonthRow[]>(
    `select sm.secondment_id, sm.month, sm.value_minor::text as value_minor, sm.fx_rate_to_usd::text as fx_rate_to_usd,
            sm.usd_minor::text as usd_minor, sm.approved_at, sm.note
       from secondment_month sm join secondment s on s.id = sm.secondment_id
      where s.pledge_id = ? order by sm.month`,
    [pledgeId],
  );
  return { rows, months };
}

/** Inserts a secondment unless the pledge has `max` already (its row locked). */
export async function insertSecondment(
  em: EntityManager,
  s: {
    id: string;
    pledgeId: string;
    personName: string;
    host: string;
    hostCityId: string | null;
    startOn: string;
    endOn: string;
    currency: string;
    monthlyMinor: number;
    by: string;
  },
  max: number,
): Promise<boolean> {
  return em.transactional(async (tx) => {
    await tx.execute(`select id from pledge where id = ? for update`, [s.pledgeId]);
    const [n] = await tx.execute<{ n: number }[]>(`select count(*)::int as n from secondment where pledge_id = ?`, [
      s.pledgeId,
    ]);
    if (n!.n >= max) return false;
    await tx.execute(
      `insert into secondment (id, pledge_id, person_name, host, host_city_id, start_on, end_on, currency, monthly_minor, created_by, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())`,
      [s.id, s.pledgeId, s.personName, s.host, s.hostCityId, s.startOn, s.endOn, s.currency, s.monthlyMinor, s.by],
    );
    return true;
  });
}

/** Approves one month once (unique secondment+month); answers whether this call approved it. */
export async function approveMonth(
  em: EntityManager,
  m: {
    secondmentId: string;
    month: string;
    valueMinor: number;
    rate: string;
    usdMinor: number;
    by: string;
    note: string | null;
  },
): Promise<boolean> {
  const rows = await em.execute<{ id: string }[]>(
    `insert into secondment_month (id, secondment_id, month, value_minor, fx_rate_to_usd, usd_minor, approved_by, approved_at, note)
     values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, now(), ?) on conflict (secondment_id, month) do nothing returning id`,
    [m.secondmentId, m.month, m.valueMinor, m.rate, m.usdMinor, m.by, m.note],
  );
  return rows.length > 0;
}
