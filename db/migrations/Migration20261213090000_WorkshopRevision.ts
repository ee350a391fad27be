import { Migration } from '@mikro-orm/migrations';

/**
 * A workshop's schedule revision (the workflow's, raised by every reschedule): the iCalendar feed's
 * SEQUENCE, so a subscribed calendar replaces a moved event instead of keeping the old time.
 */
export class Migration20261213090000_WorkshopRevision extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "workshop" add column "revision" int not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "workshop" drop column "revision";`);
  }
}
