import { Migration } from '@mikro-orm/migrations';

export class Migration20261128181642_Initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "audit_event" ("id" uuid not null, "actor_token_id" uuid null, "actor_role" varchar(16) not null, "method" varchar(8) not null, "path" text not null, "status" int not null, "detail" jsonb null, "at" timestamptz not null, constraint "audit_event_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "audit_event_at_index" on "audit_event" ("at");`);

    this.addSql(
      `create table "cluster" ("code" varchar(32) not null, "name" varchar(255) not null, "period" varchar(16) not null, "status" text check ("status" in ('active', 'retired')) not null, "themes" text[] not null default '{}', "focus_keywords" text[] not null default '{}', "successor_code" varchar(32) null, "member_count2019" int null, constraint "cluster_pkey" primary key ("code"));`,
    );

    this.addSql(
      `create table "country" ("code" varchar(2) not null, "name" varchar(255) not null, "region" varchar(32) not null, "income_group" varchar(16) not null, "ldc" boolean not null, constraint "country_pkey" primary key ("code"));`,
    );

    this.addSql(
      `create table "city" ("id" uuid not null, "name" varchar(255) not null, "country_code" varchar(2) not null, "status" text check ("status" in ('candidate', 'member', 'suspended', 'withdrawn')) not null, "year_joined" int null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "city_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "city" add constraint "city_country_code_name_unique" unique ("country_code", "name");`);

    this.addSql(
      `create table "donor" ("id" uuid not null, "name" varchar(255) not null, "type" text check ("type" in ('member_city', 'national_government', 'regional_government', 'multilateral', 'corporate', 'foundation', 'civil_society', 'educational_institution', 'think_tank', 'research_institute')) not null, "country_code" varchar(2) null, "contact_name" varchar(255) null, "contact_email" varchar(255) null, "city_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "donor_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "api_token" ("id" uuid not null, "token_hash" varchar(64) not null, "role" text check ("role" in ('secretariat', 'city', 'donor', 'viewer')) not null, "city_id" uuid null, "donor_id" uuid null, "label" varchar(255) not null, "read_only" boolean not null default false, "created_at" timestamptz not null, "revoked_at" timestamptz null, constraint "api_token_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "api_token" add constraint "api_token_token_hash_unique" unique ("token_hash");`);

    this.addSql(
      `create table "idempotency_record" ("id" uuid not null, "principal" varchar(255) not null, "key" varchar(255) not null, "method" varchar(8) not null, "path" text not null, "request_hash" varchar(64) not null, "status_code" int null, "headers" jsonb null, "body" jsonb null, "created_at" timestamptz not null, constraint "idempotency_record_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "idempotency_record" add constraint "idempotency_record_principal_key_unique" unique ("principal", "key");`,
    );

    this.addSql(
      `create table "membership" ("id" uuid not null, "city_id" uuid not null, "cluster_code" varchar(32) not null, "since" date not null, "until" date null, "representative_name" varchar(255) not null, "representative_email" varchar(255) not null, "representative_expertise" text[] not null default '{}', constraint "membership_pkey" primary key ("id"));`,
    );
    // One open membership per city and cluster; ended ones are kept as history.
    this.addSql(
      `create unique index "membership_open_unique" on "membership" ("city_id", "cluster_code") where "until" is null;`,
    );
    this.addSql(`create index "membership_cluster_code_until_index" on "membership" ("cluster_code", "until");`);

    this.addSql(
      `create table "notification" ("id" uuid not null, "key" varchar(255) not null, "recipient_kind" text check ("recipient_kind" in ('city', 'donor', 'secretariat')) not null, "recipient_city_id" uuid null, "recipient_donor_id" uuid null, "email" varchar(255) null, "kind" varchar(64) not null, "subject" varchar(255) not null, "body" text not null, "resource" varchar(255) null, "created_at" timestamptz not null, "delivered_at" timestamptz null, "attempts" int not null default 0, "last_error" text null, constraint "notification_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "notification" add constraint "notification_key_unique" unique ("key");`);
    this.addSql(`create index "notification_recipient_city_id_index" on "notification" ("recipient_city_id");`);
    this.addSql(`create index "notification_recipient_donor_id_index" on "notification" ("recipient_donor_id");`);
    this.addSql(`create index "notification_delivered_at_index" on "notification" ("delivered_at");`);

    this.addSql(
      `alter table "cluster" add constraint "cluster_successor_code_foreign" foreign key ("successor_code") references "cluster" ("code") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "city" add constraint "city_country_code_foreign" foreign key ("country_code") references "country" ("code") on update cascade;`,
    );

    this.addSql(
      `alter table "donor" add constraint "donor_country_code_foreign" foreign key ("country_code") references "country" ("code") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "donor" add constraint "donor_city_id_foreign" foreign key ("city_id") references "city" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "api_token" add constraint "api_token_city_id_foreign" foreign key ("city_id") references "city" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "api_token" add constraint "api_token_donor_id_foreign" foreign key ("donor_id") references "donor" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "membership" add constraint "membership_city_id_foreign" foreign key ("city_id") references "city" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "membership" add constraint "membership_cluster_code_foreign" foreign key ("cluster_code") references "cluster" ("code") on update cascade;`,
    );

    this.addSql(
      `alter table "notification" add constraint "notification_recipient_city_id_foreign" foreign key ("recipient_city_id") references "city" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "notification" add constraint "notification_recipient_donor_id_foreign" foreign key ("recipient_donor_id") references "donor" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "cluster" drop constraint "cluster_successor_code_foreign";`);

    this.addSql(`alter table "membership" drop constraint "membership_cluster_code_foreign";`);

    this.addSql(`alter table "city" drop constraint "city_country_code_foreign";`);

    this.addSql(`alter table "donor" drop constraint "donor_country_code_foreign";`);

    this.addSql(`alter table "donor" drop constraint "donor_city_id_foreign";`);

    this.addSql(`alter table "api_token" drop constraint "api_token_city_id_foreign";`);

    this.addSql(`alter table "membership" drop constraint "membership_city_id_foreign";`);

    this.addSql(`alter table "notification" drop constraint "notification_recipient_city_id_foreign";`);

    this.addSql(`alter table "api_token" drop constraint "api_token_donor_id_foreign";`);

    this.addSql(`alter table "notification" drop constraint "notification_recipient_donor_id_foreign";`);

    this.addSql(`drop table if exists "audit_event" cascade;`);

    this.addSql(`drop table if exists "cluster" cascade;`);

    this.addSql(`drop table if exists "country" cascade;`);

    this.addSql(`drop table if exists "city" cascade;`);

    this.addSql(`drop table if exists "donor" cascade;`);

    this.addSql(`drop table if exists "api_token" cascade;`);

    this.addSql(`drop table if exists "idempotency_record" cascade;`);

    this.addSql(`drop table if exists "membership" cascade;`);

    this.addSql(`drop table if exists "notification" cascade;`);
  }
}
