import { Migration } from '@mikro-orm/migrations';

/** Failed authentication attempts, counted in PostgreSQL so every API replica limits alike. */
export class Migration20261201111000_AuthFailure extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "auth_failure" ("key" varchar(200) not null, "window_start" timestamptz not null, "count" int not null, constraint "auth_failure_pkey" primary key ("key"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "auth_failure" cascade;`);
  }
}
