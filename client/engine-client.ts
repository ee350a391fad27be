// The Temporal client of the engine's API processes: requests that start or message a process are
// refused fast when no worker can run it (client/availability.ts).
import { Client, type Connection, type DataConverter } from '@temporalio/client';
import { WorkerAvailability, availabilityInterceptor } from './availability.js';

export function engineClient(opts: {
  connection: Connection;
  namespace: string;
  taskQueue: string;
  dataConverter?: DataConverter;
}): {
  client: Client;
  availability: WorkerAvailability;
} {
  const availability = new WorkerAvailability(() => client.workflowService, opts.namespace, opts.taskQueue);
  const client: Client = new Client({
    connection: opts.connection,
    namespace: opts.namespace,
    ...(opts.dataConverter ? { dataConverter: opts.dataConverter } : {}),
    interceptors: { workflow: [availabilityInterceptor(availability, () => opts.connection)] },
  });
  return { client, availability };
}
