import { Migration } from '@mikro-orm/migrations';

/** The funds of domain/fund.ts FUND_KEYS when this migration was written: key, funding option, sub-option. */
const FUNDS: [string, string, string | null][] = [
  ['mdfm', 'mdfm', null],
  ['capacity_building_ldc', 'capacity_building_ldc', null],
  ['thematic_study', 'thematic_study', null],
  ['communication_exchange', 'communication_exchange', null],
  ['communication_exchange.host_event', 'communication_exchange', 'host_event'],
  ['communication_exchange.fund_publication', 'communication_exchange', 'fund_publication'],
  ['communication_exchange.fund_peer_learning_database', 'communication_exchange', 'fund_peer_learning_database'],
  ['communication_exchange.seconded_staff', 'communication_exchange', 'seconded_staff'],
];

/**
 * Funds (domain/fund.ts): one `fund` row per fund key with its running USD figures, whose CHECKs
 * are the rules no writer can break — what is allocated never passes what was received, what is
 * disbursed never passes what is allocated, nothing below zero. Concurrent writers of one fund
 * queue on its row (each UPDATE re-reads the committed figures), so two allocations can never
 * both spend the same dollar.
 * - `pledge_split`: a pledge's parts across funds (resolved amounts summing to the pledge; no row =
 *   the pledge's own funding option and sub-option).
 * - `receipt_credit`: what each receipt credits each fund, written by a trigger on `receipt` (at
 *   commit, like pledge_balance) with splitByWeights's largest remainder (ties to the earlier part),
 *   and added to `fund.received_usd_minor`: received is always derived from receipts.
 * - `fund_allocation` (+ `fund_allocation_change`, the audit of allocate/reduce/cancel),
 *   `fund_disbursement` and `fund_disbursement_city` (beneficiary cities); a trigger on
 *   fund_allocation keeps the fund's allocated and disbursed figures.
 */
