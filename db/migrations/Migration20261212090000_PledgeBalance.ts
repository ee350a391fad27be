import { Migration } from '@mikro-orm/migrations';

/**
 * pledge_balance: each pledge's outstanding total, the due dates its unpaid instalments span and
 * its receipts' sums, kept by triggers on instalment and receipt (run at commit) so that every
 * writer (the pledge activities, the API, a fixture's raw insert) keeps it true in the same
 * transaction. The funding summary read 30 000 instalments per request at 10× today's data; it now
 * reads one row per pledge. The outstanding formula is outstandingOf's (domain/pledge.ts): nothing
 * once paid, waived or written off, never below zero. Filled for the pledges already recorded.
 */
export class Migration20261212090000_PledgeBalance extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "pledge_balance" ("pledge_id" uuid not null, "outstanding_minor" bigint not null default 0, "owed_from" date null, "owed_until" date null, "received_usd_minor" bigint not null default 0, "received_pledge_minor" bigint not null default 0, constraint "pledge_balance_pkey" primary key ("pledge_id"));`,
    );
    this.addSql(
      `alter table "pledge_balance" add constraint "pledge_balance_pledge_id_foreign" foreign key ("pledge_id") references "pledge" ("id") on update cascade on delete cascade;`,
    );
    // Recomputed from the pledge's own rows (a handful), not adjusted by deltas: a trigger that
    // recomputes cannot drift. Pledges that no longer exist (a cascade in progress) are skipped.
    this.addSql(`create function "pledge_balance_refresh"(ids uuid[]) returns void language sql as $$
      insert into pledge_balance (pledge_id, outstanding_minor, owed_from, owed_until, received_usd_minor, received_pledge_minor)
      select p.id, coalesce(i.owed, 0), i.owed_from, i.owed_until, coalesce(r.usd, 0), coalesce(r.pledge_minor, 0)
        from pledge p
        left join lateral (
          select sum(owed) as owed, min(due) filter (where owed > 0) as owed_from, max(due) filter (where owed > 0) as owed_until
            from (select due, case when status in ('paid', 'waived', 'written_off') then 0
                                   else greatest(0, amount_minor - paid_minor) end as owed
                    from instalment where pledge_id = p.id) s
        ) i on true
        left join lateral (
          select sum(usd_minor) as usd, sum(pledge_minor) as pledge_minor from receipt where pledge_id = p.id
        ) r on true
       where p.id = any(ids)
      on conflict (pledge_id) do update set
        outstanding_minor = excluded.outstanding_minor, owed_from = excluded.owed_from, owed_until = excluded.owed_until,
        received_usd_minor = excluded.received_usd_minor, received_pledge_minor = excluded.received_pledge_minor
    $$;`);
    // Deferred to commit, so a transaction takes the balance row's lock after every other lock it
    // takes (an instalment's, a receipt's): two writers of one pledge cannot wait on each other in
    // a cycle through it. Constraint triggers are row-level; each refresh reads a handful of rows.
    this.addSql(`create function "pledge_balance_changed"() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then
          perform pledge_balance_refresh(array[old.pledge_id]);
        elsif tg_op = 'UPDATE' and old.pledge_id <> new.pledge_id then
          perform pledge_balance_refresh(array[old.pledge_id, new.pledge_id]);
        else
          perform pledge_balance_refresh(array[new.pledge_id]);
        end if;
        return null;
      end
    $$;`);
    for (const table of ['instalment', 'receipt'])
      this.addSql(
        `create constraint trigger "${table}_balance" after insert or update or delete on "${table}" deferrable initially deferred for each row execute function pledge_balance_changed();`,
      );
    this.addSql(
      `select pledge_balance_refresh(array(select distinct pledge_id from instalment union select pledge_id from receipt));`,
    );
    // The pledge list's default order (newest first).
    this.addSql(`create index "pledge_created_at_index" on "pledge" ("created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "pledge_created_at_index";`);
    for (const table of ['instalment', 'receipt']) this.addSql(`drop trigger "${table}_balance" on "${table}";`);
    this.addSql(`drop function "pledge_balance_changed"();`);
    this.addSql(`drop function "pledge_balance_refresh"(uuid[]);`);
    this.addSql(`drop table "pledge_balance";`);
  }
}
