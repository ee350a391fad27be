import { Migration } from '@mikro-orm/migrations';

/**
 * Messages in their reader's language with a link to the reader's page: a representative's
 * language on the membership (set by the secretariat; a person's own choice wins once they sign in),
 * and the web app path each message links to. Undelivered messages keep the link they had (the
 * console's page of their resource).
 */
export class Migration20261212090000_MessageLanguage extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "membership" add column "language" text check ("language" in ('en', 'fr')) not null default 'en';`,
    );
    this.addSql(`alter table "notification" add column "link" varchar(500) null;`);
    this.addSql(
      `update "notification" set "link" = '/app' || "resource" where "resource" is not null and "delivered_at" is null and "failed_at" is null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "notification" drop column "link";`);
    this.addSql(`alter table "membership" drop column "language";`);
  }
}
