// The Temporal client of the engine's API processes: requests that start or message a process are
// refused fast when no worker can run it (client/availability.ts).
import { Client, type Connection, type DataConverter } from '@temporalio/client';
import { WorkerAvailability, availabilityInterceptor } from './availability.js';
import { metricsInterceptor, type WorkflowCallRecorder } from './metrics.js';
import { summaryInterceptor } from './workflow-summary.js';

export function engineClient(opts: {
  connection: Connection;
  namespace: string;
  taskQueue: string;
  dataConverter?: DataConverter;
  /** Counts starts and updates for /metrics (client/metrics.ts). */
  record?: WorkflowCallRecorder;
}): {
  client: Client;
  availability: WorkerAvailability;
} {
  const availability = new WorkerAvailability(() => client.workflowService, opts.namespace, opts.taskQueue);
  const client: Client = new Client({
    connection: opts.connection,
    namespace: opts.namespace,
    ...(opts.dataConverter ? { dataConverter: opts.dataConverter } : {}),
    interceptors: {
      workflow: [
        ...(opts.record ? [metricsInterceptor(opts.record)] : []),
        availabilityInterceptor(availability, () => opts.connection),
        summaryInterceptor(),
      ],
    },
  });
  return { client, availability };
}
