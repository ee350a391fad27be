import { Migration } from '@mikro-orm/migrations';

export class Migration20261219090000_ProgressReports extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "progress_report_cycle" ("biennium" varchar(9) not null, "workflow_id" varchar(255) not null, "opens_at" timestamptz not null, "due_at" timestamptz not null, "reminders" text[] not null default '{}', "status" text check ("status" in ('open', 'closed')) not null, "closed_at" timestamptz null, "created_at" timestamptz not null, constraint "progress_report_cycle_pkey" primary key ("biennium"));`,
    );
    this.addSql(
      `create table "progress_report" ("id" uuid not null, "cycle_biennium" varchar(9) not null, "city_id" uuid not null, "status" text check ("status" in ('requested', 'submitted', 'missed')) not null, "strategies" text null, "activities" text null, "learners_reached" int null, "partnerships" int null, "focus_areas" text[] not null default '{}', "submitted_at" timestamptz null, "updated_at" timestamptz null, "reminders" int not null default 0, constraint "progress_report_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "progress_report_city_id_index" on "progress_report" ("city_id");`);
    this.addSql(
      `alter table "progress_report" add constraint "progress_report_cycle_biennium_city_id_unique" unique ("cycle_biennium", "city_id");`,
    );
    this.addSql(
      `alter table "progress_report" add constraint "progress_report_cycle_biennium_foreign" foreign key ("cycle_biennium") references "progress_report_cycle" ("biennium") on update cascade;`,
    );
    this.addSql(
      `alter table "progress_report" add constraint "progress_report_city_id_foreign" foreign key ("city_id") references "city" ("id") on update cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "progress_report" cascade;`);
    this.addSql(`drop table if exists "progress_report_cycle" cascade;`);
  }
}
