// Typed access to the engine's workflows for the API: business-key IDs in, typed messages out.
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { cycleId } from '../domain/election.js';
import type { CycleInput, ElectionRequest } from '../domain/election-process.js';
import { clusterCycleWorkflow, requestElectionUpdate } from '../workflows/cluster-cycle.js';

/** The cycle of a cluster, started if it is not running yet (the update and the start are one call). */
export function requestElection(client: Client, taskQueue: string, cluster: string, req: ElectionRequest, cycle: Omit<CycleInput, 'cluster'> = {}) {
  const start = new WithStartWorkflowOperation(clusterCycleWorkflow, {
    workflowId: cycleId(cluster),
    taskQueue,
    args: [{ cluster, ...cycle }],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  return client.workflow.executeUpdateWithStart(requestElectionUpdate, { args: [req], startWorkflowOperation: start });
}

/** Starts every cycle that is not running; already running ones are left alone. */
export async function ensureCycle(client: Client, taskQueue: string, cluster: string, cycle: Omit<CycleInput, 'cluster'> = {}): Promise<void> {
  await client.workflow.start(clusterCycleWorkflow, {
    workflowId: cycleId(cluster),
    taskQueue,
    args: [{ cluster, ...cycle }],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
}

/**
 * Runs `start` (a workflow start after the API wrote the row it projects to); if it fails, `undo`
 * takes the row back and the failure goes on.
 */
export async function startOrUndo<T>(start: () => Promise<T>, undo: () => Promise<unknown>): Promise<T> {
  try {
    return await start();
  } catch (err) {
    await undo();
    throw err;
  }
}
