import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { createApp } from '../../api/app.js';
import { openOrm, type Orm } from '../../db/orm.js';
import { loadConfig, publicBase, type Config } from '../../platform/config.js';
import { startOutboxDelivery } from '../../platform/outbox.js';
import { freePort } from './global-setup.js';
import { createLogger, type Logger } from '../../platform/logger.js';
import { createWorker } from '../../worker/index.js';
import { afterAll, beforeAll, inject } from 'vitest';
import { fixtures, httpClient, type Fixtures, type Http } from './http.js';
import { TEST_BALLOT_KEY, testDataConverter } from './ballot-key.js';

export const SECRETARIAT = 'test-secretariat-token-0123456789';

export interface TestApp {
  url: string;
  orm: Orm;
  client: Client;
  taskQueue: string;
  worker?: Worker;
  close(): Promise<void>;
}

/**
 * The real API on an ephemeral port, against the run's PostgreSQL and Temporal dev server, with an
 * in-process worker on a task queue of its own (so test files never steal each other's tasks).
 */
export async function startTestApp(
  opts: {
    worker?: boolean;
    env?: Record<string, string>;
    /** Delivers the outbox to this SMTP URL (use a database of its own: delivery takes every pending message). */
    smtpUrl?: string;
    /** A database of the test file's own (test/support/fresh-database.ts); default: the run's shared one. */
    orm?: Orm;
    /** The API's Temporal frontend (e.g. through a TCP proxy a test can cut); default: the run's server. */
    temporalAddress?: string;
    /** The API's logger (a test that reads the log lines); default: silent. */
    logger?: Logger;
  } = {},
): Promise<TestApp> {
  const taskQueue = `test-${randomUUID()}`;
  // A port chosen first, so that PUBLIC_URL (links in e-mails, the origin sessions must come from) is the real one.
  const port = await freePort();
  const config: Config = loadConfig({
    SECRETARIAT_TOKEN: SECRETARIAT,
    TEMPORAL_TASK_QUEUE: taskQueue,
    LOG_LEVEL: 'silent',
    // Failures are counted in the shared database per address, and every test calls from 127.0.0.1:
    // the limit is exercised by its own test (test/api/auth.test.ts), with addresses of its own.
    AUTH_FAILURES_PER_MINUTE: '100000',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    BALLOT_KEY: TEST_BALLOT_KEY,
    ...(opts.smtpUrl ? { SMTP_URL: opts.smtpUrl } : {}),
    ...opts.env,
  });
  const logger = opts.logger ?? createLogger('silent');
  const orm = opts.orm ?? (await openOrm(inject('databaseUrl'), { pool: { min: 0, max: 20 } }));
  const connection = await Connection.connect({ address: opts.temporalAddress ?? inject('temporalAddress') });
  const dataConverter = testDataConverter();
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter });
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let nativeConnection: NativeConnection | undefined;
  if (opts.worker !== false) {
    nativeConnection = await NativeConnection.connect({ address: inject('temporalAddress') });
    worker = await createWorker({
      connection: nativeConnection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue,
      orm,
      logger,
      dataConverter,
      workflowBundlePath: inject('workflowBundlePath'),
    });
    running = worker.run();
  }
  const stopOutbox = opts.smtpUrl
    ? startOutboxDelivery({
        orm,
        logger,
        smtpUrl: opts.smtpUrl,
        from: config.SMTP_FROM,
        appUrl: publicBase(config),
        intervalMs: 200,
      })
    : async () => {};
  const { app } = createApp({ orm, temporal: client, config, logger });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(port, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    orm,
    client,
    taskQueue,
    worker,
    async close() {
      await new Promise((r) => server.close(r));
      await stopOutbox();
      if (worker && worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await nativeConnection?.close();
      await connection.close();
      if (!opts.orm) await orm.close();
    },
  };
}

/** The API with a client and fixtures bound to it: what every HTTP test file starts with. */
export async function openTestApp(
  opts: Parameters<typeof startTestApp>[0] = {},
): Promise<{ app: TestApp; http: Http; fx: Fixtures }> {
  const app = await startTestApp(opts);
  const http = httpClient(app.url);
  return { app, http, fx: fixtures(http) };
}

export { sqlOn } from './sql.js';

/**
 * The file's API, started before its tests and closed after them. `http` and `fx` can be taken at
 * once: they resolve the app's address when a request is made.
 */
export function useTestApp(opts: Parameters<typeof startTestApp>[0] = {}): {
  readonly app: TestApp;
  http: Http;
  fx: Fixtures;
} {
  let app: TestApp | undefined;
  const http = httpClient(() => {
    if (!app) throw new Error('the test app is not started yet');
    return app.url;
  });
  beforeAll(async () => {
    app = await startTestApp(opts);
  });
  afterAll(() => app?.close());
  return {
    get app() {
      if (!app) throw new Error('the test app is not started yet');
      return app;
    },
    http,
    fx: fixtures(http),
  };
}
