import { Migration } from '@mikro-orm/migrations';

/** The history of applied cluster restructurings (moves asked for, the plan carried out). */
export class Migration20261212100000_ClusterRestructuring extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "cluster_restructuring" ("id" uuid not null, "effective_on" date not null, "moves" jsonb not null, "plan" jsonb not null, "note" text null, "applied_by" varchar(255) not null, "applied_at" timestamptz not null, constraint "cluster_restructuring_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "cluster_restructuring_applied_at_index" on "cluster_restructuring" ("applied_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "cluster_restructuring";`);
  }
}
