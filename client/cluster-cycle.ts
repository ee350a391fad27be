// Typed client access to a cluster's cycle workflow, for the API (elections) and the worker (start-up):
// business-key IDs in, typed messages out.
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { clusterCycleWorkflowId, type CycleInput, type ElectionRequest } from '../domain/cluster-cycle.js';
import { clusterCycleWorkflow, requestElectionUpdate } from '../workflows/cluster-cycle.js';

/** The cycle of a cluster, started if it is not running yet (the update and the start are one call). */
export function requestElection(
  client: Client,
  taskQueue: string,
  cluster: string,
  req: ElectionRequest,
  cycle: Omit<CycleInput, 'cluster'> = {},
) {
  const start = new WithStartWorkflowOperation(clusterCycleWorkflow, {
    workflowId: clusterCycleWorkflowId(cluster),
    taskQueue,
    args: [{ cluster, ...cycle }],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  return client.workflow.executeUpdateWithStart(requestElectionUpdate, { args: [req], startWorkflowOperation: start });
}

/** Starts every cycle that is not running; already running ones are left alone. */
export async function ensureCycle(
  client: Client,
  taskQueue: string,
  cluster: string,
  cycle: Omit<CycleInput, 'cluster'> = {},
): Promise<void> {
  await client.workflow.start(clusterCycleWorkflow, {
    workflowId: clusterCycleWorkflowId(cluster),
    taskQueue,
    args: [{ cluster, ...cycle }],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
}
