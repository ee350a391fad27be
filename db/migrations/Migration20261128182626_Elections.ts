import { Migration } from '@mikro-orm/migrations';

export class Migration20261128182626_Elections extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "election" ("id" uuid not null, "workflow_id" varchar(255) not null, "cluster_code" varchar(32) not null, "term_start" date not null, "term_end" date not null, "seats" int not null, "phase" text check ("phase" in ('nominating', 'voting', 'awaiting_tie_break', 'decided', 'no_candidates', 'cancelled')) not null, "settings" jsonb not null, "deadlines" jsonb not null, "eligible" text[] not null default '{}', "results" jsonb null, "cancel_reason" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "election_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "election_cluster_code_phase_index" on "election" ("cluster_code", "phase");`);

    this.addSql(
      `create table "coordinator_term" ("id" uuid not null, "cluster_code" varchar(32) not null, "city_id" uuid not null, "term_start" date not null, "term_end" date not null, "election_id" uuid null, "appointed" boolean not null default false, "created_at" timestamptz not null, constraint "coordinator_term_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "coordinator_term" add constraint "coordinator_term_cluster_code_city_id_term_start_unique" unique ("cluster_code", "city_id", "term_start");`,
    );

    this.addSql(
      `create table "ballot" ("id" uuid not null, "election_id" uuid not null, "city_id" uuid not null, "approve" text[] not null, "cast_at" timestamptz not null, "updated_at" timestamptz not null, constraint "ballot_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "ballot" add constraint "ballot_election_id_city_id_unique" unique ("election_id", "city_id");`,
    );

    this.addSql(
      `create table "nomination" ("id" uuid not null, "election_id" uuid not null, "city_id" uuid not null, "nominated_by" uuid null, "status" text check ("status" in ('pending_acceptance', 'accepted', 'withdrawn')) not null, "statement" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "nomination_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "nomination" add constraint "nomination_election_id_city_id_unique" unique ("election_id", "city_id");`,
    );

    this.addSql(
      `alter table "election" add constraint "election_cluster_code_foreign" foreign key ("cluster_code") references "cluster" ("code") on update cascade;`,
    );

    this.addSql(
      `alter table "coordinator_term" add constraint "coordinator_term_cluster_code_foreign" foreign key ("cluster_code") references "cluster" ("code") on update cascade;`,
    );
    this.addSql(
      `alter table "coordinator_term" add constraint "coordinator_term_city_id_foreign" foreign key ("city_id") references "city" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "coordinator_term" add constraint "coordinator_term_election_id_foreign" foreign key ("election_id") references "election" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "ballot" add constraint "ballot_election_id_foreign" foreign key ("election_id") references "election" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "ballot" add constraint "ballot_city_id_foreign" foreign key ("city_id") references "city" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "nomination" add constraint "nomination_election_id_foreign" foreign key ("election_id") references "election" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "nomination" add constraint "nomination_city_id_foreign" foreign key ("city_id") references "city" ("id") on update cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "coordinator_term" drop constraint "coordinator_term_election_id_foreign";`);

    this.addSql(`alter table "ballot" drop constraint "ballot_election_id_foreign";`);

    this.addSql(`alter table "nomination" drop constraint "nomination_election_id_foreign";`);

    this.addSql(`drop table if exists "election" cascade;`);

    this.addSql(`drop table if exists "coordinator_term" cascade;`);

    this.addSql(`drop table if exists "ballot" cascade;`);

    this.addSql(`drop table if exists "nomination" cascade;`);
  }
}
