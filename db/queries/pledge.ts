// A pledge's rows, written by the API (so its answer shows them at once) and by the workflow's
// activity alike: every insert is keyed, so a retry or the second writer changes nothing.
import type { EntityManager } from '@mikro-orm/postgresql';
import { pledgeWorkflowId } from '../../domain/pledge.js';
import type { PledgeSpec } from '../../domain/pledge.contract.js';

/** Creates a pledge's rows; answers the pledge's id (a campaign's earlier pledge for the donor, if any). */
export async function openPledge(em: EntityManager, spec: PledgeSpec): Promise<string> {
  // tx.execute runs inside the transaction; tx.getConnection().execute would take another pooled
  // connection outside it (and, with the pool busy, wait for itself).
  return em.transactional(async (tx) => {
    await tx.execute(
      `insert into pledge (id, workflow_id, donor_id, kind, funding_option, sub_option, focus, biennium, status, status_since,
         currency, amount_minor, in_kind, valuation, valuation_status, reminders, campaign_id, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, now(), ?, ?, ?, ?, ?, ?, ?, now(), now()) on conflict do nothing`,
      [
        spec.pledgeId,
        pledgeWorkflowId(spec.pledgeId),
        spec.donorId,
        spec.kind,
        spec.fundingOption,
        spec.subOption,
        `{${spec.focus.join(',')}}`,
        spec.biennium,
        spec.status,
        spec.currency,
        spec.amountMinor,
        spec.inKind ? JSON.stringify(spec.inKind) : null,
        spec.inKind?.valuation ? JSON.stringify(spec.inKind.valuation) : null,
        spec.inKind?.valuation ? 'proposed' : 'none',
        JSON.stringify(spec.reminders),
        spec.campaignId,
      ],
    );
    // A campaign's second attempt for the same donor finds the first pledge (unique campaign+donor).
    const [row] = spec.campaignId
      ? await tx.execute<{ id: string }[]>(`select id from pledge where campaign_id = ? and donor_id = ?`, [
          spec.campaignId,
          spec.donorId,
        ])
      : [{ id: spec.pledgeId }];
    const id = row!.id;
    if (id !== spec.pledgeId) return id;
    for (const i of spec.instalments) {
      await tx.execute(
        `insert into instalment (id, pledge_id, seq, due, amount_minor, paid_minor, status, updated_at)
         values (gen_random_uuid(), ?, ?, ?, ?, 0, 'scheduled', now()) on conflict do nothing`,
        [id, i.seq, i.due, i.amountMinor],
      );
    }
    await tx.execute(
      `insert into pledge_status_change (id, pledge_id, seq, from_status, to_status, by, note, at)
       values (gen_random_uuid(), ?, 1, null, ?, ?, ?, now()) on conflict do nothing`,
      [id, spec.status, spec.by, spec.note],
    );
    return id;
  });
}

export interface PledgeFilter {
  status?: string | undefined;
  fundingOption?: string | undefined;
  biennium?: string | undefined;
  donorId?: string | undefined;
  donorType?: string | undefined;
  kind?: string | undefined;
  /** true: something unpaid fell due before `today`; false: nothing did. */
  overdue?: boolean | undefined;
  today: string;
  sort: 'newest' | 'next_due';
  limit: number;
  offset: number;
}

export interface PledgeListRow {
  id: string;
  donor_id: string;
  donor_name: string;
  donor_type: string;
  kind: string;
  funding_option: string;
  biennium: string;
  status: string;
  status_since: Date;
  currency: string | null;
  amount_minor: string | null;
  outstanding_minor: string | null;
  received_pledge_minor: string | null;
  received_usd_minor: string | null;
  next_due: string | null;
  created_at: Date;
}

/**
 * All pledges across donors, one page, with each one's balance from pledge_balance (kept by
 * triggers): no instalment or receipt is read. "Next due" is the earliest due date of an
 * instalment that still owes something; overdue means that date has passed.
 */
export async function listPledges(
  em: EntityManager,
  f: PledgeFilter,
): Promise<{ rows: PledgeListRow[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    where.push(sql);
    params.push(value);
  };
  if (f.status) add('p.status = ?', f.status);
  if (f.fundingOption) add('p.funding_option = ?', f.fundingOption);
  if (f.biennium) add('p.biennium = ?', f.biennium);
  if (f.donorId) add('p.donor_id = ?', f.donorId);
  if (f.donorType) add('d.type = ?', f.donorType);
  if (f.kind) add('p.kind = ?', f.kind);
  if (f.overdue === true) add('b.owed_from < ?::date', f.today);
  if (f.overdue === false) add('(b.owed_from is null or b.owed_from >= ?::date)', f.today);
  const from = `from pledge p join donor d on d.id = p.donor_id left join pledge_balance b on b.pledge_id = p.id
    ${where.length ? `where ${where.join(' and ')}` : ''}`;
  const order =
    f.sort === 'next_due' ? 'b.owed_from asc nulls last, p.created_at desc, p.id' : 'p.created_at desc, p.id';
  const c = em.getConnection();
  const [rows, [count]] = await Promise.all([
    c.execute<PledgeListRow[]>(
      `select p.id, p.donor_id, d.name as donor_name, d.type as donor_type, p.kind, p.funding_option, p.biennium, p.status,
              p.status_since, p.currency, p.amount_minor::text as amount_minor, b.outstanding_minor::text as outstanding_minor,
              b.received_pledge_minor::text as received_pledge_minor, b.received_usd_minor::text as received_usd_minor,
              b.owed_from::text as next_due, p.created_at
         ${from} order by ${order} limit ? offset ?`,
      [...params, f.limit, f.offset],
    ),
    c.execute<{ n: number }[]>(`select count(*)::int as n ${from}`, params),
  ]);
  return { rows, total: count!.n };
}