export class Migration20261215090000_Funds extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "fund" ("key" text check ("key" in ('mdfm', 'capacity_building_ldc', 'thematic_study', 'communication_exchange', 'communication_exchange.host_event', 'communication_exchange.fund_publication', 'communication_exchange.fund_peer_learning_database', 'communication_exchange.seconded_staff')) not null, "funding_option" text check ("funding_option" in ('mdfm', 'capacity_building_ldc', 'thematic_study', 'communication_exchange')) not null, "sub_option" text check ("sub_option" in ('host_event', 'fund_publication', 'fund_peer_learning_database', 'seconded_staff')) null, "received_usd_minor" bigint not null default 0, "allocated_usd_minor" bigint not null default 0, "disbursed_usd_minor" bigint not null default 0, constraint "fund_pkey" primary key ("key"), constraint fund_available_check check (allocated_usd_minor <= received_usd_minor), constraint fund_disbursed_check check (disbursed_usd_minor <= allocated_usd_minor), constraint fund_nonnegative_check check (received_usd_minor >= 0 and allocated_usd_minor >= 0 and disbursed_usd_minor >= 0));`,
    );
    this.addSql(
      `create table "fund_allocation" ("id" uuid not null, "fund_key" text not null, "activity_kind" text check ("activity_kind" in ('workshop', 'coordinator_meeting', 'partnership', 'training', 'study', 'publication', 'event', 'secondment')) not null, "reference_id" uuid null, "title" varchar(255) not null, "currency" varchar(3) not null, "amount_minor" bigint not null, "fx_rate_to_usd" numeric(24,12) not null, "usd_minor" bigint not null, "disbursed_minor" bigint not null default 0, "disbursed_usd_minor" bigint not null default 0, "status" text check ("status" in ('active', 'cancelled')) not null, "allocated_on" date not null, "note" text null, "created_by" varchar(255) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "fund_allocation_pkey" primary key ("id"), constraint fund_allocation_disbursed_check check (disbursed_minor >= 0 and disbursed_minor <= amount_minor and disbursed_usd_minor >= 0 and disbursed_usd_minor <= usd_minor), constraint fund_allocation_amount_check check (amount_minor >= 0 and usd_minor >= 0));`,
    );
    this.addSql(
      `create index "fund_allocation_fund_key_created_at_index" on "fund_allocation" ("fund_key", "created_at");`,
    );
    this.addSql(`create index "fund_allocation_reference_id_index" on "fund_allocation" ("reference_id");`);
    this.addSql(
      `create table "fund_allocation_change" ("id" uuid not null, "allocation_id" uuid not null, "seq" int not null, "action" text check ("action" in ('allocate', 'reduce', 'cancel')) not null, "from_minor" bigint null, "to_minor" bigint not null, "note" text null, "by" varchar(255) not null, "at" timestamptz not null, constraint "fund_allocation_change_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "fund_allocation_change" add constraint "fund_allocation_change_allocation_id_seq_unique" unique ("allocation_id", "seq");`,
    );
    this.addSql(
      `create table "fund_disbursement" ("id" uuid not null, "allocation_id" uuid not null, "seq" int not null, "amount_minor" bigint not null, "usd_minor" bigint not null, "disbursed_on" date not null, "reference" varchar(255) null, "note" text null, "by" varchar(255) not null, "created_at" timestamptz not null, constraint "fund_disbursement_pkey" primary key ("id"), constraint fund_disbursement_amount_minor_check check (amount_minor > 0), constraint fund_disbursement_usd_minor_check check (usd_minor >= 0));`,
    );
    this.addSql(
      `alter table "fund_disbursement" add constraint "fund_disbursement_allocation_id_seq_unique" unique ("allocation_id", "seq");`,
    );
    this.addSql(
      `create table "fund_disbursement_city" ("disbursement_id" uuid not null, "city_id" uuid not null, constraint "fund_disbursement_city_pkey" primary key ("disbursement_id", "city_id"));`,
    );
    this.addSql(`create index "fund_disbursement_city_city_id_index" on "fund_disbursement_city" ("city_id");`);
    this.addSql(
      `create table "pledge_split" ("pledge_id" uuid not null, "fund_key" text not null, "seq" int not null, "basis_points" int null, "amount_minor" bigint not null, "set_by" varchar(255) not null, "set_at" timestamptz not null, constraint "pledge_split_pkey" primary key ("pledge_id", "fund_key"), constraint pledge_split_basis_points_check check (basis_points >= 0 and basis_points <= 10000), constraint pledge_split_amount_minor_check check (amount_minor >= 0));`,
    );
    this.addSql(
      `alter table "pledge_split" add constraint "pledge_split_pledge_id_seq_unique" unique ("pledge_id", "seq");`,
    );
    this.addSql(
      `create table "receipt_credit" ("receipt_id" uuid not null, "fund_key" text not null, "pledge_id" uuid not null, "currency" varchar(3) not null, "amount_minor" bigint not null, "usd_minor" bigint not null, constraint "receipt_credit_pkey" primary key ("receipt_id", "fund_key"), constraint receipt_credit_amount_minor_check check (amount_minor >= 0), constraint receipt_credit_usd_minor_check check (usd_minor >= 0));`,
    );
    this.addSql(`create index "receipt_credit_fund_key_index" on "receipt_credit" ("fund_key");`);
    this.addSql(
      `alter table "fund_allocation" add constraint "fund_allocation_fund_key_foreign" foreign key ("fund_key") references "fund" ("key") on update cascade;`,
    );
    this.addSql(
      `alter table "fund_allocation_change" add constraint "fund_allocation_change_allocation_id_foreign" foreign key ("allocation_id") references "fund_allocation" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "fund_disbursement" add constraint "fund_disbursement_allocation_id_foreign" foreign key ("allocation_id") references "fund_allocation" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "fund_disbursement_city" add constraint "fund_disbursement_city_disbursement_id_foreign" foreign key ("disbursement_id") references "fund_disbursement" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "fund_disbursement_city" add constraint "fund_disbursement_city_city_id_foreign" foreign key ("city_id") references "city" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "pledge_split" add constraint "pledge_split_pledge_id_foreign" foreign key ("pledge_id") references "pledge" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "pledge_split" add constraint "pledge_split_fund_key_foreign" foreign key ("fund_key") references "fund" ("key") on update cascade;`,
    );
    this.addSql(
      `alter table "receipt_credit" add constraint "receipt_credit_receipt_id_foreign" foreign key ("receipt_id") references "receipt" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "receipt_credit" add constraint "receipt_credit_fund_key_foreign" foreign key ("fund_key") references "fund" ("key") on update cascade;`,
    );
    for (const [key, option, sub] of FUNDS)
      this.addSql(
        `insert into "fund" ("key", "funding_option", "sub_option") values ('${key}', '${option}', ${sub ? `'${sub}'` : 'null'});`,
      );

    // splitByWeights (domain/fund.ts) in SQL: floor shares, then one minor unit each to the largest
    // remainders, ties to the earlier part (seq). numeric: amount × weight may pass a bigint.
    this.addSql(`create function "fund_credit_receipt"(rid uuid) returns void language plpgsql as $$
      declare r record;
      begin
        select id, pledge_id, currency, amount_minor, usd_minor into r from receipt where id = rid;
        if not found then return; end if;
        -- Queues behind a split being set (which locks the pledge for update), and makes a split
        -- set after this wait for the receipt's commit and see it: a receipt is credited by the
        -- split that the split's own check saw.
        perform 1 from pledge where id = r.pledge_id for share;
        with parts as (
          select s.fund_key, s.seq, s.amount_minor::numeric as w from pledge_split s where s.pledge_id = r.pledge_id
          union all
          select case when p.funding_option = 'communication_exchange' and p.sub_option is not null
                      then p.funding_option || '.' || p.sub_option else p.funding_option end, 0, 1::numeric
            from pledge p where p.id = r.pledge_id and not exists (select 1 from pledge_split where pledge_id = r.pledge_id)
        ),
        total as (select sum(w) as w_sum from parts),
        q as (
          select fund_key, seq,
                 div(r.amount_minor * w, w_sum) as a_base, mod(r.amount_minor * w, w_sum) as a_rest,
                 div(r.usd_minor * w, w_sum) as u_base, mod(r.usd_minor * w, w_sum) as u_rest
            from parts, total where w_sum > 0
        ),
        ranked as (
          select fund_key, a_base, u_base,
                 row_number() over (order by a_rest desc, seq) as a_rank, r.amount_minor - sum(a_base) over () as a_left,
                 row_number() over (order by u_rest desc, seq) as u_rank, r.usd_minor - sum(u_base) over () as u_left
            from q
        ),
        ins as (
          insert into receipt_credit (receipt_id, fund_key, pledge_id, currency, amount_minor, usd_minor)
          select r.id, fund_key, r.pledge_id, r.currency,
                 (a_base + case when a_rank <= a_left then 1 else 0 end)::bigint,
                 (u_base + case when u_rank <= u_left then 1 else 0 end)::bigint
            from ranked
          on conflict do nothing
          returning fund_key, usd_minor
        )
        update fund f set received_usd_minor = f.received_usd_minor + c.usd
          from (select fund_key, sum(usd_minor) as usd from ins group by fund_key) c
         where f.key = c.fund_key;
      end
    $$;`);
    this.addSql(`create function "fund_receipt_recorded"() returns trigger language plpgsql as $$
      begin perform fund_credit_receipt(new.id); return null; end
    $$;`);
    this.addSql(
      `create constraint trigger "receipt_fund_credit" after insert on "receipt" deferrable initially deferred for each row execute function fund_receipt_recorded();`,
    );

    // Immediate, so the fund's CHECK refuses the statement that would overdraw it (SQLSTATE 23514).
    this.addSql(`create function "fund_allocation_changed"() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' and old.fund_key <> new.fund_key then
          raise exception 'an allocation cannot move to another fund' using errcode = '23514';
        end if;
        update fund set
          allocated_usd_minor = allocated_usd_minor + new.usd_minor - case when tg_op = 'UPDATE' then old.usd_minor else 0 end,
          disbursed_usd_minor = disbursed_usd_minor + new.disbursed_usd_minor - case when tg_op = 'UPDATE' then old.disbursed_usd_minor else 0 end
         where key = new.fund_key;
        return null;
      end
    $$;`);
    this.addSql(
      `create trigger "fund_allocation_balance" after insert or update on "fund_allocation" for each row execute function fund_allocation_changed();`,
    );

    // Receipts recorded before funds existed credit their pledge's fund now.
    this.addSql(`select fund_credit_receipt(id) from receipt;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "fund_disbursement_city";`);
    this.addSql(`drop table "fund_disbursement";`);
    this.addSql(`drop table "fund_allocation_change";`);
    this.addSql(`drop trigger "fund_allocation_balance" on "fund_allocation";`);
    this.addSql(`drop function "fund_allocation_changed"();`);
    this.addSql(`drop table "fund_allocation";`);
    this.addSql(`drop trigger "receipt_fund_credit" on "receipt";`);
    this.addSql(`drop function "fund_receipt_recorded"();`);
    this.addSql(`drop function "fund_credit_receipt"(uuid);`);
    this.addSql(`drop table "receipt_credit";`);
    this.addSql(`drop table "pledge_split";`);
    this.addSql(`drop table "fund";`);
  }
}
