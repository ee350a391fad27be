import { Migration } from '@mikro-orm/migrations';

export class Migration20261218090000_Partnerships extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "partnership" ("id" uuid not null, "workflow_id" varchar(255) not null, "title" varchar(200) not null, "kind" text check ("kind" in ('twinning', 'mentoring', 'peer_exchange', 'training')) not null, "supporting_city_id" uuid not null, "african_city_id" uuid not null, "donor_id" uuid null, "goals" text[] not null default '{}', "starts_on" date not null, "ends_on" date null, "report_every" varchar(32) not null, "first_report" int not null default 1, "status" text check ("status" in ('active', 'completed')) not null, "outcome" text check ("outcome" in ('applied', 'admitted', 'ended_without_application')) null, "outcome_note" text null, "completed_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "partnership_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "partnership_supporting_city_id_index" on "partnership" ("supporting_city_id");`);
    this.addSql(`create index "partnership_african_city_id_index" on "partnership" ("african_city_id");`);

    this.addSql(
      `create table "partnership_activity" ("id" uuid not null, "partnership_id" uuid not null, "title" varchar(200) not null, "description" text null, "starts_at" timestamptz not null, "ends_at" timestamptz null, "timezone" varchar(64) not null, "location" varchar(200) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "partnership_activity_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "partnership_activity_starts_at_index" on "partnership_activity" ("starts_at");`);

    this.addSql(
      `create table "partnership_report" ("id" uuid not null, "partnership_id" uuid not null, "seq" int not null, "due_at" timestamptz not null, "summary" text not null, "next_steps" text null, "submitted_by" varchar(255) null, "submitted_at" timestamptz not null, constraint "partnership_report_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "partnership_report" add constraint "partnership_report_partnership_id_seq_unique" unique ("partnership_id", "seq");`,
    );

    this.addSql(
      `create table "partnership_contribution" ("id" uuid not null, "partnership_id" uuid not null, "pledge_id" uuid not null, "created_at" timestamptz not null, constraint "partnership_contribution_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "partnership_contribution" add constraint "partnership_contribution_partnership_id_pledge_id_unique" unique ("partnership_id", "pledge_id");`,
    );

    this.addSql(
      `alter table "partnership" add constraint "partnership_supporting_city_id_foreign" foreign key ("supporting_city_id") references "city" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "partnership" add constraint "partnership_african_city_id_foreign" foreign key ("african_city_id") references "city" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "partnership" add constraint "partnership_donor_id_foreign" foreign key ("donor_id") references "donor" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "partnership_activity" add constraint "partnership_activity_partnership_id_foreign" foreign key ("partnership_id") references "partnership" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "partnership_report" add constraint "partnership_report_partnership_id_foreign" foreign key ("partnership_id") references "partnership" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "partnership_contribution" add constraint "partnership_contribution_partnership_id_foreign" foreign key ("partnership_id") references "partnership" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "partnership_contribution" add constraint "partnership_contribution_pledge_id_foreign" foreign key ("pledge_id") references "pledge" ("id") on update cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "partnership_activity" drop constraint "partnership_activity_partnership_id_foreign";`);

    this.addSql(`alter table "partnership_report" drop constraint "partnership_report_partnership_id_foreign";`);

    this.addSql(
      `alter table "partnership_contribution" drop constraint "partnership_contribution_partnership_id_foreign";`,
    );

    this.addSql(`drop table if exists "partnership" cascade;`);

    this.addSql(`drop table if exists "partnership_activity" cascade;`);

    this.addSql(`drop table if exists "partnership_report" cascade;`);

    this.addSql(`drop table if exists "partnership_contribution" cascade;`);
  }
}
