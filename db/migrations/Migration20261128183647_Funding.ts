import { Migration } from '@mikro-orm/migrations';

export class Migration20261128183647_Funding extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "campaign" ("id" uuid not null, "biennium" varchar(9) not null, "workflow_id" varchar(255) not null, "funding_option" text check ("funding_option" in ('mdfm', 'capacity_building_ldc', 'thematic_study', 'communication_exchange')) not null, "target_usd_minor" bigint not null, "in_kind_counts_toward_target" boolean not null default false, "follow_up_every" varchar(32) not null, "digest_every" varchar(32) not null, "closes_on" date not null, "status" text check ("status" in ('open', 'closed')) not null, "final_report" jsonb null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "campaign_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "campaign" add constraint "campaign_biennium_unique" unique ("biennium");`);

    this.addSql(
      `create table "fx_rate" ("id" uuid not null, "currency" varchar(3) not null, "date" date not null, "rate_to_usd" numeric(24,12) not null, "created_at" timestamptz not null, constraint "fx_rate_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "fx_rate" add constraint "fx_rate_currency_date_unique" unique ("currency", "date");`);

    this.addSql(
      `create table "pledge" ("id" uuid not null, "workflow_id" varchar(255) not null, "donor_id" uuid not null, "kind" text check ("kind" in ('financial', 'in_kind')) not null, "funding_option" text check ("funding_option" in ('mdfm', 'capacity_building_ldc', 'thematic_study', 'communication_exchange')) not null, "sub_option" text check ("sub_option" in ('host_event', 'fund_publication', 'fund_peer_learning_database', 'seconded_staff')) null, "focus" text[] not null default '{}', "biennium" varchar(9) not null, "stage" text check ("stage" in ('prospect', 'in_discussion', 'pledged', 'agreement_signed', 'in_fulfilment', 'fulfilled', 'reported', 'closed', 'declined', 'cancelled', 'written_off')) not null, "stage_entered_at" timestamptz not null, "currency" varchar(3) null, "amount_minor" bigint null, "in_kind" jsonb null, "valuation" jsonb null, "valuation_status" text check ("valuation_status" in ('none', 'proposed', 'approved', 'rejected')) not null default 'none', "reminders" jsonb not null, "campaign_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "pledge_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "pledge_donor_id_index" on "pledge" ("donor_id");`);
    this.addSql(`create index "pledge_biennium_stage_index" on "pledge" ("biennium", "stage");`);
    this.addSql(
      `alter table "pledge" add constraint "pledge_campaign_id_donor_id_unique" unique ("campaign_id", "donor_id");`,
    );

    this.addSql(
      `create table "instalment" ("id" uuid not null, "pledge_id" uuid not null, "seq" int not null, "due" date not null, "amount_minor" bigint not null, "paid_minor" bigint not null default 0, "status" text check ("status" in ('scheduled', 'due', 'overdue', 'paid', 'waived', 'written_off')) not null, "updated_at" timestamptz not null, constraint "instalment_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "instalment" add constraint "instalment_pledge_id_seq_unique" unique ("pledge_id", "seq");`,
    );

    this.addSql(
      `create table "campaign_prospect" ("id" uuid not null, "campaign_id" uuid not null, "donor_id" uuid not null, "pledge_id" uuid not null, "follow_ups" int not null default 0, "last_follow_up_at" timestamptz null, constraint "campaign_prospect_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "campaign_prospect" add constraint "campaign_prospect_campaign_id_donor_id_unique" unique ("campaign_id", "donor_id");`,
    );

    this.addSql(
      `create table "pledge_stage_change" ("id" uuid not null, "pledge_id" uuid not null, "seq" int not null, "from_stage" text check ("from_stage" in ('prospect', 'in_discussion', 'pledged', 'agreement_signed', 'in_fulfilment', 'fulfilled', 'reported', 'closed', 'declined', 'cancelled', 'written_off')) null, "to_stage" text check ("to_stage" in ('prospect', 'in_discussion', 'pledged', 'agreement_signed', 'in_fulfilment', 'fulfilled', 'reported', 'closed', 'declined', 'cancelled', 'written_off')) not null, "by" varchar(255) not null, "note" text null, "at" timestamptz not null, constraint "pledge_stage_change_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "pledge_stage_change" add constraint "pledge_stage_change_pledge_id_seq_unique" unique ("pledge_id", "seq");`,
    );

    this.addSql(
      `create table "receipt" ("id" uuid not null, "pledge_id" uuid not null, "key" varchar(255) not null, "receipt_number" varchar(255) null, "currency" varchar(3) not null, "amount_minor" bigint not null, "received_on" date not null, "fx_rate_to_usd" numeric(24,12) not null, "usd_minor" bigint not null, "pledge_minor" bigint not null, "allocations" jsonb not null, "overpayment_minor" bigint not null default 0, "recorded_by" varchar(255) not null, "created_at" timestamptz not null, constraint "receipt_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "receipt" add constraint "receipt_pledge_id_key_unique" unique ("pledge_id", "key");`);

    this.addSql(
      `alter table "pledge" add constraint "pledge_donor_id_foreign" foreign key ("donor_id") references "donor" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "pledge" add constraint "pledge_campaign_id_foreign" foreign key ("campaign_id") references "campaign" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "instalment" add constraint "instalment_pledge_id_foreign" foreign key ("pledge_id") references "pledge" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "campaign_prospect" add constraint "campaign_prospect_campaign_id_foreign" foreign key ("campaign_id") references "campaign" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "campaign_prospect" add constraint "campaign_prospect_donor_id_foreign" foreign key ("donor_id") references "donor" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "campaign_prospect" add constraint "campaign_prospect_pledge_id_foreign" foreign key ("pledge_id") references "pledge" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "pledge_stage_change" add constraint "pledge_stage_change_pledge_id_foreign" foreign key ("pledge_id") references "pledge" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "receipt" add constraint "receipt_pledge_id_foreign" foreign key ("pledge_id") references "pledge" ("id") on update cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "pledge" drop constraint "pledge_campaign_id_foreign";`);

    this.addSql(`alter table "campaign_prospect" drop constraint "campaign_prospect_campaign_id_foreign";`);

    this.addSql(`alter table "instalment" drop constraint "instalment_pledge_id_foreign";`);

    this.addSql(`alter table "campaign_prospect" drop constraint "campaign_prospect_pledge_id_foreign";`);

    this.addSql(`alter table "pledge_stage_change" drop constraint "pledge_stage_change_pledge_id_foreign";`);

    this.addSql(`alter table "receipt" drop constraint "receipt_pledge_id_foreign";`);

    this.addSql(`drop table if exists "campaign" cascade;`);

    this.addSql(`drop table if exists "fx_rate" cascade;`);

    this.addSql(`drop table if exists "pledge" cascade;`);

    this.addSql(`drop table if exists "instalment" cascade;`);

    this.addSql(`drop table if exists "campaign_prospect" cascade;`);

    this.addSql(`drop table if exists "pledge_stage_change" cascade;`);

    this.addSql(`drop table if exists "receipt" cascade;`);
  }
}
