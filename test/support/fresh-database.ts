import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { migrate, openOrm, type Orm } from '../../db/orm.js';
import { seedReferenceData } from '../../db/seed/index.js';

const adminUrl = (databaseUrl: string) => {
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  return admin.toString();
};

async function onAdmin(databaseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl(databaseUrl) });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The run's template (test/support/global-setup.ts): migrated and seeded once, so that a fresh
 * database is a file copy instead of every migration again. Nothing stays connected to it.
 */
export async function createTemplateDatabase(databaseUrl: string): Promise<{ name: string; drop(): Promise<void> }> {
  const name = `gnlc_tmpl_${randomUUID().slice(0, 8)}`;
  await onAdmin(databaseUrl, `create database ${quoted(name)}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const orm = await openOrm(url.toString());
  await migrate(orm);
  await seedReferenceData(orm.em.fork() as never);
  await orm.close();
  return { name, drop: () => onAdmin(databaseUrl, `drop database if exists ${quoted(name)} with (force)`) };
}

/**
 * A database of its own on the run's server, migrated and seeded, for tests of process-wide
 * machinery (such as outbox delivery) that must not see what other test files left behind.
 */
export async function freshDatabase(): Promise<{ orm: Orm; url: string; drop(): Promise<void> }> {
  const shared = inject('databaseUrl');
  const name = `gnlc_iso_${randomUUID().slice(0, 8)}`;
  await onAdmin(shared, `create database ${quoted(name)} template ${quoted(inject('templateDatabase'))}`);
  const url = new URL(shared);
  url.pathname = `/${name}`;
  const orm = await openOrm(url.toString());
  return {
    orm,
    url: url.toString(),
    async drop() {
      await orm.close();
      await onAdmin(shared, `drop database if exists ${quoted(name)} with (force)`);
    },
  };
}
