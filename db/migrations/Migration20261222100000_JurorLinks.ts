import { Migration } from '@mikro-orm/migrations';

/**
 * A juror's single-purpose link: one per juror (so per call), its token stored as a SHA-256 hash; it
 * lets that juror score the call's applications under jury review, until it expires or the call closes.
 */
export class Migration20261222100000_JurorLinks extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "membership_juror_link" ("token_hash" varchar(64) not null, "juror_id" uuid not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, constraint "membership_juror_link_pkey" primary key ("token_hash"));`,
    );
    this.addSql(
      `alter table "membership_juror_link" add constraint "membership_juror_link_juror_id_unique" unique ("juror_id");`,
    );
    this.addSql(
      `alter table "membership_juror_link" add constraint "membership_juror_link_juror_id_foreign" foreign key ("juror_id") references "membership_juror" ("id") on update cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "membership_juror_link" cascade;`);
  }
}
