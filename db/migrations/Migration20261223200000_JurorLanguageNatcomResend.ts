import { Migration } from '@mikro-orm/migrations';

/**
 * A juror's language (its messages are written in it unless the person chose their own by signing
 * in), and the National Commission's links the secretariat replaces: a resent link is marked
 * `resend` (its own numbering in `round`, apart from the workflow's mailings), and every earlier link
 * of the application gets `replaced_at`, after which it no longer opens the application.
 */
export class Migration20261223200000_JurorLanguageNatcomResend extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "membership_juror" add column "language" text check ("language" in ('en', 'fr')) not null default 'en';`,
    );
    this.addSql(
      `alter table "membership_natcom_link" add column "resend" boolean not null default false, add column "replaced_at" timestamptz null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "membership_natcom_link" drop column "resend", drop column "replaced_at";`);
    this.addSql(`alter table "membership_juror" drop column "language";`);
  }
}
