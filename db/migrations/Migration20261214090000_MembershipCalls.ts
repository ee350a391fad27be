import { Migration } from '@mikro-orm/migrations';

export class Migration20261214090000_MembershipCalls extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "membership_apply_attempt" ("id" uuid not null, "client" varchar(100) not null, "call_id" uuid not null, "created_at" timestamptz not null, constraint "membership_apply_attempt_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "membership_apply_attempt_client_created_at_index" on "membership_apply_attempt" ("client", "created_at");`,
    );

    this.addSql(
      `create table "membership_call" ("id" uuid not null, "workflow_id" varchar(255) not null, "title" varchar(200) not null, "opens_at" timestamptz not null, "closes_at" timestamptz not null, "per_country_limit" int not null, "natcom_window" varchar(32) not null, "status" text check ("status" in ('open', 'reviewing', 'closed')) not null, "report" jsonb null, "closed_at" timestamptz null, "created_at" timestamptz not null, constraint "membership_call_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "membership_application" ("id" uuid not null, "call_id" uuid not null, "workflow_id" varchar(255) not null, "status" text check ("status" in ('submitted', 'natcom_review', 'jury_review', 'admitted', 'not_admitted', 'withdrawn', 'lapsed', 'expired')) not null, "city_name" varchar(200) not null, "country_code" varchar(2) not null, "contact_name" varchar(200) not null, "contact_email" varchar(254) not null, "language" text check ("language" in ('en', 'fr')) not null, "city_data" jsonb not null, "motivation" text not null, "implementation" text not null, "challenges" jsonb not null, "mayor_name" varchar(200) not null, "mayor_confirmed" boolean not null, "email_token_hash" varchar(64) null, "email_confirmed_at" timestamptz null, "natcom_deadline" timestamptz null, "natcom_decision" varchar(16) null, "natcom_note" text null, "natcom_decided_at" timestamptz null, "decision_note" text null, "decided_at" timestamptz null, "city_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "membership_application_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "membership_application" add constraint "membership_application_email_token_hash_unique" unique ("email_token_hash");`,
    );
    this.addSql(
      `create index "membership_application_call_id_status_index" on "membership_application" ("call_id", "status");`,
    );

    this.addSql(
      `create table "membership_juror" ("id" uuid not null, "call_id" uuid not null, "name" varchar(200) not null, "email" varchar(254) not null, constraint "membership_juror_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "membership_juror" add constraint "membership_juror_call_id_email_unique" unique ("call_id", "email");`,
    );

    this.addSql(
      `create table "membership_natcom_link" ("token_hash" varchar(64) not null, "application_id" uuid not null, "round" int not null, "created_at" timestamptz not null, constraint "membership_natcom_link_pkey" primary key ("token_hash"));`,
    );

    this.addSql(
      `create table "membership_score" ("id" uuid not null, "application_id" uuid not null, "juror_id" uuid not null, "criterion" text check ("criterion" in ('commitment', 'strategy', 'stakeholders', 'resources', 'monitoring')) not null, "score" int not null, "updated_at" timestamptz not null, constraint "membership_score_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "membership_score" add constraint "membership_score_application_id_juror_id_criterion_unique" unique ("application_id", "juror_id", "criterion");`,
    );

    this.addSql(
      `alter table "membership_application" add constraint "membership_application_call_id_foreign" foreign key ("call_id") references "membership_call" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "membership_application" add constraint "membership_application_country_code_foreign" foreign key ("country_code") references "country" ("code") on update cascade;`,
    );
    this.addSql(
      `alter table "membership_application" add constraint "membership_application_city_id_foreign" foreign key ("city_id") references "city" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "membership_juror" add constraint "membership_juror_call_id_foreign" foreign key ("call_id") references "membership_call" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "membership_natcom_link" add constraint "membership_natcom_link_application_id_foreign" foreign key ("application_id") references "membership_application" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "membership_score" add constraint "membership_score_application_id_foreign" foreign key ("application_id") references "membership_application" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "membership_score" add constraint "membership_score_juror_id_foreign" foreign key ("juror_id") references "membership_juror" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "country" add column "unesco_member" boolean not null default false, add column "natcom_email" varchar(254) null;`,
    );
    // The seed sets it too (db/seed/unesco-members.ts); this keeps a database that is not reseeded right.
    this.addSql(
      `update "country" set "unesco_member" = "code" <> all('{AI,AQ,AS,AW,AX,BL,BM,BQ,BV,CC,CW,CX,EH,FK,FO,GF,GG,GI,GL,GP,GS,GU,HK,HM,IL,IM,IO,JE,KY,LI,MF,MO,MP,MQ,MS,NC,NF,PF,PM,PN,PR,RE,SH,SJ,SX,TC,TF,TK,TW,UM,VA,VG,VI,WF,YT}'::text[]);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "membership_application" drop constraint "membership_application_call_id_foreign";`);

    this.addSql(`alter table "membership_juror" drop constraint "membership_juror_call_id_foreign";`);

    this.addSql(
      `alter table "membership_natcom_link" drop constraint "membership_natcom_link_application_id_foreign";`,
    );

    this.addSql(`alter table "membership_score" drop constraint "membership_score_application_id_foreign";`);

    this.addSql(`alter table "membership_score" drop constraint "membership_score_juror_id_foreign";`);

    this.addSql(`drop table if exists "membership_apply_attempt" cascade;`);

    this.addSql(`drop table if exists "membership_call" cascade;`);

    this.addSql(`drop table if exists "membership_application" cascade;`);

    this.addSql(`drop table if exists "membership_juror" cascade;`);

    this.addSql(`drop table if exists "membership_natcom_link" cascade;`);

    this.addSql(`drop table if exists "membership_score" cascade;`);

    this.addSql(`alter table "country" drop column "unesco_member", drop column "natcom_email";`);
  }
}
