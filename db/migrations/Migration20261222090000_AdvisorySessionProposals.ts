import { Migration } from '@mikro-orm/migrations';

/**
 * Advisory session proposals: one draft per cluster and coordinator term start (the business key),
 * written by the cluster cycle when the term starts; scheduled as a workshop or dismissed.
 */
export class Migration20261222090000_AdvisorySessionProposals extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "advisory_session_proposal" ("id" uuid not null, "cluster_code" varchar(32) not null, "term_start" date not null, "term_end" date not null, "due_by" timestamptz not null, "status" text check ("status" in ('proposed', 'scheduled', 'dismissed')) not null default 'proposed', "workshop_id" uuid null, "dismiss_reason" text null, "reminded_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "advisory_session_proposal_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "advisory_session_proposal" add constraint "advisory_session_proposal_cluster_code_term_start_unique" unique ("cluster_code", "term_start");`,
    );
    this.addSql(
      `alter table "advisory_session_proposal" add constraint "advisory_session_proposal_cluster_code_foreign" foreign key ("cluster_code") references "cluster" ("code") on update cascade;`,
    );
    this.addSql(
      `alter table "advisory_session_proposal" add constraint "advisory_session_proposal_workshop_id_foreign" foreign key ("workshop_id") references "workshop" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "advisory_session_proposal" cascade;`);
  }
}
