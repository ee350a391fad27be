import { Migration } from '@mikro-orm/migrations';

/** Outbox delivery with a lease per claimed message and backoff over hours; failed messages are kept, marked. */
export class Migration20261210090000_OutboxBackoff extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "notification" add column "next_attempt_at" timestamptz not null default now(), add column "failed_at" timestamptz null;`,
    );
    this.addSql(`create index "notification_next_attempt_at_index" on "notification" ("next_attempt_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "notification_next_attempt_at_index";`);
    this.addSql(`alter table "notification" drop column "next_attempt_at", drop column "failed_at";`);
  }
}
