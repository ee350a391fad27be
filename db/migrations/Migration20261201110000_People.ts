import { Migration } from '@mikro-orm/migrations';

/** People who sign in by e-mail link, their links and sessions; audit rows name the person. */
export class Migration20261201110000_People extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "person" ("id" uuid not null, "email" varchar(254) not null, "name" varchar(255) not null, "language" text check ("language" in ('en', 'fr')) not null default 'en', "staff_role" text check ("staff_role" in ('secretariat', 'viewer')) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "person_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "person" add constraint "person_email_unique" unique ("email");`);

    this.addSql(
      `create table "session" ("id" uuid not null, "token_hash" varchar(64) not null, "person_id" uuid not null, "csrf_token" varchar(64) not null, "user_agent" varchar(300) null, "created_at" timestamptz not null, "last_seen_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, constraint "session_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "session" add constraint "session_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "session_person_id_index" on "session" ("person_id");`);

    this.addSql(
      `create table "sign_in_link" ("id" uuid not null, "token_hash" varchar(64) null, "email_hash" varchar(64) not null, "email" varchar(254) null, "next" varchar(500) null, "client" varchar(64) not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "used_at" timestamptz null, constraint "sign_in_link_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "sign_in_link" add constraint "sign_in_link_token_hash_unique" unique ("token_hash");`);
    this.addSql(
      `create index "sign_in_link_email_hash_created_at_index" on "sign_in_link" ("email_hash", "created_at");`,
    );
    this.addSql(`create index "sign_in_link_client_created_at_index" on "sign_in_link" ("client", "created_at");`);

    this.addSql(
      `alter table "session" add constraint "session_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade;`,
    );

    this.addSql(`alter table "notification" drop constraint if exists "notification_recipient_kind_check";`);

    this.addSql(`alter table "audit_event" add column "actor_person_id" uuid null;`);

    this.addSql(
      `alter table "notification" add constraint "notification_recipient_kind_check" check("recipient_kind" in ('city', 'donor', 'secretariat', 'email', 'person'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "session" drop constraint "session_person_id_foreign";`);

    this.addSql(`drop table if exists "person" cascade;`);

    this.addSql(`drop table if exists "session" cascade;`);

    this.addSql(`drop table if exists "sign_in_link" cascade;`);

    this.addSql(`alter table "notification" drop constraint if exists "notification_recipient_kind_check";`);

    this.addSql(`alter table "audit_event" drop column "actor_person_id";`);

    this.addSql(
      `alter table "notification" add constraint "notification_recipient_kind_check" check("recipient_kind" in ('city', 'donor', 'secretariat', 'email'));`,
    );
  }
}
