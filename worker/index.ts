import { fileURLToPath } from 'node:url';
import {
  DefaultLogger,
  type NativeConnection,
  Runtime,
  Worker,
  type WorkerOptions as SdkWorkerOptions,
  bundleWorkflowCode,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import type { Logger } from '../platform/logger.js';
import { createActivities, type ActivityDeps } from '../activities/index.js';
import { activityInterceptors } from './interceptors.js';
import { SHARED_WORKFLOW_MODULES } from './shared-modules.js';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/**
 * Bundles workflow code once; tests and the replayer reuse the bundle. domain/ (and zod) is
 * evaluated once per workflow thread and shared, instead of once per cached workflow
 * (worker/shared-modules.ts: 3.3 MB → 60 kB of heap per cached workflow, bench/parked.ts).
 * `shared: false` copies it per workflow, as before: only for the bench that compares the two.
 */
export function bundleWorkflows(opts: { shared?: boolean } = {}): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    logger: quietBundlerLogger,
    preloadModules: opts.shared === false ? [] : SHARED_WORKFLOW_MODULES,
  });
}

const noop = () => {};
const quietBundlerLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };

export interface WorkerOptions extends ActivityDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  workflowBundle?: WorkflowBundleWithSourceMap;
  /** A bundle prebuilt by `npm run bundle` (the image's WORKFLOW_BUNDLE): no bundling at start. */
  workflowBundlePath?: string;
  /** The clients' data converter (ballots sealed by platform/ballot-codec.ts); without it, ballots stay plain. */
  dataConverter?: DataConverter;
  /** How many workflows stay in memory between tasks (WORKFLOW_CACHE_DEFAULT). */
  maxCachedWorkflows?: number;
  /** SDK worker options over ours, for a bench comparing settings (bench/parked.ts); production passes none. */
  tuning?: Partial<SdkWorkerOptions>;
}

/**
 * The workflow cache's size unless WORKER_MAX_CACHED_WORKFLOWS says otherwise. With domain/ and zod
 * shared (bundleWorkflows), a cached workflow holds about 0.2 MB of the workflow thread's heap
 * (bench/parked.ts: 250 cached in a 68 MB heap; 3.3 MB each when every workflow had its own copy,
 * which is why this was capped). Parked workflows are not the cache's concern: a workflow that is
 * not cached is replayed from its short history (tens of events) on its next task, which costs
 * milliseconds, not correctness. 250 keeps the thread under 100 MB; raise it for a worker whose
 * open workflows wake often.
 */
export const WORKFLOW_CACHE_DEFAULT = 250;

export async function createWorker(opts: WorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    activities: createActivities(opts),
    workflowBundle: opts.workflowBundlePath
      ? { codePath: opts.workflowBundlePath }
      : (opts.workflowBundle ?? (await bundleWorkflows())),
    // Data errors fail an activity at once instead of retrying for ever (worker/interceptors.ts).
    interceptors: { activity: [activityInterceptors] },
    dataConverter: opts.dataConverter,
    // Let running activities finish their database writes on SIGTERM.
    shutdownGraceTime: '10s',
    maxCachedWorkflows: opts.maxCachedWorkflows ?? WORKFLOW_CACHE_DEFAULT,
    ...opts.tuning,
  });
}

const SDK_LEVELS = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;

/**
 * Installs the SDK's runtime once, before any connection: its logs (worker, workflow and activity
 * loggers) through our pino logger, and its own metrics (pollers, task latencies, slots, workflow
 * completions and failures by type) as a Prometheus endpoint on `metricsAddress` (host:port) that the
 * worker's HTTP port serves again (worker/http.ts). Names follow Prometheus' conventions: counters
 * end in `_total`, durations are in seconds with the unit in the name.
 */
export function installSdkRuntime(opts: { logger?: Logger; metricsAddress?: string }): void {
  const { logger, metricsAddress } = opts;
  if (!logger && !metricsAddress) return;
  const level = (Object.entries(SDK_LEVELS).find(([, v]) => v === logger?.level)?.[0] ??
    'INFO') as keyof typeof SDK_LEVELS;
  Runtime.install({
    ...(logger
      ? {
          logger: new DefaultLogger(level, (entry) =>
            logger[SDK_LEVELS[entry.level]]({ ...entry.meta }, entry.message),
          ),
        }
      : {}),
    telemetryOptions: {
      // Core's own (Rust) lines forwarded to the same logger, not printed as coloured text on the console.
      ...(logger ? { logging: { forward: {}, filter: { core: 'WARN', other: 'ERROR' } } } : {}),
      ...(metricsAddress
        ? {
            metrics: {
              prometheus: {
                bindAddress: metricsAddress,
                countersTotalSuffix: true,
                unitSuffix: true,
                useSecondsForDurations: true,
              },
            },
          }
        : {}),
    },
  });
}
