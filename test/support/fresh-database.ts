import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { migrate, openOrm, type Orm } from '../../db/orm.js';
import { seedReferenceData } from '../../db/seed/index.js';
import { ensureDatabase } from '../../platform/embedded-postgres.js';

/**
 * A database of its own on the run's server, migrated and seeded, for tests of process-wide
 * machinery (such as outbox delivery) that must not see what other test files left behind.
 */
export async function freshDatabase(): Promise<{ orm: Orm; url: string; drop(): Promise<void> }> {
  const shared = new URL(inject('databaseUrl'));
  const name = `gnlc_iso_${randomUUID().slice(0, 8)}`;
  const admin = new URL(shared);
  admin.pathname = '/postgres';
  await ensureDatabase(admin.toString(), name);
  const url = new URL(shared);
  url.pathname = `/${name}`;
  const orm = await openOrm(url.toString());
  await migrate(orm);
  await seedReferenceData(orm.em.fork() as never);
  return {
    orm,
    url: url.toString(),
    async drop() {
      await orm.close();
      const client = new pg.Client({ connectionString: admin.toString() });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    },
  };
}
