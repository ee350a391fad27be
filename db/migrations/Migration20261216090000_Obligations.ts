import { Migration } from '@mikro-orm/migrations';

// What the secretariat owes its donors: reporting requirements and their reports, secondments and
// their approved months, and the donor contact's language (acknowledgements in it).
export class Migration20261216090000_Obligations extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "reporting_requirement" ("id" uuid not null, "workflow_id" varchar(255) not null, "pledge_id" uuid not null, "kind" text check ("kind" in ('interim', 'final')) not null, "nature" text check ("nature" in ('narrative', 'financial')) not null, "title" varchar(200) null, "due_on" date not null, "allocation_ids" uuid[] null, "before_due" varchar(40) not null, "escalate_after" varchar(40) not null, "status" text check ("status" in ('open', 'late', 'submitted', 'withdrawn')) not null, "late_since" timestamptz null, "escalated_at" timestamptz null, "created_by" varchar(255) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "reporting_requirement_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "reporting_requirement_pledge_id_index" on "reporting_requirement" ("pledge_id");`);
    this.addSql(`create index "reporting_requirement_due_on_index" on "reporting_requirement" ("due_on");`);
    this.addSql(
      `create table "donor_report" ("id" uuid not null, "requirement_id" uuid not null, "title" varchar(200) not null, "url" varchar(2000) null, "file_name" varchar(255) null, "checksum" varchar(64) null, "submitted_by" varchar(255) not null, "submitted_at" timestamptz not null, constraint "donor_report_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "donor_report" add constraint "donor_report_requirement_id_unique" unique ("requirement_id");`,
    );
    this.addSql(
      `create table "secondment" ("id" uuid not null, "pledge_id" uuid not null, "person_name" varchar(200) not null, "host" text check ("host" in ('city', 'secretariat')) not null, "host_city_id" uuid null, "start_on" date not null, "end_on" date not null, "currency" varchar(3) not null, "monthly_minor" bigint not null, "created_by" varchar(255) not null, "created_at" timestamptz not null, constraint "secondment_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "secondment_pledge_id_index" on "secondment" ("pledge_id");`);
    this.addSql(
      `create table "secondment_month" ("id" uuid not null, "secondment_id" uuid not null, "month" varchar(7) not null, "value_minor" bigint not null, "fx_rate_to_usd" numeric(24,12) not null, "usd_minor" bigint not null, "approved_by" varchar(255) not null, "approved_at" timestamptz not null, "note" text null, constraint "secondment_month_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "secondment_month" add constraint "secondment_month_secondment_id_month_unique" unique ("secondment_id", "month");`,
    );
    this.addSql(
      `alter table "reporting_requirement" add constraint "reporting_requirement_pledge_id_foreign" foreign key ("pledge_id") references "pledge" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "donor_report" add constraint "donor_report_requirement_id_foreign" foreign key ("requirement_id") references "reporting_requirement" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "secondment" add constraint "secondment_pledge_id_foreign" foreign key ("pledge_id") references "pledge" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "secondment" add constraint "secondment_host_city_id_foreign" foreign key ("host_city_id") references "city" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "secondment_month" add constraint "secondment_month_secondment_id_foreign" foreign key ("secondment_id") references "secondment" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "donor" add column "contact_language" text check ("contact_language" in ('en', 'fr')) not null default 'en';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "donor" drop column "contact_language";`);
    this.addSql(`drop table if exists "secondment_month" cascade;`);
    this.addSql(`drop table if exists "secondment" cascade;`);
    this.addSql(`drop table if exists "donor_report" cascade;`);
    this.addSql(`drop table if exists "reporting_requirement" cascade;`);
  }
}
