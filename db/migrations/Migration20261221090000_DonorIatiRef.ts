import { Migration } from '@mikro-orm/migrations';

/**
 * A donor's IATI organisation identifier (e.g. `GB-GOV-1`), when it has one: the IATI activity file
 * (domain/iati.ts) names a provider by it; without one, by its name only.
 */
export class Migration20261221090000_DonorIatiRef extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "donor" add column "iati_org_ref" varchar(100) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "donor" drop column "iati_org_ref";`);
  }
}
