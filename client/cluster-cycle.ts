// Typed client access to a cluster's cycle workflow, for the API (elections) and the worker (start-up):
// business-key IDs in, typed messages out.
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { clusterCycleWorkflowId, type CycleInput, type ElectionRequest } from '../domain/cluster-cycle.js';
import { clusterCycleWorkflow, followCurrentTermSignal, requestElectionUpdate } from '../workflows/cluster-cycle.js';

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

/**
 * Starts the cycle if it is not running, and asks it (a running one too) to follow its current term's
 * advisory session if nothing does yet (a run begun before that existed); one call, signal-with-start.
 */
export async function ensureCycle(
  client: Client,
  taskQueue: string,
  cluster: string,
  cycle: Omit<CycleInput, 'cluster'> = {},
): Promise<void> {
  await client.workflow.signalWithStart(clusterCycleWorkflow, {
    workflowId: clusterCycleWorkflowId(cluster),
    taskQueue,
    args: [{ cluster, ...cycle }],
    signal: followCurrentTermSignal,
    signalArgs: [],
  });
}
