import { Migration } from '@mikro-orm/migrations';

export class Migration20261128183611_ClusterWork extends Migration {
  override async up(): Promise<void> {
    // Written by hand: the generated search column needs an IMMUTABLE expression, and
    // array_to_string is only STABLE (it is immutable for text[], which is all we give it).
    this.addSql(
      `create or replace function peer_learning_tags_text(text[]) returns text language sql immutable parallel safe as $$ select array_to_string($1, ' ') $$;`,
    );
    this.addSql(
      `create table "coordinator_meeting" ("id" uuid not null, "workflow_id" varchar(255) not null, "title" varchar(300) not null, "at" timestamptz not null, "report_due_at" timestamptz not null, "report_lead" varchar(32) not null, "status" text check ("status" in ('collecting', 'held', 'cancelled')) not null, "expected" jsonb not null, "escalated" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "coordinator_meeting_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "expert" ("id" uuid not null, "cluster_code" varchar(32) not null, "name" varchar(200) not null, "email" varchar(320) not null, "organisation" varchar(200) null, "expertise_areas" text[] not null default '{}', "support" text[] not null default '{}', "created_at" timestamptz not null, constraint "expert_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "expert" add constraint "expert_cluster_code_email_unique" unique ("cluster_code", "email");`,
    );

    this.addSql(
      `create table "meeting_report" ("id" uuid not null, "meeting_id" uuid not null, "cluster_code" varchar(32) not null, "city_id" uuid not null, "progress" jsonb not null, "submitted_at" timestamptz not null, constraint "meeting_report_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "meeting_report" add constraint "meeting_report_meeting_id_cluster_code_city_id_unique" unique ("meeting_id", "cluster_code", "city_id");`,
    );

    this.addSql(
      `create table "work_phase" ("id" uuid not null, "cluster_code" varchar(32) not null, "period" varchar(16) not null, "inception_workshop_id" uuid null, "created_at" timestamptz not null, constraint "work_phase_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "work_phase" add constraint "work_phase_cluster_code_period_unique" unique ("cluster_code", "period");`,
    );

    this.addSql(
      `create table "workplan_version" ("id" uuid not null, "phase_id" uuid not null, "version" int not null, "outputs" jsonb not null, "set_by" uuid null, "created_at" timestamptz not null, constraint "workplan_version_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "workplan_version" add constraint "workplan_version_phase_id_version_unique" unique ("phase_id", "version");`,
    );

    this.addSql(
      `create table "workshop" ("id" uuid not null, "workflow_id" varchar(255) not null, "cluster_code" varchar(32) not null, "phase_id" uuid null, "kind" text check ("kind" in ('inception', 'thematic', 'advisory_session')) not null, "status" text check ("status" in ('planning', 'invitations_open', 'rsvp_closed', 'awaiting_outcomes', 'completed', 'cancelled')) not null, "title" varchar(300) not null, "starts_at" timestamptz null, "ends_at" timestamptz null, "timezone" varchar(64) null, "venue" varchar(300) null, "online_url" text null, "rsvp_by" timestamptz null, "outcomes_due_at" timestamptz null, "experts" jsonb not null, "invited" text[] not null default '{}', "settings" jsonb not null, "outcomes" jsonb null, "attendance" jsonb null, "cancel_reason" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "workshop_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "workshop_cluster_code_starts_at_index" on "workshop" ("cluster_code", "starts_at");`);

    this.addSql(
      `create table "peer_learning_entry" ("id" uuid not null, "source_key" varchar(255) not null, "cluster_code" varchar(32) not null, "city_id" uuid null, "kind" text check ("kind" in ('success', 'challenge', 'practice', 'material')) not null, "title" varchar(300) not null, "body" text not null, "tags" text[] not null default '{}', "source" text check ("source" in ('workshop', 'city', 'secretariat')) not null, "workshop_id" uuid null, "search" tsvector generated always as (((setweight(to_tsvector('english'::regconfig, (title)::text), 'A'::"char") || setweight(to_tsvector('english'::regconfig, peer_learning_tags_text(tags)), 'B'::"char")) || setweight(to_tsvector('english'::regconfig, body), 'C'::"char"))) stored null, "created_at" timestamptz not null, constraint "peer_learning_entry_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "peer_learning_entry" add constraint "peer_learning_entry_source_key_unique" unique ("source_key");`,
    );
    this.addSql(
      `create index "peer_learning_entry_cluster_code_kind_index" on "peer_learning_entry" ("cluster_code", "kind");`,
    );
    this.addSql(
      `create index "peer_learning_entry_cluster_code_created_at_index" on "peer_learning_entry" ("cluster_code", "created_at");`,
    );
    this.addSql(`create index "peer_learning_entry_created_at_index" on "peer_learning_entry" ("created_at");`);
    this.addSql(`create index "peer_learning_entry_city_id_index" on "peer_learning_entry" ("city_id");`);
    this.addSql(
      `create index "peer_learning_entry_search_index" on "public"."peer_learning_entry" using gin("search");`,
    );

    this.addSql(
      `create table "workshop_rsvp" ("id" uuid not null, "workshop_id" uuid not null, "city_id" uuid not null, "response" text check ("response" in ('yes', 'no', 'maybe')) not null, "attendees" text[] not null default '{}', "responded_at" timestamptz not null, constraint "workshop_rsvp_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "workshop_rsvp" add constraint "workshop_rsvp_workshop_id_city_id_unique" unique ("workshop_id", "city_id");`,
    );

    this.addSql(
      `alter table "expert" add constraint "expert_cluster_code_foreign" foreign key ("cluster_code") references "cluster" ("code") on update cascade;`,
    );

    this.addSql(
      `alter table "meeting_report" add constraint "meeting_report_meeting_id_foreign" foreign key ("meeting_id") references "coordinator_meeting" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "meeting_report" add constraint "meeting_report_cluster_code_foreign" foreign key ("cluster_code") references "cluster" ("code") on update cascade;`,
    );
    this.addSql(
      `alter table "meeting_report" add constraint "meeting_report_city_id_foreign" foreign key ("city_id") references "city" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "work_phase" add constraint "work_phase_cluster_code_foreign" foreign key ("cluster_code") references "cluster" ("code") on update cascade;`,
    );

    this.addSql(
      `alter table "workplan_version" add constraint "workplan_version_phase_id_foreign" foreign key ("phase_id") references "work_phase" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "workshop" add constraint "workshop_cluster_code_foreign" foreign key ("cluster_code") references "cluster" ("code") on update cascade;`,
    );
    this.addSql(
      `alter table "workshop" add constraint "workshop_phase_id_foreign" foreign key ("phase_id") references "work_phase" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "peer_learning_entry" add constraint "peer_learning_entry_cluster_code_foreign" foreign key ("cluster_code") references "cluster" ("code") on update cascade;`,
    );
    this.addSql(
      `alter table "peer_learning_entry" add constraint "peer_learning_entry_city_id_foreign" foreign key ("city_id") references "city" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "peer_learning_entry" add constraint "peer_learning_entry_workshop_id_foreign" foreign key ("workshop_id") references "workshop" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "workshop_rsvp" add constraint "workshop_rsvp_workshop_id_foreign" foreign key ("workshop_id") references "workshop" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "workshop_rsvp" add constraint "workshop_rsvp_city_id_foreign" foreign key ("city_id") references "city" ("id") on update cascade;`,
    );

    this.addSql(`alter table "notification" drop constraint if exists "notification_recipient_kind_check";`);

    this.addSql(
      `alter table "notification" add constraint "notification_recipient_kind_check" check("recipient_kind" in ('city', 'donor', 'secretariat', 'email'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "meeting_report" drop constraint "meeting_report_meeting_id_foreign";`);

    this.addSql(`alter table "workplan_version" drop constraint "workplan_version_phase_id_foreign";`);

    this.addSql(`alter table "workshop" drop constraint "workshop_phase_id_foreign";`);

    this.addSql(`alter table "peer_learning_entry" drop constraint "peer_learning_entry_workshop_id_foreign";`);

    this.addSql(`alter table "workshop_rsvp" drop constraint "workshop_rsvp_workshop_id_foreign";`);

    this.addSql(`drop table if exists "coordinator_meeting" cascade;`);

    this.addSql(`drop table if exists "expert" cascade;`);

    this.addSql(`drop table if exists "meeting_report" cascade;`);

    this.addSql(`drop table if exists "work_phase" cascade;`);

    this.addSql(`drop table if exists "workplan_version" cascade;`);

    this.addSql(`drop table if exists "workshop" cascade;`);

    this.addSql(`drop table if exists "peer_learning_entry" cascade;`);

    this.addSql(`drop table if exists "workshop_rsvp" cascade;`);

    this.addSql(`alter table "notification" drop constraint if exists "notification_recipient_kind_check";`);

    this.addSql(
      `alter table "notification" add constraint "notification_recipient_kind_check" check("recipient_kind" in ('city', 'donor', 'secretariat'));`,
    );
    this.addSql(`drop function if exists peer_learning_tags_text(text[]);`);
  }
}
