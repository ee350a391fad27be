import { Migration } from '@mikro-orm/migrations';

export class Migration20261219100000_OutputProgress extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "workplan_output_progress" ("id" uuid not null, "work_phase_id" uuid not null, "output_key" varchar(64) not null, "value" double precision not null, "note" text null, "date" date not null, "recorded_by" uuid null, "created_at" timestamptz not null, constraint "workplan_output_progress_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "workplan_output_progress_work_phase_id_output_key_index" on "workplan_output_progress" ("work_phase_id", "output_key");`,
    );
    this.addSql(
      `alter table "workplan_output_progress" add constraint "workplan_output_progress_work_phase_id_foreign" foreign key ("work_phase_id") references "work_phase" ("id") on update cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "workplan_output_progress" cascade;`);
  }
}
