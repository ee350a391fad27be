import { Migration } from '@mikro-orm/migrations';

/** One name for the lifecycle field of every process: an election's `phase` becomes its `status`. */
export class Migration20261201100200_ElectionStatus extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "election" rename column "phase" to "status";`);
    this.addSql(`alter table "election" rename constraint "election_phase_check" to "election_status_check";`);
    this.addSql(`alter index "election_cluster_code_phase_index" rename to "election_cluster_code_status_index";`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter index "election_cluster_code_status_index" rename to "election_cluster_code_phase_index";`);
    this.addSql(`alter table "election" rename constraint "election_status_check" to "election_phase_check";`);
    this.addSql(`alter table "election" rename column "status" to "phase";`);
  }
}
