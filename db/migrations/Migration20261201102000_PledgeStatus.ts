import { Migration } from '@mikro-orm/migrations';

// One word per idea: a pledge's lifecycle field is its status (was: stage), like every process's.
export class Migration20261201102000_PledgeStatus extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "pledge" rename column "stage" to "status";`);
    this.addSql(`alter table "pledge" rename column "stage_entered_at" to "status_since";`);
    this.addSql(`alter table "pledge" rename constraint "pledge_stage_check" to "pledge_status_check";`);
    this.addSql(`alter index "pledge_biennium_stage_index" rename to "pledge_biennium_status_index";`);

    this.addSql(`alter table "pledge_stage_change" rename to "pledge_status_change";`);
    this.addSql(`alter table "pledge_status_change" rename column "from_stage" to "from_status";`);
    this.addSql(`alter table "pledge_status_change" rename column "to_stage" to "to_status";`);
    this.addSql(
      `alter table "pledge_status_change" rename constraint "pledge_stage_change_from_stage_check" to "pledge_status_change_from_status_check";`,
    );
    this.addSql(
      `alter table "pledge_status_change" rename constraint "pledge_stage_change_to_stage_check" to "pledge_status_change_to_status_check";`,
    );
    this.addSql(
      `alter table "pledge_status_change" rename constraint "pledge_stage_change_pkey" to "pledge_status_change_pkey";`,
    );
    this.addSql(
      `alter table "pledge_status_change" rename constraint "pledge_stage_change_pledge_id_seq_unique" to "pledge_status_change_pledge_id_seq_unique";`,
    );
    this.addSql(
      `alter table "pledge_status_change" rename constraint "pledge_stage_change_pledge_id_foreign" to "pledge_status_change_pledge_id_foreign";`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "pledge_status_change" rename constraint "pledge_status_change_pledge_id_foreign" to "pledge_stage_change_pledge_id_foreign";`,
    );
    this.addSql(
      `alter table "pledge_status_change" rename constraint "pledge_status_change_pledge_id_seq_unique" to "pledge_stage_change_pledge_id_seq_unique";`,
    );
    this.addSql(
      `alter table "pledge_status_change" rename constraint "pledge_status_change_pkey" to "pledge_stage_change_pkey";`,
    );
    this.addSql(
      `alter table "pledge_status_change" rename constraint "pledge_status_change_to_status_check" to "pledge_stage_change_to_stage_check";`,
    );
    this.addSql(
      `alter table "pledge_status_change" rename constraint "pledge_status_change_from_status_check" to "pledge_stage_change_from_stage_check";`,
    );
    this.addSql(`alter table "pledge_status_change" rename column "to_status" to "to_stage";`);
    this.addSql(`alter table "pledge_status_change" rename column "from_status" to "from_stage";`);
    this.addSql(`alter table "pledge_status_change" rename to "pledge_stage_change";`);

    this.addSql(`alter index "pledge_biennium_status_index" rename to "pledge_biennium_stage_index";`);
    this.addSql(`alter table "pledge" rename constraint "pledge_status_check" to "pledge_stage_check";`);
    this.addSql(`alter table "pledge" rename column "status_since" to "stage_entered_at";`);
    this.addSql(`alter table "pledge" rename column "status" to "stage";`);
  }
}
