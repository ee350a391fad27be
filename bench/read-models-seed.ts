// Bulk seeding for the read-models bench without the per-row triggers on instalment and receipt.
// Those triggers (pledge_balance_changed, fund_receipt_recorded: db/migrations) refresh a pledge's
// balance and credit a receipt's fund once per row, and the fund credit updates one of a handful of
// fund rows per receipt: at 100× that is a million updates of the same rows. Here the rows go in
// with the triggers disabled and the derived tables are then filled in one statement each, by the
// same rules; verifyDerived checks the result against the trigger path itself.

type Exec = (sql: string, params?: unknown[]) => Promise<unknown>;
type Query = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

const TRIGGERS: [table: string, trigger: string][] = [
  ['instalment', 'instalment_balance'],
  ['receipt', 'receipt_balance'],
  ['receipt', 'receipt_fund_credit'],
];

/**
 * Runs `insert` with the balance and credit triggers off, then derives what they would have written.
 * BENCH_SEED_THROUGH_TRIGGERS=1 leaves them on (the old, slow path, for a before/after seed time);
 * the derivations then find nothing left to do.
 */
export async function withoutRowTriggers(execute: Exec, insert: () => Promise<void>): Promise<void> {
  const off = process.env.BENCH_SEED_THROUGH_TRIGGERS !== '1';
  if (off)
    for (const [table, trigger] of TRIGGERS) await execute(`alter table "${table}" disable trigger "${trigger}"`);
  try {
    await insert();
  } finally {
    if (off)
      for (const [table, trigger] of TRIGGERS) await execute(`alter table "${table}" enable trigger "${trigger}"`);
  }
  // pledge_balance: the triggers' own function, once for every pledge with rows and no balance yet
  // (the triggers give a balance row only to pledges with an instalment or a receipt).
  await execute(
    `select pledge_balance_refresh(array(
       select pledge_id from (select pledge_id from instalment union select pledge_id from receipt) x
        where not exists (select 1 from pledge_balance b where b.pledge_id = x.pledge_id)))`,
  );
  // receipt_credit and fund.received_usd_minor: fund_credit_receipt (Migration20261215090000_Funds)
  // for every receipt without credits, as one statement: the same parts (the pledge's splits, else
  // its own funding option and sub-option), floor shares, one minor unit each to the largest
  // remainders, ties to the earlier part.
  await execute(
    `with r as (
       select r.id, r.pledge_id, r.currency, r.amount_minor, r.usd_minor from receipt r
        where not exists (select 1 from receipt_credit c where c.receipt_id = r.id)
     ),
     parts as (
       select s.pledge_id, s.fund_key, s.seq, s.amount_minor::numeric as w from pledge_split s
        where s.pledge_id in (select pledge_id from r)
       union all
       select p.id, case when p.funding_option = 'communication_exchange' and p.sub_option is not null
                         then p.funding_option || '.' || p.sub_option else p.funding_option end, 0, 1::numeric
         from pledge p
        where p.id in (select pledge_id from r) and not exists (select 1 from pledge_split where pledge_id = p.id)
     ),
     total as (select pledge_id, sum(w) as w_sum from parts group by pledge_id),
     q as (
       select r.id, r.pledge_id, r.currency, r.amount_minor, r.usd_minor, parts.fund_key, parts.seq,
              div(r.amount_minor * w, w_sum) as a_base, mod(r.amount_minor * w, w_sum) as a_rest,
              div(r.usd_minor * w, w_sum) as u_base, mod(r.usd_minor * w, w_sum) as u_rest
         from r join parts on parts.pledge_id = r.pledge_id join total on total.pledge_id = r.pledge_id
        where w_sum > 0
     ),
     ranked as (
       select id, pledge_id, currency, fund_key, a_base, u_base,
              row_number() over (partition by id order by a_rest desc, seq) as a_rank,
              amount_minor - sum(a_base) over (partition by id) as a_left,
              row_number() over (partition by id order by u_rest desc, seq) as u_rank,
              usd_minor - sum(u_base) over (partition by id) as u_left
         from q
     ),
     ins as (
       insert into receipt_credit (receipt_id, fund_key, pledge_id, currency, amount_minor, usd_minor)
       select id, fund_key, pledge_id, currency,
              (a_base + case when a_rank <= a_left then 1 else 0 end)::bigint,
              (u_base + case when u_rank <= u_left then 1 else 0 end)::bigint
         from ranked
       on conflict do nothing
       returning fund_key, usd_minor
     )
     update fund f set received_usd_minor = f.received_usd_minor + c.usd
       from (select fund_key, sum(usd_minor) as usd from ins group by fund_key) c
      where f.key = c.fund_key`,
  );
}

