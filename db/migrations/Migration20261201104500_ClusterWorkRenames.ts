import { Migration } from '@mikro-orm/migrations';

// Cluster work speaks of a work phase's `biennium` (was `period`), and a foreign key to a work
// phase is `work_phase_id` (was `phase_id`). Renames only: no data changes.
export class Migration20261201104500_ClusterWorkRenames extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "work_phase" rename column "period" to "biennium";`);
    this.addSql(
      `alter table "work_phase" rename constraint "work_phase_cluster_code_period_unique" to "work_phase_cluster_code_biennium_unique";`,
    );

    this.addSql(`alter table "workshop" rename column "phase_id" to "work_phase_id";`);
    this.addSql(
      `alter table "workshop" rename constraint "workshop_phase_id_foreign" to "workshop_work_phase_id_foreign";`,
    );

    this.addSql(`alter table "workplan_version" rename column "phase_id" to "work_phase_id";`);
    this.addSql(
      `alter table "workplan_version" rename constraint "workplan_version_phase_id_foreign" to "workplan_version_work_phase_id_foreign";`,
    );
    this.addSql(
      `alter table "workplan_version" rename constraint "workplan_version_phase_id_version_unique" to "workplan_version_work_phase_id_version_unique";`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "workplan_version" rename constraint "workplan_version_work_phase_id_version_unique" to "workplan_version_phase_id_version_unique";`,
    );
    this.addSql(
      `alter table "workplan_version" rename constraint "workplan_version_work_phase_id_foreign" to "workplan_version_phase_id_foreign";`,
    );
    this.addSql(`alter table "workplan_version" rename column "work_phase_id" to "phase_id";`);

    this.addSql(
      `alter table "workshop" rename constraint "workshop_work_phase_id_foreign" to "workshop_phase_id_foreign";`,
    );
    this.addSql(`alter table "workshop" rename column "work_phase_id" to "phase_id";`);

    this.addSql(
      `alter table "work_phase" rename constraint "work_phase_cluster_code_biennium_unique" to "work_phase_cluster_code_period_unique";`,
    );
    this.addSql(`alter table "work_phase" rename column "biennium" to "period";`);
  }
}
