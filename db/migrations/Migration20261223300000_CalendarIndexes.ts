import { Migration } from '@mikro-orm/migrations';

/**
 * The common schedule's earliest events at 100× today's workshops (db/queries/calendar.ts): each of a
 * workshop's three dates in (date, id) order, so "the earliest `limit`" reads that many index entries
 * per date instead of every workshop of the year. The outcomes' due date is planned from the end until
 * the workflow fixes it, so its index is on an expression, `workshop_outcomes_due`: declared immutable
 * although a text-to-interval cast is only stable (the cast reads IntervalStyle for SQL-standard input);
 * `settings.outcomesDue` is always an ISO 8601 duration (boundedDuration), whose parse no setting changes.
 */
export class Migration20261223300000_CalendarIndexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create function "workshop_outcomes_due"(due timestamptz, ends_at timestamptz, lead text) returns timestamptz
         language sql immutable parallel safe
         -- in UTC wall time, as the workflow's addDuration: no DST shift from the session zone
         return coalesce(due, ((ends_at at time zone 'UTC') + lead::interval) at time zone 'UTC');`,
    );
    this.addSql(`create index "workshop_starts_at_id_index" on "workshop" ("starts_at", "id");`);
    this.addSql(`create index "workshop_rsvp_by_id_index" on "workshop" ("rsvp_by", "id");`);
    this.addSql(
      `create index "workshop_outcomes_due_id_index" on "workshop" (workshop_outcomes_due("outcomes_due_at", "ends_at", "settings"->>'outcomesDue'), "id");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "workshop_outcomes_due_id_index";`);
    this.addSql(`drop index "workshop_rsvp_by_id_index";`);
    this.addSql(`drop index "workshop_starts_at_id_index";`);
    this.addSql(`drop function "workshop_outcomes_due"(timestamptz, timestamptz, text);`);
  }
}