/**
 * Throws unless the bulk-derived rows are what the triggers give. For `sample` pledges, inside a
 * transaction that is rolled back: their balance rows are deleted, their receipts deleted and
 * re-inserted (which also drops their credits by cascade) and their instalments touched, so the
 * triggers run for real (`set constraints all immediate`); then the balances and credits must equal
 * the bulk ones row for row. Every fund's received figure must be the sum of its credits.
 */
export async function verifyDerived(
  tx: <T>(work: (query: Query) => Promise<T>) => Promise<T>,
  query: Query,
  sample: number,
): Promise<{ pledges: number; receipts: number }> {
  const checked = await tx(async (q) => {
    await q(
      `create temp table v_pledge on commit drop as
         select pledge_id as id from pledge_balance order by md5(pledge_id::text) limit ?`,
      [sample],
    );
    await q(
      `create temp table v_balance on commit drop as select b.* from pledge_balance b join v_pledge v on v.id = b.pledge_id`,
    );
    await q(
      `create temp table v_credit on commit drop as select c.* from receipt_credit c join v_pledge v on v.id = c.pledge_id`,
    );
    await q(
      `create temp table v_receipt on commit drop as select r.* from receipt r join v_pledge v on v.id = r.pledge_id`,
    );
    await q(`delete from pledge_balance where pledge_id in (select id from v_pledge)`);
    await q(`delete from receipt where pledge_id in (select id from v_pledge)`);
    await q(`insert into receipt select * from v_receipt`);
    await q(`update instalment set updated_at = updated_at where pledge_id in (select id from v_pledge)`);
    await q(`set constraints all immediate`);
    const [diff] = await q(
      `select
         (select count(*) from ((select b.* from pledge_balance b join v_pledge v on v.id = b.pledge_id) except all (select * from v_balance)) d) +
         (select count(*) from ((select * from v_balance) except all (select b.* from pledge_balance b join v_pledge v on v.id = b.pledge_id)) d) as balances,
         (select count(*) from ((select c.* from receipt_credit c join v_pledge v on v.id = c.pledge_id) except all (select * from v_credit)) d) +
         (select count(*) from ((select * from v_credit) except all (select c.* from receipt_credit c join v_pledge v on v.id = c.pledge_id)) d) as credits,
         (select count(*) from v_pledge) as pledges, (select count(*) from v_receipt) as receipts,
         (select count(*) from v_credit) as credit_rows`,
    );
    if (Number(diff!.balances) || Number(diff!.credits))
      throw new Error(`bulk seed differs from the trigger path: ${JSON.stringify(diff)}`);
    if (Number(diff!.credit_rows) < Number(diff!.receipts))
      throw new Error(`receipts without credits: ${JSON.stringify(diff)}`);
    return { pledges: Number(diff!.pledges), receipts: Number(diff!.receipts) };
  });
  const off = await query(
    `select f.key, f.received_usd_minor, coalesce(c.usd, 0) as credited from fund f
       left join (select fund_key, sum(usd_minor) as usd from receipt_credit group by fund_key) c on c.fund_key = f.key
      where f.received_usd_minor <> coalesce(c.usd, 0)`,
  );
  if (off.length) throw new Error(`fund received differs from its credits: ${JSON.stringify(off)}`);
  return checked;
}
