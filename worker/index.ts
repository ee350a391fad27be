import { fileURLToPath } from 'node:url';
import {
  DefaultLogger,
  type NativeConnection,
  Runtime,
  Worker,
  bundleWorkflowCode,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import type { Logger } from '../platform/logger.js';
import { createActivities, type ActivityDeps } from '../activities/index.js';
import { activityInterceptors } from './interceptors.js';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/** Bundles workflow code once; tests and the replayer reuse the bundle. */
export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietBundlerLogger });
}

const noop = () => {};
const quietBundlerLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };

export interface WorkerOptions extends ActivityDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  workflowBundle?: WorkflowBundleWithSourceMap;
  /** The clients' data converter (ballots sealed by platform/ballot-codec.ts); without it, ballots stay plain. */
  dataConverter?: DataConverter;
}

export async function createWorker(opts: WorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    activities: createActivities(opts),
    workflowBundle: opts.workflowBundle ?? (await bundleWorkflows()),
    // Data errors fail an activity at once instead of retrying for ever (worker/interceptors.ts).
    interceptors: { activity: [activityInterceptors] },
    dataConverter: opts.dataConverter,
    // Let running activities finish their database writes on SIGTERM.
    shutdownGraceTime: '10s',
  });
}

const SDK_LEVELS = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;

/** Routes the SDK's logs (worker, workflow and activity loggers, and core's) through our pino logger. */
export function installSdkLogger(logger: Logger): void {
  const level = (Object.entries(SDK_LEVELS).find(([, v]) => v === logger.level)?.[0] ??
    'INFO') as keyof typeof SDK_LEVELS;
  Runtime.install({
    logger: new DefaultLogger(level, (entry) => logger[SDK_LEVELS[entry.level]]({ ...entry.meta }, entry.message)),
    // Core's own (Rust) lines forwarded to the same logger, not printed as coloured text on the console.
    telemetryOptions: { logging: { forward: {}, filter: { core: 'WARN', other: 'ERROR' } } },
  });
}
