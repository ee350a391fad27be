import { Migration } from '@mikro-orm/migrations';

export class Migration20261212090000_Surveys extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "survey" ("id" uuid not null, "workflow_id" varchar(255) not null, "title" varchar(200) not null, "description" text null, "clusters" text[] not null default '{}', "anonymous" boolean not null default false, "opens_at" timestamptz not null, "closes_at" timestamptz not null, "reminders" text[] not null default '{}', "questions" jsonb not null, "status" text check ("status" in ('open', 'closed', 'cancelled')) not null, "respondent_salt" varchar(64) null, "cancel_reason" text null, "closed_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "survey_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "survey_closes_at_index" on "survey" ("closes_at");`);

    this.addSql(
      `create table "survey_addressee" ("id" uuid not null, "survey_id" uuid not null, "city_id" uuid not null, "clusters" text[] not null default '{}', "responded_at" timestamptz null, "reminders" int not null default 0, constraint "survey_addressee_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "survey_addressee" add constraint "survey_addressee_survey_id_city_id_unique" unique ("survey_id", "city_id");`,
    );

    this.addSql(
      `create table "survey_response" ("id" uuid not null, "survey_id" uuid not null, "respondent_key" varchar(64) not null, "city_id" uuid null, "clusters" text[] not null default '{}', "answers" jsonb not null, "updated_at" timestamptz null, constraint "survey_response_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "survey_response" add constraint "survey_response_survey_id_respondent_key_unique" unique ("survey_id", "respondent_key");`,
    );

    this.addSql(
      `alter table "survey_addressee" add constraint "survey_addressee_survey_id_foreign" foreign key ("survey_id") references "survey" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "survey_addressee" add constraint "survey_addressee_city_id_foreign" foreign key ("city_id") references "city" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "survey_response" add constraint "survey_response_survey_id_foreign" foreign key ("survey_id") references "survey" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "survey_response" add constraint "survey_response_city_id_foreign" foreign key ("city_id") references "city" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "survey_addressee" drop constraint "survey_addressee_survey_id_foreign";`);

    this.addSql(`alter table "survey_response" drop constraint "survey_response_survey_id_foreign";`);

    this.addSql(`drop table if exists "survey" cascade;`);

    this.addSql(`drop table if exists "survey_addressee" cascade;`);

    this.addSql(`drop table if exists "survey_response" cascade;`);
  }
}
