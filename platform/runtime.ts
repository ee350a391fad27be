import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection } from '@temporalio/worker';
import { migrate, openOrm, type Orm } from '../db/orm.js';
import { seedReferenceData } from '../db/seed/index.js';
import type { Config } from './config.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import type { Logger } from './logger.js';
import { startDevServer } from './temporal-server.js';
import { ormLogging } from './orm-logger.js';
import { summaryInterceptor } from '../client/workflow-summary.js';

/** Things started by this process, stopped in reverse order on shutdown. */
export class Resources {
  private readonly stops: { name: string; stop: () => Promise<unknown> }[] = [];
  add(name: string, stop: () => Promise<unknown>): void {
    this.stops.push({ name, stop });
  }
  async stopAll(logger: Logger): Promise<void> {
    for (const { name, stop } of this.stops.reverse()) {
      try {
        await stop();
      } catch (err) {
        logger.warn({ err }, `stopping ${name} failed`);
      }
    }
    this.stops.length = 0;
  }
}

/** DATABASE_URL, or an embedded PostgreSQL whose data lives under DATA_DIR; migrated and seeded. */
export async function openDatabase(config: Config, resources: Resources, logger: Logger): Promise<Orm> {
  let url = config.DATABASE_URL;
  if (!url) {
    const dir = join(config.DATA_DIR, 'pg');
    logger.info({ dir }, 'DATABASE_URL not set: starting embedded PostgreSQL');
    const db = await startEmbeddedPostgres({ dir, port: config.EMBEDDED_PG_PORT, database: 'gnlc', persistent: true });
    resources.add('embedded PostgreSQL', db.stop);
    url = db.url;
  }
  const orm = await openOrm(url, ormLogging(logger));
  resources.add('database pool', () => orm.close());
  const applied = await migrate(orm);
  if (applied.length) logger.info({ applied }, 'migrations applied');
  await seedReferenceData(orm.em.fork() as never);
  return orm;
}

export interface TemporalHandles {
  client: Client;
  nativeConnection: NativeConnection;
  address: string;
  uiUrl?: string;
}

/** TEMPORAL_ADDRESS, or `temporal server start-dev` with its SQLite file under DATA_DIR. */
export async function connectTemporal(
  config: Config,
  resources: Resources,
  logger: Logger,
  /** Clients seal ballots with it; the worker must be given the same (platform/ballot-codec.ts). */
  dataConverter?: DataConverter,
): Promise<TemporalHandles> {
  if (config.TEMPORAL_ADDRESS) {
    const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
    resources.add('temporal client connection', () => connection.close());
    const nativeConnection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
    resources.add('temporal worker connection', () => nativeConnection.close());
    return {
      client: new Client({
        connection,
        namespace: config.TEMPORAL_NAMESPACE,
        dataConverter,
        interceptors: { workflow: [summaryInterceptor()] },
      }),
      nativeConnection,
      address: config.TEMPORAL_ADDRESS,
    };
  }
  const { mkdir } = await import('node:fs/promises');
  await mkdir(config.DATA_DIR, { recursive: true });
  logger.info('TEMPORAL_ADDRESS not set: starting temporal server start-dev');
  const env = await startDevServer({
    dbFilename: join(config.DATA_DIR, 'temporal.db'),
    port: config.TEMPORAL_PORT,
    uiPort: config.TEMPORAL_UI_PORT,
    namespace: config.TEMPORAL_NAMESPACE,
  });
  resources.add('temporal dev server', () => env.teardown());
  return {
    client: new Client({
      connection: env.connection,
      namespace: config.TEMPORAL_NAMESPACE,
      dataConverter,
      interceptors: { workflow: [summaryInterceptor()] },
    }),
    nativeConnection: env.nativeConnection,
    address: env.address,
    uiUrl: `http://127.0.0.1:${config.TEMPORAL_UI_PORT}`,
  };
}
