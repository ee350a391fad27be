import { Migration } from '@mikro-orm/migrations';

// The partner pipeline: public inquiries (partner_inquiry), donors that are prospects until the
// secretariat makes them active (donor.status), and the contact log per donor (donor_contact).

export class Migration20261217090000_Pipeline extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "partner_inquiry" ("id" uuid not null, "organisation" varchar(200) not null, "donor_type" text check ("donor_type" in ('member_city', 'national_government', 'regional_government', 'multilateral', 'corporate', 'foundation', 'civil_society', 'educational_institution', 'think_tank', 'research_institute')) not null, "country_code" varchar(2) not null, "contact_name" varchar(200) not null, "contact_email" varchar(254) not null, "email_hash" varchar(64) not null, "interest" text[] not null default '{}', "message" text null, "language" varchar(2) not null default 'en', "status" text check ("status" in ('in_discussion', 'pledged', 'declined')) not null default 'in_discussion', "token_hash" varchar(64) not null, "expires_at" timestamptz not null, "confirmed_at" timestamptz null, "donor_id" uuid null, "client" varchar(64) not null, "created_at" timestamptz not null, constraint "partner_inquiry_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "partner_inquiry" add constraint "partner_inquiry_token_hash_unique" unique ("token_hash");`,
    );
    this.addSql(
      `create index "partner_inquiry_client_created_at_index" on "partner_inquiry" ("client", "created_at");`,
    );
    this.addSql(
      `create index "partner_inquiry_email_hash_created_at_index" on "partner_inquiry" ("email_hash", "created_at");`,
    );

    this.addSql(
      `create table "donor_contact" ("id" uuid not null, "donor_id" uuid not null, "kind" text check ("kind" in ('meeting', 'call', 'email', 'note')) not null, "date" date not null, "by_person_id" uuid null, "by_name" varchar(200) not null, "note" text not null, "next_step" varchar(300) null, "next_due" date null, "next_status" text check ("next_status" in ('open', 'done')) null, "next_done_at" timestamptz null, "reminded" int not null default 0, "revision" int not null default 0, "created_at" timestamptz not null, constraint "donor_contact_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "donor_contact_donor_id_date_index" on "donor_contact" ("donor_id", "date");`);

    this.addSql(
      `alter table "partner_inquiry" add constraint "partner_inquiry_country_code_foreign" foreign key ("country_code") references "country" ("code") on update cascade;`,
    );
    this.addSql(
      `alter table "partner_inquiry" add constraint "partner_inquiry_donor_id_foreign" foreign key ("donor_id") references "donor" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "donor_contact" add constraint "donor_contact_donor_id_foreign" foreign key ("donor_id") references "donor" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "donor_contact" add constraint "donor_contact_by_person_id_foreign" foreign key ("by_person_id") references "person" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "donor" add column "status" text check ("status" in ('prospect', 'active')) not null default 'active';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "partner_inquiry" cascade;`);

    this.addSql(`drop table if exists "donor_contact" cascade;`);

    this.addSql(`alter table "donor" drop column "status";`);
  }
}
