import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrate, openOrm } from '../../db/orm.js';
import { seedReferenceData } from '../../db/seed/index.js';
import { startEmbeddedPostgres } from '../../platform/embedded-postgres.js';
import { startDevServer } from '../../platform/temporal-server.js';
import { bundleWorkflows } from '../../worker/index.js';
import { createTemplateDatabase } from './fresh-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    temporalAddress: string;
    /** The workflow code bundled once for the run (every worker, in process or not, loads it). */
    workflowBundlePath: string;
    /** A migrated, seeded database that test/support/fresh-database.ts copies. */
    templateDatabase: string;
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * One database and one Temporal dev server for the whole run: DATABASE_URL when set (CI gives a
 * fresh database), else an embedded PostgreSQL in a temporary folder.
 */
export default async function setup(project: TestProject) {
  const stops: (() => Promise<unknown>)[] = [];
  let url = process.env.DATABASE_URL;
  if (!url) {
    const dir = await mkdtemp(join(tmpdir(), 'gnlc-test-pg-'));
    await chmod(dir, 0o755); // the embedded server runs as the 'postgres' user
    const db = await startEmbeddedPostgres({
      dir: join(dir, 'data'),
      port: await freePort(),
      database: 'gnlc_test',
      persistent: false,
    });
    stops.push(async () => {
      await db.stop();
      await rm(dir, { recursive: true, force: true });
    });
    url = db.url;
  }
  const orm = await openOrm(url);
  await migrate(orm);
  await seedReferenceData(orm.em.fork() as never);
  await orm.close();
  const template = await createTemplateDatabase(url);
  stops.push(() => template.drop());

  const temporal = await startDevServer({});
  stops.push(() => temporal.teardown());

  // Bundling takes seconds of both cores; once per run instead of once per worker.
  const bundleDir = await mkdtemp(join(tmpdir(), 'gnlc-test-bundle-'));
  const workflowBundlePath = join(bundleDir, 'workflow-bundle.js');
  await writeFile(workflowBundlePath, (await bundleWorkflows()).code);
  stops.push(() => rm(bundleDir, { recursive: true, force: true }));

  project.provide('databaseUrl', url);
  project.provide('temporalAddress', temporal.address);
  project.provide('workflowBundlePath', workflowBundlePath);
  project.provide('templateDatabase', template.name);
  return async () => {
    // Vitest has set the exit code by now; something in the Temporal runtime's shutdown resets it
    // to 0 on the way out (seen: a failing run exiting 0), so it is put back as the process exits.
    const code = process.exitCode;
    for (const stop of stops.reverse()) await stop();
    process.once('exit', () => {
      if (code) process.exitCode = code;
    });
  };
}
