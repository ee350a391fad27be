import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes for the secretariat console's overview at 10× today's data: the common schedule's date
 * ranges (instalment due dates, with the pledge so the earliest come in the events' order and a
 * limit reads only them; meetings), and each reader's newest-first notifications: the
 * secretariat's (recipient kind secretariat or e-mail, a partial index, since an index on
 * (recipient_kind, created_at) cannot hand out two kinds' rows in one date order), a city's and a
 * donor's by recipient (these replace the single-column recipient indexes, whose lookups they serve).
 */
export class Migration20261211090000_OverviewIndexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "instalment_due_pledge_id_index" on "instalment" ("due", "pledge_id");`);
    this.addSql(`create index "coordinator_meeting_at_index" on "coordinator_meeting" ("at");`);
    this.addSql(`create index "coordinator_meeting_report_due_at_index" on "coordinator_meeting" ("report_due_at");`);
    this.addSql(
      `create index "notification_secretariat_created_at_index" on "notification" ("created_at") where "recipient_kind" in ('secretariat', 'email');`,
    );
    this.addSql(`drop index "notification_recipient_city_id_index";`);
    this.addSql(
      `create index "notification_recipient_city_id_created_at_index" on "notification" ("recipient_city_id", "created_at");`,
    );
    this.addSql(`drop index "notification_recipient_donor_id_index";`);
    this.addSql(
      `create index "notification_recipient_donor_id_created_at_index" on "notification" ("recipient_donor_id", "created_at");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "notification_recipient_donor_id_created_at_index";`);
    this.addSql(`create index "notification_recipient_donor_id_index" on "notification" ("recipient_donor_id");`);
    this.addSql(`drop index "notification_recipient_city_id_created_at_index";`);
    this.addSql(`create index "notification_recipient_city_id_index" on "notification" ("recipient_city_id");`);
    this.addSql(`drop index "notification_secretariat_created_at_index";`);
    this.addSql(`drop index "coordinator_meeting_report_due_at_index";`);
    this.addSql(`drop index "coordinator_meeting_at_index";`);
    this.addSql(`drop index "instalment_due_pledge_id_index";`);
  }
}
